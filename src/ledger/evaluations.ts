/**
 * Evaluations and their per-item results (the Evaluations table), and regression tests (the Regression
 * Tests table). Per-item rows are what makes two evaluations comparable item by item, and any aggregate
 * recomputable later.
 */
import type { EvaluationSummary, ItemScore } from "../eval/types.js";
import type { RegressionReport } from "../regression/types.js";
import type { Db } from "./ledger.js";

export interface EvaluationItem {
  itemId: string;
  line: number;
  prediction: string | null;
  score: ItemScore | null;
  latencyMs: number | null;
  error: string | null;
}

/** The evaluation and all its items, in one transaction: a half-recorded evaluation never exists. */
export function recordEvaluation(db: Db, summary: EvaluationSummary, items: readonly EvaluationItem[]): void {
  const insertItem = db.prepare(
    `INSERT INTO evaluation_items (eval_id, item_id, line, prediction, score_json, latency_ms, error)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare(
      `INSERT INTO evaluations (id, suite_path, suite_name, suite_sha256, task, format, items, model, source,
         run_id, summary_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      summary.evalId,
      summary.suite.path,
      summary.suite.name,
      summary.suite.sha256,
      summary.suite.task,
      summary.suite.format,
      summary.suite.items,
      summary.model,
      summary.source,
      summary.runId,
      JSON.stringify(summary),
      summary.createdAt,
    );
    for (const item of items)
      insertItem.run(
        summary.evalId,
        item.itemId,
        item.line,
        item.prediction,
        item.score ? JSON.stringify(item.score) : null,
        item.latencyMs,
        item.error,
      );
  })();
}

export function getEvaluation(db: Db, evalId: string): EvaluationSummary | undefined {
  const row = db.prepare("SELECT summary_json FROM evaluations WHERE id = ?").get(evalId) as
    | { summary_json: string }
    | undefined;
  return row ? (JSON.parse(row.summary_json) as EvaluationSummary) : undefined;
}

export function evaluationItems(db: Db, evalId: string): EvaluationItem[] {
  const rows = db
    .prepare(
      `SELECT item_id, line, prediction, score_json, latency_ms, error FROM evaluation_items
       WHERE eval_id = ? ORDER BY line`,
    )
    .all(evalId) as {
    item_id: string;
    line: number;
    prediction: string | null;
    score_json: string | null;
    latency_ms: number | null;
    error: string | null;
  }[];
  return rows.map((r) => ({
    itemId: r.item_id,
    line: r.line,
    prediction: r.prediction,
    score: r.score_json ? (JSON.parse(r.score_json) as ItemScore) : null,
    latencyMs: r.latency_ms,
    error: r.error,
  }));
}

/** Evaluations of one suite (by content hash), oldest first. */
export function evaluationsOfSuite(db: Db, suiteSha256: string): EvaluationSummary[] {
  const rows = db
    .prepare("SELECT summary_json FROM evaluations WHERE suite_sha256 = ? ORDER BY created_at, rowid")
    .all(suiteSha256) as { summary_json: string }[];
  return rows.map((r) => JSON.parse(r.summary_json) as EvaluationSummary);
}

/** The newest evaluation linked to RUN_ID, or of MODEL when given (a run's fine-tuned model). */
export function latestEvaluationOf(
  db: Db,
  runId: string,
  model: string | null,
): EvaluationSummary | undefined {
  const row = db
    .prepare(
      `SELECT summary_json FROM evaluations WHERE run_id = ? OR (? IS NOT NULL AND model = ?)
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    )
    .get(runId, model, model) as { summary_json: string } | undefined;
  return row ? (JSON.parse(row.summary_json) as EvaluationSummary) : undefined;
}

export function recordRegression(db: Db, report: RegressionReport): void {
  db.prepare(
    `INSERT INTO regressions (id, candidate_eval, baseline_eval, task, verdict, recommendation, report_json,
       created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    report.regressionId,
    report.candidate.evalId,
    report.baseline.evalId,
    report.task,
    report.verdict,
    report.recommendation,
    JSON.stringify(report),
    report.createdAt,
  );
}

/** Regression tests whose candidate was this evaluation, newest first. */
export function regressionsOf(db: Db, candidateEvalId: string): RegressionReport[] {
  const rows = db
    .prepare(
      "SELECT report_json FROM regressions WHERE candidate_eval = ? ORDER BY created_at DESC, rowid DESC",
    )
    .all(candidateEvalId) as { report_json: string }[];
  return rows.map((r) => JSON.parse(r.report_json) as RegressionReport);
}
