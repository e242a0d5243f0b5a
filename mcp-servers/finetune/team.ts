/**
 * Milestones from the fine-tune tools (a job started, a job ended), through the workspace layer: tracking
 * rows, Slack and the tracking issue, with the action policy asking the user by elicitation where the host
 * supports it. Returns notes on what did not go out; a team update never fails a tool.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { announce, type Milestone } from "../../src/integrations/milestones.js";
import { openWorkspace } from "../../src/integrations/workspace.js";
import type { Db } from "../../src/ledger/ledger.js";
import { elicitationApprover } from "../workspace/approval.js";
import type { FinetuneDeps } from "./deps.js";

export async function tellTeam(
  server: McpServer,
  deps: FinetuneDeps,
  db: Db,
  milestone: Milestone,
): Promise<string[]> {
  try {
    const ws = openWorkspace(deps.config, db, { approver: elicitationApprover(server) });
    const outcomes = await announce(ws, milestone);
    return outcomes
      .filter((o) => o.status === "failed" || o.status === "awaiting_approval")
      .map((o) => o.summary);
  } catch (error) {
    return [`the team was not told: ${(error as Error).message}`];
  }
}
