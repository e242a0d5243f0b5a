/** `cancel_fine_tune`: cancels a run's job at its provider and records the outcome. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { InputError } from "../../../src/errors.js";
import { refreshRun } from "../../../src/finetune/launch.js";
import { TERMINAL_STATUSES } from "../../../src/finetune/types.js";
import { ok, safeHandler } from "../../tool-result.js";
import { type FinetuneDeps, providerForRun, requireRun, withLedger } from "../deps.js";
import { describeRun, RunOutput, runOutput } from "../schemas.js";

const inputSchema = {
  run_id: z.string().min(1).describe("the run to cancel"),
};

const outputSchema = {
  run: RunOutput,
  cancelled: z.boolean().describe("false when the run had already ended: nothing was cancelled"),
};

export function registerCancelFineTuneTool(server: McpServer, deps: FinetuneDeps): void {
  server.registerTool(
    "cancel_fine_tune",
    {
      title: "Cancel a fine-tuning run",
      description:
        "Cancel a run's job at its provider (OpenAI, Azure OpenAI, or the local runner). Training stops and cannot be resumed; hosted providers bill what was trained so far. Only when the user asked for it. A run that already ended is left as it is.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    safeHandler(async ({ run_id }) =>
      withLedger(deps, async (db) => {
        const run = requireRun(db, deps, run_id);
        if (TERMINAL_STATUSES.has(run.status as never))
          return ok(
            { run: runOutput(run), cancelled: false },
            `${run.id} has already ended (${run.status}); nothing to cancel.`,
          );
        if (!run.jobId)
          throw new InputError(`run ${run.id} has no job to cancel (${run.status}): nothing was submitted`);
        const provider = providerForRun(deps, run);
        await provider.cancel(run.jobId);
        const after = await refreshRun(db, provider, run.id);
        return ok({ run: runOutput(after), cancelled: true }, `Cancelled: ${describeRun(after)}`);
      }),
    ),
  );
}
