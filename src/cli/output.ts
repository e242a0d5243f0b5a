/**
 * What a command prints. With --json, exactly one JSON object goes to stdout and everything for people
 * goes to stderr; without it, the human report goes to stdout. Errors follow the same rule.
 */
import { CftError, formatProblem, InputError } from "../errors.js";

export interface Output {
  json: boolean;
  /** A line for people: stdout normally, stderr under --json. */
  say(text: string): void;
  /** Progress and notes: always stderr. */
  note(text: string): void;
  /** The command's result object (printed only under --json). */
  result(value: unknown): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    say: (text) => (json ? process.stderr : process.stdout).write(`${text}\n`),
    note: (text) => process.stderr.write(`${text}\n`),
    result: (value) => {
      if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}

/** Prints an error the way the contract says and returns its exit code. */
export function reportError(error: unknown, json: boolean): number {
  const known = error instanceof CftError ? error : undefined;
  const exitCode = known?.exitCode ?? 1;
  const message = known ? known.message : error instanceof Error ? error.message : String(error);
  const lines = [`error: ${message}`];
  if (error instanceof InputError) {
    for (const p of error.problems) lines.push(`  ${formatProblem(p)}`);
    if (error.total > error.problems.length)
      lines.push(`  … and ${error.total - error.problems.length} more`);
  }
  if (known?.hint) lines.push(`hint: ${known.hint}`);
  if (!known && process.env.CFT_DEBUG && error instanceof Error && error.stack) lines.push(error.stack);
  if (!known && !process.env.CFT_DEBUG) lines.push("(set CFT_DEBUG=1 for the stack trace)");
  process.stderr.write(`${lines.join("\n")}\n`);
  if (json) {
    const body = known ? known.toJSON() : { code: "internal_error", message };
    process.stdout.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
  }
  return exitCode;
}
