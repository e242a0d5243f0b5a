/**
 * The word lists behind the NAME recognizer, loaded once on first use into one map from a lower-case word
 * to what it is: a name of the humannames list (~197k first and last names, MIT), a name that is more often
 * an English word, a word that is never a name without a title (calendar, places, clinical terms, drugs),
 * an eponym, a medical noun, a title, a credential. One look-up per word keeps the scanner fast.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { COMMON_WORDS_IN_NAME_LIST } from "./name-common.js";
import { CREDENTIALS, TITLES } from "./name-data.js";
import { EPONYMS, MEDICAL_NOUNS } from "./name-eponyms.js";
import { NOT_NAMES } from "./name-stop.js";

export const NAME = 1;
export const COMMON = 2;
export const NOT_NAME = 4;
export const MEDICAL = 8;
export const TITLE = 16;
export const EPONYM = 32;
export const CREDENTIAL = 64;

export interface NameLexicon {
  /** The flags of a lower-case word (0 when it is in no list); accents and apostrophes are tried off. */
  flags(lower: string): number;
}

let lexicon: NameLexicon | undefined;

/** Whether a word has anything but a-z and "-" (accents, apostrophes), so folding may find it. */
function foldable(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if ((c < 97 || c > 122) && c !== 45) return true;
  }
  return false;
}
const MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['’]/g;

/** The lists; the first call reads the name list from disk (~100 ms), later calls are free. */
export function nameLexicon(): NameLexicon {
  if (lexicon) return lexicon;
  const map = new Map<string, number>();
  const add = (words: Iterable<string>, flag: number) => {
    for (const w of words) if (w.length > 0) map.set(w, (map.get(w) ?? 0) | flag);
  };
  const require = createRequire(import.meta.url);
  const raw = readFileSync(require.resolve("humannames/list.txt"), "utf8");
  // Single letters are initials, not names.
  add(
    raw
      .split(/\r?\n/)
      .filter((l) => l.length > 1)
      .map((l) => l.toLowerCase()),
    NAME,
  );
  add(COMMON_WORDS_IN_NAME_LIST.split(/\s+/), COMMON);
  add(NOT_NAMES.split(/\s+/), NOT_NAME);
  add(MEDICAL_NOUNS, MEDICAL);
  add(TITLES, TITLE);
  add(EPONYMS, EPONYM);
  add(CREDENTIALS, CREDENTIAL);
  const flags = (lower: string): number => {
    const f = map.get(lower);
    if (f !== undefined || !foldable(lower)) return f ?? 0;
    // "José" -> "jose", "O'Connor" -> "oconnor" (the list spells most names without marks).
    const folded = lower
      .normalize("NFD")
      .replace(MARKS, "")
      .replace(/ø/g, "o")
      .replace(/æ/g, "ae")
      .replace(/ß/g, "ss");
    return (
      map.get(folded) ??
      map.get(folded.replace(APOSTROPHES, "'")) ??
      map.get(folded.replace(APOSTROPHES, "")) ??
      0
    );
  };
  lexicon = { flags };
  return lexicon;
}
