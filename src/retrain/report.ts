/**
 * What a retraining cycle reports, from its recorded events: one object for `cft retrain --json`, the exit
 * code the status stands for, and the next step for a person when the cycle stopped.
 */
import type { CycleState, CycleStatus } from "./cycle-log.js";

export interface CycleReport {
  cycleId: string;
  family: string;
  status: CycleStatus;
  baseVersion: string | null;
  dataset: {
    id: string;
    parentId: string;
    dir: string;
    train: string;
    test: string;
    added: number;
    duplicates: number;
  } | null;
  auditId: string | null;
  estimate: { usd: number; token?: string } | null;
  budget: { capUsd: number | null; spentUsd: number } | null;
  confirmation: { id: string; method: string } | null;
  runId: string | null;
  jobId: string | null;
  evalId: string | null;
  baselineEvalId: string | null;
  regressionId: string | null;
  verdict: "PASS" | "WARN" | "FAIL" | null;
  version: string | null;
  promoted: boolean;
  reason: string | null;
  next?: string;
}

/**
 * 0: promoted, or still training (look again later); 2: cannot go on without more input (an endpoint to
 * evaluate at, a production evaluation); 3: a gate said no (audit FAIL, confirmation needed, budget cap,
 * regression WARN or FAIL); 4: the training job failed at its provider.
 */
export function exitCodeOf(status: CycleStatus): number {
  switch (status) {
    case "promoted":
    case "training":
    case "started":
      return 0;
    case "awaiting_evaluation":
      return 2;
    case "blocked_audit":
    case "awaiting_confirmation":
    case "budget_exceeded":
    case "not_promoted":
      return 3;
    case "failed":
      return 4;
  }
}

export function cycleReport(cycle: CycleState, next?: string): CycleReport {
  const s = cycle.stages;
  const reason =
    s.promoted || cycle.status === "training"
      ? null
      : (s.not_promoted?.reason ??
        (cycle.status === "awaiting_evaluation" ? s.awaiting_evaluation?.reason : undefined) ??
        (cycle.status === "failed" ? s.failed?.reason : undefined) ??
        (cycle.status === "awaiting_confirmation" || cycle.status === "budget_exceeded"
          ? s.stopped?.reason
          : undefined) ??
        (cycle.status === "blocked_audit"
          ? "the HIPAA audit of the new dataset version FAILED"
          : undefined) ??
        null);
  const estimateUsd = s.confirmed?.estimateUsd ?? s.stopped?.estimateUsd;
  return {
    cycleId: cycle.id,
    family: cycle.family,
    status: cycle.status,
    baseVersion: s.started?.baseVersion ?? null,
    dataset: s.dataset
      ? {
          id: s.dataset.datasetId,
          parentId: s.dataset.parentId,
          dir: s.dataset.dir,
          train: s.dataset.train,
          test: s.dataset.test,
          added: s.dataset.added,
          duplicates: s.dataset.duplicates,
        }
      : null,
    auditId: s.audit?.auditId ?? null,
    estimate: estimateUsd === undefined ? null : { usd: estimateUsd, token: s.confirmed?.token },
    budget: s.stopped ? { capUsd: s.stopped.capUsd, spentUsd: s.stopped.spentUsd } : null,
    confirmation: s.confirmed ? { id: s.confirmed.confirmationId, method: s.confirmed.method } : null,
    runId: s.confirmed?.runId ?? null,
    jobId: s.launched?.jobId ?? null,
    evalId: s.evaluated?.evalId ?? null,
    baselineEvalId: s.evaluated?.baselineEvalId ?? null,
    regressionId: s.regressed?.regressionId ?? null,
    verdict: s.regressed?.verdict ?? null,
    version: s.registered?.version ?? null,
    promoted: cycle.status === "promoted",
    reason: reason ?? null,
    ...(next ? { next } : {}),
  };
}
