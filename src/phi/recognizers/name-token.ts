/**
 * The words of the NAME recognizer: capitalized words classified against the name lists (a rare name, a
 * name that is usually an English word, an unlisted word, a title, an initial), and the words around them
 * that decide (a person word before, a medical noun after, a sentence start, a number before).
 */
import { PERSON_WORDS } from "./name-data.js";
import { COMMON, EPONYM, MEDICAL, NAME, type NameLexicon, NOT_NAME, TITLE } from "./name-lexicon.js";

const L = "A-Za-zÀ-ÖØ-öø-ÿ";
/** Person words right before a name: "wife Maria", "patient, Maria", "contact is Maria", "named Maria". */
const PERSON_ONE = new Set(PERSON_WORDS.filter((w) => !w.includes(" ")));
const PERSON_TWO = new Set(PERSON_WORDS.filter((w) => w.includes(" ")));
/** Relations that make even a common word a name when it follows with one space: "his wife Hope", "son Will". */
const RELATIONS = new Set(
  "wife husband son daughter mother father mom dad sister brother spouse partner fiance fiancee boyfriend girlfriend grandson granddaughter grandmother grandfather grandma grandpa aunt uncle niece nephew cousin friend neighbor roommate caregiver guardian".split(
    " ",
  ),
);
/** The next word after a span, for "disease", "syndrome", a credential or a relation. */
const NEXT_WORD = new RegExp(`[ \\t]{0,3}(,?)[ \\t]{0,3}([${L}-]{1,20})`, "y");
/**
 * rare: a list name rarely written in lower case; common: a list name that is usually a word; listedStop: a
 * list name that is usually a calendar word, a place or a clinical term ("June", "Georgia", "Christian");
 * unknown: a capitalized word in no list (a name only beside a rare one: "Chinwe Diaz").
 */
export type Kind = "title" | "initial" | "rare" | "common" | "listedStop" | "unknown" | "other";

export interface Token {
  start: number;
  /** End of the word without a possessive 's. */
  end: number;
  lower: string;
  possessive: boolean;
  /** A comma joins it to the word before ("Ortiz, Maria"). */
  comma: boolean;
  initial: boolean;
  allCaps: boolean;
  kind: Kind;
  /** The lexicon's flags for the word. */
  flags: number;
}

export const inName = (t: Token | undefined) => t !== undefined && t.kind !== "title" && t.kind !== "other";

export function kindOf(lower: string, f: number, initial: boolean, allCaps: boolean, lex: NameLexicon): Kind {
  if (initial) return "initial";
  if (f & TITLE) return "title";
  // Short all-caps words are acronyms (ACA, TIA, OSA) outside a label.
  if (allCaps && lower.length <= 3) return "other";
  if (f & MEDICAL) return "other";
  if (f & NOT_NAME) return f & NAME ? "listedStop" : "other";
  if (f & NAME) return f & COMMON ? "common" : "rare";
  return lower.includes("-") ? hyphenated(lower, lex) : allCaps ? "other" : "unknown";
}

/** "Garcia-Lopez", "Johnson-Baptiste" are names; "Gram-negative", "Non-Hodgkin", "Stevens-Johnson" are not. */
export function hyphenated(lower: string, lex: NameLexicon): Kind {
  let rare = false;
  let eponyms = 0;
  const parts = lower.split("-");
  for (const part of parts) {
    const f = lex.flags(part);
    if (!(f & NAME) || f & NOT_NAME) return "other";
    if (f & EPONYM) eponyms++;
    if (!(f & COMMON)) rare = true;
  }
  if (eponyms === parts.length) return "other";
  return rare ? "rare" : "common";
}

export const isApostrophe = (c: number) => c === 39 || c === 0x2019;
const VERB_ENDING = /(?:ed|ing|ly)$/;

/** Whether TEXT[start, end) has no lower-case letter. */
export function upperOnly(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff)) return false;
  }
  return true;
}

export function tokenOf(
  text: string,
  lowerText: string,
  start: number,
  rawEnd: number,
  comma: boolean,
  lex: NameLexicon,
): Token {
  let end = rawEnd;
  let possessive = false;
  const last = text.charCodeAt(end - 1);
  if ((last === 115 || last === 83) && end - start > 2 && isApostrophe(text.charCodeAt(end - 2))) {
    end -= 2;
    possessive = true;
  } else if (isApostrophe(last) || last === 45) {
    end -= 1;
    possessive = last !== 45;
  }
  const lower = lowerText.slice(start, end);
  const initial = end - start === 1;
  const allCaps = !initial && upperOnly(text, start, end);
  const flags = initial ? 0 : lex.flags(lower);
  let kind = kindOf(lower, flags, initial, allCaps, lex);
  // "Reviewed Anna's log", "Called Maria": an unlisted verb or adverb that starts a sentence is no name.
  if (kind === "unknown" && VERB_ENDING.test(lower) && sentenceStart(text, start)) kind = "other";
  return { start, end, lower, possessive, comma, initial, allCaps, kind, flags };
}

/** Whether a sentence, a line, a cell or a list item starts right before START. */
export function sentenceStart(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === " " || text[i] === "\t" || text[i] === '"' || text[i] === "(")) i--;
  return i < 0 || ".!?:;\n-*•,|".includes(text[i]!);
}

export const isLetterCode = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 0x2019;

/** The word (lower case) that ends at END, or "" if none. */
export function wordEndingAt(text: string, end: number): string {
  let i = end;
  while (i > 0 && end - i < 20 && isLetterCode(text.charCodeAt(i - 1))) i--;
  return i === end ? "" : text.slice(i, end).toLowerCase();
}

/**
 * The person word before START ("wife Maria", "patient, Maria", "wife (Maria", "contact is Maria"): "plain"
 * when a relation stands one space before, "person" for any person word, "" for none.
 */
export function personBefore(text: string, start: number): "plain" | "person" | "" {
  let i = start;
  let spaces = 0;
  while (i > 0 && spaces < 4 && (text[i - 1] === " " || text[i - 1] === "\t")) {
    i--;
    spaces++;
  }
  let punctuated = false;
  if (text[i - 1] === "," || text[i - 1] === "(") {
    i--;
    punctuated = true;
    while (i > 0 && (text[i - 1] === " " || text[i - 1] === "\t")) i--;
  }
  let word = wordEndingAt(text, i);
  if (word === "") return "";
  if (RELATIONS.has(word) && spaces === 1 && !punctuated) return "plain";
  let before = wordEndingAt(text, i - word.length - 1);
  if (word === "is" && before !== "") {
    word = before;
    before = wordEndingAt(text, i - 3 - word.length - 1);
  }
  if (word.endsWith("'s")) word = word.slice(0, -2);
  return PERSON_ONE.has(word) || PERSON_TWO.has(`${before} ${word}`) ? "person" : "";
}

/** "12 Oak", "14 Fr Foley": a word after a number is a street, a unit or a size, not a name. */
export function afterNumber(text: string, start: number): boolean {
  const c = text.charCodeAt(start - 2);
  return text[start - 1] === " " && c >= 48 && c <= 57;
}

/** The word after END (lower case) and whether a comma came first. */
export function nextWord(text: string, end: number): { word: string; comma: boolean } | undefined {
  NEXT_WORD.lastIndex = end;
  const m = NEXT_WORD.exec(text);
  return m ? { word: m[2]!.toLowerCase(), comma: m[1] === "," } : undefined;
}

/** Whether a medical noun follows within COUNT words ("Gray Turner and Cullen signs", "Rose Bengal staining"). */
export function medicalSoon(text: string, end: number, lex: NameLexicon, count = 4): boolean {
  let i = end;
  for (let n = 0; n < count; n++) {
    const from = i;
    while (i < text.length && i - from < 3 && " \t,-".includes(text[i]!)) i++;
    if (i === from) return false;
    const wordStart = i;
    while (i < text.length && i - wordStart < 20 && isLetterCode(text.charCodeAt(i))) i++;
    if (i === wordStart) return false;
    if (lex.flags(text.slice(wordStart, i).toLowerCase()) & MEDICAL) return true;
  }
  return false;
}
