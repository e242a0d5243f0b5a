/**
 * Names after a cue rather than in a capitalized shape: the value of a label ("Patient name: ORTIZ, MARIA",
 * "Emergency contact: jose ortiz") and names in chat after a spoken cue ("my son robert", "hi its camila").
 * Labels are found without a regular expression: the scanner meets thousands of colons per megabyte
 * ("Plan:", "BP:"), so each one costs a few character comparisons and at most four map look-ups.
 */
import type { Candidate, Confidence } from "../candidate.js";
import { NAME_LABELS, SOFT_LABELS } from "./name-data.js";
import {
  COMMON,
  CREDENTIAL,
  EPONYM,
  MEDICAL,
  NAME,
  type NameLexicon,
  NOT_NAME,
  TITLE,
} from "./name-lexicon.js";
import { medicalSoon } from "./name-token.js";
import { CUES, cueSet, cuesOf, type TextIndex } from "./text-index.js";

/**
 * name: the label says "name" ("First name:"), any name-shaped value is a name; strict: a person's role
 * ("Attending:", "Signed by:"); soft: the value may be a description ("Patient: 72-year-old male").
 */
export type LabelKind = "name" | "strict" | "soft";

const LABELS = new Map<string, LabelKind>();
for (const l of SOFT_LABELS) LABELS.set(l, "soft");
for (const l of NAME_LABELS) LABELS.set(l, /\bname\b|surname/.test(l) ? "name" : "strict");
/** The last words of the labels: most colons ("Plan:", "BP:") are rejected by this one look-up. */
const LAST_WORDS = new Set([...LABELS.keys()].map((l) => l.slice(l.lastIndexOf(" ") + 1)));

/** Words that may stand before a label without changing whose name it is ("Your name:", "Patient Full Name:"). */
const PREFIXES = new Set(
  "my your his her their the our patient pt client member insured subscriber guarantor primary secondary full registration legal".split(
    " ",
  ),
);

function isLetter(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "'" || c === "’";
}

/**
 * The kind of label that ends right before the colon at COLON, if any (up to four words, then an optional
 * parenthesis: "Name (Last, First):"). A label with another word before it counts only when that word keeps
 * it about a person: "Drug name:", "Plan name:", "Insurance provider:" are not name labels.
 */
export function labelBefore(text: string, colon: number): LabelKind | undefined {
  let i = colon - 1;
  while (i >= 0 && text[i] === " ") i--;
  if (text[i] === ")") {
    const open = text.lastIndexOf("(", i);
    if (open === -1 || i - open > 24) return undefined;
    i = open - 1;
    while (i >= 0 && text[i] === " ") i--;
  }
  if (i < 0 || !isLetter(text[i]!)) return undefined;
  let key = "";
  let found: LabelKind | undefined;
  let foundWords = 0;
  let before = "";
  for (let words = 1; words <= 4; words++) {
    const end = i + 1;
    while (i >= 0 && isLetter(text[i]!)) i--;
    if (words === 1 && end - i > 15) return undefined;
    let word = text.slice(i + 1, end).toLowerCase();
    if (word.includes("’")) word = word.replace(/’/g, "'");
    if (words === 1 && !LAST_WORDS.has(word)) return undefined;
    key = key === "" ? word : `${word} ${key}`;
    const kind = LABELS.get(key);
    if (kind !== undefined) {
      found = kind;
      foundWords = words;
      before = "";
    } else if (words === foundWords + 1) before = word;
    // Words of a label are separated by single spaces (or "/", as in "Parent/Guardian").
    if (i < 1 || (text[i] !== " " && text[i] !== "/") || !isLetter(text[i - 1]!)) break;
    i--;
  }
  if (found === undefined || before === "") return found;
  return PREFIXES.has(before) || before.endsWith("'s") ? found : undefined;
}

const L = "A-Za-zÀ-ÖØ-öø-ÿ";
const VALUE_WORD = new RegExp(`[ \\t]{0,4},?[ \\t]{0,3}([${L}][${L}'’.-]{0,40})`, "y");
const PLACEHOLDERS = new Set(
  "unknown redacted withheld none anonymous deidentified removed not na self same declined pending tbd".split(
    " ",
  ),
);

/** "ji-woo", "garcia-lopez": a name when every part is a list name (rare when one of them is). */
function hyphenFlags(lower: string, lex: NameLexicon): number {
  let flags = NAME | COMMON;
  for (const part of lower.split("-")) {
    const f = lex.flags(part);
    if (!(f & NAME) || f & (NOT_NAME | MEDICAL)) return 0;
    if (!(f & COMMON)) flags = NAME;
  }
  return flags;
}

interface Value {
  start: number;
  end: number;
  rare: number;
  common: number;
  unknown: number;
  /** Whether the first word is a rare list name. */
  firstRare: boolean;
  firstCapital: boolean;
}

/**
 * Name-like words from FROM on: initials, list names, capitalized words in no list. Lower-case words
 * count only when they are rare list names ("jose ortiz"); English and clinical words end the value.
 */
function readName(text: string, from: number, lex: NameLexicon, max: number): Value | undefined {
  const v: Value = {
    start: -1,
    end: -1,
    rare: 0,
    common: 0,
    unknown: 0,
    firstRare: false,
    firstCapital: false,
  };
  let at = from;
  for (let n = 0; n < max; n++) {
    VALUE_WORD.lastIndex = at;
    const m = VALUE_WORD.exec(text);
    if (!m) break;
    at = m.index + m[0].length;
    let word = m[1]!;
    const wordStart = m.index + m[0].length - word.length;
    // A period ends the value unless it ends an initial or a title ("J.", "Dr.").
    const stop =
      word.endsWith(".") && word.length > 2 && !(lex.flags(word.slice(0, -1).toLowerCase()) & TITLE);
    if (word.endsWith(".")) word = word.slice(0, -1);
    if (word.endsWith("'s") || word.endsWith("’s")) word = word.slice(0, -2);
    const lower = word.toLowerCase();
    const capital = word[0] !== lower[0];
    const f = lower.includes("-") && lex.flags(lower) === 0 ? hyphenFlags(lower, lex) : lex.flags(lower);
    if (v.start === -1 && f & TITLE) continue;
    if (PLACEHOLDERS.has(lower) || f & (NOT_NAME | MEDICAL | EPONYM)) break;
    if (v.start !== -1 && f & CREDENTIAL && word === word.toUpperCase() && word.length <= 5) break;
    const rare = word.length > 1 && (f & NAME) !== 0 && !(f & COMMON);
    if (word.length === 1) {
      if (!capital) break;
    } else if (rare) v.rare++;
    else if (capital && f & NAME) v.common++;
    else if (capital && !(f & NAME) && (word !== word.toUpperCase() || word.length > 3)) v.unknown++;
    else break;
    if (v.start === -1) {
      v.start = wordStart;
      v.firstRare = rare;
      v.firstCapital = capital;
    }
    v.end = wordStart + word.length;
    if (stop) break;
  }
  return v.start === -1 ? undefined : v;
}

function push(found: Candidate[], v: Value, confidence: Confidence, rule: string): void {
  found.push({ identifier: "NAME", start: v.start, end: v.end, confidence, rule });
}

/** Whether the value ends its field: end of text, of the line or of a cell. */
function valueEnds(text: string, end: number): boolean {
  let i = end;
  while (text[i] === " ") i++;
  return i >= text.length || "\n\r,;|(\t".includes(text[i]!);
}

/** The name after a label of KIND. */
export function labelValue(
  text: string,
  from: number,
  kind: LabelKind,
  lex: NameLexicon,
  found: Candidate[],
): void {
  const v = readName(text, from, lex, 6);
  if (v === undefined || medicalSoon(text, v.end, lex, 3)) return;
  // "Patient:" also starts what a patient says in a transcript: there the name must come first and
  // be capitalized ("Patient: Gonzalez, 71"), not be a word of a sentence ("Patient: Troponin rose").
  if (kind === "soft" && !(v.firstRare && v.firstCapital)) {
    // "Patient: Will Young" on a line of its own is a name; "Patient: Thank You so much" is speech.
    if (v.common + v.unknown >= 2 && v.firstCapital && valueEnds(text, v.end))
      push(found, v, "medium", "name-label");
    return;
  }
  if (v.rare > 0) push(found, v, "strong", "name-label");
  else if (kind === "name" && v.common + v.unknown > 0) push(found, v, "medium", "name-label");
  else if (kind === "strict" && (v.unknown > 0 || v.common >= 2)) push(found, v, "medium", "name-label");
}

const SPOKEN = cueSet(CUES.spoken);
/** After "my", "our", "your": the relation before the name ("my son robert"). */
const RELATION =
  /[ \t]{1,3}(?:son|daughter|wife|husband|mom|mother|dad|father|sister|brother|spouse|partner|boyfriend|girlfriend|fiance|fiancee|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|aunt|uncle|niece|nephew|cousin|friend|neighbor|neighbour|caregiver|roommate|kid|child|baby|boss|nurse|doctor|therapist)(?![a-z])/y;
/** Between the cue and the name: "hi, maria", "thanks! maria", "this is maria". */
const GAP = /[!.]?[ \t,]{1,3}/y;

/**
 * Names after a spoken cue in chat, often in lower case: "my son robert nasser", "hi its camila gardner",
 * "this is alexis's mother". The first word must be a rare list name: "it's fine", "hi there" are not names.
 */
export function spokenNames(index: TextIndex, lex: NameLexicon, found: Candidate[]): void {
  for (const cue of cuesOf(index, SPOKEN)) {
    let at = cue.end;
    if (cue.word === "my" || cue.word === "our" || cue.word === "your") {
      RELATION.lastIndex = at;
      if (!RELATION.test(index.lower)) continue;
      at = RELATION.lastIndex;
    }
    GAP.lastIndex = at;
    if (!GAP.test(index.lower)) continue;
    const v = readName(index.text, GAP.lastIndex, lex, 3);
    if (v?.firstRare && v.start === GAP.lastIndex && !medicalSoon(index.text, v.end, lex, 3))
      push(found, v, "medium", "name-spoken");
  }
}
