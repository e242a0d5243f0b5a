/**
 * LICENSE_NUMBER: certificate and license numbers.
 * - DEA registration numbers (2 letters + 7 digits): checksum-valid is strong anywhere; after a "DEA"
 *   label strong whatever the checksum.
 * - NPI (10 digits, Luhn over "80840" + NPI): with an NPI label or provider context and a valid checksum,
 *   strong; a bare valid 10-digit number starting with 1 or 2 is only medium (it may be something else);
 *   an NPI label on a failing number is medium.
 * - Driver's licenses (every state prints its own format, so the label decides: "DL#", "driver's license",
 *   "Lic. No.", a "DL Number" column), medical, nursing and professional licenses, certificates,
 *   passports, state IDs: strong after the label, including a capital prefix printed apart ("License:
 *   D 1234567") and capital codes with few digits ("WDL7BVJIDD7N").
 */
import type { Candidate, Confidence, Recognizer } from "../candidate.js";
import { before, wordsPattern } from "../context.js";
import { deaValid, npiValid } from "../validators.js";
import { labelledValue, labelOf, labelTable } from "./number-labels.js";
import { type CodeToken, codeTokens } from "./number-tokens.js";

const LABELS = labelTable(
  [
    "driver's license",
    "drivers license",
    "driver license",
    "driver's licence",
    "drivers licence",
    "driver licence",
    "driving licence",
    "driving license",
    "d l",
    "dln",
    "cdl",
    "license",
    "licence",
    "lic",
    "license id",
    "state license",
    "medical license",
    "nursing license",
    "rn license",
    "lpn license",
    "professional license",
    "pharmacy license",
    "pharmacist license",
    "board certification",
    "certificate",
    "cert",
    "certification",
    "certificate id",
    "birth certificate",
    "death certificate",
    "marriage certificate",
    "passport",
    "passport id",
    "state id",
    "dmv",
    "dmv id",
    "state identification",
    "id card",
    "identification card",
    "dea",
    "dea registration",
    "npi",
    "national provider identifier",
    "national provider id",
    "upin",
    "ptan",
    "permit",
  ],
  // Short or everyday words only with a marker: "DL#: …", "Reg. No. …" (a bare "dL" is a unit).
  ["registration", "reg", "credential", "dl", "cds"],
);
const DEA_LABELS = labelTable(["dea", "dea registration", "dea id", "dea reg"]);
const NPI_LABELS = labelTable([
  "npi",
  "national provider identifier",
  "national provider id",
  "provider npi",
]);
const PROVIDER_CONTEXT = wordsPattern([
  "npi",
  "provider",
  "prescriber",
  "physician",
  "clinician",
  "rendering",
  "referring",
  "attending",
  "billing provider",
  "pharmacist",
  "practitioner",
  "dr",
  "md",
]);

// The first letter is the registrant type (A-H, J-M, P, R-U, X); without a label only those count.
const DEA_SHAPE = /^[A-HJ-MPR-UX][A-Z9]\d{7}$/;
const DEA_ANY = /^[A-Z][A-Z9]\d{7}$/;

function push(found: Candidate[], start: number, end: number, confidence: Confidence, rule: string): void {
  found.push({ identifier: "LICENSE_NUMBER", start, end, confidence, rule });
}

function dea(text: string, t: CodeToken, found: Candidate[]): boolean {
  if (t.text.length !== 9 || !DEA_ANY.test(t.text)) return false;
  const labelled = labelOf(text, t, DEA_LABELS) !== undefined;
  if (!labelled && !(DEA_SHAPE.test(t.text) && deaValid(t.text))) return false;
  push(found, t.start, t.end, "strong", labelled ? "dea-labelled" : "dea-checksum");
  return true;
}

function npi(text: string, t: CodeToken, found: Candidate[]): boolean {
  if (t.groups !== 1 || t.letters > 0 || t.digits !== 10) return false;
  const labelled = labelOf(text, t, NPI_LABELS) !== undefined;
  const valid = npiValid(t.text);
  if (labelled) {
    push(found, t.start, t.end, valid ? "strong" : "medium", valid ? "npi-labelled" : "npi-labelled-invalid");
    return true;
  }
  const first = t.text.charCodeAt(0);
  if (!valid || (first !== 49 && first !== 50)) return false;
  const context = before(text, t.start, PROVIDER_CONTEXT, 40);
  push(found, t.start, t.end, context ? "strong" : "medium", context ? "npi-context" : "npi-checksum");
  return true;
}

export const licenseRecognizer: Recognizer = {
  name: "license",
  identifiers: ["LICENSE_NUMBER"],
  scan(text: string, found: Candidate[]): void {
    for (const t of codeTokens(text)) {
      if (t.text.length < 3) continue;
      if (dea(text, t, found) || npi(text, t, found)) continue;
      const v = labelledValue(text, t, LABELS, true);
      if (v) push(found, v.start, v.end, v.strict ? "strong" : "medium", "license-labelled");
    }
  },
};
