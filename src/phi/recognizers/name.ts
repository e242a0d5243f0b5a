/**
 * NAME: people's names (patients, relatives, contacts, clinicians). A word from the name lists is never
 * enough: "Will", "Hope", "Grant" and "Parkinson" are in them. A name needs evidence: a title ("Mrs. Ortiz"),
 * a label ("Patient name: maria ortiz"), a person word ("his wife Maria"), a credential ("J. Roe, MD"), a
 * possessive ("Reviewed Anna's log"), or the shape of a full name with at least one list word that is rarely
 * an English word ("Maria Ortiz", "Ortiz, Maria", "John A. Smith"). Eponyms before a medical noun are not names.
 */
import type { Candidate, Confidence, Recognizer } from "../candidate.js";
import { labelBefore, labelValue, spokenNames } from "./name-label.js";
import { EPONYM, MEDICAL, type NameLexicon, nameLexicon } from "./name-lexicon.js";
import {
  afterNumber,
  inName,
  isApostrophe,
  medicalSoon,
  nextWord,
  personBefore,
  sentenceStart,
  type Token,
  tokenOf,
} from "./name-token.js";
import { textIndex } from "./text-index.js";

const set = (words: string) => new Set(words.split(" "));
/** After these the capitalized words before are a place or an organization, not a person. */
const PLACE_WORDS = set(
  "hospital hospitals clinic clinics center centre medical memorial university college school institute foundation health healthcare street st avenue ave road rd drive boulevard blvd lane ln court ct county park lake river valley hill hills springs beach city town village church pharmacy pharmaceuticals pharma regional community general station airport mall plaza library hall building tower house way place square heights inc llc corp corporation company co ltd group scientific technologies systems labs laboratories therapeutics diagnostics",
);
const RELATIONS_AFTER = set(
  "wife husband son daughter mother father mom dad sister brother spouse partner family parents children kids friend caregiver guardian",
);
/** Before a list word these make it a place or an institution: "St. Luke", "Mount Sinai". */
const PLACE_PREFIXES = set("st saint mount mt fort ft lake port san santa");
/** Abbreviations that keep a run going after their period: "Dr. Ortiz", "St. Luke". */
const DOTTED = set("mr mrs ms mx dr prof rev sr sra srta st mt ft");

function push(found: Candidate[], start: number, end: number, confidence: Confidence, rule: string): void {
  found.push({ identifier: "NAME", start, end, confidence, rule });
}

/** Names after a title: "Dr. Ortiz", "Mrs. May Young", "Doctor Al-Hassan"; returns where the run goes on. */
function afterTitle(text: string, run: Token[], i: number, found: Candidate[]): number {
  const title = run[i]!;
  const first = run[i + 1]!;
  let j = i + 1;
  while (
    j < run.length &&
    j - i <= 4 &&
    !run[j]!.comma &&
    run[j]!.kind !== "title" &&
    !run[j - 1]!.possessive
  )
    j++;
  // "12 Oak Dr", "2 Dr" are streets and counts, not titles.
  if (afterNumber(text, title.start) || (title.lower === "dr" && i > 0 && afterNumber(text, run[0]!.start)))
    return i + 1;
  // After a title even a calendar or common word is a name: "Mrs. May", "Dr. Will". Word titles
  // ("Doctor", "Nurse", "Sister") are ordinary words too: they need a list name after them.
  const listed = first.kind !== "other" && first.kind !== "unknown" && first.kind !== "title";
  const abbreviation = title.lower.length <= 4 || title.lower === "miss";
  if (!listed && (!abbreviation || first.kind !== "unknown")) return i + 1;
  push(found, first.start, run[j - 1]!.end, listed ? "strong" : "medium", "name-title");
  return j;
}

function scanRun(text: string, run: Token[], lex: NameLexicon, found: Candidate[]): void {
  const segments: [number, number][] = [];
  let i = 0;
  while (i < run.length) {
    const t = run[i]!;
    if (t.kind === "title" && i + 1 < run.length && !run[i + 1]!.comma) {
      i = afterTitle(text, run, i, found);
    } else if (!inName(t)) {
      i++;
    } else {
      let j = i + 1;
      while (j < run.length && inName(run[j]) && !run[j]!.comma && !run[j - 1]!.possessive) j++;
      segments.push([i, j]);
      i = j;
    }
  }
  for (let s = 0; s < segments.length; s++) {
    const [a, b] = segments[s]!;
    const next = segments[s + 1];
    if (next && next[0] === b && lastFirst(text, run, a, next[1], lex, found)) s++;
    else segment(text, run, a, b, lex, found);
  }
}

/** "Ortiz, Maria" and "ORTIZ, MARIA J": one surname, a comma, one or two names; not a list ("A, B, C"). */
function lastFirst(
  text: string,
  run: Token[],
  a: number,
  b: number,
  lex: NameLexicon,
  found: Candidate[],
): boolean {
  if (run[a]!.comma || run[b]?.comma || run[a + 1]?.comma !== true) return false;
  let words = 0;
  let rare = 0;
  for (let k = a; k < b; k++) {
    const kind = run[k]!.kind;
    if (kind === "listedStop" || kind === "unknown" || (kind === "initial" && k === a)) return false;
    if (kind !== "initial") words++;
    if (kind === "rare") rare++;
  }
  if (words < 2 || words > 3 || rare === 0 || medicalSoon(text, run[b - 1]!.end, lex)) return false;
  push(found, run[a]!.start, run[b - 1]!.end, "medium", "name-last-first");
  return true;
}

/** Evidence for the name-like words run[a..b): the shape, a person word before, the word after. */
function segment(
  text: string,
  run: Token[],
  a: number,
  b: number,
  lex: NameLexicon,
  found: Candidate[],
): void {
  let a0 = a;
  const personWord = personBefore(text, run[a]!.start);
  const relationWord = personWord === "plain" && !run[a]!.allCaps;
  const relation0 = relationWord;
  // a0 is where the person word before applies: the first word, or the one after an unknown word.
  // Initials count only inside a name ("John A. Smith"); a listed calendar or place word only first and
  // before a rare name ("June Kim", "Georgia Ortiz") or after a relation ("wife June").
  while (
    a < b &&
    (run[a]!.initial || (run[a]!.kind === "listedStop" && run[a + 1]?.kind !== "rare" && !relation0))
  )
    a++;
  while (b > a + 1 && (run[b - 1]!.initial || run[b - 1]!.kind === "listedStop")) b--;
  if (b === a + 1 && run[a]!.kind === "listedStop" && !relation0) return;
  // "18 Fr Foley", "12 Oak": a word right after a number is a size, a street or a unit.
  if (a < b && afterNumber(text, run[a]!.start)) a++;
  if (a === b) return;
  let rare = 0;
  let unknown = 0;
  for (let k = a; k < b; k++) {
    if (run[k]!.kind === "rare") rare++;
    else if (run[k]!.kind === "unknown") unknown++;
  }
  let before = personWord;
  let relation = relationWord;
  if (rare === 0 && unknown > 0) {
    // Without a rare name, unknown words are ordinary capitalized words: keep the list word they
    // surround, if one ("Granddaughter Destiny helps": a relation unknown to the lists, then a name).
    while (a < b && run[a]!.kind === "unknown") a++;
    while (b > a && run[b - 1]!.kind === "unknown") b--;
    for (let k = a; k < b; k++) if (run[k]!.kind === "unknown") return;
    if (a === b) return;
    if (a !== a0) {
      before = personBefore(text, run[a]!.start);
      relation = before === "plain" && !run[a]!.allCaps;
      a0 = a;
    }
  }
  const first = run[a]!;
  const last = run[b - 1]!;
  const words = b - a;
  // A lone common word ("Take", "Pain") is a name only after a relation or as a possessive.
  if (words === 1 && rare === 0 && !last.possessive && !(relation && a === a0)) return;
  const next = nextWord(text, last.possessive ? last.end + 2 : last.end);
  // "Parkinson's disease", "Hodgkin lymphoma", "Mayo Clinic", "St. Luke", "Boston Scientific".
  if (next && !next.comma && (lex.flags(next.word) & MEDICAL || PLACE_WORDS.has(next.word))) return;
  if (b < run.length && PLACE_WORDS.has(run[b]!.lower)) return;
  if (a > 0 && PLACE_PREFIXES.has(run[a - 1]!.lower)) return;
  let eponym = false;
  for (let k = a; k < b; k++) if (run[k]!.flags & EPONYM) eponym = true;
  if (eponym && (words === 1 || medicalSoon(text, last.end, lex))) return;
  const credential = next?.comma === true && PERSON_CREDENTIALS.has(next.word);
  const person = before !== "" && a === a0;
  const start = sentenceStart(text, first.start);
  if (words >= 2 && rare >= 1) {
    // A sentence-initial common word is not part of the name: "Call Maria Ortiz", "Reviewed Anna's".
    const s = first.kind === "common" && start && run[a + 1]!.kind !== "initial" ? a + 1 : a;
    push(found, run[s]!.start, last.end, person || credential ? "strong" : "medium", "name-full");
  } else if (credential && (rare >= 1 || words >= 2)) {
    push(found, first.start, last.end, "medium", "name-credential");
  } else if (person && (rare >= 1 || relation) && !(words === 1 && first.allCaps)) {
    push(found, first.start, last.end, "medium", "name-person");
  } else if (last.possessive && !first.allCaps && (rare >= 1 || !start)) {
    // "Reviewed Anna's log", "Obtained Will's consent": a capitalized possessive is a person. At the start
    // of a sentence a common word is capitalized for that reason alone ("Let's", "Grant's") and is left out.
    const sure = rare >= 1 || words === 1 || (next !== undefined && RELATIONS_AFTER.has(next.word));
    push(found, first.start, last.end, sure ? "medium" : "weak", "name-possessive");
  } else if (rare >= 1 && words === 1 && !first.allCaps && !start && !afterNumber(text, first.start)) {
    push(found, first.start, last.end, "weak", "name-listed");
  }
}

/** Credentials after "Name, ": "Jane Roe, MD", "J. Roe, RN". */
const PERSON_CREDENTIALS = set(
  "md do rn np pa pa-c phd psyd dds dmd dpm od pharmd lcsw lpc lmft msw fnp aprn crna lpn cna mph facp facs",
);

/** Whether capitalized word J continues the run of word J - 1: "Maria Ortiz", "Ortiz, Maria", "J. Ortiz", "Dr. Ortiz". */
function joined(text: string, lower: string, starts: number[], ends: number[], j: number): 0 | 1 | 2 {
  const prevEnd = ends[j - 1]!;
  const gap = starts[j]! - prevEnd;
  const c0 = text.charCodeAt(prevEnd);
  if (gap === 1 && c0 === 32) return 1;
  if (c0 === 44 && (gap === 1 || (gap === 2 && text.charCodeAt(prevEnd + 1) === 32))) {
    // Not after a possessive: "Maria's, Ortiz" is no name.
    return isApostrophe(text.charCodeAt(prevEnd - 2)) ? 0 : 2;
  }
  if (c0 !== 46) return 0;
  const prevLength = prevEnd - starts[j - 1]!;
  if (gap === 1) return prevLength === 1 ? 1 : 0;
  if (gap !== 2 || text.charCodeAt(prevEnd + 1) !== 32) return 0;
  return prevLength === 1 || DOTTED.has(lower.slice(starts[j - 1]!, prevEnd)) ? 1 : 0;
}

/** Whether a capitalized word standing alone can be a name: not one that only starts a sentence. */
function worthAlone(text: string, start: number, end: number): boolean {
  const last = text.charCodeAt(end - 1);
  if (isApostrophe(last) || ((last === 115 || last === 83) && isApostrophe(text.charCodeAt(end - 2))))
    return true;
  return end - start > 1 && !sentenceStart(text, start);
}

export const name: Recognizer = {
  name: "name",
  identifiers: ["NAME"],
  scan(text: string, found: Candidate[]): void {
    const lex = nameLexicon();
    const index = textIndex(text);
    const { lower, capStart, capEnd } = index;
    const n = capStart.length;
    for (let k = 0; k < n; ) {
      let j = k + 1;
      while (j < n && joined(text, lower, capStart, capEnd, j) !== 0) j++;
      if (j - k > 1 || worthAlone(text, capStart[k]!, capEnd[k]!)) {
        const run: Token[] = [];
        for (let t = k; t < j; t++)
          run.push(
            tokenOf(
              text,
              lower,
              capStart[t]!,
              capEnd[t]!,
              t > k && joined(text, lower, capStart, capEnd, t) === 2,
              lex,
            ),
          );
        if (run.length > 1 || run[0]!.kind !== "other") scanRun(text, run, lex, found);
      }
      k = j;
    }
    for (const at of index.colons) {
      const label = labelBefore(text, at);
      if (label !== undefined) labelValue(text, at + 1, label, lex, found);
    }
    spokenNames(index, lex, found);
  },
};
