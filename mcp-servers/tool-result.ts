/**
 * What a tool hands back. A result carries text for the model and `structuredContent` matching the tool's
 * output schema; a refusal or a failure is a result with `isError: true` and a sentence a model can act on
 * (what is wrong, what to do about it), never a crash. `safeHandler` turns anything a handler throws into
 * such a result, mapping the project's error kinds (src/errors.ts) the way the CLI maps them to exit codes.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { CftError, formatProblem, GateError, InputError, ServiceError } from "../src/errors.js";

/** A successful result: `structured` must match the tool's output schema. */
export function ok(structured: object, text: string): CallToolResult {
  return { content: [{ type: "text", text }], structuredContent: structured as Record<string, unknown> };
}

/**
 * A refusal or failure the model should read and act on. `structured`, when given, must still match the
 * tool's output schema: clients validate structured content on error results too.
 */
export function refuse(sentence: string, structured?: object): CallToolResult {
  return {
    isError: true,
    content: [{ type: "text", text: sentence }],
    ...(structured ? { structuredContent: structured as Record<string, unknown> } : {}),
  };
}

const SHOWN_PROBLEMS = 10;

/** The kind of failure, in words a model can weigh: fix the input, respect the gate, or retry later. */
function kindOf(error: CftError): string {
  if (error instanceof InputError) return "Bad input";
  if (error instanceof GateError) return "Refused by a gate";
  if (error instanceof ServiceError) return "An external service failed";
  return "Failed";
}

/** An error in sentences a model can act on: the message, each input problem, and the hint. */
export function describeError(error: unknown): string {
  if (!(error instanceof CftError)) {
    const message = error instanceof Error ? error.message : String(error);
    return `Unexpected error: ${message}. A different argument will not fix this; report it with the arguments used.`;
  }
  const lines = [`${kindOf(error)}: ${error.message.replace(/[.\s]+$/, "")}.`];
  if (error instanceof InputError) {
    const shown = error.problems.slice(0, SHOWN_PROBLEMS);
    for (const p of shown) lines.push(`- ${formatProblem(p)}`);
    if (error.total > shown.length) lines.push(`- … and ${error.total - shown.length} more`);
  }
  if (error.hint) lines.push(error.hint);
  return lines.join("\n");
}

/** An error as a tool result (`isError: true`). */
export function fromError(error: unknown): CallToolResult {
  return refuse(describeError(error));
}

/**
 * Wraps a tool handler so it never throws: whatever it throws comes back through `fromError`. Use it on
 * every handler given to `registerTool`.
 */
export function safeHandler<A extends unknown[]>(
  handler: (...args: A) => CallToolResult | Promise<CallToolResult>,
): (...args: A) => Promise<CallToolResult> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      return fromError(error);
    }
  };
}
