/**
 * Where a registered version came from, read back from the ledger: its run, the confirmed dataset files
 * (hashes and the audits that attested them), the evaluations of its model and the regression tests they
 * were candidates in. `cft models show` prints it; the promotion gate uses the evaluations.
 */
import type { EvaluationSummary } from "../eval/types.js";
import { getConfirmation } from "../ledger/confirmations.js";
import { regressionsOf } from "../ledger/evaluations.js";
import type { Db } from "../ledger/ledger.js";
import { getRun, type RunView } from "../ledger/runs.js";
import type { RegressionReport } from "../regression/types.js";
import type { ModelVersion } from "./versions.js";

export interface Lineage {
  run: RunView | null;
  confirmation: {
    id: string;
    files: { role: string; path: string; sha256: string; auditId: string }[];
  } | null;
  evaluations: EvaluationSummary[];
  regressions: RegressionReport[];
}

/** Evaluations of VERSION's model: linked to its run, or of its hosted model id; oldest first. */
export function evaluationsOfVersion(db: Db, version: ModelVersion): EvaluationSummary[] {
  const model = version.artifact.kind === "hosted" ? version.artifact.ref : null;
  const rows = db
    .prepare(
      `SELECT summary_json FROM evaluations WHERE run_id = ? OR (? IS NOT NULL AND model = ?)
       ORDER BY created_at, rowid`,
    )
    .all(version.runId, model, model) as { summary_json: string }[];
  return rows.map((r) => JSON.parse(r.summary_json) as EvaluationSummary);
}

/** Whether evaluation EVAL_ID is of VERSION's model. */
export function isEvaluationOf(db: Db, evalId: string, version: ModelVersion): boolean {
  return evaluationsOfVersion(db, version).some((e) => e.evalId === evalId);
}

export function lineageOf(db: Db, version: ModelVersion): Lineage {
  const run = getRun(db, version.runId) ?? null;
  const confirmation = run ? getConfirmation(db, run.confirmationId) : undefined;
  const evaluations = evaluationsOfVersion(db, version);
  const regressions = evaluations
    .flatMap((e) => regressionsOf(db, e.evalId))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return {
    run,
    confirmation: confirmation
      ? {
          id: confirmation.id,
          files: confirmation.files.map((f) => ({
            role: f.role,
            path: f.path,
            sha256: f.sha256,
            auditId: f.auditId,
          })),
        }
      : null,
    evaluations,
    regressions,
  };
}
