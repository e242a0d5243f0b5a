/**
 * Starting a confirmed run: the gate first (nothing is sent unless it clears), then an idempotent submit —
 * a job already created for this run id (a retry after a crash, a resumed run) is found, never duplicated.
 * Every outcome lands in the run's history, a failed submit included.
 */
import { fingerprintRate } from "../cost/estimate.js";
import { CftError } from "../errors.js";
import { getConfirmation } from "../ledger/confirmations.js";
import { hasActualCost, recordCost } from "../ledger/costs.js";
import type { Db } from "../ledger/ledger.js";
import { getRun, type RunView, snapshotUpdate, updateRun } from "../ledger/runs.js";
import { clearSubmission } from "./gate.js";
import type { LaunchRequest } from "./launch-request.js";
import type { JobSnapshot, Provider } from "./types.js";

export interface LaunchInput {
  request: LaunchRequest;
  runId: string;
  confirmationId: string;
  runDir: string;
}

export interface LaunchResult {
  run: RunView;
  /** True when the provider already had a job for this run and nothing new was created. */
  existing: boolean;
}

export async function launchRun(
  db: Db,
  provider: Provider,
  input: LaunchInput,
  onProgress: (message: string) => void = () => {},
): Promise<LaunchResult> {
  const cleared = await clearSubmission(db, input);
  try {
    const found = await provider.findRun(input.runId);
    if (found) {
      onProgress(`found job ${found.jobId} already created for ${input.runId}; not submitting again`);
      return { run: updateRun(db, input.runId, snapshotUpdate(found)), existing: true };
    }
    const snapshot = await provider.submit(cleared, onProgress);
    return { run: updateRun(db, input.runId, snapshotUpdate(snapshot)), existing: false };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    updateRun(db, input.runId, { status: "submit_failed", error: message });
    if (error instanceof CftError) throw error;
    throw new CftError(`submitting ${input.runId} failed: ${message}`, {
      hint: `Retry with \`cft finetune --resume ${input.runId}\`; a job that was created is found, not duplicated.`,
      cause: error,
    });
  }
}

/**
 * Reads the job's state from the provider and appends it to the run's history; once the run has
 * succeeded, records its actual cost (trained tokens × rate, or wall-clock GPU-hours × rate).
 */
export async function refreshRun(db: Db, provider: Provider, runId: string): Promise<RunView> {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId}`);
  if (!run.jobId) return run;
  const snapshot = await provider.status(run.jobId);
  const view = updateRun(db, runId, snapshotUpdate(snapshot));
  if (snapshot.status === "succeeded" && !hasActualCost(db, runId)) recordActual(db, view, snapshot);
  return view;
}

function recordActual(db: Db, run: RunView, snapshot: JobSnapshot): void {
  const rate = fingerprintRate(getConfirmation(db, run.confirmationId)?.estimate);
  if (rate.perMillionTokens !== undefined && snapshot.trainedTokens !== null) {
    const usd = Math.round((snapshot.trainedTokens / 1_000_000) * rate.perMillionTokens * 100) / 100;
    recordCost(db, {
      runId: run.id,
      kind: "actual",
      usd,
      basis: `${snapshot.trainedTokens} trained tokens × $${rate.perMillionTokens}/1M`,
    });
  } else if (rate.perHour !== undefined && snapshot.createdAt && snapshot.finishedAt) {
    const hours = (Date.parse(snapshot.finishedAt) - Date.parse(snapshot.createdAt)) / 3_600_000;
    if (!Number.isFinite(hours) || hours < 0) return;
    const usd = Math.round(hours * rate.perHour * 100) / 100;
    recordCost(db, {
      runId: run.id,
      kind: "actual",
      usd,
      basis: `${hours.toFixed(2)} GPU-hours × $${rate.perHour}/h`,
    });
  }
}
