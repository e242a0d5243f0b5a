/**
 * Chat JSONL (already in OpenAI chat format) → examples. Every line is checked with the same format
 * checks as `cft validate`; a record without a system message gets the task's system prompt.
 */
import { ProblemList } from "../../errors.js";
import { readJsonl } from "../../io/jsonl.js";
import type { ChatMessage, ChatRecord, Example } from "../chat.js";
import { checkRecord } from "../record-check.js";
import type { SourceResult } from "./source.js";

export async function readChatJsonl(path: string, systemPrompt: string): Promise<SourceResult> {
  const problems = new ProblemList();
  const examples: Example[] = [];
  for await (const event of readJsonl(path)) {
    if (event.kind === "blank") continue;
    if (event.kind === "problem") {
      problems.add({ file: path, line: event.line, message: event.message });
      continue;
    }
    const check = checkRecord(event.value);
    for (const e of check.errors)
      problems.add({ file: path, line: event.line, field: e.path, message: e.message });
    if (check.errors.length) continue;
    const source = event.value as { messages: ChatMessage[]; tools?: unknown };
    const messages = check.hasSystem
      ? source.messages
      : [{ role: "system", content: systemPrompt } as ChatMessage, ...source.messages];
    const record: ChatRecord = { messages };
    if (source.tools !== undefined) (record as ChatRecord & { tools: unknown }).tools = source.tools;
    examples.push({ record, label: "all" });
  }
  problems.throwIfAny(
    `${path}: lines that are not valid chat records`,
    "Run `cft validate` on the file for details.",
  );
  return { examples, filtered: 0 };
}
