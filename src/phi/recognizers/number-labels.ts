/**
 * Labels of the number- and code-shaped recognizers: the words read back from a value ("MRN: …",
 * "medical record number …", "the chart number on my wristband is …"), the CSV column header above a
 * cell (number-columns.ts), and the tables each recognizer matches them against. Words are whole by
 * construction (a word is a maximal letter run, so "MRI" never reads as "MR"); every walk is bounded.
 * A token's labels are read once and cached on it, since every recognizer of the group asks.
 */
import { columnAt } from "./number-columns.js";
import { type CodeToken, extendDigitGroups, idShape } from "./number-tokens.js";

// Local on purpose: they run per character, and when tsx loads modules as CommonJS every imported
// function is reached through an export getter.
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
const isAlnum = (c: number) => isDigit(c) || isLetter(c);
const isJoiner = (c: number) => c === 45 || c === 46 || c === 47;

export interface LabelContext {
  /** Suffixes of the words before the value, longest first ("medical record", "record"), lowercase. */
  phrases: readonly string[];
  /** An explicit label marker ("#", ":", "=", "number", "no.") sits between the label and the value. */
  marker: boolean;
  /** The marker says "number" ("#", "number", "no."), not just ":" or "=". */
  numbered?: boolean;
}

export interface LabelTable {
  /** Labels that name the identifier on their own ("mrn", "member id"). */
  strict: ReadonlySet<string>;
  /** Everyday words that only label a value with a marker ("group #", "plan:", "case no."). */
  loose: ReadonlySet<string>;
}

export interface LabelHit {
  /** Where the value starts (after an inline "MRN-" prefix, or at a caps prefix such as the "ABC" of "ABC 1234"). */
  start: number;
  strict: boolean;
}

// Words between a label and its value that carry no meaning; the number words also mark a label.
const FILLERS = new Set([
  "is",
  "was",
  "are",
  "of",
  "reads",
  "number",
  "numbers",
  "no",
  "nos",
  "num",
  "nbr",
  "nr",
]);
const NUMBER_WORDS = new Set(["number", "numbers", "no", "nos", "num", "nbr", "nr"]);
// After "is" or ":", a short phrase may separate label and value when it starts with one of these:
// "the chart number on my wristband is …", "Social Security number on file: …".
const COPULAS = new Set(["is", "was", "are", "reads"]);
const PREPOSITIONS = new Set(
  "on in at from for per under with as to listed printed shown written given assigned provided used".split(
    " ",
  ),
);
const MAX_SKIPPED = 4;

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isLetter(c)) return true;
  // Apostrophes inside a word: "driver's", "patient’s".
  return (
    (c === 39 || c === 8217) && i > 0 && isLetter(text.charCodeAt(i - 1)) && isLetter(text.charCodeAt(i + 1))
  );
}

/**
 * Whether the "." at I ends a sentence rather than an abbreviation: "Lic. No.", "Med. Rec." and "D.L."
 * have at most four letters before the period; "…telephone encounter. CHA2DS2-VASc 3" does not.
 */
function sentenceEnd(text: string, i: number): boolean {
  let k = i;
  while (k > 0 && i - k < 5 && isLetter(text.charCodeAt(k - 1))) k--;
  return i - k > 4;
}

/** The label words before POS: the gap (":", "#", spaces, one line break), then up to 4 words. */
export function contextAt(text: string, pos: number, extraWord?: string): LabelContext {
  let i = pos - 1;
  let marker = false;
  let numbered = false;
  let copula = false;
  let newlines = 0;
  for (let budget = 8; i >= 0 && budget > 0; i--, budget--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 160 || c === 13) continue;
    if (c === 10) {
      if (++newlines > 1) break;
      continue;
    }
    // The gap: spaces, one line break, ":", "=" or "#", dashes, the period of an abbreviation ("No. 123").
    // Anything else ends it; a "(" opens an aside ("on the claim (M79.7, …)") and never joins a label.
    if (c === 58 || c === 61) marker = copula = true;
    else if (c === 35) marker = numbered = true;
    else if (c === 46 ? sentenceEnd(text, i) : !(c === 45 || c === 8211 || c === 8212)) break;
  }
  // Words closest first. The closest word that is not a filler must end some label (or, after "is" or
  // ":", follow a short prepositional phrase), else there is none: that stops the walk after one word for
  // nearly every number in clinical text ("CPT 93306", "year: 2023").
  const words: string[] = [];
  let skipped = 0;
  let lastSkipped = "";
  if (extraWord !== undefined) {
    if (!TAIL.has(extraWord)) return NO_LABEL;
    words.push(extraWord);
  }
  if (i >= 0 && i + 1 === pos && isAlnum(text.charCodeAt(i))) i = -1;
  while (words.length < 4 && i >= 0) {
    const end = i + 1;
    while (i >= 0 && isWordChar(text, i)) i--;
    if (i + 1 === end || (i >= 0 && isDigit(text.charCodeAt(i)))) break;
    let word = text.slice(i + 1, end).toLowerCase();
    if (word.indexOf("’") >= 0) word = word.replace("’", "'");
    if (words.length > 0) words.push(word);
    else if (FILLERS.has(word)) {
      if (NUMBER_WORDS.has(word)) marker = numbered = true;
      if (COPULAS.has(word)) copula = true;
    } else if (TAIL.has(word) && (skipped === 0 || PREPOSITIONS.has(lastSkipped))) words.push(word);
    else if (copula && skipped < MAX_SKIPPED) {
      skipped++;
      lastSkipped = word;
    } else return NO_LABEL;
    let sep = 0;
    for (; i >= 0 && sep < 3; i--, sep++) {
      const c = text.charCodeAt(i);
      // Words are separated by spaces, hyphens, slashes ("S/N"), periods of abbreviations ("Lic. No.") or "#".
      if (c === 46 ? sentenceEnd(text, i) : !(c === 32 || c === 45 || c === 47 || c === 35 || c === 9)) break;
    }
    if (sep === 0) break;
  }
  if (words.length === 0) return NO_LABEL;
  const phrases: string[] = [words[0]!];
  for (let k = 1; k < words.length; k++) phrases.push(`${words[k]} ${phrases[k - 1]}`);
  return { phrases: phrases.reverse(), marker, numbered };
}

const NO_LABEL: LabelContext = { phrases: [], marker: false };
// The last word of every label of every table: a context whose closest word is not one has no label.
const TAIL = new Set<string>();
// Every table's labels together: what hasLabel() matches.
const ANY_STRICT = new Set<string>();
const ANY_LOOSE = new Set<string>();
const ANY: LabelTable = { strict: ANY_STRICT, loose: ANY_LOOSE };

/** Normalises a label as contextAt reads words: lowercase, "/", "-", "." and "#" as spaces. */
function normalizeLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[/\-.#]/g, " ")
    .trim()
    .replace(/ +/g, " ");
}

/**
 * A table of labels. CLAIMS: a number under one of these labels belongs to that label, so hasLabel()
 * counts them ("NDC 5551234567" is no phone); a table of mere context words ("version") passes false.
 */
export function labelTable(
  strict: readonly string[],
  loose: readonly string[] = [],
  claims = true,
): LabelTable {
  const table = { strict: new Set(strict.map(normalizeLabel)), loose: new Set(loose.map(normalizeLabel)) };
  for (const phrase of [...table.strict, ...table.loose]) TAIL.add(phrase.slice(phrase.lastIndexOf(" ") + 1));
  if (claims) {
    for (const phrase of table.strict) ANY_STRICT.add(phrase);
    for (const phrase of table.loose) ANY_LOOSE.add(phrase);
  }
  return table;
}

/** Whether CONTEXT ends in a label of TABLE: "strict", "loose" (loose labels need a marker) or undefined. */
export function matchContext(context: LabelContext, table: LabelTable): "strict" | "loose" | undefined {
  for (const p of context.phrases) {
    if (table.strict.has(p)) return "strict";
    if (context.marker && table.loose.has(p)) return "loose";
  }
  return undefined;
}

// Column headers read as labels ("Medical Record #:"), cached: a table repeats its headers on every row.
const HEADER_CONTEXTS = new Map<string, LabelContext>();

function headerContext(header: string): LabelContext {
  let context = HEADER_CONTEXTS.get(header);
  if (context === undefined) {
    if (HEADER_CONTEXTS.size > 10_000) HEADER_CONTEXTS.clear();
    context = contextAt(`${header}:`, header.length + 1);
    HEADER_CONTEXTS.set(header, context);
  }
  return context;
}

/** Every label a token may have, read once and shared by the recognizers; null when it has none. */
export interface TokenLabels {
  direct: LabelContext;
  /** "MRN-12345678": the letters before the first joiner read as the last label word. */
  inline?: { start: number; context: LabelContext };
  /** "Plate: ABC 1234": the label before a capital group printed apart. */
  caps?: { start: number; context: LabelContext };
  /** A CSV/TSV cell: its column header. */
  column?: { start: number; context: LabelContext };
}

function readLabels(text: string, token: CodeToken): TokenLabels | null {
  const labels: TokenLabels = { direct: contextAt(text, token.start) };
  let any = labels.direct.phrases.length > 0;
  const t = token.text;
  let k = 0;
  while (k < t.length && isLetter(t.charCodeAt(k))) k++;
  if (k >= 2 && k <= 8 && k < t.length - 1 && isJoiner(t.charCodeAt(k))) {
    const inner = contextAt(text, token.start, t.slice(0, k).toLowerCase());
    if (inner.phrases.length > 0) {
      labels.inline = { start: token.start + k + 1, context: { phrases: inner.phrases, marker: true } };
      any = true;
    }
  }
  // A capital group before the value belongs to it only when it is not itself a label ("MRN 1885224").
  const s = labels.direct.phrases.length === 0 ? capsPrefix(text, token.start) : -1;
  if (s >= 0) {
    const context = contextAt(text, s);
    if (context.phrases.length > 0) {
      labels.caps = { start: s, context };
      any = true;
    }
  }
  const column = columnAt(text, token.start);
  const header = column && headerContext(column.header);
  if (column && header && header.phrases.length > 0) {
    labels.column = { start: s >= column.start ? s : token.start, context: header };
    any = true;
  }
  return any ? labels : null;
}

/** Whether a label of some recognizer's table (strict, or loose with a marker) claims TOKEN. */
export function hasLabel(text: string, token: CodeToken): boolean {
  return labelOf(text, token, ANY) !== undefined;
}

/**
 * The label of TOKEN in TABLE, if any: the words before it, else an inline letter prefix ("MRN-12345678"),
 * else (with CAPS) a short capital group before it that belongs to the value ("Plate: ABC 1234"), else
 * the header of its CSV column.
 */
export function labelOf(
  text: string,
  token: CodeToken,
  table: LabelTable,
  caps = false,
): LabelHit | undefined {
  if (token.labels === undefined) token.labels = readLabels(text, token);
  const l = token.labels;
  if (l === null) return undefined;
  const direct = matchContext(l.direct, table);
  if (direct) return { start: token.start, strict: direct === "strict" };
  const inline = l.inline && matchContext(l.inline.context, table);
  if (inline) return { start: l.inline!.start, strict: inline === "strict" };
  // A loose label reaches over a capital group only as a number ("Tag number WGM 7311", "Tag #: EBK 8971"):
  // "Plan: CPT 99213" is not a plan ID.
  const capital = caps && l.caps && matchContext(l.caps.context, table);
  if (capital === "strict" || (capital === "loose" && l.caps!.context.numbered))
    return { start: l.caps!.start, strict: capital === "strict" };
  const column = l.column && matchContext(l.column.context, table);
  if (column) return { start: caps ? l.column!.start : token.start, strict: column === "strict" };
  return undefined;
}

/** Start of a 1-4 capital-letter group just before POS ("ABC 1234"), or -1. */
export function capsPrefix(text: string, pos: number): number {
  if (text.charCodeAt(pos - 1) !== 32) return -1;
  let s = pos - 1;
  while (s > 0 && pos - 1 - s < 5) {
    const c = text.charCodeAt(s - 1);
    if (c >= 65 && c <= 90) s--;
    else break;
  }
  const len = pos - 1 - s;
  if (len < 1 || len > 4 || (s > 0 && isAlnum(text.charCodeAt(s - 1)))) return -1;
  return s;
}

export interface LabelledValue {
  start: number;
  end: number;
  strict: boolean;
}

/**
 * A code under an explicit label may hold fewer digits: device and transmitter IDs ("8ORU2D"), Washington
 * driver's licences ("WDL7BVJIDD7N"). 5-40 characters, letters in capitals (a lowercase run is a word).
 */
function codeShape(token: CodeToken): boolean {
  const v = token.text;
  return token.letters > 0 && v.length >= 5 && v.length <= 40 && !/[a-z]{2}/.test(v);
}

/** TOKEN as the value of a label in TABLE ("MRN: 00482913", "Member ID XJH 123456789"), or undefined. */
export function labelledValue(
  text: string,
  token: CodeToken,
  table: LabelTable,
  caps = false,
): LabelledValue | undefined {
  if (token.labels === null) return undefined;
  token.value ??= readValue(text, token);
  const value = token.value;
  if (value === NOT_A_VALUE) return undefined;
  const hit = labelOf(text, token, table, caps);
  if (!hit || (value.codeOnly && !hit.strict)) return undefined;
  return { start: hit.start, end: value.end, strict: hit.strict };
}

const NOT_A_VALUE = { end: -1, codeOnly: false };

/** What TOKEN can be as a labelled value, read once: where it ends, and whether only as a code. */
function readValue(text: string, token: CodeToken): { end: number; codeOnly: boolean } {
  const end = extendDigitGroups(text, token.end);
  // Three digits count when more groups follow: "driver license no. 123 456 789".
  const spaced = end > token.end && token.groups === 1 && token.letters === 0 && token.digits === 3;
  const codeOnly = !spaced && !idShape(text, token);
  if (codeOnly && !codeShape(token)) return NOT_A_VALUE;
  return { end, codeOnly };
}
