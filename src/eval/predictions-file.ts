/**
 * Predictions made elsewhere (a batch job, another harness, a colleague's run) scored as if we had called
 * the model. JSONL, one answer a line: `{"id": ITEM_ID, "prediction": "..."}` or `{"line": N, ...}` (the
 * suite's 1-based line), or in suite order when a line names neither. `output`, `completion` and `response`
 * are accepted for `prediction`; a chat record whose last message is the assistant's answer works too.
 */
import { ProblemList } from "../errors.js";
import { readJsonl } from "../io/jsonl.js";
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
export async function readPredictions(
  path: string,
  items: readonly SuiteItem[],
): Promise<Map<string, string>> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const byLine = new Map(items.map((i) => [i.line, i]));
  const predictions = new Map<string, string>();
  const problems = new ProblemList();
  const problem = (line: number, field: string | undefined, message: string) =>
    problems.add({ file: path, line, field, message });
  let position = 0;
  for await (const event of readJsonl(path)) {
    if (event.kind === "blank") continue;
    if (event.kind === "problem") {
      problem(event.line, undefined, event.message);
      position++;
      continue;
    }
    const ordinal = position++;
    const record = event.value as Record<string, unknown>;
    if (!record || typeof record !== "object" || Array.isArray(record)) {
      problem(event.line, undefined, "not a JSON object");
      continue;
    }
    const prediction = textOf(record);
    if (prediction === undefined) {
      problem(event.line, "prediction", `expected a string in one of ${TEXT_FIELDS.join(", ")}`);
      continue;
    }
    const item =
      typeof record.id === "string"
        ? byId.get(record.id)
        : typeof record.line === "number"
          ? byLine.get(record.line)
          : items[ordinal];
    if (!item) {
      problem(
        event.line,
        typeof record.id === "string" ? "id" : "line",
        `no suite item ${typeof record.id === "string" ? `with id ${record.id}` : `at ${record.line ?? `position ${ordinal + 1}`}`}`,
      );
      continue;
    }
    if (predictions.has(item.id)) {
      problem(event.line, "id", `a second answer for item ${item.id}`);
      continue;
    }
    predictions.set(item.id, prediction);
  }
  problems.throwIfAny(
    `${path}: unusable prediction lines`,
    'Each line: {"id": "<item id>", "prediction": "..."} or {"line": <suite line>, "prediction": "..."}.',
  );
  return predictions;
}
