/**
 * Everything a model card says, gathered from the ledger: the run, the dataset it trained on (found by the
 * training file's SHA-256), that file's audit attestation, the confirmed configuration, the latest
 * evaluation of the model and the latest regression test of that evaluation, and the run's costs. The
 * training curve comes from the provider (the caller passes it, since that may need the network).
 */
import type { EvaluationSummary } from "../eval/types.js";
import type { TrainingMetrics } from "../finetune/types.js";
import { findAttestation } from "../ledger/audits.js";
import { getConfirmation } from "../ledger/confirmations.js";
import { runCosts } from "../ledger/costs.js";
import { listDatasets } from "../ledger/datasets.js";
import { getEvaluation, latestEvaluationOf, regressionsOf } from "../ledger/evaluations.js";
import type { Db } from "../ledger/ledger.js";
import type { RunView } from "../ledger/runs.js";
import type { ModelCardInput } from "./model-card.js";

/** The evaluation named, else the newest one of this run (by run id, or by the model it produced). */
export function evaluationOfRun(db: Db, run: RunView, evalId?: string): EvaluationSummary | null {
  if (evalId) return getEvaluation(db, evalId) ?? null;
  return latestEvaluationOf(db, run.id, run.fineTunedModel) ?? null;
}

export function cardInput(
  db: Db,
  run: RunView,
  training: TrainingMetrics | null,
  evaluation: EvaluationSummary | null,
): ModelCardInput {
  const row = listDatasets(db).find((d) => d.trainSha256 === run.trainSha256);
  const attestation = findAttestation(db, run.trainSha256);
  const confirmation = getConfirmation(db, run.confirmationId);
  const config = confirmation?.config as { hyperparameters?: Record<string, unknown> } | undefined;
  return {
    run,
    dataset: row
      ? {
          name: row.name,
          task: row.task,
          source: row.source,
          trainCount: row.trainCount,
          testCount: row.testCount,
          labels: row.labels,
          trainSha256: row.trainSha256,
          testSha256: row.testSha256,
        }
      : null,
    // The gate admitted only attested bytes, so a run's training file has a PASS attestation.
    audit: attestation
      ? {
          auditId: attestation.auditId,
          verdict: "PASS",
          scannerVersion: attestation.scannerVersion,
          createdAt: attestation.createdAt,
        }
      : null,
    training,
    evaluation,
    regression: evaluation ? (regressionsOf(db, evaluation.evalId)[0] ?? null) : null,
    costs: runCosts(db, run.id),
    generatedAt: new Date().toISOString(),
    ...(config?.hyperparameters ? { hyperparameters: config.hyperparameters } : {}),
  };
}
