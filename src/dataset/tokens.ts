/**
 * Token counting the OpenAI cookbook's way: 3 tokens per message, every string field of a message
 * encoded, +1 for a name, +3 per example. Tool calls, which the cookbook skips, are counted as their
 * function name and arguments. gpt-tokenizer was chosen by measurement (npm run bench: ~12x tiktoken's
 * WASM build on clinical text, identical counts).
 */
import type { EncodingName } from "./models.js";

type CountFn = (text: string) => number;

const NO_SPECIAL = { disallowedSpecial: new Set<string>() };
const counters = new Map<EncodingName, CountFn>();

/** Loads an encoding once; special-token text ("<|endoftext|>") is counted as ordinary text. */
export async function loadCounter(encoding: EncodingName): Promise<CountFn> {
  const cached = counters.get(encoding);
  if (cached) return cached;
  const module =
    encoding === "o200k_base"
      ? await import("gpt-tokenizer/encoding/o200k_base")
      : await import("gpt-tokenizer/encoding/cl100k_base");
  const count: CountFn = (text) => (text.length === 0 ? 0 : module.countTokens(text, NO_SPECIAL));
  counters.set(encoding, count);
  return count;
}

export interface RecordTokens {
  /** Tokens of the whole example, as billed. */
  total: number;
  /** Tokens of assistant messages' content (what the model learns to write). */
  assistant: number;
}

const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const TOKENS_PER_EXAMPLE = 3;

/** Counts one example's messages; non-string fields other than tool calls are ignored. */
export function countRecordTokens(
  messages: readonly Record<string, unknown>[],
  count: CountFn,
): RecordTokens {
  let total = TOKENS_PER_EXAMPLE;
  let assistant = 0;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE;
    for (const key in message) {
      const value = message[key];
      if (typeof value === "string") {
        const n = count(value);
        total += n;
        if (key === "name") total += TOKENS_PER_NAME;
        if (key === "content" && message.role === "assistant") assistant += n;
      } else if (key === "tool_calls" && Array.isArray(value)) {
        for (const call of value) {
          const fn = (call as { function?: { name?: unknown; arguments?: unknown } })?.function;
          if (typeof fn?.name === "string") total += count(fn.name);
          if (typeof fn?.arguments === "string") total += count(fn.arguments);
        }
      } else if (key === "function_call" && value && typeof value === "object") {
        const fn = value as { name?: unknown; arguments?: unknown };
        if (typeof fn.name === "string") total += count(fn.name);
        if (typeof fn.arguments === "string") total += count(fn.arguments);
      }
    }
  }
  return { total, assistant };
}
