/**
 * `cft jobs list | status RUN | watch RUN | cancel RUN`: fine-tuning runs from the ledger, refreshed from
 * their provider. `watch` follows a run to its end with a live bar (step, loss, ETA) on a terminal and
 * plain event lines elsewhere, and ends with the fine-tuned model id or the adapter path.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Command } from "commander";
import { z } from "zod";
import type { Config } from "../../config/config.js";
import { InputError } from "../../errors.js";
import { refreshRun } from "../../finetune/launch.js";
import { createProvider } from "../../finetune/provider-factory.js";
import {
  type JobEvent,
  type MetricsRow,
  PROVIDERS,
  type Provider,
  type ProviderName,
  TERMINAL_STATUSES,
} from "../../finetune/types.js";
import { costSummary, runCosts } from "../../ledger/costs.js";
import { type Db, openLedger } from "../../ledger/ledger.js";
import { listRuns, type RunView } from "../../ledger/runs.js";
import { announceFromCli } from "../announce.js";
import {
  type CommandContext,
  CommonFlags,
  createContext,
  parseFlags,
  withCommonOptions,
} from "../command-kit.js";
import { table } from "../estimate-view.js";
import { createProgress } from "../progress.js";
import { requireRun } from "../run-lookup.js";

const ListFlags = CommonFlags.extend({
  refresh: z.boolean().optional(),
  limit: z.coerce.number().int().min(1).max(10_000),
});
const WatchFlags = CommonFlags.extend({
  interval: z.coerce.number().min(0.01, { message: "expected seconds above 0" }).max(3600),
});

const providerFor = (run: RunView, config: Config): Provider => {
  if (!(PROVIDERS as readonly string[]).includes(run.provider))
    throw new Error(`unknown provider ${run.provider}`);
  return createProvider(run.provider as ProviderName, config);
};

const isOver = (run: RunView) => TERMINAL_STATUSES.has(run.status as never);

/** Tells the team a run ended (once: the milestone's tracking row is recorded the first time only). */
const announceFinished = (ctx: CommandContext, db: Db, run: RunView) =>
  announceFromCli(ctx, db, { kind: "job_finished", run, actualUsd: runCosts(db, run.id).actualUsd });

function metricsLine(row: MetricsRow): string {
  const parts: [string, number | null][] = [
    ["train loss", row.trainLoss],
    ["train accuracy", row.trainAccuracy],
    ["validation loss", row.validLoss],
    ["validation token accuracy", row.validMeanTokenAccuracy],
  ];
  const known = parts.filter(([, v]) => v !== null).map(([k, v]) => `${k} ${v!.toFixed(4)}`);
  return `step ${row.step}${known.length ? `, ${known.join(", ")}` : ""}`;
}

function describe(run: RunView): string {
  const p = run.progress;
  const progress = p
    ? ` step ${p.step}${p.totalSteps ? `/${p.totalSteps}` : ""}${p.trainLoss === null ? "" : ` loss ${p.trainLoss.toFixed(4)}`}`
    : "";
  const result = run.fineTunedModel ? ` → ${run.fineTunedModel}` : "";
  const error = run.error ? ` (${run.error})` : "";
  return `${run.id}  ${run.status}${progress}${result}${error}`;
}

function eventLine(e: JobEvent): string {
  return `${e.createdAt.slice(11, 19)} ${e.level === "info" ? "" : `${e.level}: `}${e.message}`;
}

/** Exit code of a finished run: 0 succeeded, 4 failed at the provider, 1 cancelled. */
const exitFor = (run: RunView) =>
  run.status === "succeeded" ? 0 : run.status === "failed" ? 4 : run.status === "cancelled" ? 1 : 0;

export function registerJobs(program: Command): void {
  const jobs = program
    .command("jobs")
    .summary("list, follow and cancel fine-tuning runs")
    .description(
      "Fine-tuning runs recorded in the workspace ledger, refreshed from their provider (OpenAI, Azure OpenAI, or the local runner).",
    );

  const list = jobs
    .command("list")
    .description("runs, newest first, with the cumulative cost")
    .option("--refresh", "ask each provider for the state of runs that have not ended")
    .option("--limit <n>", "most runs shown", "50");
  withCommonOptions(list, ["cft jobs list", "cft jobs list --refresh --json"]).action(async (raw) => {
    const flags = parseFlags(ListFlags, raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    try {
      let runs = listRuns(db, flags.limit);
      if (flags.refresh)
        runs = await Promise.all(
          runs.map((r) => (isOver(r) || !r.jobId ? r : refreshRun(db, providerFor(r, ctx.config), r.id))),
        );
      const costs = costSummary(db);
      ctx.out.say(
        runs.length
          ? table([
              ["run", "provider", "model", "status", "result"],
              ...runs.map((r) => [
                r.id,
                r.provider,
                r.baseModel,
                r.status,
                r.fineTunedModel ?? r.error ?? "",
              ]),
            ])
          : "No runs yet. Start one with `cft finetune` (see --help).",
      );
      ctx.out.say(
        `Cost: $${costs.cumulativeUsd.toFixed(2)} cumulative over ${costs.runs} run${costs.runs === 1 ? "" : "s"} (actual where known, else estimated).`,
      );
      ctx.out.result({ runs, costs });
    } finally {
      db.close();
    }
  });

  const status = jobs
    .command("status")
    .description("the run's current state, from its provider")
    .argument("<run>", "run id (see `cft jobs list`)");
  withCommonOptions(status, ["cft jobs status run-20261122-1f3a9c0b --json"]).action(
    async (runId: string, raw) => {
      const flags = parseFlags(CommonFlags, raw);
      const ctx = createContext(flags);
      const db = openLedger(ctx.config.home);
      try {
        const known = requireRun(db, runId, ctx.config.home);
        const provider = providerFor(known, ctx.config);
        const run = known.jobId ? await refreshRun(db, provider, runId) : known;
        const events = run.jobId ? await provider.events(run.jobId) : [];
        // Checkpoints and the training log exist once training has produced them.
        const trained = run.jobId && run.status === "succeeded";
        const checkpoints = trained ? await provider.checkpoints(run.jobId!) : [];
        const metrics = trained ? ((await provider.metrics(run.jobId!)) ?? null) : null;
        ctx.out.say(describe(run));
        if (isOver(run)) await announceFinished(ctx, db, run);
        for (const e of events.slice(-10)) ctx.out.say(`  ${eventLine(e)}`);
        if (metrics?.final) ctx.out.say(`  final: ${metricsLine(metrics.final)}`);
        for (const c of checkpoints) ctx.out.say(`  checkpoint at step ${c.step}: ${c.model}`);
        ctx.out.result({ run, events: events.slice(-50), checkpoints, metrics });
      } finally {
        db.close();
      }
    },
  );

  const watch = jobs
    .command("watch")
    .description("follow a run to its end: exit 0 succeeded, 4 failed, 1 cancelled")
    .argument("<run>", "run id")
    .option("--interval <seconds>", "seconds between polls", "10");
  withCommonOptions(watch, [
    "cft jobs watch run-20261122-1f3a9c0b",
    "cft jobs watch run-20261122-1f3a9c0b --interval 30 --json",
  ]).action(async (runId: string, raw) => {
    const flags = parseFlags(WatchFlags, raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    const bar = createProgress();
    try {
      let run = requireRun(db, runId, ctx.config.home);
      if (!run.jobId)
        throw new InputError(`run ${runId} has no job yet (${run.status})`, [], {
          hint: `Submit it with \`cft finetune --resume ${runId}\`.`,
        });
      const provider = providerFor(run, ctx.config);
      let after: string | undefined;
      const live = Boolean(process.stderr.isTTY) && !process.env.CI;
      for (;;) {
        run = await refreshRun(db, provider, runId);
        const events = await provider.events(run.jobId!, after);
        if (events.length) after = events[events.length - 1]!.id;
        if (!live) for (const e of events) ctx.out.note(eventLine(e));
        const p = run.progress;
        if (p?.totalSteps)
          bar.update(`${runId} loss ${p.trainLoss?.toFixed(3) ?? "–"}`, p.step, p.totalSteps);
        if (isOver(run)) break;
        await sleep(flags.interval * 1000);
      }
      bar.stop();
      await announceFinished(ctx, db, run);
      ctx.out.say(
        run.status === "succeeded"
          ? `${runId} succeeded: ${run.fineTunedModel ?? "(no model id reported)"}`
          : `${runId} ${run.status}${run.error ? `: ${run.error}` : ""}`,
      );
      ctx.out.result({ run });
      process.exitCode = exitFor(run);
    } finally {
      bar.stop();
      db.close();
    }
  });

  const cancel = jobs
    .command("cancel")
    .description("cancel the run's job at its provider")
    .argument("<run>", "run id");
  withCommonOptions(cancel, ["cft jobs cancel run-20261122-1f3a9c0b"]).action(async (runId: string, raw) => {
    const flags = parseFlags(CommonFlags, raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    try {
      const run = requireRun(db, runId, ctx.config.home);
      if (!run.jobId) throw new InputError(`run ${runId} has no job to cancel (${run.status})`);
      if (isOver(run)) {
        ctx.out.say(`${runId} has already ended (${run.status}); nothing to cancel.`);
        ctx.out.result({ run });
        return;
      }
      const provider = providerFor(run, ctx.config);
      await provider.cancel(run.jobId);
      const after = await refreshRun(db, provider, runId);
      ctx.out.say(describe(after));
      ctx.out.result({ run: after });
    } finally {
      db.close();
    }
  });
}
