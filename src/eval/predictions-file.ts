/**
 * Predictions made elsewhere (a batch job, another harness, a colleague's run) scored as if we had called
 * the model. JSONL, one answer a line: `{"id": ITEM_ID, "prediction": "..."}` or `{"line": N, ...}` (the
 * suite's 1-based line), or in suite order when a line names neither. `output`, `completion` and `response`
 * are accepted for `prediction`; a chat record whose last message is the assistant's answer works too.
 */
import { readFileSync } from "node:fs";
import { InputError, type InputProblem } from "../errors.js";
import type { SuiteItem } from "./types.js";

const TEXT_FIELDS = ["prediction", "output", "completion", "response"] as const;

function textOf(record: Record<string, unknown>): string | undefined {
  for (const field of TEXT_FIELDS) if (typeof record[field] === "string") return record[field] as string;
  const messages = record.messages;
  if (Array.isArray(messages)) {
    const last = messages[messages.length - 1] as { role?: unknown; content?: unknown } | undefined;
    if (last?.role === "assistant" && typeof last.content === "string") return last.content;
  }
  return undefined;
}

/** Item id → prediction. Every malformed line is named (up to 50); answers for unknown items are errors. */
export function readPredictions(path: string, items: readonly SuiteItem[]): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    throw new InputError(`cannot read predictions ${path}: ${(error as Error).message}`);
  }
  const byId = new Map(items.map((i) => [i.id, i]));
  const byLine = new Map(items.map((i) => [i.line, i]));
  const predictions = new Map<string, string>();
  const problems: InputProblem[] = [];
  let total = 0;
  const problem = (line: number, field: string | undefined, message: string) => {
    total++;
    if (problems.length < 50) problems.push({ file: path, line, field, message });
  };
  const lines = text.split(/\r?\n/);
  let ordinal = 0;
  for (const [index, raw] of lines.entries()) {
    const lineNo = index + 1;
    if (!raw.trim()) continue;
    const position = ordinal++;
    let record: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
        throw new Error("not a JSON object");
      record = parsed as Record<string, unknown>;
    } catch (error) {
      problem(lineNo, undefined, `not a JSON object (${(error as Error).message})`);
      continue;
    }
    const prediction = textOf(record);
    if (prediction === undefined) {
      problem(lineNo, "prediction", `expected a string in one of ${TEXT_FIELDS.join(", ")}`);
      continue;
    }
    const item =
      typeof record.id === "string"
        ? byId.get(record.id)
        : typeof record.line === "number"
          ? byLine.get(record.line)
          : items[position];
    if (!item) {
      problem(
        lineNo,
        typeof record.id === "string" ? "id" : "line",
        `no suite item ${typeof record.id === "string" ? `with id ${record.id}` : `at ${record.line ?? `position ${position + 1}`}`}`,
      );
      continue;
    }
    if (predictions.has(item.id)) {
      problem(lineNo, "id", `a second answer for item ${item.id}`);
      continue;
    }
    predictions.set(item.id, prediction);
  }
  if (total)
    throw new InputError(`${path}: ${total} unusable prediction line${total === 1 ? "" : "s"}`, problems, {
      hint: 'Each line: {"id": "<item id>", "prediction": "..."} or {"line": <suite line>, "prediction": "..."}.',
      total,
    });
  return predictions;
}
