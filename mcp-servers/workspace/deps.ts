/**
 * What the workspace tools work with: the configuration, the senders' options (tests make retries fast),
 * and the workspace layer opened per call — ledger, action policy, and an approver that asks the user
 * through MCP elicitation where the host supports it.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Config } from "../../src/config/config.js";
import type { SenderOptions } from "../../src/integrations/senders.js";
import { openWorkspace, type Workspace } from "../../src/integrations/workspace.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { elicitationApprover } from "./approval.js";

export interface WorkspaceDeps {
  config: Config;
  senders?: SenderOptions;
}

/** Runs FN with the workspace open (ledger closed after, whatever happens). */
export async function withWorkspace<T>(
  server: McpServer,
  deps: WorkspaceDeps,
  fn: (ws: Workspace) => Promise<T>,
): Promise<T> {
  const db = openLedger(deps.config.home);
  try {
    return await fn(
      openWorkspace(deps.config, db, { approver: elicitationApprover(server), senders: deps.senders }),
    );
  } finally {
    db.close();
  }
}
