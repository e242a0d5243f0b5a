/**
 * The record of retraining cycles: one row per cycle and an append-only stream of events, one per stage
 * reached (dataset, audit, estimate, confirmed, launched, trained, evaluated, registered, regressed,
 * promoted…). A cycle's state is the fold of its events, so a cycle interrupted anywhere (the process ended,
 * the job still training, a confirmation pending) is picked up where it stopped.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "../ledger/ledger.js";

/** What a cycle ended in, or where it waits. */
export type CycleStatus =
  | "started"
  | "awaiting_confirmation"
  | "budget_exceeded"
  | "training"
  | "awaiting_evaluation"
  | "blocked_audit"
  | "promoted"
  | "not_promoted"
  | "failed";

export const FINAL_STATUSES: ReadonlySet<CycleStatus> = new Set([
  "blocked_audit",
  "promoted",
  "not_promoted",
  "failed",
]);

export interface CycleDataset {
  datasetId: string;
  parentId: string;
  dir: string;
  train: string;
  test: string;
  trainSha256: string;
  testSha256: string;
  added: number;
  duplicates: number;
}

/** Each stage's data, as recorded. */
export interface StageData {
  started: {
    baseVersionId: string;
    baseVersion: string;
    evaluateAt: string | null;
    thresholdsFile: string | null;
  };
  dataset: CycleDataset;
  audit: { auditId: string; verdict: "PASS" | "FAIL"; reportPath: string };
  stopped: {
    status: "awaiting_confirmation" | "budget_exceeded";
    reason: string;
    estimateUsd: number;
    spentUsd: number;
    capUsd: number | null;
  };
  confirmed: { runId: string; confirmationId: string; method: string; estimateUsd: number; token: string };
  launched: { runId: string; jobId: string | null };
  trained: { runId: string; status: string; model: string | null; error: string | null };
  evaluated: { evalId: string; baselineEvalId: string };
  registered: { versionId: string; version: string };
  regressed: { regressionId: string; verdict: "PASS" | "WARN" | "FAIL" };
  promoted: { promotionId: string };
  not_promoted: { reason: string };
  awaiting_evaluation: { reason: string };
  failed: { reason: string };
}
export type Stage = keyof StageData;

export interface CycleEvent<S extends Stage = Stage> {
  stage: S;
  data: StageData[S];
  createdAt: string;
}

export interface CycleState {
  id: string;
  family: string;
  createdAt: string;
  status: CycleStatus;
  events: CycleEvent[];
  /** The latest data of each stage reached. */
  stages: Partial<StageData>;
  /** When each stage was last recorded. */
  at: Partial<Record<Stage, string>>;
}

/** retrain-20261203-1a2b3c4d: sortable and readable. */
const newCycleId = (now = new Date()) =>
  `retrain-${now.toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(4).toString("hex")}`;

export function startCycle(db: Db, family: string, started: StageData["started"]): CycleState {
  const id = newCycleId();
  db.transaction(() => {
    db.prepare(
      "INSERT INTO retrain_cycles (id, family, base_version_id, created_at) VALUES (?, ?, ?, ?)",
    ).run(id, family, started.baseVersionId, new Date().toISOString());
    appendEvent(db, id, "started", started);
  })();
  return getCycle(db, id)!;
}

export function appendEvent<S extends Stage>(db: Db, cycleId: string, stage: S, data: StageData[S]): void {
  db.prepare("INSERT INTO retrain_events (cycle_id, stage, data_json, created_at) VALUES (?, ?, ?, ?)").run(
    cycleId,
    stage,
    JSON.stringify(data),
    new Date().toISOString(),
  );
}

/** The status the events so far amount to (the latest deciding event wins). */
function statusOf(events: readonly CycleEvent[]): CycleStatus {
  let status: CycleStatus = "started";
  for (const e of events) {
    switch (e.stage) {
      case "audit":
        status = (e.data as StageData["audit"]).verdict === "FAIL" ? "blocked_audit" : "started";
        break;
      case "stopped":
        status = (e.data as StageData["stopped"]).status;
        break;
      case "confirmed":
      case "launched":
        status = "training";
        break;
      case "trained":
        status = (e.data as StageData["trained"]).status === "succeeded" ? "started" : "failed";
        break;
      case "awaiting_evaluation":
      case "promoted":
      case "not_promoted":
      case "failed":
        status = e.stage;
        break;
      case "evaluated":
        status = "started";
        break;
    }
  }
  return status;
}

interface EventRow {
  stage: Stage;
  data_json: string;
  created_at: string;
}

export function getCycle(db: Db, id: string): CycleState | undefined {
  const cycle = db.prepare("SELECT id, family, created_at FROM retrain_cycles WHERE id = ?").get(id) as
    | { id: string; family: string; created_at: string }
    | undefined;
  if (!cycle) return undefined;
  const events = (
    db
      .prepare("SELECT stage, data_json, created_at FROM retrain_events WHERE cycle_id = ? ORDER BY id")
      .all(id) as EventRow[]
  ).map((r) => ({ stage: r.stage, data: JSON.parse(r.data_json), createdAt: r.created_at }) as CycleEvent);
  const stages: Partial<StageData> = {};
  const at: Partial<Record<Stage, string>> = {};
  for (const e of events) {
    (stages as Record<string, unknown>)[e.stage] = e.data;
    at[e.stage] = e.createdAt;
  }
  return {
    id: cycle.id,
    family: cycle.family,
    createdAt: cycle.created_at,
    status: statusOf(events),
    events,
    stages,
    at,
  };
}

/** FAMILY's cycles, newest first. */
export function listCycles(db: Db, family: string, limit = 20): CycleState[] {
  const ids = db
    .prepare("SELECT id FROM retrain_cycles WHERE family = ? ORDER BY created_at DESC, rowid DESC LIMIT ?")
    .all(family, limit) as { id: string }[];
  return ids.map((r) => getCycle(db, r.id)!);
}

/** FAMILY's newest cycle that has not ended, if any: the one the next `cft retrain FAMILY` continues. */
export function openCycle(db: Db, family: string): CycleState | undefined {
  const latest = listCycles(db, family, 1)[0];
  return latest && !FINAL_STATUSES.has(latest.status) ? latest : undefined;
}
