/**
 * What every command shares: --home and --json, configuration loaded once, zod-checked flags with
 * messages that name the flag, and an example in --help.
 */
import { type Command, Option } from "commander";
import { z } from "zod";
import { type Config, loadConfig } from "../config/config.js";
import { InputError } from "../errors.js";
import { createOutput, type Output } from "./output.js";

export interface CommandContext {
  config: Config;
  out: Output;
}

/** The flags every command takes (see withCommonOptions), as a schema to extend. */
export const CommonFlags = z.object({ home: z.string().optional(), json: z.boolean().optional() });

/** Adds --home and --json and the examples block; returns the command for chaining. */
export function withCommonOptions(command: Command, examples: string[]): Command {
  return command
    .addOption(new Option("--home <dir>", "workspace folder (default: $CFT_HOME, else ./.cft)"))
    .addOption(new Option("--json", "print one JSON object on stdout; progress and notes go to stderr"))
    .addHelpText("after", `\nExamples:\n${examples.map((e) => `  $ ${e}`).join("\n")}\n`);
}

/** Turns commander's camelCase option names back into the flags people typed. */
const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export function parseFlags<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({
    field: issue.path.length ? flagName(String(issue.path[0])) : undefined,
    message: issue.message,
  }));
  throw new InputError("invalid options", problems, { hint: "See --help for the expected values." });
}

export function createContext(opts: { home?: string; json?: boolean }): CommandContext {
  const out = createOutput(Boolean(opts.json));
  return { config: loadConfig({ home: opts.home }), out };
}
