/**
 * DATE: every element of a date but the year (45 CFR 164.514(b)(2)(i)(C)), and ages over 89 (with birth
 * years that imply one). Numeric dates are validated as month/day; a day-month pair without a year is weak
 * unless a date word stands near it ("on 3/14", "since 3/14"); fractions, scores and blood pressures are not
 * dates. Labels (DOB, admission, discharge, date of service) make any date strong.
 */
import type { Candidate, Confidence, Recognizer } from "../candidate.js";
import { ageNumber, ages } from "./date-age.js";
import { CUES, cueSet, cuesOf, textIndex } from "./text-index.js";

/**
 * Numbers where a date or an age can be, in one pass over the lower-case copy (the character before is
 * matched, not looked behind at: V8 scans that faster). Numeric dates: 03/14/2024, 3-14-24, 14.03.2024, 2024-03-14, 3/14, 03/2021 (the separator repeats; no digit, letter or
 * "/" around, so "E11.9", "1.2.3.4" and "123-45-6789" are not read).
 */
const DIGITS =
  /(?:^|[^0-9])(?:(\d{1,4})([/.-])(\d{4}|\d{1,2})(?:\2(\d{4}|\d{2}))?(?![0-9]|[/.-]\d|\.\d)|(?:9\d|1[0-2]\d|130)(?=[ \t-]{0,2}y|['’]?s(?![a-z]))|1[89]\d\d(?![0-9]))/g;
/** What may not stand right before a numeric date: a letter, a digit, ".", "/", ":" or "-". */
const NOT_BEFORE = /[\p{L}\p{N}./:-]/u;
/** Lower-case month words that are not ordinary English words ("may", "march", "jan", "dec" are). */
const LOWERCASE_OK = new Set(
  "january february april june july august september october november december feb apr aug sept oct nov".split(
    " ",
  ),
);
const MONTH_CUES = cueSet(CUES.months);
/** After the month: a day ("14", "14th") with an optional year, or a year ("2024", "of 2024"). */
const DAY_AFTER =
  /[ \t]{1,2}(\d{1,2})(?:st|nd|rd|th)?(?![\p{N}:.]\d|[\p{L}\p{N}])(?:,?[ \t]{1,2}(\d{4}|'\d{2}))?(?![\p{N}])/iuy;
const YEAR_AFTER = /,?[ \t]{1,2}(?:of[ \t]{1,2})?(\d{4})(?![\p{N}])/uy;
/** Before the month: "14 ", "14th of ", "the 14th of ", "14-" (14-MAR-2024). */
const DAY_BEFORE = /(?<![\p{N}/.:-])(\d{1,2})(?:(?:st|nd|rd|th)?[ \t]{1,2}(?:of[ \t]{1,2})?|-)$/iu;
const YEAR_AFTER_DAY_BEFORE = /(?:,?[ \t]{1,2}|-)(\d{4}|\d{2}(?![\p{N}:]))(?![\p{N}])/uy;
const WEEKDAY_BEFORE =
  /(?<![\p{L}])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?[ \t]{1,2}(?:the[ \t]{1,2})?$/iu;
/** Words before a lone month that make it a time, not a verb or a name: "in March", "since May". */
const MONTH_CONTEXT =
  /(?<![\p{L}])(?:in|on|since|until|till|through|during|early|mid|late|last|next|this|of|from|by|before|after)[ \t-]{1,2}$/iu;
/** Labels that make a date strong. */
const LABEL =
  /(?<![\p{L}])(?:dob|d\.o\.b\.?|date[ \t]of[ \t](?:birth|admission|discharge|service|visit|death|surgery|procedure|injury|onset|encounter|exam)|birth[ \t]?date|born(?:[ \t]on)?|admit(?:ted|[ \t]date)?|admission(?:[ \t]date)?|discharged?(?:[ \t]date)?|dos|service[ \t]date|visit[ \t]date|encounter[ \t]date|dod|died|expired|deceased|surgery[ \t]date|procedure[ \t]date|doi|onset|date)[ \t]{0,2}(?:[:#=-][ \t]{0,2}|on[ \t]{1,2}|(?:was|is)[ \t]{1,2})?(?:[a-z]{3,9}\.?,?[ \t]{1,2})?$/iu;
/** Words near a day-month pair that make it a date: "on 3/14", "since 3/14", "3/14 visit". */
const DATE_CONTEXT =
  /(?<![\p{L}])(?:on|since|from|until|till|through|thru|by|dated|as[ \t]of|starting|effective|seen|visit|last|next|before|after)[ \t]{1,2}$/iu;
/** Score words anywhere shortly before a pair: "Pain 5/10, improved from 6/10". */
const SCORE_NEAR =
  /(?<![\p{L}])(?:pain|score|scored|scale|strength|murmur|rated|rating|grade|phq|gad|out[ \t]of)(?![\p{L}])/iu;
/** Words near a pair that make it a score, a fraction or a ratio: "strength 5/5", "pain 4/10", "2/6 murmur". */
const SCORE_BEFORE =
  /(?<![\p{L}])(?:strength|pain|score|scored|scale|grade|graded|murmur|reflexes|vision|acuity|phq-?\d*|gad-?\d*|mmse|moca|apgar|gcs|rated|ratio|titer|dilution|tabs?|tablets?|x|times|take|took|about|approximately|only|of)[ \t:]{0,3}(?:of[ \t]{1,2}|was[ \t]{1,2}|is[ \t]{1,2})?$/iu;
const SCORE_AFTER =
  /^[ \t]{0,2}(?:strength|murmur|pain|scale|score|points?|criteria|tabs?|tablets?|caps?|capsules?|cups?|doses?|of|in|inch|inches|ml|mg|teaspoons?|tsp|servings?|patients|positive|negative|systolic|ejection|holosystolic|diastolic|reflexes|bilaterally|throughout|[+])/iu;
function push(found: Candidate[], start: number, end: number, confidence: Confidence, rule: string): void {
  found.push({ identifier: "DATE", start, end, confidence, rule });
}

const before = (text: string, start: number, n: number) => text.slice(Math.max(0, start - n), start);
const labelled = (text: string, start: number) => LABEL.test(before(text, start, 40));

function validDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Numeric dates: validated month and day (US order, or day-month when a year makes it unambiguous). */
function numeric(text: string, start: number, end: number, m: RegExpExecArray, found: Candidate[]): void {
  const [, a = "", sep, b = "", year] = m;
  if (start > 0 && NOT_BEFORE.test(text[start - 1]!)) return;
  const x = Number(a);
  const y = Number(b);
  if (a.length === 4) {
    // 2024-03-14 / 2024/03/14: year first needs its day, and a plausible year.
    if (year === undefined || year.length !== 2 || x < 1800 || x > 2199 || !validDay(y, Number(year))) return;
    push(found, start, end, labelled(text, start) ? "strong" : "medium", "date-iso");
    return;
  }
  if (a.length === 3) return;
  if (b.length === 4) {
    // Month and year: 03/2021, 3/2021, 03-2021 (a dash needs the leading zero: "3-2021" is a range).
    if (year !== undefined || sep === "." || x < 1 || x > 12 || y < 1900 || y > 2099) return;
    if (sep === "-" && a.length !== 2) return;
    push(found, start, end, labelled(text, start) ? "strong" : "medium", "date-month-year");
    return;
  }
  if (year !== undefined) {
    if (!validDay(x, y) && !validDay(y, x)) return;
    // Dotted dates need a four-digit year: "1.2.10" is a version.
    if (sep === "." && year.length !== 4) return;
    push(found, start, end, labelled(text, start) ? "strong" : "medium", "date-numeric");
    return;
  }
  // A month/day pair without a year: only with a slash, only month first.
  if (sep !== "/" || !validDay(x, y)) return;
  if (labelled(text, start)) {
    push(found, start, end, "strong", "date-month-day");
    return;
  }
  const pre = before(text, start, 24);
  if (SCORE_BEFORE.test(pre) || SCORE_AFTER.test(text.slice(end, end + 16))) return;
  if (y === 10 && SCORE_NEAR.test(before(text, start, 48))) return;
  const context = DATE_CONTEXT.test(pre) || WEEKDAY_BEFORE.test(pre);
  // Fractions: 1/2, 3/4, 2/3, 5/8, 4/10 — small denominators with a smaller numerator, or n/n.
  const fraction = x <= y && [2, 3, 4, 5, 6, 8, 10, 12, 16].includes(y);
  if (fraction && !context) return;
  push(found, start, end, context ? "medium" : "weak", "date-month-day");
}

function month(text: string, at: number, lower: string, found: Candidate[]): void {
  const word = text.slice(at, at + lower.length);
  // "may", "march", "jan", "dec" in lower case are words; "MAY" in capitals is a month.
  if (word === lower && !LOWERCASE_OK.has(lower)) return;
  let start = at;
  // The period belongs to an abbreviation ("Mar. 14"), not to a full month ending a sentence.
  const dot = text[at + lower.length] === "." && (lower.length === 3 || lower === "sept");
  let end = at + lower.length + (dot ? 1 : 0);
  let parts = 0;
  DAY_AFTER.lastIndex = end;
  const day = DAY_AFTER.exec(text);
  if (day && Number(day[1]) >= 1 && Number(day[1]) <= 31) {
    end = day.index + day[0].length;
    parts = 2;
  } else {
    const pre = DAY_BEFORE.exec(before(text, start, 12));
    if (pre && Number(pre[1]) >= 1 && Number(pre[1]) <= 31) {
      start -= pre[0].length;
      YEAR_AFTER_DAY_BEFORE.lastIndex = end;
      const y = YEAR_AFTER_DAY_BEFORE.exec(text);
      if (y) end = y.index + y[0].length;
      if (text.slice(start - 4, start).toLowerCase() === "the ") start -= 4;
      parts = 2;
    } else {
      YEAR_AFTER.lastIndex = end;
      const y = YEAR_AFTER.exec(text);
      if (y) {
        end = y.index + y[0].length;
        parts = 1;
      }
    }
  }
  const weekday = WEEKDAY_BEFORE.exec(before(text, start, 14));
  if (weekday && parts > 0) start -= weekday[0].length;
  if (labelled(text, start)) {
    push(found, start, end, "strong", "date-label");
    return;
  }
  if (parts > 0) {
    push(found, start, end, "medium", parts === 2 ? "date-month-day" : "date-month-year");
    return;
  }
  // A month alone: "in March" is a date element, "May I" and "Jan" are not.
  if (lower.length > 3 && lower !== "may" && MONTH_CONTEXT.test(before(text, start, 12)))
    push(found, start, end, "weak", "date-month");
}

export const date: Recognizer = {
  name: "date",
  identifiers: ["DATE"],
  scan(text: string, found: Candidate[]): void {
    const index = textIndex(text);
    const { lower } = index;
    DIGITS.lastIndex = 0;
    for (let m = DIGITS.exec(lower); m !== null; m = DIGITS.exec(lower)) {
      const c = m[0].charCodeAt(0);
      const start = m.index + (c >= 48 && c <= 57 ? 0 : 1);
      const end = m.index + m[0].length;
      if (m[1] !== undefined) numeric(text, start, end, m, found);
      else ageNumber(lower, start, end, found);
    }
    for (const cue of cuesOf(index, MONTH_CUES)) month(text, cue.start, cue.word, found);
    ages(index, found);
  },
};
