/**
 * Chat JSONL (what `cft prepare` writes as test.jsonl) → suite items. The last assistant message of a
 * line is the reference; everything before it is what the model is sent (anything after it is dropped).
 * Messages keep only the chat fields a model endpoint takes (role, content, name, tool calls), so a
 * training-only `weight` never changes an item's id or reaches the endpoint.
 */
import type { ChatMessage } from "../../dataset/chat.js";
import type { ProblemList } from "../../errors.js";
import type { SuiteItem } from "../types.js";
import { isObject, itemId, type RawRecord } from "./item.js";

const ROLES = new Set(["system", "user", "assistant", "tool"]);

function cleanMessage(m: Record<string, unknown>): ChatMessage {
  const out: ChatMessage = {
    role: m.role as ChatMessage["role"],
    content: (m.content as string | null) ?? null,
  };
  if (typeof m.name === "string") out.name = m.name;
  if (Array.isArray(m.tool_calls)) out.tool_calls = m.tool_calls as ChatMessage["tool_calls"];
  if (typeof m.tool_call_id === "string") out.tool_call_id = m.tool_call_id;
  return out;
}

/** One line → an item, or the reason it is not one. */
export function chatItem(value: unknown, line: number): SuiteItem | { field: string; message: string } {
  if (!isObject(value)) return { field: "", message: "each line must be a JSON object" };
  const messages = value.messages;
  if (!Array.isArray(messages) || messages.length === 0)
    return { field: "messages", message: 'expected a non-empty "messages" list' };
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (!isObject(m) || typeof m.role !== "string" || !ROLES.has(m.role))
      return {
        field: `messages[${i}].role`,
        message: "each message needs a role: system, user, assistant or tool",
      };
    if (m.content !== undefined && m.content !== null && typeof m.content !== "string")
      return { field: `messages[${i}].content`, message: "content must be a string or null" };
  }
  let last = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if ((messages[i] as Record<string, unknown>).role === "assistant") {
      last = i;
      break;
    }
  }
  if (last === -1)
    return {
      field: "messages",
      message: "no assistant message: the last assistant message is the reference answer",
    };
  const reference = (messages[last] as Record<string, unknown>).content;
  if (typeof reference !== "string" || reference.trim() === "")
    return {
      field: `messages[${last}].content`,
      message: "the reference (last assistant message) has no text",
    };
  if (last === 0) return { field: "messages", message: "nothing before the reference to send the model" };
  const prompt = messages.slice(0, last).map((m) => cleanMessage(m as Record<string, unknown>));
  return { id: itemId(prompt, reference), line, messages: prompt, reference };
}

export function chatItems(records: readonly RawRecord[], path: string, problems: ProblemList): SuiteItem[] {
  const items: SuiteItem[] = [];
  for (const { line, value } of records) {
    const result = chatItem(value, line);
    if ("id" in result) items.push(result);
    else
      problems.add({
        file: path,
        line,
        ...(result.field ? { field: result.field } : {}),
        message: result.message,
      });
  }
  return items;
}
