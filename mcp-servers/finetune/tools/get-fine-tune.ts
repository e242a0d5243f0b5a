/**
 * `get_fine_tune`: one run's current state, refreshed from its provider (appended to the run's history),
 * with its recent events and, once it succeeded, its checkpoints and training metrics.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { refreshRun } from "../../../src/finetune/launch.js";
import { TERMINAL_STATUSES } from "../../../src/finetune/types.js";
import { runCosts } from "../../../src/ledger/costs.js";
import { ok, safeHandler } from "../../tool-result.js";
import { type FinetuneDeps, providerForRun, requireRun, withLedger } from "../deps.js";
import { describeRun, RunOutput, runOutput } from "../schemas.js";
import { tellTeam } from "../team.js";

const SHOWN_EVENTS = 20;

const inputSchema = {
  run_id: z.string().min(1).describe("the run id start_fine_tune returned (or from list_fine_tunes)"),
};

const outputSchema = {
  run: RunOutput,
  refreshed: z
    .boolean()
    .describe("false when the provider could not be asked; the run is the ledger's last view"),
  events: z.array(z.looseObject({ createdAt: z.string(), level: z.string(), message: z.string() })),
  checkpoints: z.array(z.looseObject({ step: z.number(), model: z.string() })),
  metrics: z.looseObject({}).nullable().describe("the training log, once the run succeeded"),
  notes: z.array(z.string()),
};

export function registerGetFineTuneTool(server: McpServer, deps: FinetuneDeps): void {
  server.registerTool(
    "get_fine_tune",
    {
      title: "Status of a fine-tuning run",
      description:
        "One run's status, progress (step, loss), recent events and, once it succeeded, the fine-tuned model (hosted) or adapter folder (local), checkpoints and training metrics. Asks the run's provider for fresh state and records it. Poll it at a relaxed pace (a minute or more) while a run trains; it does not wait for the run to end and changes nothing about the job. The first time it sees the run ended, it tells the team (tracking row, Slack, tracking issue, per the action policy).",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: true },
    },
    safeHandler(async ({ run_id }) =>
      withLedger(deps, async (db) => {
        let run = requireRun(db, deps, run_id);
        const notes: string[] = [];
        let refreshed = false;
        let events: unknown[] = [];
        let checkpoints: unknown[] = [];
        let metrics: object | null = null;
        if (!run.jobId)
          notes.push(`no job was submitted for this run (${run.status}); start_fine_tune resumes it`);
        else
          try {
            const provider = providerForRun(deps, run);
            run = await refreshRun(db, provider, run.id);
            refreshed = true;
            events = (await provider.events(run.jobId!)).slice(-SHOWN_EVENTS);
            if (run.status === "succeeded") {
              checkpoints = await provider.checkpoints(run.jobId!);
              metrics = (await provider.metrics(run.jobId!)) ?? null;
            }
            if (TERMINAL_STATUSES.has(run.status as never)) {
              const actualUsd = runCosts(db, run.id).actualUsd;
              notes.push(...(await tellTeam(server, deps, db, { kind: "job_finished", run, actualUsd })));
            }
          } catch (error) {
            notes.push(
              `could not ask the provider (${(error as Error).message}); showing the last recorded state`,
            );
          }
        return ok(
          { run: runOutput(run), refreshed, events, checkpoints, metrics, notes },
          [describeRun(run), ...notes].join("\n"),
        );
      }),
    ),
  );
}
