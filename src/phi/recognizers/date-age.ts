/**
 * The age part of DATE: ages over 89 ("92-year-old", "93 yo", "age 94", "Age (yrs): 91", "in her 90s",
 * "ninety-two years old", "nonagenarian") and birth years that imply one ("DOB: 1931", "born in 1932").
 * Safe Harbor allows ages of 89 and under, so those are never reported. Matched on the lower-case copy.
 */
import type { Candidate } from "../candidate.js";
import { CUES, cueSet, cuesOf, type TextIndex } from "./text-index.js";

const YEARS_OLD =
  /[ \t-]{0,2}(?:(?:years?|yrs?)[ \t-]{0,2}old|yo|y\/o|y\.o\.?|years?[ \t]of[ \t]age)(?![a-z])/y;
const DECADE_BEFORE = /(?:^|[^a-z])in[ \t](?:his|her|their)[ \t](?:late[ \t]|mid-?[ \t]?|early[ \t])?$/;
const BIRTH_BEFORE =
  /(?:^|[^a-z])(?:dob|d\.o\.b\.?|date[ \t]of[ \t]birth|birth[ \t]?(?:date|year)|year[ \t]of[ \t]birth|born(?:[ \t]in)?)[ \t:]{0,3}$/;
/** After "age": "age 94", "aged 90", "age of 92", "Age (yrs): 91"; not "age 90 days". */
const AGE_VALUE =
  /(?:[ \t]of|[ \t]?\((?:yrs?|years)\))?[ \t:]{0,3}(\d{2,3})(?![0-9]|\.\d|[ \t]{0,2}(?:days?|d|weeks?|wks?|w|months?|mos?|m|hours?|hrs?|h|minutes?|mins?)(?![a-z]))/y;
/** After "ninety" or "one hundred": "-two-year-old", " years of age". */
const WORDS_OLD =
  /(?:[ \t-](?:and[ \t])?(?:one|two|three|four|five|six|seven|eight|nine))?[ \t-]{1,2}(?:years?|yrs?)(?:[ \t-]{1,2}old|[ \t]of[ \t]age)(?![a-z])/y;
const AGE_CUES = cueSet(CUES.ages);

function push(
  found: Candidate[],
  start: number,
  end: number,
  confidence: Candidate["confidence"],
  rule: string,
) {
  found.push({ identifier: "DATE", start, end, confidence, rule });
}

/**
 * A number of 90 to 130 before "y" or "s" ("92-year-old", "92 yo", "90s") or a year of the 19th or 20th
 * century, found by date.ts in the lower-case copy LOWER at [START, END).
 */
export function ageNumber(lower: string, start: number, end: number, found: Candidate[]): void {
  if (lower.charCodeAt(start - 1) === 46) return;
  if (end - start === 4) {
    const year = Number(lower.slice(start, end));
    const label =
      year <= new Date().getUTCFullYear() - 90
        ? BIRTH_BEFORE.exec(lower.slice(Math.max(0, start - 24), start))
        : null;
    // The span takes the label in: "1931 in" alone reads as a length (inches) to the allow-list.
    if (label)
      push(
        found,
        start - label[0].length + (/^[a-z]/.test(label[0]) ? 0 : 1),
        end,
        "medium",
        "date-birth-year",
      );
    return;
  }
  YEARS_OLD.lastIndex = end;
  if (YEARS_OLD.test(lower)) {
    push(found, start, YEARS_OLD.lastIndex, "strong", "date-age-over-89");
    return;
  }
  const decade = DECADE_BEFORE.exec(lower.slice(Math.max(0, start - 24), start));
  if (decade && lower.startsWith("90", start)) {
    const from = start - decade[0].length + (decade[0].startsWith("in") ? 0 : 1);
    push(found, from, lower.indexOf("s", end) + 1, "medium", "date-age-over-89");
  }
}

/** Ages over 89 after an age word ("age 94", "aged 90", "ninety-two-year-old", "nonagenarian"), in INDEX. */
export function ages(index: TextIndex, found: Candidate[]): void {
  const { lower } = index;
  for (const cue of cuesOf(index, AGE_CUES)) {
    if (cue.word.startsWith("age")) {
      AGE_VALUE.lastIndex = cue.end;
      const v = AGE_VALUE.exec(lower);
      const value = v ? Number(v[1]) : 0;
      if (value >= 90 && value <= 130)
        push(found, cue.start, AGE_VALUE.lastIndex, "strong", "date-age-over-89");
    } else if (cue.word === "ninety" || cue.word === "hundred") {
      const start = cue.word === "ninety" ? cue.start : hundredStart(lower, cue.start);
      WORDS_OLD.lastIndex = cue.end;
      if (start >= 0 && WORDS_OLD.test(lower))
        push(found, start, WORDS_OLD.lastIndex, "medium", "date-age-over-89");
    } else {
      push(found, cue.start, cue.end, "medium", "date-age-over-89");
    }
  }
}

/** Where "one hundred" or "a hundred" starts, or -1. */
function hundredStart(lower: string, at: number): number {
  if (lower.slice(at - 4, at) === "one ") return at - 4;
  if (lower.slice(at - 2, at) === "a ") return at - 2;
  return -1;
}
