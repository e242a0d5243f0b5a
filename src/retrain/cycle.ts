/**
 * One retraining cycle of a model family, stage by stage, each recorded before the next begins:
 *   new dataset version → HIPAA audit (FAIL blocks the cycle) → estimate → confirmation (a standing
 *   approval within its monthly cap, else a person: terminal or --yes; else the cycle waits) → launch
 *   through the gate → training → evaluation, registration, regression, promotion (cycle-review.ts).
 * A cycle that stops (a confirmation pending, a job still training, no endpoint to evaluate at) is picked
 * up by the next call for the family instead of a new cycle being started.
 */
import { resolve } from "node:path";
import type { Config } from "../config/config.js";
import { estimateCostUsd } from "../cost/estimate.js";
import { InputError } from "../errors.js";
import { launchRun, refreshRun } from "../finetune/launch.js";
import { confirmPlan } from "../finetune/launch-plan.js";
import { planLaunch } from "../finetune/plan-request.js";
import { type Provider, type ProviderName, TERMINAL_STATUSES } from "../finetune/types.js";
import type { Milestone, MilestoneDocument } from "../integrations/milestones.js";
import type { ConfirmationMethod } from "../ledger/confirmations.js";
import { getConfirmation } from "../ledger/confirmations.js";
import { runCosts } from "../ledger/costs.js";
import { listDatasets } from "../ledger/datasets.js";
import type { Db } from "../ledger/ledger.js";
import { getRun, type RunView } from "../ledger/runs.js";
import { runAudit } from "../phi/audit-run.js";
import { verifyArtifact } from "../registry/artifact.js";
import { production } from "../registry/promotion.js";
import { checkFamily, getVersion } from "../registry/versions.js";
import { checkBudget, monthSpend } from "./budget.js";
import { appendEvent, type CycleState, getCycle, openCycle, startCycle } from "./cycle-log.js";
import { reviewCycle } from "./cycle-review.js";
import { buildDatasetVersion, type NewData } from "./dataset-version.js";
import { approvalState } from "./standing-approval.js";
import { retrainSettings, type SettingsOverrides } from "./training-settings.js";

export interface CycleHooks {
  note(text: string): void;
  announce(milestone: Milestone, documents?: readonly MilestoneDocument[]): Promise<void>;
  /** A person's consent ("tty", "yes-flag"), or null when no one can be asked or they did not say yes. */
  consent(question: string): Promise<ConfirmationMethod | null>;
  provider(name: ProviderName): Provider;
  /** Each poll of a training job. */
  onPoll?(run: RunView): void;
  sleep(ms: number): Promise<void>;
}

export interface CycleOptions {
  family: string;
  /** New records; absent to continue the open cycle only. */
  newData?: NewData | undefined;
  /** Refuse to start a new cycle (`--continue`). */
  continueOnly?: boolean | undefined;
  overrides?: SettingsOverrides;
  /** An OpenAI-compatible endpoint serving the new model (default: OpenAI's API for an OpenAI run). */
  evaluateAt?: string | undefined;
  /** The name the endpoint serves the new model under (default: the run's model id or adapter path). */
  evaluateModel?: string | undefined;
  thresholdsFile?: string | undefined;
  wait: boolean;
  intervalMs: number;
}

export interface CycleOutcome {
  cycle: CycleState;
  /** The command (or step) that takes a stopped cycle further. */
  next?: string;
  /** The open cycle was continued and the new data given this time was not used. */
  ignoredNewData?: boolean;
}

const reload = (db: Db, cycle: CycleState) => getCycle(db, cycle.id)!;

/** Picks up FAMILY's open cycle, or starts one with the new data. */
function openOrStart(db: Db, options: CycleOptions): { cycle: CycleState; continued: boolean } {
  const family = checkFamily(options.family);
  const open = openCycle(db, family);
  if (open) return { cycle: open, continued: true };
  if (options.continueOnly)
    throw new InputError(`${family} has no retraining cycle to continue`, [], {
      hint: `Start one with \`cft retrain ${family} --new-data FILE\` (or --synthetic N).`,
    });
  if (!options.newData)
    throw new InputError(
      `no new data for ${family}`,
      [{ field: "--new-data", message: "required to start a cycle" }],
      {
        hint: `Give the records collected since the last version: \`cft retrain ${family} --new-data FILE.jsonl\` (chat JSONL), or --synthetic N.`,
      },
    );
  const current = production(db, family);
  if (!current) {
    getVersion(db, family); // names a family that does not exist
    throw new InputError(`${family} has no version in production to retrain`, [], {
      hint: `Promote one first: \`cft models promote ${family}@v1.0\`.`,
    });
  }
  const cycle = startCycle(db, family, {
    baseVersionId: current.id,
    baseVersion: current.version,
    evaluateAt: options.evaluateAt ?? null,
    thresholdsFile: options.thresholdsFile ? resolve(options.thresholdsFile) : null,
  });
  return { cycle, continued: false };
}

export async function runCycle(
  db: Db,
  config: Config,
  options: CycleOptions,
  hooks: CycleHooks,
): Promise<CycleOutcome> {
  const { cycle: opened, continued } = openOrStart(db, options);
  let cycle = opened;
  const family = cycle.family;
  if (continued) hooks.note(`Continuing retraining cycle ${cycle.id} of ${family} (${cycle.status}).`);
  const ignoredNewData = continued && Boolean(options.newData) && Boolean(cycle.stages.dataset);
  if (ignoredNewData)
    hooks.note(
      `note: the new data given now is not used: cycle ${cycle.id} has its dataset version already. Run again once it has ended.`,
    );
  const base = getVersion(db, family, cycle.stages.started!.baseVersion);
  const done = (next?: string): CycleOutcome => ({ cycle: reload(db, cycle), next, ignoredNewData });

  if (!cycle.stages.dataset) {
    // A cycle whose dataset could not be made (bad input) takes the data given now.
    if (!options.newData)
      throw new InputError(
        `cycle ${cycle.id} of ${family} has no dataset version yet`,
        [{ field: "--new-data", message: "required to make it" }],
        { hint: `Run \`cft retrain ${family} --new-data FILE.jsonl\` (or --synthetic N).` },
      );
    const dataset = await buildDatasetVersion(db, {
      family,
      cycleId: cycle.id,
      home: config.home,
      version: base,
      data: options.newData,
    });
    appendEvent(db, cycle.id, "dataset", dataset);
    hooks.note(
      `Dataset version: ${dataset.dir} (${dataset.added} new records, ${dataset.duplicates} already present; test split frozen).`,
    );
    const row = listDatasets(db).find((d) => d.id === dataset.datasetId);
    if (row) await hooks.announce({ kind: "data_prep_plan", dataset: row });
    cycle = reload(db, cycle);
  }
  const dataset = cycle.stages.dataset!;

  if (!cycle.stages.audit) {
    const audit = await runAudit(db, config.home, [dataset.train, dataset.test]);
    appendEvent(db, cycle.id, "audit", {
      auditId: audit.auditId,
      verdict: audit.report.verdict,
      reportPath: audit.reportPath,
    });
    const datasets = listDatasets(db).filter((d) => d.id === dataset.datasetId);
    await hooks.announce({ kind: "audit", report: audit.report, auditId: audit.auditId, datasets });
    hooks.note(`Audit ${audit.report.verdict}: ${audit.reportPath}`);
    cycle = reload(db, cycle);
  }
  if (cycle.status === "blocked_audit")
    return done(
      `Read the compliance report (${cycle.stages.audit!.reportPath}), remove the records with identifiers from the new data, and run \`cft retrain ${family} --new-data FILE\` again. Nothing was trained.`,
    );

  if (!cycle.stages.confirmed) {
    const stop = await confirm(db, config, cycle, base, options, hooks);
    if (stop) return done(stop);
    cycle = reload(db, cycle);
  }

  const confirmed = cycle.stages.confirmed!;
  let run = getRun(db, confirmed.runId)!;
  const provider = hooks.provider(run.provider as ProviderName);
  if (!run.jobId) {
    const confirmation = getConfirmation(db, confirmed.confirmationId)!;
    const request = {
      ...(confirmation.config as Record<string, unknown>),
      train: dataset.train,
      validation: confirmation.files.some((f) => f.role === "validation") ? dataset.test : undefined,
      target: provider.target,
    } as Parameters<typeof launchRun>[2]["request"];
    const launched = await launchRun(
      db,
      provider,
      { request, runId: run.id, confirmationId: confirmation.id, runDir: run.runDir },
      (m) => hooks.note(m),
    );
    run = launched.run;
    appendEvent(db, cycle.id, "launched", { runId: run.id, jobId: run.jobId });
    if (run.jobId) await hooks.announce({ kind: "job_started", run, estimate: null });
    cycle = reload(db, cycle);
  }

  if (!cycle.stages.trained) {
    run = await follow(db, provider, run, options, hooks);
    if (!TERMINAL_STATUSES.has(run.status as never))
      return done(
        `Training job ${run.jobId} is ${run.status}. Run \`cft retrain ${family}\` again (cron does) to pick the cycle up; \`cft jobs watch ${run.id}\` follows it.`,
      );
    appendEvent(db, cycle.id, "trained", {
      runId: run.id,
      status: run.status,
      model: run.fineTunedModel,
      error: run.error,
    });
    await hooks.announce({ kind: "job_finished", run, actualUsd: runCosts(db, run.id).actualUsd });
    if (run.status !== "succeeded")
      appendEvent(db, cycle.id, "failed", {
        reason: `training ${run.status}${run.error ? `: ${run.error}` : ""}`,
      });
    cycle = reload(db, cycle);
  }
  if (cycle.status === "failed")
    return done(`See \`cft jobs status ${run.id}\`; start a new cycle once the cause is fixed.`);

  const next = await reviewCycle(db, config, cycle, run, options, hooks);
  return done(next);
}

/** Polls the job until it ends, or once when not waiting. */
async function follow(
  db: Db,
  provider: Provider,
  run: RunView,
  options: CycleOptions,
  hooks: CycleHooks,
): Promise<RunView> {
  let current = run;
  for (;;) {
    if (current.jobId) current = await refreshRun(db, provider, current.id);
    hooks.onPoll?.(current);
    if (TERMINAL_STATUSES.has(current.status as never) || !options.wait) return current;
    await hooks.sleep(options.intervalMs);
  }
}

/**
 * Plans the run, checks the standing approval and the month's budget, and records the confirmation; or
 * records why the cycle waits and returns the command to go on with.
 */
async function confirm(
  db: Db,
  config: Config,
  cycle: CycleState,
  base: ReturnType<typeof getVersion>,
  options: CycleOptions,
  hooks: CycleHooks,
): Promise<string | undefined> {
  await verifyArtifact(`${base.family}@${base.version}`, base.artifact);
  const settings = retrainSettings(db, base, cycle.stages.dataset!, options.overrides);
  const provider = hooks.provider(settings.provider);
  const plan = await planLaunch(db, config, settings, provider.target);
  if (plan.unattested.length)
    throw new InputError(`no PASS attestation for ${plan.unattested.join(", ")}`, [], {
      hint: "The files changed after the audit; start a new cycle.",
    });
  const estimateUsd = estimateCostUsd(plan.estimate);
  await hooks.announce({ kind: "estimate", estimate: plan.estimate });
  const approval = approvalState(db, cycle.family);
  const spent = monthSpend(db, cycle.family);
  const cap = approval.kind === "active" ? approval.approval.budgetUsd! : null;
  const budget = cap === null ? null : checkBudget(cap, spent, estimateUsd);
  const hp = Object.entries(plan.request.hyperparameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  hooks.note(
    `Plan: ${plan.request.provider} from ${plan.request.baseModel}${hp ? ` (${hp})` : ""}, estimated $${estimateUsd.toFixed(2)}; this month's retraining spend $${spent.usd.toFixed(2)}${cap === null ? "" : ` of a $${cap.toFixed(2)} cap`}.`,
  );

  let method: ConfirmationMethod | null = null;
  let reason: string;
  if (budget?.withinCap) {
    method = `standing-approval:${approval.approval!.id}`;
    reason = "";
  } else {
    reason = budget
      ? `the run would exceed the monthly cap: $${spent.usd.toFixed(2)} spent + $${estimateUsd.toFixed(2)} estimated = $${budget.afterUsd.toFixed(2)} > $${budget.capUsd.toFixed(2)}`
      : `no standing approval in force (${approval.kind})`;
    hooks.note(`Stopping for confirmation: ${reason}.`);
    method = await hooks.consent(
      `Retrain ${cycle.family} (${plan.request.provider}, estimated $${estimateUsd.toFixed(2)})?`,
    );
  }
  if (!method) {
    appendEvent(db, cycle.id, "stopped", {
      status: budget ? "budget_exceeded" : "awaiting_confirmation",
      reason,
      estimateUsd,
      spentUsd: spent.usd,
      capUsd: cap,
    });
    return `Review the plan and continue with \`cft retrain ${cycle.family} --continue --yes\` (explicit consent), or raise the cap with \`cft retrain approve --family ${cycle.family} --budget-usd N --by WHO --reason TEXT\` and run again.`;
  }
  const { runId, confirmationId } = confirmPlan(db, config.home, plan, method);
  appendEvent(db, cycle.id, "confirmed", { runId, confirmationId, method, estimateUsd, token: plan.token });
  hooks.note(`Confirmed (${method}): run ${runId}.`);
  return undefined;
}
