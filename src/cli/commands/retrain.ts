/**
 * `cft retrain FAMILY | approve | revoke | status`: scheduled retraining of a registered model family. One
 * call (a monthly cron or CI job) takes the new data into a new dataset version, audits it, estimates,
 * trains from the production model within a standing approval's monthly budget cap (or stops for a
 * person's confirmation), evaluates on the frozen test split, regresses against production and promotes
 * only on PASS. A cycle that stops is continued by the next call.
 */
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Command } from "commander";
import { z } from "zod";
import { GateError } from "../../errors.js";
import { createProvider } from "../../finetune/provider-factory.js";
import { withExclusiveLock } from "../../io/exclusive-lock.js";
import { checkFamily } from "../../registry/versions.js";
import { monthSpend } from "../../retrain/budget.js";
import { runCycle } from "../../retrain/cycle.js";
import { listCycles } from "../../retrain/cycle-log.js";
import { cycleReport, exitCodeOf } from "../../retrain/report.js";
import {
  approvalState,
  approveRetraining,
  describeApproval,
  revokeRetraining,
} from "../../retrain/standing-approval.js";
import { announceFromCli } from "../announce.js";
import { CommonFlags, withCommonOptions } from "../command-kit.js";
import { askConsent } from "../consent.js";
import { table } from "../estimate-view.js";
import { createProgress } from "../progress.js";
import { withLedger } from "../with-ledger.js";

const positiveInt = z.coerce.number().int().min(1, { message: "expected a whole number of 1 or more" });

const CycleFlags = CommonFlags.extend({
  newData: z.array(z.string().min(1)).min(1).optional(),
  synthetic: positiveInt.max(1_000_000).optional(),
  seed: z.coerce.number().int().min(0).optional(),
  epochs: positiveInt.max(50, { message: "expected at most 50" }).optional(),
  gpu: z.string().min(1).optional(),
  prices: z.string().min(1).optional(),
  evaluateAt: z.url({ message: "expected a URL such as http://localhost:8080/v1" }).optional(),
  evaluateModel: z.string().min(1).optional(),
  thresholds: z.string().min(1).optional(),
  yes: z.boolean().optional(),
  wait: z.boolean(),
  continue: z.boolean().optional(),
  interval: z.coerce.number().min(0.01, { message: "expected seconds above 0" }).max(3600),
}).refine((f) => !(f.newData && f.synthetic), {
  message: "give --new-data FILE… or --synthetic N, not both",
  path: ["newData"],
});

const ApproveFlags = CommonFlags.extend({
  family: z.string({ message: "required: the model family" }).min(1),
  budgetUsd: z.coerce.number({ message: "required: the monthly cap in US dollars" }).min(0),
  by: z.string({ message: "required: who approves" }).trim().min(1, { message: "who approves" }),
  reason: z
    .string({ message: "required: why" })
    .trim()
    .min(1, { message: "why retraining may run unattended" }),
  expires: z.iso.date({ message: "expected a date like 2027-06-30" }).optional(),
});
const RevokeFlags = CommonFlags.extend({
  family: z.string({ message: "required: the model family" }).min(1),
  by: z.string({ message: "required: who revokes" }).trim().min(1),
  reason: z.string().trim().min(1).optional(),
});

/** What `cft retrain --help` says; the frozen test split is part of the contract. */
const DESCRIPTION =
  "Retrain a registered model family on the data collected since its production version, in one call a scheduler can run. " +
  "The new records are appended to the production version's training file (each record once) as a new dataset version under the workspace (datasets/FAMILY/CYCLE/). " +
  "The TEST split is frozen: the new version's test.jsonl is production's, byte for byte, so the old and the new model are evaluated on the same suite and the regression compares like with like. " +
  "The new version is audited (FAIL stops the cycle, exit 3, nothing trained), estimated, and trained from the production model (a hosted fine-tuned model id, or the previous LoRA adapter) with the production run's settings. " +
  "It starts without asking only under a standing approval (`cft retrain approve`) whose monthly cap (USD per calendar month, UTC, across the family's retraining runs: actual costs where known, else estimates) the run keeps within; " +
  "otherwise it asks on a terminal, takes --yes as explicit consent, or stops (exit 3) with the command to continue. A cap is never exceeded without a person's yes. " +
  "The new model is evaluated, registered as the next version, regressed against production's evaluation of the same suite, and promoted only on PASS; WARN and FAIL leave production as it is (exit 3). " +
  "A stopped cycle (confirmation pending, job still training, no endpoint) is continued by the next `cft retrain FAMILY`. " +
  "Exit codes: 0 promoted or still training, 2 bad input or a missing endpoint/evaluation, 3 a gate said no, 4 the job failed.";

/** A seed for --synthetic without --seed: from the family and the month, so a rerun gives the same data. */
function defaultSeed(family: string, now = new Date()): number {
  let h = 0;
  for (const c of `${family}:${now.toISOString().slice(0, 7)}`) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % 1_000_000_000;
}

export function registerRetrain(program: Command): void {
  const retrain = program
    .command("retrain")
    .summary(
      "scheduled retraining: new data → audit → estimate → train from production → regress → promote on PASS",
    )
    .description(DESCRIPTION)
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        '  $ cft retrain approve --family claims-adjudication --budget-usd 200 --by "Dr. Rivera" --reason "monthly refresh"',
        "  $ cft retrain claims-adjudication --new-data exports/2026-12-claims.jsonl --json",
        "  $ cft retrain claims-adjudication --continue --yes",
        "  $ cft retrain status claims-adjudication",
        "",
      ].join("\n"),
    );
  const cycle = retrain
    .command("run", { isDefault: true })
    .summary("one retraining cycle of FAMILY (the default: `cft retrain FAMILY` is `cft retrain run FAMILY`)")
    .description(DESCRIPTION)
    .argument("<family>", "the model family (see `cft models list`)")
    .option("--new-data <files...>", "new records since the last version (chat JSONL)")
    .option("--synthetic <n>", "or: N new synthetic records of the family's task")
    .option("--seed <n>", "seed for --synthetic (default: from the family and the month)")
    .option("--epochs <n>", "epochs (default: the production run's, or the cookbook rule for hosted)")
    .option("--gpu <name>", "local only: price and time for this GPU")
    .option("--prices <file>", "a price table overriding the embedded one")
    .option(
      "--evaluate-at <url>",
      "OpenAI-compatible endpoint serving the new model (default: OpenAI's API for OpenAI runs)",
    )
    .option("--evaluate-model <name>", "with --evaluate-at: the name it serves the new model under")
    .option("--thresholds <file>", "regression thresholds (as for `cft regress`)")
    .option(
      "--yes",
      "explicit consent when the run is not covered by a standing approval (not for schedulers)",
    )
    .option("--no-wait", "start the job and return; the next call picks the cycle up")
    .option("--continue", "only continue the open cycle; never start a new one")
    .option("--interval <seconds>", "seconds between polls of the training job", "30");
  withCommonOptions(cycle, [
    "cft retrain claims-adjudication --new-data exports/2026-12-claims.jsonl --json",
    "cft retrain claims-adjudication --synthetic 500 --seed 11 --no-wait",
    "cft retrain claims-adjudication --continue --yes",
    "cft retrain claims-adjudication --evaluate-at http://localhost:8080/v1",
  ]).action((family: string, raw) =>
    withLedger(CycleFlags, raw, async (ctx, db, flags) => {
      checkFamily(family);
      const bar = createProgress();
      let lastStatus = "";
      try {
        // One cycle step at a time per family: a scheduler that fires twice gets a clear refusal.
        const lock = join(ctx.config.home, "locks", `retrain-${family}`);
        const outcome = await withExclusiveLock(lock, `retraining of ${family}`, () =>
          runCycle(
            db,
            ctx.config,
            {
              family,
              newData: flags.newData
                ? { kind: "files", files: flags.newData }
                : flags.synthetic
                  ? { kind: "synthetic", count: flags.synthetic, seed: flags.seed ?? defaultSeed(family) }
                  : undefined,
              continueOnly: flags.continue,
              overrides: { epochs: flags.epochs, gpu: flags.gpu, prices: flags.prices },
              evaluateAt: flags.evaluateAt,
              evaluateModel: flags.evaluateModel,
              thresholdsFile: flags.thresholds,
              wait: flags.wait,
              intervalMs: flags.interval * 1000,
            },
            {
              note: (text) => ctx.out.note(text),
              announce: async (milestone, documents) => {
                await announceFromCli(ctx, db, milestone, documents);
              },
              consent: async (question) => {
                if (flags.yes) return "yes-flag";
                if (ctx.out.json || !process.stdin.isTTY || !process.stderr.isTTY) return null;
                try {
                  return await askConsent(question, { flagHint: "--yes" });
                } catch (error) {
                  if (error instanceof GateError) return null;
                  throw error;
                }
              },
              provider: (name) => createProvider(name, ctx.config),
              onPoll: (run) => {
                const p = run.progress;
                if (p?.totalSteps)
                  bar.update(`${run.id} loss ${p.trainLoss?.toFixed(3) ?? "–"}`, p.step, p.totalSteps);
                if (run.status !== lastStatus) ctx.out.note(`run ${run.id}: ${run.status}`);
                lastStatus = run.status;
              },
              sleep: (ms) => sleep(ms),
            },
          ),
        );
        bar.stop();
        const report = cycleReport(outcome.cycle, outcome.next);
        ctx.out.say(
          `${report.family} cycle ${report.cycleId}: ${report.status}${report.version ? ` (${report.family}@${report.version}${report.verdict ? `, regression ${report.verdict}` : ""})` : ""}`,
        );
        if (report.reason) ctx.out.say(`  ${report.reason}`);
        if (report.next) ctx.out.say(`  next: ${report.next}`);
        ctx.out.result(outcome.ignoredNewData ? { ...report, ignoredNewData: true } : report);
        process.exitCode = exitCodeOf(report.status);
      } finally {
        bar.stop();
      }
    }),
  );

  const approve = retrain
    .command("approve")
    .description(
      "record a standing approval: retraining may start without asking, within a monthly budget cap",
    )
    .option("--family <name>", "required: the model family")
    .option(
      "--budget-usd <n>",
      "required: the cap, USD per calendar month (UTC) across the family's retraining runs",
    )
    .option("--by <who>", "required: who approves")
    .option("--reason <text>", "required: why")
    .option("--expires <date>", "last day it holds, YYYY-MM-DD (default: until revoked)");
  withCommonOptions(approve, [
    'cft retrain approve --family claims-adjudication --budget-usd 200 --by "Dr. Rivera" --reason "monthly refresh, reviewed by the clinical board" --expires 2027-06-30',
  ]).action((raw) =>
    withLedger(ApproveFlags, raw, (ctx, db, flags) => {
      const approval = approveRetraining(db, {
        family: flags.family,
        budgetUsd: flags.budgetUsd,
        by: flags.by,
        reason: flags.reason,
        expiresOn: flags.expires,
      });
      ctx.out.say(`Recorded: ${describeApproval({ kind: "active", approval })}`);
      ctx.out.result(approval);
    }),
  );

  const revoke = retrain
    .command("revoke")
    .description("end the family's standing approval: every retraining run stops for confirmation")
    .option("--family <name>", "required: the model family")
    .option("--by <who>", "required: who revokes")
    .option("--reason <text>", "why");
  withCommonOptions(revoke, ['cft retrain revoke --family claims-adjudication --by "Dr. Rivera"']).action(
    (raw) =>
      withLedger(RevokeFlags, raw, (ctx, db, flags) => {
        const revoked = revokeRetraining(db, flags.family, flags.by, flags.reason);
        ctx.out.say(`Revoked the standing approval of ${flags.family}.`);
        ctx.out.result(revoked);
      }),
  );

  const status = retrain
    .command("status")
    .description("the standing approval, this month's retraining spend against the cap, and the last cycles")
    .argument("<family>", "the model family");
  withCommonOptions(status, ["cft retrain status claims-adjudication --json"]).action((family: string, raw) =>
    withLedger(CommonFlags, raw, (ctx, db) => {
      checkFamily(family);
      const approval = approvalState(db, family);
      const spend = monthSpend(db, family);
      const cycles = listCycles(db, family, 10).map((c) => cycleReport(c));
      const cap = approval.kind === "active" ? approval.approval.budgetUsd : null;
      ctx.out.say(`${family}: ${describeApproval(approval)}`);
      ctx.out.say(
        `Retraining spend ${spend.month}: $${spend.usd.toFixed(2)}${cap === null ? "" : ` of $${cap.toFixed(2)}`} over ${spend.runs.length} run${spend.runs.length === 1 ? "" : "s"} (actual where known, else estimated).`,
      );
      if (cycles.length)
        ctx.out.say(
          table([
            ["cycle", "status", "version", "verdict", "run"],
            ...cycles.map((c) => [c.cycleId, c.status, c.version ?? "", c.verdict ?? "", c.runId ?? ""]),
          ]),
        );
      ctx.out.result({
        family,
        approval: { state: approval.kind, ...approval.approval },
        spend: { ...spend, capUsd: cap },
        cycles,
      });
    }),
  );
}
