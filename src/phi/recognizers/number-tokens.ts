/**
 * Shared anchors of the number- and code-shaped recognizers (group-numbers.ts): the code tokens of a
 * string, and the shapes a value may or may not have (number-labels.ts reads the labels before them).
 * Tokens are computed once per string and shared: a dozen recognizers each scanning the text with their
 * own digit and label regexes measured 1-2 ms per MB per pass, more than the scanner's whole budget.
 *
 * A code token is a maximal run of ASCII letters and digits, with single "-", "." or "/" joining runs,
 * that holds at least one digit: "123-45-6789", "A1234567", "1EG4-TE5-MK73", "192.168.0.1", "E11.9".
 */
import type { TokenLabels } from "./number-labels.js";

export interface CodeToken {
  start: number;
  end: number;
  text: string;
  digits: number;
  letters: number;
  /** Alphanumeric runs: "123-45-6789" has 3. */
  groups: number;
  /** The labels around the token (number-labels.ts), read on first use; null: it has none. */
  labels?: TokenLabels | null;
  /** idShape(), computed on first use. */
  shape?: boolean;
  /** The token as a labelled value (number-labels.ts), computed on first use. */
  value?: { end: number; codeOnly: boolean };
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
const isAlnum = (c: number) => isDigit(c) || isLetter(c);
const isJoiner = (c: number) => c === 45 || c === 46 || c === 47;

let memoText: string | undefined;
let memoTokens: CodeToken[] = [];

/** The code tokens of TEXT, in order; the last string's tokens are kept, since every recognizer asks. */
export function codeTokens(text: string): readonly CodeToken[] {
  if (text === memoText) return memoTokens;
  memoTokens = tokenize(text);
  if (text.indexOf("ID") >= 0) addCapitalIds(text, memoTokens);
  memoText = text;
  return memoTokens;
}

/** "1" starting a North American number: "1 (555) 123-4567", "1 555 123 4567". */
function trunkOne(text: string, s: number, e: number): boolean {
  if (e !== s + 1 || text.charCodeAt(s) !== 49) return false;
  const sep = text.charCodeAt(e);
  const next = text.charCodeAt(e + 1);
  return (sep === 32 || sep === 45 || sep === 46) && (isDigit(next) || next === 40);
}

// Placeholders and words a form prints after "ID" where no code is: never a code.
const NOT_CODES = new Set(
  "UNKNOWN PENDING NONE UNAVAILABLE REDACTED MISSING VERIFIED CONFIRMED CHECKED REQUIRED PROVIDED BAND BRACELET CARD NUMBER CLINIC".split(
    " ",
  ),
);

/**
 * Codes of capitals alone right after "ID" ("Transmitter ID: UGGAAX") hold no digit, so the tokenizer
 * misses them; they join the tokens with no digits, and only a strict label ending in "ID" can claim them
 * (number-labels.ts). Text in capitals throughout ("PATIENT ID CONFIRMED") needs a ":" or "#" after "ID".
 */
function addCapitalIds(text: string, tokens: CodeToken[]): void {
  const n = text.length;
  let added = false;
  for (let k = text.indexOf("ID"); k >= 0; k = text.indexOf("ID", k + 2)) {
    if ((k > 0 && isAlnum(text.charCodeAt(k - 1))) || isAlnum(text.charCodeAt(k + 2))) continue;
    let i = k + 2;
    let marker = false;
    for (; i < n && i - k < 6; i++) {
      const c = text.charCodeAt(i);
      if (c === 58 || c === 35) marker = true;
      else if (c !== 32) break;
    }
    let e = i;
    while (e < n && e - i <= 20 && text.charCodeAt(e) >= 65 && text.charCodeAt(e) <= 90) e++;
    if (e - i < 5 || e - i > 20 || (e < n && (isAlnum(text.charCodeAt(e)) || isJoiner(text.charCodeAt(e)))))
      continue;
    const value = text.slice(i, e);
    if (NOT_CODES.has(value) || !(marker || /[a-z]/.test(text.slice(Math.max(0, k - 24), k)))) continue;
    tokens.push({
      start: i,
      end: e,
      text: value,
      digits: 0,
      letters: e - i,
      groups: 1,
      labels: undefined,
      shape: false,
      value: undefined,
    });
    added = true;
  }
  if (added) tokens.sort((a, b) => a.start - b.start);
}

// Finds the next digit in native code: a JavaScript loop over every character costs twice as much.
const DIGIT = /[0-9]/g;

function tokenize(text: string): CodeToken[] {
  const out: CodeToken[] = [];
  const n = text.length;
  let floor = 0;
  DIGIT.lastIndex = 0;
  while (DIGIT.test(text)) {
    const i = DIGIT.lastIndex - 1;
    let s = i;
    let digits = 1;
    let letters = 0;
    let groups = 1;
    while (s > floor) {
      const c = text.charCodeAt(s - 1);
      if (isDigit(c)) digits++;
      else if (isLetter(c)) letters++;
      else if (isJoiner(c) && s - 2 >= floor && isAlnum(text.charCodeAt(s - 2))) groups++;
      else break;
      s--;
    }
    let e = i + 1;
    while (e < n) {
      const c = text.charCodeAt(e);
      if (isDigit(c)) digits++;
      else if (isLetter(c)) letters++;
      else if (isJoiner(c) && e + 1 < n && isAlnum(text.charCodeAt(e + 1))) groups++;
      else break;
      e++;
    }
    floor = e;
    DIGIT.lastIndex = e;
    // One or two bare digits ("2 weeks", "HR 70") are nothing any recognizer reads, except a phone's
    // country code after "+".
    if (
      groups === 1 &&
      letters === 0 &&
      digits <= 2 &&
      text.charCodeAt(s - 1) !== 43 &&
      !trunkOne(text, s, e)
    )
      continue;
    out.push({
      start: s,
      end: e,
      text: text.slice(s, e),
      digits,
      letters,
      groups,
      labels: undefined,
      shape: undefined,
      value: undefined,
    });
  }
  return out;
}

/** End of VALUE extended over further digit groups after single spaces ("123 456 789"), at most 4. */
export function extendDigitGroups(text: string, end: number, minDigits = 3): number {
  for (let n = 0; n < 4 && text.charCodeAt(end) === 32; n++) {
    let e = end + 1;
    while (e < text.length && e - end <= 12 && isDigit(text.charCodeAt(e))) e++;
    if (e - end - 1 < minDigits || (e < text.length && isAlnum(text.charCodeAt(e)))) break;
    end = e;
  }
  return end;
}

// Units that make a number a measurement, not an identifier: "Rx 1000 mg", "Lot 5 mL".
const UNITS = new Set(
  "mg mcg ug µg g kg lb lbs oz ml l dl mmol meq iu unit units u mmhg bpm cm mm m in tab tabs tablet tablets cap caps capsule capsules puff puffs drops gtt hours hour hrs hr h days day weeks week months month years year yrs yr min mins minutes sec percent % °f °c x".split(
    " ",
  ),
);

/** Whether a unit follows END ("500 mg", "98%"), so the number is a measurement. */
export function unitAfter(text: string, end: number): boolean {
  let i = end;
  if (text.charCodeAt(i) === 32) i++;
  const s = i;
  while (i < text.length && i - s < 8) {
    const c = text.charCodeAt(i);
    if (isLetter(c) || c === 37 || c === 176 || c === 181) i++;
    else break;
  }
  if (i === s || (i < text.length && isDigit(text.charCodeAt(i)))) return false;
  return UNITS.has(text.slice(s, i).toLowerCase());
}

// Dates carry two- or four-digit years: "12-34-567" is a record number, not a date.
const DATE_LIKE =
  /^(?:\d{1,2}[-./]\d{1,2}[-./](?:\d{2}|\d{4})|\d{4}[-./]\d{1,2}[-./]\d{1,2}|(?:0?[1-9]|1[0-2])[-/](?:19|20)\d\d)$/;
const DECIMAL = /^\d{1,7}[.,]\d{1,3}$/;
// Reference ranges: "3.5-5.0", "0.4-4.0", "12-15.5".
const DECIMAL_RANGE = /^\d{1,4}(?:\.\d{1,3})?-\d{1,4}(?:\.\d{1,3})?$/;
const YEAR = /^(?:19|20)\d\d$/;
const ICD10_DOTTED = /^[A-TV-Z]\d[0-9AB]\.[0-9A-TV-Z]{1,4}$/;
// Public code systems: ICD-10-CM, CPT (incl. category II/III), HCPCS Level II, LOINC, NDC (10/11 digits).
const PUBLIC_CODE =
  /^(?:[A-TV-Z]\d[0-9AB](?:\.[0-9A-TV-Z]{1,4})?|\d{4}[0-9FTU]|[A-V]\d{4}|\d{1,5}-\d|\d{4,5}-\d{3,4}-\d{1,2})$/;

/** Dates, decimals and their ranges, lone years, dotted ICD-10-CM codes: never an identifier value. */
export function notAnId(value: string): boolean {
  if (DATE_LIKE.test(value) || DECIMAL.test(value) || YEAR.test(value) || ICD10_DOTTED.test(value))
    return true;
  return value.indexOf(".") >= 0 && DECIMAL_RANGE.test(value);
}

/** notAnId for a token, running only the patterns its counts allow (most tokens need none). */
function tokenNotAnId(t: CodeToken): boolean {
  if (t.letters === 0) {
    if (t.groups === 1) return t.digits === 4 && YEAR.test(t.text);
    if (t.groups <= 3 && DATE_LIKE.test(t.text)) return true;
    if (t.groups === 2) return DECIMAL.test(t.text);
    return t.groups <= 4 && t.text.indexOf(".") >= 0 && DECIMAL_RANGE.test(t.text);
  }
  return t.letters === 1 && t.groups === 2 && ICD10_DOTTED.test(t.text);
}

/**
 * A public code-system code (ICD-10-CM, CPT, HCPCS, LOINC, NDC): excluded where only a generic label
 * ("ID:", "#") or none vouches for the value; after a specific label ("MRN: 99812") five digits are an MRN.
 */
export function publicCode(value: string): boolean {
  return PUBLIC_CODE.test(value);
}

/** Digits of VALUE without separators ("4111-1111 1111" → "411111111111"). */
export function digitsOf(value: string): string {
  return value.replace(/[^0-9]/g, "");
}

const ORDINAL = /^\d+(?:st|nd|rd|th)$/i;
const UNIT_SUFFIX = /^\d{1,6}(?:\.\d{1,3})?([A-Za-z%µ°]{1,6})$/;

/**
 * Whether TOKEN can be the value of a labelled identifier: 4-40 characters with 3+ digits, and not a
 * date, decimal, year, dotted ICD-10 code, ordinal, money, measurement ("500mg", "1000 mg") or a phrase
 * such as "72-year-old" (a lowercase word of 3+ letters between joiners). Cached on the token.
 */
export function idShape(text: string, token: CodeToken): boolean {
  token.shape ??= computeIdShape(text, token);
  return token.shape;
}

function computeIdShape(text: string, token: CodeToken): boolean {
  const v = token.text;
  if (token.digits < 3 || v.length < 4 || v.length > 40) return false;
  if (text.charCodeAt(token.start - 1) === 36 || tokenNotAnId(token)) return false;
  if (token.letters > 0 && token.groups <= 2 && isDigit(v.charCodeAt(0))) {
    if (ORDINAL.test(v)) return false;
    const unit = UNIT_SUFFIX.exec(v);
    if (unit && UNITS.has(unit[1]!.toLowerCase())) return false;
  }
  if (token.groups > 1 && token.letters >= 3) {
    for (const g of v.split(/[-./]/)) if (g.length >= 3 && /^[a-z]+$/.test(g)) return false;
  }
  return !unitAfter(text, token.end);
}
