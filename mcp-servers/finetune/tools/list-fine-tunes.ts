/** `list_fine_tunes`: the workspace's runs, newest first, with the cumulative cost, from the ledger. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { costSummary } from "../../../src/ledger/costs.js";
import { listRuns } from "../../../src/ledger/runs.js";
import { ok, safeHandler } from "../../tool-result.js";
import { type FinetuneDeps, withLedger } from "../deps.js";
import { describeRun, RunOutput, runOutput } from "../schemas.js";

const inputSchema = {
  limit: z.number().int().min(1).max(1000).optional().describe("most runs listed (default 20)"),
};

const outputSchema = {
  runs: z.array(RunOutput),
  costs: z.object({
    runs: z.number(),
    estimatedUsd: z.number(),
    actualUsd: z.number(),
    cumulativeUsd: z.number().describe("per run: actual cost where known, else estimated"),
  }),
};

export function registerListFineTunesTool(server: McpServer, deps: FinetuneDeps): void {
  server.registerTool(
    "list_fine_tunes",
    {
      title: "List fine-tuning runs",
      description:
        "The fine-tuning runs recorded in this workspace, newest first, with their last known status and the cumulative cost. Use it to find a run id. It reads the ledger only and does not ask providers for fresh status (get_fine_tune does, for one run).",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    safeHandler(async ({ limit }) =>
      withLedger(deps, async (db) => {
        const runs = listRuns(db, limit ?? 20);
        const costs = costSummary(db);
        const text = runs.length
          ? [
              ...runs.map(describeRun),
              `Cost: $${costs.cumulativeUsd.toFixed(2)} cumulative over ${costs.runs} run(s).`,
            ].join("\n")
          : "No runs yet. Start one with estimate_cost, then start_fine_tune once the user agreed.";
        return ok({ runs: runs.map(runOutput), costs }, text);
      }),
    ),
  );
}
