/**
 * `cft policy`: which external actions the product asks about, does on its own, or never does. Shows the
 * policy in force (and where each value came from); `cft policy set ACTION ask|auto|never` saves a value in
 * the workspace. CFT_ACTION_POLICY overrides the saved values for one process.
 */
import type { Command } from "commander";
import { z } from "zod";
import {
  ACTION_LABELS,
  ACTIONS,
  type Action,
  loadPolicy,
  POLICY_VALUES,
  parsePolicyOverrides,
  readSavedPolicy,
  savePolicy,
} from "../../integrations/action-policy.js";
import { CommonFlags, createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { table } from "../estimate-view.js";

const SetArgs = z.object({
  action: z.enum([...ACTIONS, "*"], { message: `expected one of ${ACTIONS.join(", ")}, or *` }),
  value: z.enum(POLICY_VALUES, { message: `expected one of ${POLICY_VALUES.join(", ")}` }),
});

export function registerPolicy(program: Command): void {
  const policy = program
    .command("policy")
    .summary("ask, auto or never: what the product may do on Slack, GitHub and Google without asking")
    .description(
      "The action policy. Every external action — notify_team (Slack), issue_create, issue_comment and pull_request_create (GitHub), tracker_append_row, spreadsheet_create and document_create (Google) — is `ask` unless set otherwise: on a terminal it is asked about, in chat it is a question, from an MCP host it is an elicitation, and otherwise it waits in the outbox for `cft outbox send`. `auto` does it at once; `never` keeps it in the outbox only. The embedded defaults (outbox, local issue log, ledger rows, Markdown) are always written.",
    );
  const show = policy.command("show", { isDefault: true }).description("the policy in force (the default)");
  withCommonOptions(show, ["cft policy", "cft policy --json"]).action((raw) => {
    const flags = parseFlags(CommonFlags, raw);
    const ctx = createContext(flags);
    const effective = loadPolicy(ctx.config);
    const saved = readSavedPolicy(ctx.config.home);
    const env = ctx.config.env.CFT_ACTION_POLICY
      ? parsePolicyOverrides(ctx.config.env.CFT_ACTION_POLICY)
      : {};
    const source = (a: Action) => (a in env ? "CFT_ACTION_POLICY" : a in saved ? "policy.json" : "default");
    ctx.out.say(
      table([
        ["action", "policy", "from", "what it does"],
        ...ACTIONS.map((a) => [a, effective[a], source(a), ACTION_LABELS[a]]),
      ]),
    );
    ctx.out.result({ policy: effective, sources: Object.fromEntries(ACTIONS.map((a) => [a, source(a)])) });
  });
  const set = policy
    .command("set")
    .description("save ACTION's policy in the workspace (ACTION * sets every action)")
    .argument("<action>", `${ACTIONS.join(" | ")} | *`)
    .argument("<value>", POLICY_VALUES.join(" | "));
  withCommonOptions(set, ["cft policy set notify_team auto", "cft policy set '*' ask"]).action(
    (action: string, value: string, raw) => {
      const flags = parseFlags(CommonFlags, raw);
      const args = parseFlags(SetArgs, { action, value });
      const ctx = createContext(flags);
      const changes = Object.fromEntries(
        (args.action === "*" ? ACTIONS : [args.action]).map((a) => [a, args.value]),
      );
      savePolicy(ctx.config.home, changes);
      ctx.out.say(
        `Saved: ${Object.keys(changes).join(", ")} = ${args.value} (in ${ctx.config.home}/policy.json).`,
      );
      ctx.out.result({ policy: loadPolicy(ctx.config) });
    },
  );
}
