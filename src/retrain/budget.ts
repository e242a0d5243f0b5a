/**
 * The retraining budget of a family: what its retraining runs confirmed this calendar month (UTC) have
 * committed, counting each run's actual cost where it is recorded and its estimate where it is not yet
 * (a running job has spent up to its estimate), and whether one more run of a given estimate stays
 * within the standing approval's cap. The cap is a ceiling: a run that would pass it is never launched
 * on the approval alone.
 */
import { runCosts } from "../ledger/costs.js";
import type { Db } from "../ledger/ledger.js";
import type { StageData } from "./cycle-log.js";

export interface MonthSpend {
  /** "2026-12". */
  month: string;
  usd: number;
  runs: { cycleId: string; runId: string; usd: number; basis: "actual" | "estimated" }[];
}

const cents = (x: number) => Math.round(x * 100) / 100;

export const monthOf = (date: Date | string) => new Date(date).toISOString().slice(0, 7);

/** FAMILY's retraining spend in the month of NOW (UTC): runs whose confirmation was recorded that month. */
export function monthSpend(db: Db, family: string, now = new Date()): MonthSpend {
  const month = monthOf(now);
  const rows = db
    .prepare(
      `SELECT e.cycle_id AS cycleId, e.data_json AS data, e.created_at AS createdAt
       FROM retrain_events e JOIN retrain_cycles c ON c.id = e.cycle_id
       WHERE c.family = ? AND e.stage = 'confirmed' AND substr(e.created_at, 1, 7) = ?
       ORDER BY e.id`,
    )
    .all(family, month) as { cycleId: string; data: string; createdAt: string }[];
  const runs = rows.map((r) => {
    const confirmed = JSON.parse(r.data) as StageData["confirmed"];
    const costs = runCosts(db, confirmed.runId);
    const actual = costs.actualUsd;
    return {
      cycleId: r.cycleId,
      runId: confirmed.runId,
      usd: actual ?? costs.estimatedUsd ?? confirmed.estimateUsd,
      basis: actual === null ? ("estimated" as const) : ("actual" as const),
    };
  });
  return { month, usd: cents(runs.reduce((sum, r) => sum + r.usd, 0)), runs };
}

export interface BudgetCheck {
  withinCap: boolean;
  capUsd: number;
  spentUsd: number;
  estimateUsd: number;
  /** What would be committed this month with the run: spent + estimate. */
  afterUsd: number;
  leftUsd: number;
}

export function checkBudget(capUsd: number, spent: MonthSpend, estimateUsd: number): BudgetCheck {
  const afterUsd = cents(spent.usd + estimateUsd);
  return {
    withinCap: afterUsd <= capUsd,
    capUsd,
    spentUsd: spent.usd,
    estimateUsd,
    afterUsd,
    leftUsd: cents(Math.max(0, capUsd - spent.usd)),
  };
}
