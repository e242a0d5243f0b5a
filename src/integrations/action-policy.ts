/**
 * The action policy: for each external action (a Slack message, an issue, a comment, a pull request, a
 * tracking row, a document, a spreadsheet), whether the product asks first (`ask`), goes ahead (`auto`)
 * or never does it (`never`). `ask` is the default for every action. The policy lives in the workspace
 * (`policy.json`, written by `cft policy set`), and `CFT_ACTION_POLICY` overrides it for one process
 * (`notify_team=auto,tracker_append_row=auto`, or `*=never`).
 *
 * Only what leaves the machine is governed: the embedded defaults (the outbox, the local issue log, the
 * ledger's tracking rows, Markdown documents) are always written.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Config } from "../config/config.js";
import { writeFilesAtomically } from "../docs/write-documents.js";
import { InputError } from "../errors.js";

/** The actions, named as the workspace MCP tools are. */
export const ACTIONS = [
  "notify_team",
  "issue_create",
  "issue_comment",
  "pull_request_create",
  "tracker_append_row",
  "document_create",
  "spreadsheet_create",
] as const;
export type Action = (typeof ACTIONS)[number];

export const POLICY_VALUES = ["ask", "auto", "never"] as const;
export type PolicyValue = (typeof POLICY_VALUES)[number];
export type ActionPolicy = Record<Action, PolicyValue>;

/** What each action does, in words a person approving it reads. */
export const ACTION_LABELS: Record<Action, string> = {
  notify_team: "post a message to Slack",
  issue_create: "open a GitHub issue",
  issue_comment: "comment on a GitHub issue",
  pull_request_create: "open a GitHub pull request",
  tracker_append_row: "append a row to the Google tracking sheet",
  document_create: "create a Google Doc",
  spreadsheet_create: "create a Google spreadsheet",
};

export const POLICY_FILE = "policy.json";

const Value = z.enum(POLICY_VALUES, { message: `expected one of ${POLICY_VALUES.join(", ")}` });
const PolicyFile = z.strictObject(Object.fromEntries(ACTIONS.map((a) => [a, Value.optional()])), {
  message: `unknown action; the actions are ${ACTIONS.join(", ")}`,
});

export const DEFAULT_POLICY: ActionPolicy = Object.fromEntries(
  ACTIONS.map((a) => [a, "ask"]),
) as ActionPolicy;

/** Parses `action=value,...` (`*` for every action), as CFT_ACTION_POLICY holds it. */
export function parsePolicyOverrides(text: string, where = "CFT_ACTION_POLICY"): Partial<ActionPolicy> {
  const out: Partial<ActionPolicy> = {};
  const problems = [];
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name = "", value = ""] = part.split("=").map((s) => s.trim());
    const parsed = Value.safeParse(value);
    if (!parsed.success) {
      problems.push({ field: where, message: `"${part}": expected ACTION=ask|auto|never` });
      continue;
    }
    if (name === "*") for (const a of ACTIONS) out[a] = parsed.data;
    else if ((ACTIONS as readonly string[]).includes(name)) out[name as Action] = parsed.data;
    else problems.push({ field: where, message: `"${name}" is not an action (${ACTIONS.join(", ")}, or *)` });
  }
  if (problems.length)
    throw new InputError("the action policy is invalid", problems, {
      hint: "Write it as action=ask|auto|never, separated by commas, e.g. notify_team=auto,issue_create=ask.",
    });
  return out;
}

/** The policy saved in the workspace, without the environment's overrides. */
export function readSavedPolicy(home: string): Partial<ActionPolicy> {
  const file = join(home, POLICY_FILE);
  if (!existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError(`${file} is not valid JSON: ${(error as Error).message}`, [], {
      hint: "Fix the file, or delete it and set the policy again with `cft policy set`.",
    });
  }
  const parsed = PolicyFile.safeParse(raw);
  if (!parsed.success)
    throw new InputError(
      `${file} is not a valid action policy`,
      parsed.error.issues.map((i) => ({
        file,
        field: i.path.join(".") || "(top level)",
        message: i.message,
      })),
      { hint: `Each key is an action (${ACTIONS.join(", ")}) and each value ask, auto or never.` },
    );
  return parsed.data as Partial<ActionPolicy>;
}

/** The policy in force: defaults, then the workspace's file, then CFT_ACTION_POLICY. */
export function loadPolicy(config: Config): ActionPolicy {
  const env = config.env.CFT_ACTION_POLICY;
  return {
    ...DEFAULT_POLICY,
    ...readSavedPolicy(config.home),
    ...(env ? parsePolicyOverrides(env) : {}),
  };
}

/** Saves CHANGES into the workspace's policy file (atomically; other actions keep their values). */
export function savePolicy(home: string, changes: Partial<ActionPolicy>): Partial<ActionPolicy> {
  const next = { ...readSavedPolicy(home), ...changes };
  writeFilesAtomically(home, { [POLICY_FILE]: `${JSON.stringify(next, null, 2)}\n` });
  return next;
}
