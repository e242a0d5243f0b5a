/**
 * Milestones from the command line: after a command's own work is done and recorded, the team is told
 * (tracking rows, Slack, the tracking issue) through the workspace layer. On a terminal an action the
 * policy marks `ask` is asked about there (yes, no, or later); elsewhere it waits for `cft outbox send`.
 * Announcing never changes a command's outcome: a service that fails is a note, and its entry waits.
 */
import { createInterface } from "node:readline/promises";
import { announce, type Milestone, type MilestoneDocument } from "../integrations/milestones.js";

export { markdownDocument } from "../integrations/milestones.js";

import type { ActionOutcome, Approver } from "../integrations/workspace.js";
import { openWorkspace } from "../integrations/workspace.js";
import type { Db } from "../ledger/ledger.js";
import type { CommandContext } from "./command-kit.js";

/** Asks on the terminal; "later" (or anything but yes/no) leaves the action waiting. */
export const terminalApprover: Approver = async (request) => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${request.summary}? "${request.preview}" [yes/no/later] `))
      .trim()
      .toLowerCase();
    if (answer === "yes" || answer === "y") return { answer: "approved", method: "cli:tty" };
    if (answer === "no" || answer === "n") return { answer: "declined", method: "cli:tty" };
    return { answer: "deferred", method: "cli:tty" };
  } finally {
    rl.close();
  }
};

const interactive = (ctx: CommandContext) => !ctx.out.json && process.stdin.isTTY && process.stderr.isTTY;

/** One line per service touched; nothing when no service is configured and nothing failed. */
export function describeOutcomes(outcomes: readonly ActionOutcome[]): string[] {
  const lines: string[] = [];
  const waiting = outcomes.filter((o) => o.status === "awaiting_approval");
  for (const o of outcomes) {
    if (o.status === "sent" || o.status === "failed" || o.status === "declined") lines.push(`  ${o.summary}`);
  }
  if (waiting.length)
    lines.push(
      `  ${waiting.length} action${waiting.length === 1 ? "" : "s"} (${[...new Set(waiting.map((o) => o.service))].join(", ")}) wait for approval: review with \`cft outbox --pending\`, send with \`cft outbox send\`.`,
    );
  return lines;
}

export async function announceFromCli(
  ctx: CommandContext,
  db: Db,
  milestone: Milestone | null,
  documents: readonly MilestoneDocument[] = [],
): Promise<ActionOutcome[]> {
  try {
    const ws = openWorkspace(ctx.config, db, interactive(ctx) ? { approver: terminalApprover } : {});
    const outcomes = milestone
      ? await announce(ws, milestone, documents)
      : await Promise.all(documents.map((d) => ws.createDocument(d)));
    const lines = describeOutcomes(outcomes);
    if (lines.length) ctx.out.note(["Team updates:", ...lines].join("\n"));
    return outcomes;
  } catch (error) {
    ctx.out.note(`note: the team was not told about this step: ${(error as Error).message}`);
    return [];
  }
}
