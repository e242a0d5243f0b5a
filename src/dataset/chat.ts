/**
 * The OpenAI chat fine-tuning record: what every prepared dataset holds, one JSON object a line.
 */
export type Task = "claims" | "scribe" | "companion";
export const TASKS: readonly Task[] = ["claims", "scribe", "companion"];

export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  weight?: 0 | 1;
}

export interface ChatRecord {
  messages: ChatMessage[];
}

/** A record ready to be split and written, with the label the split is stratified by. */
export interface Example {
  record: ChatRecord;
  /** Claims decision, document type, companion topic; "all" where a source has none. */
  label: string;
}

export function chatExample(system: string, user: string, assistant: string, label: string): Example {
  return {
    record: {
      messages: [
        { role: "system", content: system },
        { role: "user", content: user },
        { role: "assistant", content: assistant },
      ],
    },
    label,
  };
}
