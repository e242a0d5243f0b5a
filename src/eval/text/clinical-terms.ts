/**
 * Clinical terms in a text, as a set of canonical strings: dictionary phrases (longest match wins, whole
 * words only, so "chest x-ray" is one term and "ear" is not found inside "year"), ICD-10-CM codes
 * ("I48.91"), dose amounts with their unit ("500 mg", whether written "500 milligrams" or "500mg") and
 * blood-pressure readings ("bp 116/71", whether dictated "116 over 71" or written "116/71 mmHg").
 * Term F1 and the hallucination rate of the scribe scorer are computed on these sets.
 */
import { DIAGNOSIS_BY_CODE } from "../../dataset/synthetic/codes.js";
import { lexiconEntries } from "./clinical-lexicon.js";
import { wordTokens } from "./tokenize.js";

interface Phrase {
  tokens: string[];
  canonical: string;
}

let index: Map<string, Phrase[]> | undefined;

/** First token → phrases starting with it, longest first. Built once, on first use. */
function phraseIndex(): Map<string, Phrase[]> {
  if (index) return index;
  const byKey = new Map<string, Phrase>();
  for (const [surface, canonical] of lexiconEntries()) {
    const tokens = wordTokens(surface);
    if (tokens.length) byKey.set(tokens.join(" "), { tokens, canonical });
  }
  const built = new Map<string, Phrase[]>();
  for (const phrase of byKey.values()) {
    const first = phrase.tokens[0] as string;
    const list = built.get(first) ?? [];
    list.push(phrase);
    built.set(first, list);
  }
  for (const list of built.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  index = built;
  return built;
}

/** How many surface forms the dictionary holds (for reports and tests). */
export function lexiconSize(): number {
  let n = 0;
  for (const list of phraseIndex().values()) n += list.length;
  return n;
}

const UNITS: Readonly<Record<string, string>> = {
  mg: "mg",
  milligram: "mg",
  milligrams: "mg",
  mcg: "mcg",
  µg: "mcg",
  ug: "mcg",
  microgram: "mcg",
  micrograms: "mcg",
  g: "g",
  gram: "g",
  grams: "g",
  ml: "mL",
  milliliter: "mL",
  milliliters: "mL",
  millilitre: "mL",
  millilitres: "mL",
  unit: "units",
  units: "units",
  iu: "units",
  meq: "mEq",
};
const DOSE =
  /(?<![\w.])(\d+(?:\.\d+)?)\s*(mg|milligrams?|mcg|µg|ug|micrograms?|g|grams?|ml|millilit(?:er|re)s?|units?|iu|meq)(?![\p{L}\p{N}])/giu;
const ICD = /(?<![\p{L}\p{N}.])([A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?![\p{L}\p{N}])/gu;
const BP_READING =
  /(?:\b(?:bp|blood pressure)\b[^\d\n]{0,12})(\d{2,3})\s*(?:\/|over)\s*(\d{2,3})\b|\b(\d{2,3})\s*\/\s*(\d{2,3})\s*mm\s*hg\b/giu;

/** Dose amounts with units, canonical: "2.5 mg", "40 mg", "1.3 mL". */
export function doseTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DOSE)) {
    const amount = String(Number(m[1]));
    out.push(`${amount} ${UNITS[(m[2] as string).toLowerCase()] ?? (m[2] as string).toLowerCase()}`);
  }
  return out;
}

/** ICD-10-CM codes: any dotted code, and undotted ones only when they are real codes ("I10", "R55"). */
export function icdCodes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ICD)) {
    const code = m[1] as string;
    if (code.includes(".") || DIAGNOSIS_BY_CODE.has(code)) out.push(code);
  }
  return out;
}

function bpReadings(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(BP_READING)) {
    const sys = m[1] ?? m[3];
    const dia = m[2] ?? m[4];
    if (sys && dia) out.push(`bp ${Number(sys)}/${Number(dia)}`);
  }
  return out;
}

/** Dictionary terms of a token list, longest match first, canonical spelling. */
export function dictionaryTerms(tokens: readonly string[]): string[] {
  const phrases = phraseIndex();
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const candidates = phrases.get(tokens[i] as string);
    let matched = 0;
    if (candidates) {
      for (const phrase of candidates) {
        const len = phrase.tokens.length;
        if (i + len > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < len && ok; k++) ok = tokens[i + k] === phrase.tokens[k];
        if (ok) {
          out.push(phrase.canonical);
          matched = len;
          break;
        }
      }
    }
    i += matched || 1;
  }
  return out;
}

/** Every clinical term of a text, as a set of canonical strings. */
export function clinicalTerms(text: string): Set<string> {
  return new Set([
    ...dictionaryTerms(wordTokens(text)),
    ...icdCodes(text),
    ...doseTerms(text),
    ...bpReadings(text),
  ]);
}

/** Terms of `output` against a reference: true positives, false positives and false negatives. */
export function termOverlap(output: ReadonlySet<string>, reference: ReadonlySet<string>) {
  let tp = 0;
  for (const t of output) if (reference.has(t)) tp++;
  return { tp, fp: output.size - tp, fn: reference.size - tp };
}
