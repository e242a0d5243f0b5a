/**
 * VEHICLE_ID: vehicle identification numbers and license plates.
 * - VIN: 17 capitals and digits without I/O/Q. A valid check digit (position 9) is strong; the shape with
 *   a numeric serial (last 4 digits) but no valid check digit is medium (VINs outside North America carry
 *   none); other 17-character shapes are weak. After a "VIN" label, 11-17 characters are strong.
 * - Plates: only after a plate label ("license plate", "plate #", "tag", "registration"), with a capital
 *   group printed apart kept in the span ("Plate: ABC 1234"). Strong after a plate label, medium after an
 *   everyday word with a marker ("Tag #: 7XYZ123").
 */
import type { Candidate, Confidence, Recognizer } from "../candidate.js";
import { vinShape, vinValid } from "../validators.js";
import { capsPrefix, labelOf, labelTable } from "./number-labels.js";
import { type CodeToken, codeTokens, notAnId, publicCode, unitAfter } from "./number-tokens.js";

const VIN_LABELS = labelTable(["vin", "vehicle identification", "vehicle id", "chassis", "vin id"]);
const PLATE_LABELS = labelTable(
  [
    "license plate",
    "licence plate",
    "lic plate",
    "plate",
    "plates",
    "number plate",
    "registration plate",
    "reg plate",
    "vehicle registration",
    "vehicle tag",
    "license tag",
    "tag number",
  ],
  ["tag", "registration", "reg", "lp"],
);

function vin(text: string, t: CodeToken, found: Candidate[]): boolean {
  const v = t.text;
  if (t.groups !== 1 || v.length < 11 || v.length > 17) return false;
  const labelled = labelOf(text, t, VIN_LABELS) !== undefined;
  if (labelled) {
    found.push({
      identifier: "VEHICLE_ID",
      start: t.start,
      end: t.end,
      confidence: "strong",
      rule: "vin-labelled",
    });
    return true;
  }
  if (v.length !== 17 || t.letters === 0 || !vinShape(v)) return false;
  let confidence: Confidence = "weak";
  if (vinValid(v)) confidence = "strong";
  else if (/\d{4}$/.test(v)) confidence = "medium";
  found.push({ identifier: "VEHICLE_ID", start: t.start, end: t.end, confidence, rule: `vin-${confidence}` });
  return true;
}

/** A plate value: 4-8 capitals and digits with at most one "-" or space, at least one digit. */
function plate(text: string, t: CodeToken, found: Candidate[]): void {
  const v = t.text;
  if (v.length > 9 || t.groups > 2 || (t.groups === 2 && v.indexOf("-") < 0)) return;
  if (t.letters > 0 && /[a-z]/.test(v)) return;
  const caps = t.groups === 1 ? capsPrefix(text, t.start) : -1;
  const alnum = t.digits + t.letters + (caps >= 0 ? t.start - 1 - caps : 0);
  if (alnum < 4 || alnum > 8) return;
  // The label decides (cheap: the context is cached on the token); the look-alike checks only then.
  const hit = labelOf(text, t, PLATE_LABELS, true);
  if (!hit || notAnId(v) || publicCode(v) || unitAfter(text, t.end)) return;
  const confidence = hit.strict ? "strong" : "medium";
  found.push({ identifier: "VEHICLE_ID", start: hit.start, end: t.end, confidence, rule: "plate-labelled" });
}

export const vehicleRecognizer: Recognizer = {
  name: "vehicle",
  identifiers: ["VEHICLE_ID"],
  scan(text: string, found: Candidate[]): void {
    for (const t of codeTokens(text)) {
      if (t.digits < 1 || t.text.length < 2) continue;
      if (!vin(text, t, found)) plate(text, t, found);
    }
  },
};
