/**
 * Ledger state for registry tests, written straight through the ledger's functions: confirmed and
 * succeeded runs, evaluations linked to them, and regression reports with the verdict a test needs.
 */
import { randomUUID } from "node:crypto";
import type { EvaluationSummary } from "../../src/eval/types.js";
import { recordConfirmation } from "../../src/ledger/confirmations.js";
import { recordEvaluation, recordRegression } from "../../src/ledger/evaluations.js";
import type { Db } from "../../src/ledger/ledger.js";
import { createRun, type RunStatus, updateRun } from "../../src/ledger/runs.js";
import type { MetricComparison, RegressionReport, Verdict } from "../../src/regression/types.js";

let clock = Date.UTC(2026, 11, 1);
/** Strictly increasing timestamps, so "newest" is never a tie. */
function tick(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}

/** A run of PROVIDER that ends in STATUS, with MODEL as its fine-tuned model (id or adapter folder). */
export function makeRun(
  db: Db,
  options: { provider?: string; status?: RunStatus; model?: string | null } = {},
): string {
  const confirmationId = randomUUID();
  const id = `run-${randomUUID().slice(0, 8)}`;
  const provider = options.provider ?? "openai";
  recordConfirmation(db, {
    id: confirmationId,
    provider,
    baseModel: "gpt-4o-mini-2024-07-18",
    files: [{ role: "train", path: "/data/train.jsonl", sha256: "a".repeat(64), auditId: "audit-1" }],
    datasetKey: "k",
    configSha256: "c".repeat(64),
    config: {},
    estimateSha256: "e".repeat(64),
    estimate: {},
    token: "t",
    method: "yes-flag",
    createdAt: tick(),
  });
  createRun(db, {
    id,
    confirmationId,
    provider,
    baseModel: "gpt-4o-mini-2024-07-18",
    target: "x",
    datasetKey: "k",
    configSha256: "c".repeat(64),
    trainSha256: "a".repeat(64),
    validationSha256: null,
    runDir: "/tmp/run",
    createdAt: tick(),
  });
  const model = options.model === undefined ? `ft:gpt-4o-mini:org::${id}` : options.model;
  updateRun(db, id, { status: options.status ?? "succeeded", fineTunedModel: model });
  return id;
}

/** An evaluation of RUN_ID's model (or of no run when null); returns its id. */
export function makeEvaluation(db: Db, runId: string | null, model = "some-model"): string {
  const summary: EvaluationSummary = {
    evalId: `eval-${randomUUID().slice(0, 8)}`,
    suite: {
      path: "suite.jsonl",
      name: "suite",
      sha256: "s".repeat(64),
      task: "mcq",
      format: "chat",
      items: 1,
    },
    model,
    source: "predictions:test",
    runId,
    createdAt: tick(),
    metrics: [],
    counts: { items: 1, scored: 1, noAnswer: 0, errors: 0 },
    latencyMs: null,
  };
  recordEvaluation(db, summary, [
    { itemId: "item-0", line: 1, prediction: "A", score: null, latencyMs: null, error: null },
  ]);
  return summary.evalId;
}

function metric(name: string, verdict: Verdict): MetricComparison {
  return {
    name,
    label: name === "accuracy" ? "Accuracy" : "False-approval rate",
    direction: name === "accuracy" ? "higher" : "lower",
    kind: "rate",
    critical: name !== "accuracy",
    baseline: 0.9,
    candidate: 0.85,
    delta: -0.05,
    interval: null,
    test: "mcnemar",
    pValue: 0.01,
    adjustedP: 0.02,
    n: 100,
    improved: 1,
    regressed: 6,
    unchanged: 93,
    threshold: { tolerance: 0.02, critical: false, alpha: 0.05, minItems: 30 },
    verdict,
    reason: verdict === "PASS" ? "within tolerance" : "dropped 5.0 points, past the 2-point tolerance",
  };
}

/** A recorded regression of CANDIDATE_EVAL against BASELINE_EVAL with VERDICT; returns its id. */
export function makeRegression(
  db: Db,
  candidateEval: string,
  baselineEval: string,
  verdict: Verdict,
): string {
  const report: RegressionReport = {
    regressionId: `reg-${randomUUID().slice(0, 8)}`,
    task: "mcq",
    suite: { name: "suite", sha256: "s".repeat(64) },
    candidate: { evalId: candidateEval, model: "candidate" },
    baseline: { evalId: baselineEval, model: "baseline" },
    sharedItems: 100,
    verdict,
    recommendation: verdict === "PASS" ? "deploy" : verdict === "WARN" ? "iterate" : "rollback",
    metrics: [metric("accuracy", "PASS"), metric("falseApprovalRate", verdict)],
    regressedItems: [],
    trend: [],
    thresholdsSource: "defaults for mcq",
    seed: 1,
    draws: 100,
    createdAt: tick(),
  };
  recordRegression(db, report);
  return report.regressionId;
}
