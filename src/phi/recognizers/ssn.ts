/**
 * SSN: Social Security numbers. Labelled ("SSN: 123-45-6789", "social security no. 123456789", "my
 * social is …", a CSV column "Social Security Number") is strong; a bare 3-2-4 grouping (123-45-6789,
 * 123 45 6789, 123.45.6789) with a valid structure is medium: nothing else in clinical text is grouped so.
 * Nine bare digits count only with SSN context nearby (medium). Structure per SSA (area not 000 or 666,
 * group not 00, serial not 0000), but 9xx areas are kept: synthetic generators use 999-xx-xxxx. An
 * invalid structure is one step weaker; masked forms ("XXX-XX-1234", "***-**-1234") are weak.
 */
import type { Candidate, Confidence, Recognizer } from "../candidate.js";
import { before, wordsPattern } from "../context.js";
import { ssnStructureValid } from "../validators.js";
import { labelOf, labelTable } from "./number-labels.js";
import { type CodeToken, codeTokens } from "./number-tokens.js";

const LABELS = labelTable(
  [
    "ssn",
    "ss",
    "social security",
    "social security card",
    "social sec",
    "soc sec",
    "soc security",
    "ssn id",
    "itin",
    "taxpayer id",
    "taxpayer identification",
    "ssa",
    "social",
  ],
  ["tin"],
);
const CONTEXT = wordsPattern(["ssn", "ss#", "social security", "soc sec", "social sec", "itin", "ssn#"]);

const DASHED = /^\d{3}-\d{2}-\d{4}$/;
const DOTTED = /^\d{3}\.\d{2}\.\d{4}$/;
const MASKED = /^[Xx]{3}-[Xx]{2}-\d{4}$/;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlnum = (c: number) => isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 122);

/** End of " 45 6789" after a 3-digit token ending at END, or -1. */
function spacedEnd(text: string, end: number): number {
  const s = text.slice(end, end + 8);
  if (!/^ \d{2} \d{4}$/.test(s)) return -1;
  const e = end + 8;
  return e < text.length && isAlnum(text.charCodeAt(e)) ? -1 : e;
}

function push(found: Candidate[], start: number, end: number, confidence: Confidence, rule: string): void {
  found.push({ identifier: "SSN", start, end, confidence, rule });
}

function scanToken(text: string, t: CodeToken, found: Candidate[]): number {
  const v = t.text;
  if (t.letters > 0) {
    if (!MASKED.test(v)) return t.end;
    const labelled = labelOf(text, t, LABELS) !== undefined || before(text, t.start, CONTEXT, 40);
    push(found, t.start, t.end, "weak", labelled ? "ssn-masked-labelled" : "ssn-masked");
    return t.end;
  }
  if (t.digits === 4 && t.groups === 1 && text.slice(t.start - 7, t.start) === "***-**-") {
    push(found, t.start - 7, t.end, "weak", "ssn-masked");
    return t.end;
  }
  const dashed = DASHED.test(v);
  const plain = t.groups === 1 && t.digits === 9;
  const dotted = !dashed && !plain && DOTTED.test(v);
  let end = t.end;
  let spaced = false;
  if (!dashed && !plain && !dotted) {
    if (t.groups !== 1 || t.digits !== 3) return t.end;
    end = spacedEnd(text, t.end);
    if (end < 0) return t.end;
    spaced = true;
  }
  const value = text.slice(t.start, end);
  const valid = ssnStructureValid(spaced ? value : v.replace(/\./g, "-"));
  const label = labelOf(text, t, LABELS);
  const context = label !== undefined || before(text, t.start, CONTEXT, 40);
  let confidence: Confidence | undefined;
  if (label) confidence = valid ? "strong" : "medium";
  else if (context) confidence = valid ? "medium" : "weak";
  // Nothing else in clinical text is grouped 3-2-4, so a valid structure is medium in any separator.
  else if (dashed || spaced || dotted) confidence = valid ? "medium" : "weak";
  if (!confidence) return t.end;
  const rule = label ? "ssn-labelled" : context ? "ssn-context" : "ssn-shape";
  push(found, t.start, end, confidence, rule);
  return end;
}

export const ssnRecognizer: Recognizer = {
  name: "ssn",
  identifiers: ["SSN"],
  scan(text: string, found: Candidate[]): void {
    let consumed = 0;
    for (const t of codeTokens(text)) {
      if (t.start < consumed || t.digits < 3 || t.digits > 9) continue;
      consumed = scanToken(text, t, found);
    }
  },
};
