/**
 * What every workspace tool reports: where the action went — the real service, or the embedded default
 * — its status, and a sentence saying so; plus how a tool result is made from the workspace's outcome.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { ActionOutcome } from "../../src/integrations/workspace.js";
import { ok } from "../tool-result.js";

/** The annotations of a tool that acts outside the machine and adds something each time it is called. */
export const EXTERNAL_ACTION = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
} as const;

export const OutcomeOutput = z.object({
  action: z.string(),
  status: z
    .enum(["sent", "awaiting_approval", "declined", "not_configured", "failed", "recorded"])
    .describe(
      "sent: done on the service; awaiting_approval: waits for the user (cft outbox send); declined: the user or the policy said no; not_configured: kept in the embedded default; failed: the service failed, it will be retried; recorded: already recorded before",
    ),
  service: z.string().nullable().describe("the real service it went to, or null for the embedded default"),
  destination: z.string().describe("where it is now, in words"),
  ref: z.string().nullable().describe("a URL, message reference, sheet range or local issue number"),
  outbox_id: z.string().nullable(),
  summary: z.string(),
});
export type OutcomeOutput = z.infer<typeof OutcomeOutput>;

export function outcomeOutput(o: ActionOutcome): OutcomeOutput {
  const destination =
    o.status === "sent"
      ? `${o.service}${o.ref ? ` (${o.ref})` : ""}`
      : o.status === "not_configured"
        ? `embedded default: ${o.summary.replace(/^[^:]+: /, "")}`
        : `the outbox (${o.status.replace("_", " ")})`;
  return {
    action: o.action,
    status: o.status,
    service: o.service,
    destination,
    ref: o.ref,
    outbox_id: o.outboxId,
    summary: o.summary,
  };
}

/** A tool result for one action, with EXTRA fields beside the outcome. */
export function outcomeResult(o: ActionOutcome, extra: Record<string, unknown> = {}): CallToolResult {
  const note =
    o.status === "awaiting_approval"
      ? " Tell the user it waits for their approval; do not call the tool again for the same action."
      : "";
  return ok({ ...extra, outcome: outcomeOutput(o) }, `${o.summary}${note}`);
}
