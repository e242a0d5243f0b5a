/**
 * Costs: the estimate recorded when a run is submitted and the actual figure once it is known (trained
 * tokens × price for hosted runs, GPU-hours × rate for self-hosted ones). Cumulative spend counts each
 * run's actual cost when there is one, else its estimate.
 */
import type { Db } from "./ledger.js";

export interface CostEntry {
  runId: string;
  kind: "estimated" | "actual";
  usd: number;
  basis: string;
}

export function recordCost(db: Db, entry: CostEntry): void {
  db.prepare("INSERT INTO costs (run_id, kind, usd, basis, created_at) VALUES (?, ?, ?, ?, ?)").run(
    entry.runId,
    entry.kind,
    entry.usd,
    entry.basis,
    new Date().toISOString(),
  );
}

export function hasActualCost(db: Db, runId: string): boolean {
  return Boolean(db.prepare("SELECT 1 FROM costs WHERE run_id = ? AND kind = 'actual' LIMIT 1").get(runId));
}

export interface CostSummary {
  runs: number;
  estimatedUsd: number;
  actualUsd: number;
  /** Σ per run: actual when known, else estimated. */
  cumulativeUsd: number;
}

export function costSummary(db: Db): CostSummary {
  const row = db
    .prepare(
      `WITH per_run AS (
         SELECT run_id,
           (SELECT usd FROM costs c2 WHERE c2.run_id = c.run_id AND kind = 'estimated' ORDER BY id DESC LIMIT 1) AS est,
           (SELECT usd FROM costs c3 WHERE c3.run_id = c.run_id AND kind = 'actual' ORDER BY id DESC LIMIT 1) AS act
         FROM costs c GROUP BY run_id)
       SELECT COUNT(*) AS runs, COALESCE(SUM(est), 0) AS estimated, COALESCE(SUM(act), 0) AS actual,
              COALESCE(SUM(COALESCE(act, est)), 0) AS cumulative FROM per_run`,
    )
    .get() as { runs: number; estimated: number; actual: number; cumulative: number };
  const cents = (x: number) => Math.round(x * 100) / 100;
  return {
    runs: row.runs,
    estimatedUsd: cents(row.estimated),
    actualUsd: cents(row.actual),
    cumulativeUsd: cents(row.cumulative),
  };
}

/** One run's latest estimated and actual cost (null where none was recorded). */
export function runCosts(db: Db, runId: string): { estimatedUsd: number | null; actualUsd: number | null } {
  const latest = (kind: string) =>
    (
      db
        .prepare("SELECT usd FROM costs WHERE run_id = ? AND kind = ? ORDER BY id DESC LIMIT 1")
        .get(runId, kind) as { usd: number } | undefined
    )?.usd ?? null;
  return { estimatedUsd: latest("estimated"), actualUsd: latest("actual") };
}
