/**
 * `run_pipeline`: starts the fine-tuning workflow (the guided graph) on a thread of its own and runs it to
 * its first stop. The human gates on the way — the data plan, the fine-tune confirmation, team updates —
 * are answered by the user in the chat (the chat graph's gate node asks them); no argument of this tool
 * approves anything, and unknown arguments are refused. The thread id is derived from the chat thread and
 * the tool call, so a tool call run twice (a process killed mid-call) finds its thread instead of starting
 * a second one.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { Config } from "../../src/config/config.js";
import { TASKS } from "../../src/dataset/chat.js";
import { PROVIDERS } from "../../src/finetune/types.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { listThreads, recordThread } from "../../src/ledger/threads.js";
import { RunRequest } from "../request.js";
import { type PipelineRunner, refuseExtraArguments, toolResult } from "./pipeline-runner.js";

export const RunPipelineArgs = z.strictObject(
  {
    task: z
      .enum(TASKS)
      .describe("claims (adjudication), scribe (clinical notes) or companion (patient chat)"),
    synthetic: z
      .number()
      .int()
      .min(20)
      .max(100_000)
      .optional()
      .describe("generate this many synthetic examples (the default source: no patient data)"),
    seed: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("seed of the synthetic generator and the split (default 7)"),
    chat_jsonl: z.string().min(1).optional().describe("path of a chat JSONL file the user named"),
    claims_csv: z.string().min(1).optional().describe("path of a claims-history CSV export the user named"),
    documents_csv: z
      .string()
      .min(1)
      .optional()
      .describe("path of a dictation/document CSV export the user named"),
    provider: z.enum(PROVIDERS).describe("where training runs"),
    base_model: z.string().min(1).describe("the model to fine-tune, e.g. gpt-4.1-mini-2025-04-14"),
    evaluate_at: z
      .url()
      .optional()
      .describe("OpenAI-compatible URL where the tuned model answers (local runs: the user's server)"),
  },
  { error: refuseExtraArguments("run_pipeline") },
);
export type RunPipelineArgs = z.infer<typeof RunPipelineArgs>;

export const RUN_PIPELINE_DESCRIPTION =
  "Start the whole fine-tuning workflow: data-preparation plan → prepare → HIPAA audit → cost estimate → fine-tune → evaluation → regression → model card. Use it when the user asks to fine-tune, or to run the pipeline, and has said which task, data source, provider and base model (ask for what is missing; prefer synthetic data). Give exactly one data source. The workflow stops for the user's own answers (the data plan, the fine-tune confirmation with its cost, team updates): the user answers those directly, you cannot and must not answer them. Returns the thread's report: running (a training job in flight: check later with pipeline_status), blocked (a gate said no or the user declined: explain why), or completed.";

function sourceOf(args: RunPipelineArgs): RunRequest["source"] {
  const given = [
    args.synthetic !== undefined &&
      ({ kind: "synthetic", count: args.synthetic, seed: args.seed ?? 7 } as const),
    args.claims_csv && ({ kind: "claims-csv", file: args.claims_csv } as const),
    args.documents_csv && ({ kind: "documents-csv", file: args.documents_csv } as const),
    args.chat_jsonl && ({ kind: "chat-jsonl", file: args.chat_jsonl } as const),
  ].filter(Boolean) as RunRequest["source"][];
  if (given.length !== 1)
    throw new Error(
      `give exactly one data source (synthetic, chat_jsonl, claims_csv or documents_csv); got ${given.length}`,
    );
  return given[0]!;
}

/** thr-YYYYMMDD-XXXXXXXX, the form `cft run` uses, with the hex part fixed by the chat thread and tool call. */
function pipelineThreadId(
  config: Config,
  chatThread: string,
  toolCallId: string,
): { id: string; known: boolean } {
  const suffix = createHash("sha256").update(`${chatThread}\n${toolCallId}`).digest("hex").slice(0, 8);
  const db = openLedger(config.home);
  try {
    const known = listThreads(db, 1_000_000).find(
      (t) => t.kind === "run" && t.threadId.endsWith(`-${suffix}`),
    );
    if (known) return { id: known.threadId, known: true };
  } finally {
    db.close();
  }
  return { id: `thr-${new Date().toISOString().slice(0, 10).replaceAll("-", "")}-${suffix}`, known: false };
}

export function runPipelineTool(config: Config, runner: PipelineRunner) {
  return tool(
    async (args: RunPipelineArgs, runtime) => {
      const request = RunRequest.parse({
        task: args.task,
        source: sourceOf(args),
        provider: args.provider,
        baseModel: args.base_model,
        outDir: "pending",
        evaluateAt: args.evaluate_at,
      });
      const chatThread = String(runtime.configurable?.thread_id ?? "chat");
      const { id, known } = pipelineThreadId(
        config,
        chatThread,
        runtime.toolCall?.id ?? String(Math.random()),
      );
      if (!known) {
        const db = openLedger(config.home);
        try {
          recordThread(db, {
            threadId: id,
            kind: "run",
            title: `${request.task} on ${request.provider} (${request.baseModel}), from chat ${chatThread}`,
          });
        } finally {
          db.close();
        }
      }
      let stop = await runner.look(id);
      // Nothing checkpointed yet (new, or killed before the first stage): start it.
      if (!stop.checkpointId)
        stop = await runner.start(id, { ...request, outDir: join(config.home, "data", id) });
      if (stop.report.status === "interrupted" && !stop.report.question) stop = await runner.proceed(id);
      return toolResult(stop);
    },
    {
      name: "run_pipeline",
      description: RUN_PIPELINE_DESCRIPTION,
      schema: RunPipelineArgs,
      responseFormat: "content_and_artifact",
    },
  );
}
