/**
 * PubMedQA (PQA-L: ori_pqal.json, test_set.json) → multiple-choice items over yes / no / maybe. The file
 * is one JSON object keyed by PMID; each entry has `QUESTION`, `CONTEXTS` (the abstract's paragraphs,
 * labelled by `LABELS` when present) and `final_decision`. The model is asked for yes, no or maybe; the
 * choices are {A: yes, B: no, C: maybe}. Items carry the line where their PMID starts.
 */
import type { ProblemList } from "../../errors.js";
import type { SuiteItem } from "../types.js";
import { isObject, mcqItem, text } from "./item.js";

export const PUBMEDQA_SYSTEM_PROMPT =
  "Answer the research question from the abstract with one word: yes, no or maybe.";
export const PUBMEDQA_CHOICES: Readonly<Record<string, string>> = { A: "yes", B: "no", C: "maybe" };
const LETTER_OF: Readonly<Record<string, string>> = { yes: "A", no: "B", maybe: "C" };

/** An object whose first value has QUESTION and CONTEXTS. */
export function isPubmedqaObject(value: unknown): boolean {
  if (!isObject(value)) return false;
  const first = Object.values(value)[0];
  return isObject(first) && "QUESTION" in first && ("CONTEXTS" in first || "final_decision" in first);
}

/** Line (1-based) where each `"key": {` opens, for messages. */
function keyLines(source: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let from = 0;
  for (const m of source.matchAll(/"([^"\\\n]{1,40})"\s*:\s*\{/g)) {
    for (let i = from; i < m.index; i++) if (source.charCodeAt(i) === 10) line++;
    from = m.index;
    if (!lines.has(m[1] as string)) lines.set(m[1] as string, line);
  }
  return lines;
}

function contextText(entry: Record<string, unknown>): string | null {
  const contexts = entry.CONTEXTS;
  if (!Array.isArray(contexts) || contexts.length === 0) return null;
  const labels = Array.isArray(entry.LABELS) ? entry.LABELS : [];
  const parts: string[] = [];
  contexts.forEach((c, i) => {
    const body = text(c);
    if (!body) return;
    const label = text(labels[i]);
    parts.push(label ? `${label}: ${body}` : body);
  });
  return parts.length ? parts.join("\n") : null;
}

export function pubmedqaItems(
  data: Record<string, unknown>,
  source: string,
  path: string,
  problems: ProblemList,
): SuiteItem[] {
  const lines = keyLines(source);
  const items: SuiteItem[] = [];
  for (const [pmid, entry] of Object.entries(data)) {
    const line = lines.get(pmid) ?? 1;
    const problem = (field: string, message: string) =>
      problems.add({ file: path, line, field: field ? `${pmid}.${field}` : pmid, message });
    if (!isObject(entry)) {
      problem("", "each PMID must map to an object");
      continue;
    }
    const question = text(entry.QUESTION);
    if (!question) {
      problem("QUESTION", "missing or empty question");
      continue;
    }
    const context = contextText(entry);
    if (!context) {
      problem("CONTEXTS", "expected a non-empty list of abstract paragraphs");
      continue;
    }
    const decision = text(entry.final_decision)?.toLowerCase();
    const answer = decision ? LETTER_OF[decision] : undefined;
    if (!answer) {
      problem("final_decision", "expected yes, no or maybe (the unlabeled PQA-U set has none)");
      continue;
    }
    const user = `Abstract:\n${context}\n\nQuestion: ${question}`;
    items.push(
      mcqItem(line, user, { ...PUBMEDQA_CHOICES }, answer, PUBMEDQA_SYSTEM_PROMPT, decision as string),
    );
  }
  return items;
}
