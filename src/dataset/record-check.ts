/**
 * Format checks for one chat fine-tuning record: the OpenAI cookbook's checks, plus what the cookbook
 * misses (tool calls and tool messages, the `weight` key, trainable assistant turns). Pure: no I/O.
 */

export type FormatErrorType =
  | "data_type"
  | "missing_messages_list"
  | "message_missing_key"
  | "message_unrecognized_key"
  | "unrecognized_role"
  | "missing_content"
  | "example_missing_assistant_message"
  | "invalid_tool_call"
  | "tool_message_without_call"
  | "invalid_weight"
  | "no_trainable_assistant_message";

export interface FormatError {
  type: FormatErrorType;
  /** Where in the record: `messages[2].weight`. */
  path: string;
  message: string;
}

export interface RecordCheck {
  errors: FormatError[];
  hasSystem: boolean;
  hasUser: boolean;
  /** Top-level keys other than the ones the fine-tuning API knows. */
  unknownTopLevelKeys: string[];
}

const MESSAGE_KEYS = new Set([
  "role",
  "content",
  "name",
  "function_call",
  "tool_calls",
  "tool_call_id",
  "weight",
]);
const ROLES = new Set(["system", "user", "assistant", "tool", "function"]);
const TOP_LEVEL_KEYS = new Set(["messages", "tools", "functions", "parallel_tool_calls"]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function checkToolCalls(calls: unknown, at: string, issued: Set<string>, errors: FormatError[]): void {
  if (!Array.isArray(calls) || calls.length === 0) {
    errors.push({ type: "invalid_tool_call", path: at, message: "tool_calls must be a non-empty list" });
    return;
  }
  calls.forEach((call, j) => {
    const p = `${at}[${j}]`;
    if (!isObject(call)) {
      errors.push({ type: "invalid_tool_call", path: p, message: "a tool call must be an object" });
      return;
    }
    if (typeof call.id !== "string" || call.id === "")
      errors.push({ type: "invalid_tool_call", path: `${p}.id`, message: "a tool call needs a string id" });
    else issued.add(call.id);
    if (call.type !== "function")
      errors.push({ type: "invalid_tool_call", path: `${p}.type`, message: 'type must be "function"' });
    const fn = call.function;
    if (!isObject(fn) || typeof fn.name !== "string" || fn.name === "") {
      errors.push({
        type: "invalid_tool_call",
        path: `${p}.function.name`,
        message: "function.name is required",
      });
      return;
    }
    if (typeof fn.arguments !== "string") {
      errors.push({
        type: "invalid_tool_call",
        path: `${p}.function.arguments`,
        message: "function.arguments must be a JSON-encoded string",
      });
      return;
    }
    try {
      JSON.parse(fn.arguments);
    } catch {
      errors.push({
        type: "invalid_tool_call",
        path: `${p}.function.arguments`,
        message: "function.arguments is not valid JSON",
      });
    }
  });
}

export function checkRecord(record: unknown): RecordCheck {
  const errors: FormatError[] = [];
  const result: RecordCheck = { errors, hasSystem: false, hasUser: false, unknownTopLevelKeys: [] };
  if (!isObject(record)) {
    errors.push({ type: "data_type", path: "", message: "each line must be a JSON object" });
    return result;
  }
  for (const key of Object.keys(record)) if (!TOP_LEVEL_KEYS.has(key)) result.unknownTopLevelKeys.push(key);
  const messages = record.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    errors.push({
      type: "missing_messages_list",
      path: "messages",
      message: 'expected a non-empty "messages" list',
    });
    return result;
  }
  const issued = new Set<string>();
  let assistants = 0;
  let trainable = 0;
  messages.forEach((message, i) => {
    const at = `messages[${i}]`;
    if (!isObject(message)) {
      errors.push({ type: "data_type", path: at, message: "a message must be an object" });
      return;
    }
    for (const key of Object.keys(message)) {
      if (!MESSAGE_KEYS.has(key))
        errors.push({
          type: "message_unrecognized_key",
          path: `${at}.${key}`,
          message: `unknown key "${key}" (allowed: ${[...MESSAGE_KEYS].join(", ")})`,
        });
    }
    const role = message.role;
    if (typeof role !== "string") {
      errors.push({ type: "message_missing_key", path: `${at}.role`, message: "a message needs a role" });
      return;
    }
    if (!ROLES.has(role)) {
      errors.push({
        type: "unrecognized_role",
        path: `${at}.role`,
        message: `unknown role "${role}" (allowed: ${[...ROLES].join(", ")})`,
      });
      return;
    }
    if (role === "system") result.hasSystem = true;
    if (role === "user") result.hasUser = true;
    const hasCall = message.tool_calls !== undefined || message.function_call !== undefined;
    if (!("content" in message) && !hasCall) {
      errors.push({ type: "message_missing_key", path: `${at}.content`, message: "a message needs content" });
    } else if (!hasCall && (typeof message.content !== "string" || message.content.trim() === "")) {
      errors.push({
        type: "missing_content",
        path: `${at}.content`,
        message: "content must be a non-empty string",
      });
    } else if (hasCall && message.content !== undefined && message.content !== null) {
      if (typeof message.content !== "string")
        errors.push({
          type: "missing_content",
          path: `${at}.content`,
          message: "content must be a string or null",
        });
    }
    if (message.tool_calls !== undefined) {
      if (role !== "assistant")
        errors.push({
          type: "invalid_tool_call",
          path: `${at}.tool_calls`,
          message: "only assistant messages make tool calls",
        });
      checkToolCalls(message.tool_calls, `${at}.tool_calls`, issued, errors);
    }
    if (role === "tool") {
      const id = message.tool_call_id;
      if (typeof id !== "string" || !issued.has(id))
        errors.push({
          type: "tool_message_without_call",
          path: `${at}.tool_call_id`,
          message:
            typeof id === "string"
              ? `tool_call_id "${id}" answers no earlier assistant tool call`
              : "a tool message needs the tool_call_id it answers",
        });
    }
    if (message.weight !== undefined) {
      if (role !== "assistant")
        errors.push({
          type: "invalid_weight",
          path: `${at}.weight`,
          message: "weight is allowed on assistant messages only",
        });
      else if (message.weight !== 0 && message.weight !== 1)
        errors.push({ type: "invalid_weight", path: `${at}.weight`, message: "weight must be 0 or 1" });
    }
    if (role === "assistant") {
      assistants++;
      if (message.weight !== 0) trainable++;
    }
  });
  if (assistants === 0)
    errors.push({
      type: "example_missing_assistant_message",
      path: "messages",
      message: "an example needs at least one assistant message to learn from",
    });
  else if (trainable === 0)
    errors.push({
      type: "no_trainable_assistant_message",
      path: "messages",
      message: "every assistant message has weight 0, so nothing would be learned",
    });
  return result;
}
