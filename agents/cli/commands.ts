/**
 * `cft run`, `cft resume THREAD`, `cft threads`: the whole graph without chat. `run` starts a thread and
 * goes until the first human gate (or a block, or the end); `resume` answers the pending gate — or looks
 * again at a training job in flight — and continues from the checkpoint, in a new process. bin/cft adds
 * these commands; src/ knows nothing of agents/.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { Command as LangGraphCommand } from "@langchain/langgraph";
import { type Command, Option } from "commander";
import { z } from "zod";
import {
  type CommandContext,
  createContext,
  parseFlags,
  withCommonOptions,
} from "../../src/cli/command-kit.js";
import { InputError } from "../../src/errors.js";
import { PROVIDERS } from "../../src/finetune/types.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { getThread, listThreads, recordThread } from "../../src/ledger/threads.js";
import { RunRequest } from "../request.js";
import { exitCodeOf, type ThreadReport } from "../thread-status.js";
import { openDriver, renderReport } from "./drive.js";

const RunFlags = z.object({
  task: z.enum(["claims", "scribe", "companion"], { message: "expected claims, scribe or companion" }),
  synthetic: z.coerce.number().int().min(20, { message: "expected at least 20" }).optional(),
  seed: z.coerce.number().int().min(0),
  claimsCsv: z.string().optional(),
  documentsCsv: z.string().optional(),
  chatJsonl: z.string().optional(),
  provider: z.enum(PROVIDERS, { message: `expected one of ${PROVIDERS.join(", ")}` }),
  baseModel: z.string({ message: "required: the base model" }).min(1),
  out: z.string().optional(),
  testFraction: z.coerce.number().gt(0).lt(1),
  epochs: z.coerce.number().int().min(1).max(50).optional(),
  use4bit: z.boolean().optional(),
  baselineModel: z.string().optional(),
  baselineUrl: z.url().optional(),
  evaluateAt: z.url().optional(),
  approvePlan: z.boolean().optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

const ResumeFlags = z.object({
  approve: z.boolean().optional(),
  reject: z.boolean().optional(),
  note: z.string().max(2000).optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

function sourceOf(flags: z.infer<typeof RunFlags>): RunRequest["source"] {
  const given = [
    flags.synthetic !== undefined &&
      ({ kind: "synthetic", count: flags.synthetic, seed: flags.seed } as const),
    flags.claimsCsv && ({ kind: "claims-csv", file: flags.claimsCsv } as const),
    flags.documentsCsv && ({ kind: "documents-csv", file: flags.documentsCsv } as const),
    flags.chatJsonl && ({ kind: "chat-jsonl", file: flags.chatJsonl } as const),
  ].filter(Boolean) as RunRequest["source"][];
  if (given.length !== 1)
    throw new InputError("give exactly one data source", [
      {
        field: "--synthetic | --claims-csv | --documents-csv | --chat-jsonl",
        message: `got ${given.length}`,
      },
    ]);
  return given[0]!;
}

const newThreadId = () =>
  `thr-${new Date().toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(4).toString("hex")}`;

function finish(ctx: CommandContext, report: ThreadReport): void {
  ctx.out.say(renderReport(report));
  ctx.out.result(report);
  process.exitCode = exitCodeOf(report);
}

async function run(raw: unknown): Promise<void> {
  const flags = parseFlags(RunFlags, raw);
  const ctx = createContext(flags);
  const threadId = newThreadId();
  const request = RunRequest.parse({
    task: flags.task,
    source: sourceOf(flags),
    provider: flags.provider,
    baseModel: flags.baseModel,
    outDir: flags.out ?? join(ctx.config.home, "data", threadId),
    testFraction: flags.testFraction,
    epochs: flags.epochs,
    use4bit: flags.use4bit,
    baseline: flags.baselineModel ? { model: flags.baselineModel, baseUrl: flags.baselineUrl } : undefined,
    evaluateAt: flags.evaluateAt,
  });
  const db = openLedger(ctx.config.home);
  try {
    recordThread(db, {
      threadId,
      kind: "run",
      title: `${request.task} on ${request.provider} (${request.baseModel})`,
    });
  } finally {
    db.close();
  }
  const driver = await openDriver(ctx);
  try {
    ctx.out.note(`Thread ${threadId}`);
    let report = await driver.drive(threadId, { request, stage: "start" });
    if (flags.approvePlan && report.question?.gate === "data_plan")
      report = await driver.drive(
        threadId,
        new LangGraphCommand({ resume: { approved: true, note: "approved in advance with --approve-plan" } }),
      );
    finish(ctx, report);
  } finally {
    await driver.close();
  }
}

async function resume(threadId: string, raw: unknown): Promise<void> {
  const flags = parseFlags(ResumeFlags, raw);
  if (flags.approve && flags.reject) throw new InputError("--approve and --reject exclude each other");
  const ctx = createContext(flags);
  const db = openLedger(ctx.config.home);
  const known = getThread(db, threadId);
  db.close();
  if (!known)
    throw new InputError(`no thread "${threadId}" in ${ctx.config.home}`, [], {
      hint: "List them with `cft threads`.",
    });
  const driver = await openDriver(ctx);
  try {
    const before = await driver.report(threadId);
    if (before.status === "blocked" || before.status === "completed") return finish(ctx, before);
    let input: unknown = null;
    if (before.question?.gate === "job_running") input = new LangGraphCommand({ resume: { poll: true } });
    else if (before.question) {
      if (!flags.approve && !flags.reject)
        throw new InputError(`thread ${threadId} waits for an answer: ${before.question.title}`, [], {
          hint: `Answer with \`cft resume ${threadId} --approve\` or \`--reject\` (add --note TEXT to record why).`,
        });
      input = new LangGraphCommand({ resume: { approved: Boolean(flags.approve), note: flags.note } });
    }
    finish(ctx, await driver.drive(threadId, input));
  } finally {
    await driver.close();
  }
}

async function threads(raw: unknown): Promise<void> {
  const flags = parseFlags(ResumeFlags.pick({ home: true, json: true }), raw);
  const ctx = createContext(flags);
  const db = openLedger(ctx.config.home);
  const rows = listThreads(db, 50);
  db.close();
  const driver = await openDriver(ctx);
  try {
    const reports = [];
    for (const t of rows) {
      // A conversation has no stage: it continues with `cft chat --thread`.
      const entry =
        t.kind === "chat"
          ? { ...t, status: "chat", stage: "-", resume: `cft chat --thread ${t.threadId}` }
          : await driver
              .report(t.threadId)
              .then((r) => ({ ...t, status: r.status, stage: r.stage, resume: r.resume }));
      reports.push(entry);
      ctx.out.say(
        `${t.threadId}  ${t.createdAt.slice(0, 16).replace("T", " ")}  ${entry.status.padEnd(11)} ${entry.stage.padEnd(16)} ${t.title}`,
      );
    }
    if (rows.length === 0) ctx.out.say("No threads yet. Start one with `cft run`.");
    ctx.out.result({ threads: reports });
  } finally {
    await driver.close();
  }
}

export function registerRun(program: Command): void {
  const command = program
    .command("run")
    .summary("the whole workflow as a graph: stops at each human gate and prints how to resume")
    .description(
      "Run the assistant's graph without chat: data-preparation plan → (your approval) → prepare → HIPAA audit → estimate → (your confirmation) → fine-tune → evaluation → regression → model card. It stops at each human gate and prints the thread id and the exact `cft resume` command; a training job in flight leaves the thread running (resume later to look again; no process has to stay alive). A failed audit blocks the thread for good (exit 3). Team updates go through the workspace and the action policy.",
    )
    .option("--task <task>", "required: claims | scribe | companion")
    .option("--synthetic <n>", "generate N synthetic examples")
    .option("--seed <n>", "seed of the synthetic generator and the split", "7")
    .option("--claims-csv <file>", "a claims-history export")
    .option("--documents-csv <file>", "a dictation/document export")
    .option("--chat-jsonl <file>", "chat JSONL")
    .option("--provider <name>", `required: ${PROVIDERS.join(" | ")}`)
    .option("--base-model <model>", "required: the model to fine-tune")
    .option("--out <dir>", "where the dataset goes (default: the workspace, data/THREAD)")
    .option("--test-fraction <x>", "share held out for evaluation", "0.1")
    .option("--epochs <n>", "epochs (default: the provider's rule)")
    .option("--use-4bit", "local: QLoRA")
    .option("--baseline-model <name>", "measure the prompt-only baseline of this model first")
    .option("--baseline-url <url>", "where the baseline model answers (OpenAI-compatible; default OpenAI)")
    .addOption(new Option("--evaluate-at <url>", "where the tuned model answers (local runs: your server)"))
    .option("--approve-plan", "approve the data-preparation plan in advance (the fine-tune still asks)");
  withCommonOptions(command, [
    "cft run --task claims --synthetic 1000 --provider local --base-model meta-llama/Llama-3.1-8B-Instruct --use-4bit",
    "cft run --task claims --synthetic 500 --provider openai --base-model gpt-4.1-mini --json",
  ]).action(run);
}

export function registerResume(program: Command): void {
  const resumeCommand = program
    .command("resume")
    .summary("answer a thread's pending gate, or look again at its training job, and continue")
    .description(
      "Continue a thread from its checkpoint. If it waits at a human gate, --approve or --reject answers it (--note records why); if a training job is in flight, it looks again and moves on once the job is done; if a process died mid-stage, it continues. A blocked thread stays blocked (exit 3) whatever the answer.",
    )
    .argument("<thread>", "the thread id (see `cft threads`)")
    .option("--approve", "yes to the pending question")
    .option("--reject", "no to the pending question")
    .option("--note <text>", "why (recorded in the thread)");
  withCommonOptions(resumeCommand, [
    "cft resume thr-20261203-1f3a9c0b --approve",
    "cft resume thr-20261203-1f3a9c0b --json",
  ]).action(resume);
}

export function registerThreads(program: Command): void {
  const threadsCommand = program.command("threads").summary("the assistant's threads and where each stands");
  withCommonOptions(threadsCommand, ["cft threads", "cft threads --json"]).action(threads);
}
