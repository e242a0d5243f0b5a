/**
 * DEVICE_ID: device identifiers and serial numbers.
 * - GS1 UDI in human-readable form, "(01)00844588003288(17)141120(10)7654321D(21)10987654d321": the whole
 *   string; strong when the GTIN check digit is valid, else medium. Without parentheses
 *   ("0100844588003288172011201012345") only with a valid GTIN and a following element: strong.
 * - After a serial/device label ("Serial No.", "SN:", "S/N", "device ID", "transmitter ID", "UDI", "IMEI",
 *   "MEID", "ESN", implant/pacemaker/pump serials — "pacemaker serial number PJN123456" reads as
 *   "… serial"): strong, also for capital codes with few or no digits ("Transmitter ID: UGGAAX").
 * - Lot and batch numbers after their label: weak (a lot is shared by thousands of devices or doses).
 * - IMEI: 15 digits passing Luhn near phone/device words: medium (strong after an IMEI label, above).
 * - MAC addresses (00:1A:2B:3C:4D:5E, 00-1A-2B-3C-4D-5E): strong.
 */
import type { Candidate, Confidence, Recognizer } from "../candidate.js";
import { before, wordsPattern } from "../context.js";
import { gtinValid, luhn } from "../validators.js";
import { labelledValue, labelTable } from "./number-labels.js";
import { type CodeToken, codeTokens, digitsOf } from "./number-tokens.js";

const LABELS = labelTable(
  [
    "serial",
    "serial id",
    "serial num",
    "ser",
    "s n",
    "esn",
    "meid",
    "imei",
    "udi",
    "unique device identifier",
    "unique device id",
    "device id",
    "device identifier",
    "device serial",
    "mac address",
    "asset tag",
    "asset id",
    "equipment id",
    "implant id",
    "transmitter",
    "transmitter id",
    "sensor id",
    "sensor serial",
    "monitor id",
    "receiver id",
    "cgm id",
    "pump id",
  ],
  ["device", "asset", "equipment", "implant", "model serial", "sn", "di", "mac"],
);
const LOT_LABELS = labelTable(["lot", "lot id", "batch", "batch id", "lot batch"]);
const IMEI_CONTEXT = wordsPattern(["imei", "phone", "cell", "mobile", "handset", "device", "smartphone"]);

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlnum = (c: number) => isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 122);
const isHex = (c: number) => isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 102);

function push(found: Candidate[], start: number, end: number, confidence: Confidence, rule: string): void {
  found.push({ identifier: "DEVICE_ID", start, end, confidence, rule });
}

/** GS1 element strings from "(01)": "(01)" + 14 digits, then up to 8 "(AI)value" elements. */
function scanUdi(text: string, found: Candidate[]): number[] {
  const ends: number[] = [];
  for (let k = text.indexOf("(01)"); k >= 0; k = text.indexOf("(01)", k + 4)) {
    if (ends.length > 0 && k < ends[ends.length - 1]!) continue;
    const gtin = text.slice(k + 4, k + 18);
    if (!/^\d{14}$/.test(gtin) || isDigit(text.charCodeAt(k + 18))) continue;
    let e = k + 18;
    for (let n = 0; n < 8; n++) {
      const m = /^\((\d{2,4})\)[A-Za-z0-9\-./]{1,30}/.exec(text.slice(e, e + 40));
      if (!m) break;
      e += m[0].length;
    }
    push(found, k, e, gtinValid(gtin) ? "strong" : "medium", "udi-gs1");
    ends.push(k, e);
  }
  return ends;
}

/** MAC-48 with ":" (anchored on colons, like IPv6) or "-" (a code token). */
function scanMacColons(text: string, found: Candidate[]): void {
  let from = 0;
  for (let k = text.indexOf(":"); k >= 0; k = text.indexOf(":", k + 1)) {
    if (k < from || k < 2 || text.charCodeAt(k + 3) !== 58 || !isHex(text.charCodeAt(k - 1))) continue;
    const s = k - 2;
    if (!macShape(text.slice(s, s + 17), 58)) continue;
    if ((s > 0 && isAlnum(text.charCodeAt(s - 1))) || isAlnum(text.charCodeAt(s + 17))) continue;
    if (text.charCodeAt(s + 17) === 58 || text.charCodeAt(s - 1) === 58) continue;
    push(found, s, s + 17, "strong", "mac");
    from = s + 17;
  }
}

/** A GS1 UDI printed without parentheses: "01" + a valid GTIN-14, then more elements (17, 10, 21, 11). */
function bareUdi(t: CodeToken): boolean {
  const v = t.text;
  if (v.length < 20 || v.length > 80 || !v.startsWith("01") || t.groups !== 1) return false;
  return /^01\d{14}(?:1[0170]|21)/.test(v) && gtinValid(v.slice(2, 16));
}

function imei(text: string, t: CodeToken, found: Candidate[]): boolean {
  if (t.letters > 0 || t.digits !== 15 || t.text.length > 18) return false;
  const d = digitsOf(t.text);
  if (!luhn(d) || !before(text, t.start, IMEI_CONTEXT, 40)) return false;
  push(found, t.start, t.end, "medium", "imei-context");
  return true;
}

/** Six hex pairs joined by SEP (":" or "-"). */
function macShape(v: string, sep: number): boolean {
  if (v.length !== 17) return false;
  for (let i = 0; i < 17; i++) {
    const c = v.charCodeAt(i);
    if (i % 3 === 2 ? c !== sep : !isHex(c)) return false;
  }
  return true;
}

export const deviceRecognizer: Recognizer = {
  name: "device",
  identifiers: ["DEVICE_ID"],
  scan(text: string, found: Candidate[]): void {
    const udi = text.indexOf("(01)") >= 0 ? scanUdi(text, found) : [];
    scanMacColons(text, found);
    let u = 0; // tokens come in order, so one cursor over the UDI spans suffices
    for (const t of codeTokens(text)) {
      while (u < udi.length && udi[u + 1]! <= t.start) u += 2;
      if (u < udi.length && udi[u]! <= t.start) continue;
      if (t.text.length === 17 && macShape(t.text, 45)) {
        push(found, t.start, t.end, "strong", "mac");
        continue;
      }
      if (bareUdi(t)) {
        push(found, t.start, t.end, "strong", "udi-gs1-bare");
        continue;
      }
      const v = labelledValue(text, t, LABELS);
      if (v) {
        push(found, v.start, v.end, v.strict ? "strong" : "medium", "device-labelled");
        continue;
      }
      if (imei(text, t, found)) continue;
      const lot = labelledValue(text, t, LOT_LABELS);
      if (lot) push(found, lot.start, lot.end, "weak", "lot-labelled");
    }
  },
};
