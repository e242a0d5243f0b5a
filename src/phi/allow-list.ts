/**
 * Clinical language that looks like PHI but is not: doses and routes, vitals, lab values and units, code
 * systems (ICD-10-CM, CPT, HCPCS, NDC, LOINC), times of day, durations and relative days, public crisis
 * lines. A candidate that lies wholly inside one of these spans is dropped, unless its recognizer
 * validated it (confidence "strong"). Every pattern is linear-time: no nested quantifiers.
 */
import { matches } from "./context.js";

const UNITS =
  "mg|mcg|µg|ug|g|kg|lb|lbs|oz|ml|mL|l|L|dl|dL|mmol|mol|meq|mEq|iu|IU|units?|u|U|mmhg|mmHg|bpm|cm|mm|m|in|%|°F|°C|F|C|mg/dl|mg/dL|g/dl|g/dL|mmol/l|mmol/L|ng/ml|ng/mL|pg/ml|pg/mL|mcg/kg|mg/kg|mcg/min|ml/hr|mL/hr|ml/h|mL/h|l/min|L/min|kg/m2|breaths/min|/min|x10\\^?\\d+/l|x10\\^?\\d+/L|cells/µl|cells/uL";

const PATTERNS: readonly RegExp[] = [
  // Doses, lab values and measurements: 5 mg, 0.5 mL/hr, 140 mmHg, 37.2 °C, 98%.
  new RegExp(`(?<![\\p{L}\\p{N}.])\\d{1,6}(?:[.,]\\d{1,4})?\\s?(?:${UNITS})(?![\\p{L}\\p{N}])`, "gu"),
  // Blood pressure and ratios: BP 120/80, 131/94 mmHg.
  /(?<![\p{L}\p{N}/])(?:BP|blood pressure)\s*(?:of\s*|was\s*|is\s*|:\s*)?\d{2,3}\s?\/\s?\d{2,3}(?![\p{N}/])/giu,
  /(?<![\p{N}/.-])\d{2,3}\/\d{2,3}\s?mm\s?Hg/giu,
  // "132 over 84" as dictated.
  /(?<![\p{N}])\d{2,3} over \d{2,3}(?![\p{N}])/gu,
  // Code systems with their label: ICD-10 E11.9, CPT 99213, HCPCS J3490, NDC 12345-6789-01, LOINC 4548-4.
  /(?<![\p{L}\p{N}])(?:ICD-?10(?:-CM)?|CPT|HCPCS|NDC|LOINC|SNOMED(?: CT)?|RxNorm|POS)(?:\s*(?:code|codes)?\s*[:#]?\s*)[A-Z0-9][A-Z0-9.-]{1,11}(?![\p{L}\p{N}])/giu,
  // Bare ICD-10-CM codes: E11.9, F41.1, S72.001A (a letter, two digits, a dot).
  /(?<![\p{L}\p{N}.])[A-TV-Z]\d[0-9AB]\.[0-9A-TV-Z]{1,4}(?![\p{L}\p{N}])/gu,
  // Times of day: 14:30, 2:30 pm, 0800 hours.
  /(?<![\p{N}:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?[ap]\.?m\.?)?(?![\p{N}:])/giu,
  /(?<![\p{N}])(?:[01]\d|2[0-3])[0-5]\d\s?(?:hours|hrs|h)(?![\p{L}\p{N}])/giu,
  // Durations and relative days: for 3 weeks, x 5 days, post-op day 2, hospital day 4, 6 months ago.
  /(?<![\p{L}\p{N}])\d{1,4}\s?(?:-\s?\d{1,4}\s?)?(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?)(?:\s(?:ago|old|prior|later|earlier))?(?![\p{L}\p{N}])/giu,
  /(?<![\p{L}\p{N}])(?:post-?op(?:erative)?|hospital|illness|treatment|cycle|day)\s+day\s+\d{1,3}(?![\p{N}])/giu,
  // Public crisis and emergency lines.
  /(?<![\p{N}-])(?:988|911)(?![\p{N}-])/gu,
];

/** Spans of TEXT covered by clinical look-alikes, as [start, end) pairs in order of discovery. */
export function allowedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const pattern of PATTERNS)
    for (const m of matches(text, pattern)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}
