/**
 * `pipeline_status`: where a workflow thread stands. A thread whose training job is in flight is looked at
 * again (and goes on to evaluation once the job has ended); a thread whose process stopped mid-stage is
 * continued. If it reaches a human gate, the chat's gate node asks the user, as for run_pipeline.
 */
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { Config } from "../../src/config/config.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { getThread } from "../../src/ledger/threads.js";
import { type PipelineRunner, refuseExtraArguments, toolResult } from "./pipeline-runner.js";

export const PipelineStatusArgs = z.strictObject(
  {
    thread_id: z
      .string()
      .regex(/^thr-[\w-]{1,80}$/, { message: "expected a workflow thread id like thr-20261203-1f3a9c0b" })
      .describe("the workflow thread id that run_pipeline returned"),
  },
  { error: refuseExtraArguments("pipeline_status") },
);

export const PIPELINE_STATUS_DESCRIPTION =
  "Where a fine-tuning workflow thread stands: its stage, verdicts, cost, training job and documents. Use it when the user asks about a run started earlier (with run_pipeline, or `cft run`). If a training job is in flight it checks the job again and, once the job has ended, goes on to evaluation and regression; any new question on the way is put to the user directly, not to you.";

export function pipelineStatusTool(config: Config, runner: PipelineRunner) {
  return tool(
    async ({ thread_id }: z.infer<typeof PipelineStatusArgs>) => {
      const db = openLedger(config.home);
      const known = getThread(db, thread_id);
      db.close();
      if (known?.kind !== "run")
        throw new Error(
          `no workflow thread "${thread_id}" in this workspace; use the id run_pipeline returned`,
        );
      let stop = await runner.look(thread_id);
      if (stop.report.status === "running") stop = await runner.poll(thread_id);
      else if (stop.report.status === "interrupted" && !stop.report.question)
        stop = await runner.proceed(thread_id);
      return toolResult(stop);
    },
    {
      name: "pipeline_status",
      description: PIPELINE_STATUS_DESCRIPTION,
      schema: PipelineStatusArgs,
      responseFormat: "content_and_artifact",
    },
  );
}
