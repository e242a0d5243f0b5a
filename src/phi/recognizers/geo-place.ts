/**
 * The shapes of places for the GEOGRAPHIC recognizer, read around an anchor word: a street line back from
 * its suffix to its house number, a city before ", ST", a place after "lives in", a US city of the list, a
 * facility's proper name before "Hospital". States, countries, months, units and kinds of place ("the Pain
 * Clinic", "Assisted Living") are kept out.
 */
import type { Candidate, Confidence } from "../candidate.js";
import { US_CITIES } from "./geo-cities.js";
import { AMBIGUOUS_STATE_CODES, DIRECTIONS, GENERIC_PLACE_WORDS, STATES } from "./geo-data.js";
import { COMMON, NAME, nameLexicon } from "./name-lexicon.js";

export const STATE_NAMES: ReadonlySet<string> = new Set(Object.keys(STATES));
export const STATE_CODES: ReadonlySet<string> = new Set(Object.values(STATES));
const COUNTRIES: ReadonlySet<string> = new Set(
  "Mexico Canada China India Philippines Vietnam Korea Japan Germany France Italy Spain England Ireland Poland Russia Ukraine Brazil Colombia Cuba Haiti Jamaica Guatemala Honduras Nicaragua Peru Venezuela Nigeria Ethiopia Somalia Kenya Iran Iraq Syria Afghanistan Pakistan Bangladesh Nepal Egypt Israel Turkey Greece Portugal Australia Africa Europe Asia America US USA UK".split(
    " ",
  ),
);
const NOT_PLACES = new Set(
  "January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An My Her His Our Their This That Dr Mr Mrs Ms".split(
    " ",
  ),
);
const CITIES: ReadonlySet<string> = new Set(
  US_CITIES.split(",")
    .map((c) => c.replace(/\s+/g, " ").trim())
    .filter((c) => c !== ""),
);

const WORD_CHAR = /[\p{L}'’.-]/u;
const STREET_CHAR = /[\p{L}\p{N}'’.#-]/u;
const CAPITALIZED = /^(?:St\.|Ft\.|Mt\.|[A-Z][\p{L}'’-]{0,30})$/u;
const HOUSE_NUMBER = /^\d{1,6}(?:-?[A-Za-z])?$/;
const ORDINAL = /^\d{1,4}(?:st|nd|rd|th)$/i;
const NOT_BEFORE_NUMBER = /[\p{L}\p{N}.,/:$#+*-]/u;
const STATE_AT = new RegExp(
  `(?:([A-Z]{2})|(${Object.keys(STATES)
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/ /g, "[ \\t]"))
    .join("|")}))(?:(?<=[A-Z]{2})\\.)?(?:[ \\t]{1,2}(\\d{5}(?:-\\d{4})?))?(?![\\p{L}\\p{N}])`,
  "uy",
);
const UNIT =
  /,?[ \t]{0,2}(?:(?:apt|apartment|suite|ste|unit|fl|floor|bldg|building|rm|room|lot|trlr)\.?[ \t]{0,2}#?|#[ \t]?)[A-Za-z0-9-]{1,8}(?![\p{L}\p{N}])/iuy;
const CITY_STATE_ZIP =
  /,?[ \t]{1,2}[A-Z][A-Za-z .'-]{1,40}?,[ \t]{1,2}[A-Z]{2}\.?[ \t]{1,2}\d{5}(?:-\d{4})?(?![\p{N}])/uy;
/** Abbreviated suffixes keep their period: "12 Oak St." */
const ABBREVIATIONS = new Set(
  "st ave av rd blvd ln dr ct pl hwy pkwy cir ter trl sq tpke expy fwy".split(" "),
);

export function push(
  found: Candidate[],
  start: number,
  end: number,
  confidence: Confidence,
  rule: string,
): void {
  found.push({ identifier: "GEOGRAPHIC", start, end, confidence, rule });
}

/** The letters (and apostrophes) that end at END, as written, or "" if none. */
export function wordEndingAt(text: string, end: number): string {
  let i = end;
  while (i > 0 && end - i < 24) {
    const c = text.charCodeAt(i - 1);
    if (
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      c === 39 ||
      c === 0x2019 ||
      (c >= 0xc0 && c <= 0x24f)
    )
      i--;
    else break;
  }
  return text.slice(i, end);
}

/** Where the capitalized words right before INDEX begin (at most MAX, one space apart); INDEX if none. */
export function wordsBefore(text: string, index: number, max: number): number {
  let start = index;
  for (let k = 0; k < max; k++) {
    let j = start;
    if (text[j - 1] === " " || text[j - 1] === "\t") j--;
    else if (k > 0) break;
    let w = j;
    while (w > 0 && w > j - 32 && WORD_CHAR.test(text[w - 1]!)) w--;
    // "4B, New York": a unit's letter is not a word of the city.
    if (!CAPITALIZED.test(text.slice(w, j)) || /\d/.test(text[w - 1] ?? "")) break;
    start = w;
  }
  return start;
}

/** Where the capitalized words from INDEX on end (at most MAX, one space apart); INDEX if none. */
export function wordsAfter(text: string, index: number, max: number): number {
  let end = index;
  for (let k = 0; k < max; k++) {
    let i = end;
    if (k > 0) {
      if (text[i] !== " ") break;
      i++;
    }
    let w = i;
    while (w < text.length && w < i + 32 && WORD_CHAR.test(text[w]!)) w++;
    // A sentence's period is not part of the place ("in Boston."), an abbreviation's is ("St. Louis").
    const word = text.slice(i, w).replace(/(?<!^(?:St|Ft|Mt))\.+$/, "");
    if (!CAPITALIZED.test(word)) break;
    end = i + word.length;
  }
  return end;
}

/** Whether NAME is a place rather than a state, a country, a month, a unit or a kind of place. */
function properPlace(name: string): boolean {
  const words = name.split(" ");
  if (STATE_NAMES.has(name) || COUNTRIES.has(name) || NOT_PLACES.has(words[0]!)) return false;
  return !words.every(
    (w) => GENERIC_PLACE_WORDS.has(w.toLowerCase()) || (w.length <= 4 && w === w.toUpperCase()),
  );
}

/** A place after "lives in", "originally from" (medium). */
export function placeAfter(text: string, start: number, found: Candidate[]): void {
  const end = wordsAfter(text, start, 4);
  if (end > start && properPlace(text.slice(start, end))) push(found, start, end, "medium", "geo-place");
}

/** The longest listed city among the first three capitalized words at START, as [end, ambiguous]. */
export function cityAt(text: string, start: number): [number, boolean] | undefined {
  for (let n = 3; n >= 1; n--) {
    const end = wordsAfter(text, start, n);
    const name = text.slice(start, end);
    if (name.split(" ").length !== n || !CITIES.has(name)) continue;
    // A city that is also a person's name or an English word ("Charlotte", "Tyler") needs more context.
    const f = n === 1 ? nameLexicon().flags(name.toLowerCase()) : 0;
    return [end, (f & (NAME | COMMON)) !== 0];
  }
  return undefined;
}

/** ", ST", ", ST 12345", ", State": the city before the comma at COMMA, the state at START. */
export function stateAt(text: string, comma: number, start: number, found: Candidate[]): void {
  STATE_AT.lastIndex = start;
  const m = STATE_AT.exec(text);
  if (!m) return;
  const [, code, stateName, zip] = m;
  if (code !== undefined && !STATE_CODES.has(code)) return;
  const end = STATE_AT.lastIndex;
  const cityStart = wordsBefore(text, comma, 3);
  const city = text.slice(cityStart, comma).trim();
  if (city === "" || STATE_NAMES.has(city) || STATE_CODES.has(city) || COUNTRIES.has(city)) {
    if (zip !== undefined) push(found, end - zip.length, end, "strong", "geo-zip-state");
    return;
  }
  // "Smith, MD", "Head, CT": clinical abbreviations that are also state codes need a ZIP or a known city.
  const sure =
    zip !== undefined || stateName !== undefined || !AMBIGUOUS_STATE_CODES.has(code!) || CITIES.has(city);
  push(found, cityStart, end, zip !== undefined ? "strong" : sure ? "medium" : "weak", "geo-city-state");
}

/**
 * "1200 W 33rd St, Apt 4B, Springfield, IL 62704": from a suffix back to the house number over up to five
 * name words (capitalized, ordinal or a direction), then forward over a unit and a "City, ST 12345" line.
 */
export function street(text: string, start: number, end: number, found: Candidate[]): void {
  let i = start;
  let names = 0;
  let directions = 0;
  for (let k = 0; k < 6; k++) {
    if (text[i - 1] !== " " && text[i - 1] !== "\t") return;
    let w = i - 1;
    while (w > 0 && i - w < 32 && STREET_CHAR.test(text[w - 1]!)) w--;
    const word = text.slice(w, i - 1).replace(/\.$/, "");
    if (HOUSE_NUMBER.test(word)) {
      if (names + directions === 0 || (w > 0 && NOT_BEFORE_NUMBER.test(text[w - 1]!))) return;
      let to = end;
      if (text[to] === "." && ABBREVIATIONS.has(text.slice(start, end).toLowerCase())) to++;
      UNIT.lastIndex = to;
      const unit = UNIT.exec(text);
      if (unit) to = UNIT.lastIndex;
      CITY_STATE_ZIP.lastIndex = to;
      const city = CITY_STATE_ZIP.exec(text);
      if (city) to = CITY_STATE_ZIP.lastIndex;
      push(found, w, to, unit || city ? "strong" : "medium", "geo-street");
      return;
    }
    const direction = DIRECTIONS.has(word.toLowerCase());
    if (!CAPITALIZED.test(word) && !ORDINAL.test(word) && !direction) return;
    if (direction) directions++;
    else names++;
    i = w;
  }
}

/** "Mercy Clinic", "St. Mary's Hospital", "Cook County": a proper name before the facility word at START. */
export function facility(text: string, start: number, end: number, found: Candidate[]): void {
  const from = wordsBefore(text, start, 4);
  if (from === start) return;
  const words = text
    .slice(from, start)
    .trim()
    .split(/[ \t]+/);
  if (words.every((w) => GENERIC_PLACE_WORDS.has(w.toLowerCase().replace(/['’]s$/, "")))) return;
  // Leading articles and prepositions are not part of the name: "the Mercy Clinic" -> "Mercy Clinic".
  let s = from;
  for (const w of words) {
    if (!/^(?:the|a|an|our|your|his|her|their|at|to|in)$/i.test(w)) break;
    s += w.length + 1;
  }
  push(found, s, end, "medium", "geo-facility");
}
