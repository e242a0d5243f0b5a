/**
 * GEOGRAPHIC: places smaller than a state. Street addresses ("1200 W 33rd St, Apt 4B"), PO boxes,
 * "City, ST 12345" and "City, State", ZIP codes after a label or a state, places after "lives in" /
 * "resident of" / "City:", US cities after "in"/"from"/"near", counties, and facility names ("St. Mary's
 * Hospital", medium). A state alone is allowed by Safe Harbor, and a bare 5-digit number is not a ZIP (CPT
 * codes look the same). Everything starts from the shared index: capitalized words, colons and cue words.
 */
import type { Candidate, Recognizer } from "../candidate.js";
import { FACILITY_WORDS, RESTRICTED_ZIP3, STREET_SUFFIXES } from "./geo-data.js";
import {
  cityAt,
  facility,
  placeAfter,
  push,
  STATE_CODES,
  STATE_NAMES,
  stateAt,
  street,
  wordEndingAt,
} from "./geo-place.js";
import { CUES, cueSet, cuesOf, textIndex } from "./text-index.js";

/** Facility words by their first word: "medical" -> ["medical center", "medical centre", "medical group"]. */
const FACILITIES = new Map<string, string[]>();
for (const f of FACILITY_WORDS.map((w) => w.toLowerCase()).sort((a, b) => b.length - a.length)) {
  const first = f.split(" ")[0]!;
  FACILITIES.set(first, [...(FACILITIES.get(first) ?? []), f]);
}
/** Words before a place: "lives in", "moved from", "native of", "originally from", "town of". */
const PREPOSITIONS = new Set([
  "in",
  "at",
  "near",
  "of",
  "from",
  "to",
  "around",
  "outside",
  "visiting",
  "toward",
  "towards",
]);
const RESIDENCE = new Set(
  "lives live living resides reside residing resident born moved relocated up native originally is comes came town city village county hometown back here".split(
    " ",
  ),
);
const STRONG_PREPOSITIONS = new Set(["in", "near", "around", "outside"]);
const GEO_CUES = cueSet(CUES.geographic);
/** The ZIP after "zip"/"postal", a few words later at most: "ZIP code on file: 18154", "my zip is 53263". */
const ZIP_VALUE = /(?:[ \t]?code|[ \t]?\+[ \t]?4)?[^\n\d]{0,24}?(\d{5}(?:-\d{4})?|\d{3})(?!\d)/y;
const BOX_NUMBER = /[ \t]{0,2}#?[ \t]{0,2}\d{1,8}(?!\d)/y;
const BOX_BEFORE = /(?:^|[^a-z])(?:p\.?[ \t]?o\.?|post[ \t]office)[ \t]?$/;
/** Labels before a colon whose value is a place; the last word is looked up first. */
const LABELS = new Set([
  "address",
  "home address",
  "mailing address",
  "street address",
  "residential address",
  "permanent address",
  "patient address",
  "street",
  "city",
  "town",
  "county",
  "neighborhood",
  "neighbourhood",
  "birthplace",
  "place of birth",
  "city of residence",
  "residence city",
  "hometown",
]);
const LABEL_LAST = new Set([...LABELS].map((l) => l.slice(l.lastIndexOf(" ") + 1)));
const LABEL_VALUE = /[ \t]{0,3}([^\n;|]{1,100})/y;
/** Where a label's value ends: two spaces, a tab, or a sentence's period before a capital ("...cost. City:"). */
const VALUE_END = / {2,}|\t|\.[ \t]+(?=[A-Z])/;
const STARTS_PROPER = /^[\p{Lu}\p{N}#]/u;
const NOT_A_PLACE = /^(?:n\/?a|none|unknown|same|homeless|not\b|declined)/i;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLower = (c: number) => c >= 97 && c <= 122;

/**
 * A capitalized word where a place may begin or end. Cheap character tests come first: most capitalized
 * words start a sentence, and only a few follow a comma, a preposition, a number or another capitalized word.
 */
function capital(
  text: string,
  lower: string,
  start: number,
  end: number,
  afterCapital: boolean,
  found: Candidate[],
) {
  const before = text.charCodeAt(start - 1);
  // "12 Oak St", "450 W 33rd St": a suffix after a capitalized word or an ordinal.
  const ordinal = before === 32 && isLower(text.charCodeAt(start - 2)) && isDigit(text.charCodeAt(start - 4));
  if (afterCapital || ordinal) {
    const word = lower.slice(start, end);
    if (STREET_SUFFIXES.has(word)) street(text, start, end, found);
    const facilities = afterCapital ? FACILITIES.get(word) : undefined;
    if (facilities !== undefined) {
      for (const f of facilities)
        if (lower.startsWith(f, start) && !isLower(lower.charCodeAt(start + f.length))) {
          facility(text, start, start + f.length, found);
          break;
        }
    }
  }
  if (before === 44 || (before === 32 && text.charCodeAt(start - 2) === 44)) {
    stateAt(text, text.lastIndexOf(",", start), start, found);
  } else if (before === 32 && isLower(text.charCodeAt(start - 2))) {
    const preposition = wordEndingAt(lower, start - 1);
    if (!PREPOSITIONS.has(preposition) && preposition !== "is") return;
    const verb = wordEndingAt(lower, start - 2 - preposition.length);
    if (RESIDENCE.has(verb) && (preposition !== "is" || verb === "hometown")) placeAfter(text, start, found);
    else if (preposition !== "is") {
      const c = cityAt(text, start);
      if (c !== undefined)
        push(
          found,
          start,
          c[0],
          !c[1] || STRONG_PREPOSITIONS.has(preposition) ? "medium" : "weak",
          "geo-city",
        );
    }
  }
}

/** "City: Springfield", "Address: 12 Oak St": the value of a place label. */
function label(text: string, lower: string, colon: number, found: Candidate[]): void {
  let i = colon;
  while (i > 0 && lower[i - 1] === " ") i--;
  const last = wordEndingAt(lower, i);
  if (!LABEL_LAST.has(last)) return;
  const head = lower.slice(Math.max(0, i - 24), i);
  let ok = false;
  for (const l of LABELS)
    if (head.endsWith(l) && !/[a-z]/.test(head[head.length - l.length - 1] ?? "")) ok = true;
  if (!ok) return;
  LABEL_VALUE.lastIndex = colon + 1;
  const v = LABEL_VALUE.exec(text);
  if (!v) return;
  const raw = v[1]!;
  const value = raw.split(VALUE_END)[0]!.trimEnd();
  // A place starts with a number or a proper noun; "Address: patient concerns" and "City: n/a" do not.
  if (
    !STARTS_PROPER.test(value) ||
    NOT_A_PLACE.test(value) ||
    STATE_NAMES.has(value) ||
    STATE_CODES.has(value)
  )
    return;
  const start = v.index + v[0].length - raw.length;
  push(found, start, start + value.length, "strong", "geo-label");
}

/** "ZIP code: 94110", "my zip is 53263", "PO Box 789", "POB 5722". */
function cue(
  text: string,
  lower: string,
  start: number,
  end: number,
  word: string,
  found: Candidate[],
): void {
  if (word === "zip" || word === "postal") {
    ZIP_VALUE.lastIndex = end;
    const zip = ZIP_VALUE.exec(lower);
    if (!zip) return;
    const value = zip[1]!;
    const valueEnd = ZIP_VALUE.lastIndex;
    if (value.length > 3) push(found, valueEnd - value.length, valueEnd, "strong", "geo-zip");
    else if (RESTRICTED_ZIP3.has(value)) push(found, valueEnd - 3, valueEnd, "medium", "geo-zip3");
    return;
  }
  let from = start;
  if (word === "box") {
    // "PO Box", "P.O. Box", "Post Office Box"; a box alone is a box.
    const m = BOX_BEFORE.exec(lower.slice(Math.max(0, start - 14), start));
    if (!m) return;
    from = start - m[0].length;
    if (!/[a-z]/.test(lower[from]!)) from++;
  }
  BOX_NUMBER.lastIndex = end;
  if (BOX_NUMBER.test(text)) push(found, from, BOX_NUMBER.lastIndex, "strong", "geo-po-box");
}

export const geographic: Recognizer = {
  name: "geographic",
  identifiers: ["GEOGRAPHIC"],
  scan(text: string, found: Candidate[]): void {
    const index = textIndex(text);
    const { lower, capStart, capEnd } = index;
    for (let k = 0; k < capStart.length; k++) {
      const start = capStart[k]!;
      const end = capEnd[k]!;
      const afterCapital = k > 0 && capEnd[k - 1] === start - 1;
      if (end - start <= 24) capital(text, lower, start, end, afterCapital, found);
    }
    for (const colon of index.colons) label(text, lower, colon, found);
    for (const c of cuesOf(index, GEO_CUES)) cue(text, lower, c.start, c.end, c.word, found);
  },
};
