/**
 * `cft evaluate`: score a model on a suite — by calling any OpenAI-compatible endpoint (a fine-tuned
 * OpenAI model, an Azure deployment, Ollama, vLLM, a llama.cpp server) or by reading predictions made
 * elsewhere — and record the metrics with their 95% intervals and every item in the ledger.
 */
import { basename } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { InputError } from "../../errors.js";
import { createChatClient } from "../../eval/chat-client.js";
import { evaluate, type PredictionSource } from "../../eval/evaluate.js";
import { loadSuite } from "../../eval/suite.js";
import { EVAL_TASKS } from "../../eval/types.js";
import { openLedger } from "../../ledger/ledger.js";
import { getRun, listRuns } from "../../ledger/runs.js";
import { announceFromCli } from "../announce.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { renderMetrics } from "../metrics-view.js";
import { createProgress } from "../progress.js";

const Flags = z
  .object({
    suite: z.string({ message: "required: the suite file (chat JSONL, or MedQA/PubMedQA/MedMCQA)" }).min(1),
    model: z.string().min(1).optional(),
    baseUrl: z.url({ message: "expected a URL such as http://localhost:11434/v1" }).optional(),
    provider: z.enum(["openai", "azure"], { message: "expected openai or azure" }).optional(),
    predictions: z.string().min(1).optional(),
    task: z.enum(EVAL_TASKS, { message: `expected one of ${EVAL_TASKS.join(", ")}` }).optional(),
    concurrency: z.coerce.number().int().min(1).max(256, { message: "expected 1 to 256" }),
    maxTokens: z.coerce.number().int().min(1).max(32_768),
    run: z.string().optional(),
    draws: z.coerce.number().int().min(100).max(1_000_000),
    seed: z.coerce.number().int().min(0),
    home: z.string().optional(),
    json: z.boolean().optional(),
  })
  .superRefine((f, ctx) => {
    if (!f.model && !f.predictions)
      ctx.addIssue({
        code: "custom",
        path: ["model"],
        message: "give --model (to call it) or --predictions FILE",
      });
    if (f.predictions && (f.baseUrl || f.provider))
      ctx.addIssue({
        code: "custom",
        path: ["predictions"],
        message: "--predictions scores a file; it takes no --base-url or --provider",
      });
    if (f.baseUrl && f.provider === "azure")
      ctx.addIssue({
        code: "custom",
        path: ["baseUrl"],
        message: "Azure uses AZURE_OPENAI_ENDPOINT; give --base-url or --provider azure",
      });
  });

export function registerEvaluate(program: Command): void {
  const command = program
    .command("evaluate")
    .summary("score a model on a suite: metrics with 95% intervals, recorded item by item")
    .description(
      "Evaluate a model on a suite. A suite is chat JSONL whose last assistant message is the reference (the test.jsonl of `cft prepare` as it is), or a MedQA / PubMedQA / MedMCQA file. Each item's messages are sent as they are to an OpenAI-compatible endpoint with deterministic decoding (temperature 0, fixed seed), bounded concurrency and retries; answers are cached in the ledger by item and model, so an interrupted run resumes without repeating calls. Or score answers made elsewhere with --predictions FILE. Prints every metric with a 95% interval (Wilson for rates, seeded bootstrap otherwise); --json gives the evalId that `cft regress` compares.",
    )
    .option("--suite <file>", "required: the suite")
    .option("--model <name>", "the model to call: fine-tuned id, Azure deployment, or a local model name")
    .option(
      "--base-url <url>",
      "an OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp server); default OpenAI",
    )
    .option("--provider <name>", "azure: call an Azure OpenAI deployment (AZURE_OPENAI_* variables)")
    .option(
      "--predictions <file>",
      "score these answers instead of calling a model (JSONL: id or line + prediction)",
    )
    .option(
      "--task <task>",
      "claims | scribe | companion | mcq (default: from dataset.json or the references)",
    )
    .option("--concurrency <n>", "requests in flight at most", "8")
    .option("--max-tokens <n>", "longest answer, in tokens", "1024")
    .option("--run <run>", "the fine-tuning run this model came from (for its model card)")
    .option("--draws <n>", "bootstrap draws for the intervals", "10000")
    .option("--seed <n>", "bootstrap seed", "20261203");
  withCommonOptions(command, [
    "cft evaluate --suite data/claims/test.jsonl --model ft:gpt-4.1-mini:acme:cft-1f3a9c0b:abc123",
    "cft evaluate --suite data/claims/test.jsonl --model llama3.1:8b --base-url http://localhost:11434/v1",
    "cft evaluate --suite data/claims/test.jsonl --model cft-1f3a9c0b --provider azure --concurrency 16",
    "cft evaluate --suite data/claims/test.jsonl --predictions answers.jsonl --json",
  ]).action(async (raw) => {
    const flags = parseFlags(Flags, raw);
    const ctx = createContext(flags);
    const suite = await loadSuite(flags.suite, { task: flags.task });
    for (const line of suite.notes) ctx.out.note(`note: ${line}`);
    const db = openLedger(ctx.config.home);
    const progress = createProgress();
    try {
      let runId = flags.run ?? null;
      if (runId && !getRun(db, runId))
        throw new InputError(`no run "${runId}" in ${ctx.config.home}`, [], { hint: "See `cft jobs list`." });
      if (!runId && flags.model)
        runId = listRuns(db, 10_000).find((r) => r.fineTunedModel === flags.model)?.id ?? null;
      const source: PredictionSource = flags.predictions
        ? { kind: "predictions", path: flags.predictions, label: flags.model ?? basename(flags.predictions) }
        : {
            kind: "endpoint",
            concurrency: flags.concurrency,
            client: createChatClient(ctx.config, {
              model: flags.model!,
              baseUrl: flags.baseUrl,
              provider: flags.provider,
              maxTokens: flags.maxTokens,
            }),
          };
      ctx.out.note(
        `Evaluating ${source.kind === "endpoint" ? `${source.client.label} at ${source.client.endpoint}` : source.path} on ${suite.name} (${suite.task}, ${suite.items.length} items)`,
      );
      const result = await evaluate(db, {
        suite,
        source,
        runId,
        metricOptions: { draws: flags.draws, seed: flags.seed },
        onProgress: (done, total) => progress.update(`evaluate ${suite.name}`, done, total),
      });
      progress.stop();
      const { summary } = result;
      // LangSmith's SDK loads only when there is an experiment to record.
      const langsmith = ctx.config.env.LANGSMITH_API_KEY
        ? await (await import("../../eval/langsmith-experiment.js")).recordExperiment(ctx.config, {
            suite: { name: suite.name, sha256: suite.sha256, task: suite.task },
            model: summary.model,
            evalId: summary.evalId,
            items: suite.items.map((item, i) => ({
              item,
              prediction: result.items[i]!.prediction,
              score: result.items[i]!.score,
            })),
            metrics: summary.metrics,
          })
        : null;
      const c = summary.counts;
      ctx.out.say(
        `Evaluation ${summary.evalId}: ${summary.model} on ${suite.name} — ${c.scored}/${c.items} items scored` +
          `${c.errors ? `, ${c.errors} without an answer (errors)` : ""}${c.noAnswer ? `, ${c.noAnswer} with no readable answer` : ""}` +
          `${result.cached ? `, ${result.cached} answers reused from the cache` : ""}.`,
      );
      ctx.out.say(renderMetrics(summary.metrics));
      if (summary.latencyMs)
        ctx.out.say(
          `Latency: mean ${summary.latencyMs.mean.toFixed(0)} ms, p50 ${summary.latencyMs.p50.toFixed(0)} ms, p95 ${summary.latencyMs.p95.toFixed(0)} ms.`,
        );
      if (langsmith?.warning) ctx.out.note(`LangSmith: ${langsmith.warning}`);
      else if (langsmith) ctx.out.note(`LangSmith experiment: ${langsmith.url ?? langsmith.experiment}`);
      ctx.out.say(`Compare it with a baseline: cft regress --candidate ${summary.evalId}`);
      await announceFromCli(ctx, db, { kind: "evaluation", evaluation: summary });
      ctx.out.result({ ...summary, langsmith });
    } finally {
      progress.stop();
      db.close();
    }
  });
}
