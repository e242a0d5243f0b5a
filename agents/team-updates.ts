/**
 * Milestones from the graph: each stage tells the team through the workspace layer (tracking rows, Slack,
 * the tracking issue, documents), exactly as the CLI does. Actions the policy marks `ask` are not sent
 * from inside a node: they wait in the outbox, and the graph's approval gate (an interrupt) asks the user
 * about them together before the next stage. A team update never fails a stage.
 */
import { announce, type Milestone, type MilestoneDocument } from "../src/integrations/milestones.js";
import { openWorkspace } from "../src/integrations/workspace.js";
import type { Db } from "../src/ledger/ledger.js";
import type { GraphDeps } from "./deps.js";

export interface TeamUpdate {
  /** Outbox entries waiting for the user's approval. */
  pending: string[];
  notes: string[];
}

export async function tellTeam(
  deps: GraphDeps,
  db: Db,
  milestone: Milestone | null,
  documents: readonly MilestoneDocument[] = [],
): Promise<TeamUpdate> {
  try {
    const ws = openWorkspace(deps.config, db);
    const outcomes = milestone
      ? await announce(ws, milestone, documents)
      : await Promise.all(documents.map((d) => ws.createDocument(d)));
    return {
      pending: outcomes.filter((o) => o.status === "awaiting_approval" && o.outboxId).map((o) => o.outboxId!),
      notes: outcomes.filter((o) => o.status === "sent" || o.status === "failed").map((o) => o.summary),
    };
  } catch (error) {
    return { pending: [], notes: [`the team was not told: ${(error as Error).message}`] };
  }
}
