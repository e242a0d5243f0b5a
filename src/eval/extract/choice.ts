/**
 * Reads a multiple-choice answer (an option letter) from free text. In order: explicit statements
 * ("Answer: B", "The answer is (B)", "I'd choose B", {"answer": "B"}, \boxed{B}); a reply that is only a
 * letter ("B", "(B)", "B.", "**B**") or starts with one ("B. Metformin…"); bold or bracketed letters;
 * then the text of an option (normalized exact match, or the reply's opening words, e.g. "Yes, because…"
 * for PubMedQA's yes/no/maybe). Two different letters at the same level mean no valid answer (null).
 */
import { normalizeText } from "../text/tokenize.js";

export type Choices = Readonly<Record<string, string>>;

const LETTER = "[A-Ea-e]";
// Explicit answer statements; group 1 is the letter.
const EXPLICIT: readonly RegExp[] = [
  new RegExp(
    String.raw`\b(?:final\s+|correct\s+|right\s+|best\s+)?answer\s*(?:is|would be|will be|:|=|-)?\s*(?:option|choice|letter)?\s*[:\-]?\s*[(\[]?\s*(${LETTER})\b\s*[)\].]?`,
    "gi",
  ),
  new RegExp(
    String.raw`\b(?:correct|right|best|most likely)\s+(?:option|choice)\s*(?:is|would be|:)\s*[(\[]?\s*(${LETTER})\b`,
    "gi",
  ),
  new RegExp(
    String.raw`\bI(?:\s+would|'d)?\s+(?:choose|select|pick|go with)\s+(?:option\s+|choice\s+)?[(\[]?(${LETTER})\b`,
    "gi",
  ),
  new RegExp(String.raw`"answer"\s*:\s*"\s*(${LETTER})\s*"`, "gi"),
  new RegExp(String.raw`\\boxed\{\s*(?:\\text\{)?\s*(${LETTER})\s*\}`, "gi"),
];
const ONLY_LETTER = new RegExp(
  String.raw`^(?:option|choice|letter)?\s*[(\[]?\s*(${LETTER})\s*[)\]]?\s*[.:]?$`,
  "i",
);
const LEADING_LETTER = /^[([]?([A-E])\s*(?:[.):\]]|\s-\s)\s*\S/;
const MARKED = /\*\*\s*\(?([A-E])\)?\s*\*\*|\(([A-E])\)|\[([A-E])\]/g;

function strip(text: string): string {
  return text
    .replace(/[’‘]/g, "'")
    .replace(/`/g, "")
    .replace(/^\s*(?:#+\s*)/, "")
    .trim();
}

/** Letters from explicit statements; a lowercase letter counts only when it is not an article ("a patient"). */
function explicitLetters(text: string, choices: Choices): Set<string> {
  const found = new Set<string>();
  for (const pattern of EXPLICIT) {
    for (const m of text.matchAll(pattern)) {
      const raw = m[1] as string;
      const after = text.slice((m.index ?? 0) + m[0].length);
      if (raw === raw.toLowerCase() && /^\s*[A-Za-z]/.test(after) && !/[)\]]\s*$/.test(m[0])) continue;
      const letter = raw.toUpperCase();
      if (letter in choices) found.add(letter);
    }
  }
  return found;
}

const LEAD_INS =
  /^(?:(?:so|thus|therefore|hence)\s+)?(?:(?:the\s+)?(?:final\s+|correct\s+|best\s+)?answer\s*(?:is|:)?|i\s+(?:would\s+)?(?:say|choose|pick)|my\s+answer\s+is)\s*/;

/** The option whose normalized text the reply is, or opens with ("Yes, …"); the longest such option wins. */
function optionByText(text: string, choices: Choices): string | null {
  const reply = normalizeText(text).replace(LEAD_INS, "").trim();
  if (!reply) return null;
  let best: { letter: string; length: number } | null = null;
  let tie = false;
  for (const [letter, option] of Object.entries(choices)) {
    const o = normalizeText(option);
    if (!o) continue;
    if (reply === o || reply.startsWith(`${o} `)) {
      if (!best || o.length > best.length) {
        best = { letter, length: o.length };
        tie = false;
      } else if (o.length === best.length && best.letter !== letter) tie = true;
    }
  }
  return best && !tie ? best.letter : null;
}

/** The option letter a reply gives, or null when it gives none or contradicts itself. */
export function extractChoice(text: string, choices: Choices): string | null {
  const t = strip(text);
  if (!t) return null;
  const unbolded = t.replace(/\*\*|__/g, "").trim();
  const explicit = explicitLetters(unbolded, choices);
  if (explicit.size > 1) return null;
  if (explicit.size === 1) return [...explicit][0] as string;

  const only = ONLY_LETTER.exec(unbolded);
  if (only) {
    const letter = (only[1] as string).toUpperCase();
    return letter in choices ? letter : null;
  }
  const marked = new Set<string>();
  for (const m of t.matchAll(MARKED)) {
    const letter = (m[1] ?? m[2] ?? m[3]) as string;
    if (letter in choices) marked.add(letter);
  }
  const leading = LEADING_LETTER.exec(unbolded)?.[1];
  if (leading && leading in choices) {
    // "B. Metformin" — unless bold/bracketed letters elsewhere name another option.
    return [...marked].every((m) => m === leading) ? leading : null;
  }
  if (marked.size > 1) return null;
  if (marked.size === 1) return [...marked][0] as string;
  return optionByText(unbolded, choices);
}
