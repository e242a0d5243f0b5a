/**
 * MedQA (USMLE) JSONL → multiple-choice items. Each line: `question`, `options` {A: …, B: …, …} (four in
 * the 4_options copy, five in the original US set), `answer_idx` (the gold letter) and usually `answer`
 * (the gold option's text, checked against `options[answer_idx]` when present).
 */
import type { ProblemList } from "../../errors.js";
import type { SuiteItem } from "../types.js";
import { isObject, mcqItem, mcqPrompt, OPTION_LETTERS, questionOf, type RawRecord, text } from "./item.js";

/** Does a parsed line look like MedQA? */
export function isMedqaRecord(value: unknown): boolean {
  return isObject(value) && "question" in value && "options" in value && "answer_idx" in value;
}

export function medqaItems(records: readonly RawRecord[], path: string, problems: ProblemList): SuiteItem[] {
  const items: SuiteItem[] = [];
  for (const { line, value } of records) {
    const problem = (field: string, message: string) => problems.add({ file: path, line, field, message });
    const found = questionOf(value, problem);
    if (!found) continue;
    const { record, question } = found;
    if (!isObject(record.options)) {
      problem("options", 'expected an object of options, e.g. {"A": "…", "B": "…"}');
      continue;
    }
    const choices: Record<string, string> = {};
    let bad = false;
    for (const [key, option] of Object.entries(record.options)) {
      const letter = key.trim().toUpperCase();
      const optionText = text(option);
      if (!(OPTION_LETTERS as readonly string[]).includes(letter) || !optionText) {
        problem(`options.${key}`, "options must be letters A–E with non-empty text");
        bad = true;
        break;
      }
      choices[letter] = optionText;
    }
    if (bad) continue;
    if (Object.keys(choices).length < 2) {
      problem("options", "a question needs at least two options");
      continue;
    }
    const answer = text(record.answer_idx)?.toUpperCase();
    if (!answer || !(answer in choices)) {
      problem("answer_idx", `expected one of ${Object.keys(choices).join(", ")}`);
      continue;
    }
    const answerText = text(record.answer);
    if (answerText && answerText !== choices[answer]) {
      problem("answer", `answer text does not match option ${answer}`);
      continue;
    }
    const sorted = Object.fromEntries(Object.entries(choices).sort(([a], [b]) => a.localeCompare(b)));
    items.push(mcqItem(line, mcqPrompt(question, sorted), sorted, answer));
  }
  return items;
}
