/**
 * Fine-tuning runs. A run is created when a plan is confirmed, before anything is sent; its state is a
 * history of updates (append-only, the latest wins): confirmed → validating_files → queued → running →
 * succeeded | failed | cancelled, or submit_failed when the provider could not be reached.
 */
import type { JobProgress, JobSnapshot, JobStatus } from "../finetune/types.js";
import type { Db } from "./ledger.js";

export type RunStatus = "confirmed" | "submit_failed" | JobStatus;

export interface RunRecord {
  id: string;
  confirmationId: string;
  provider: string;
  baseModel: string;
  target: string;
  datasetKey: string;
  configSha256: string;
  trainSha256: string;
  validationSha256: string | null;
  runDir: string;
  createdAt: string;
}

export interface RunUpdate {
  status: RunStatus;
  jobId?: string | null;
  providerStatus?: string | null;
  fineTunedModel?: string | null;
  trainedTokens?: number | null;
  error?: string | null;
  progress?: JobProgress | null;
}

export interface RunView extends RunRecord {
  status: RunStatus;
  jobId: string | null;
  providerStatus: string | null;
  fineTunedModel: string | null;
  trainedTokens: number | null;
  error: string | null;
  progress: JobProgress | null;
  updatedAt: string;
}

export function createRun(db: Db, run: RunRecord): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO runs (id, confirmation_id, provider, base_model, target, dataset_key, config_sha256,
         train_sha256, validation_sha256, run_dir, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      run.id,
      run.confirmationId,
      run.provider,
      run.baseModel,
      run.target,
      run.datasetKey,
      run.configSha256,
      run.trainSha256,
      run.validationSha256,
      run.runDir,
      run.createdAt,
    );
    insertUpdate(db, run.id, 0, { status: "confirmed" });
  })();
}

function insertUpdate(db: Db, runId: string, seq: number, u: RunUpdate): void {
  db.prepare(
    `INSERT INTO run_updates (run_id, seq, status, job_id, provider_status, fine_tuned_model, trained_tokens,
       error, progress_json, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    runId,
    seq,
    u.status,
    u.jobId ?? null,
    u.providerStatus ?? null,
    u.fineTunedModel ?? null,
    u.trainedTokens ?? null,
    u.error ?? null,
    u.progress ? JSON.stringify(u.progress) : null,
    new Date().toISOString(),
  );
}

/**
 * Appends an update when something a reader cares about changed (status, job, model, tokens, error, or
 * progress crossing another tenth of the run), so polling does not flood the history. Returns the view.
 */
export function updateRun(db: Db, runId: string, update: RunUpdate): RunView {
  return db.transaction(() => {
    const current = getRun(db, runId);
    if (!current) throw new Error(`no run ${runId}`);
    const next: RunUpdate = {
      status: update.status,
      jobId: update.jobId ?? current.jobId,
      providerStatus: update.providerStatus ?? current.providerStatus,
      fineTunedModel: update.fineTunedModel ?? current.fineTunedModel,
      trainedTokens: update.trainedTokens ?? current.trainedTokens,
      error: update.error ?? (update.status === current.status ? current.error : null),
      progress: update.progress ?? current.progress,
    };
    const tenth = (p: JobProgress | null | undefined) =>
      p?.totalSteps ? Math.floor((10 * p.step) / p.totalSteps) : -1;
    const changed =
      next.status !== current.status ||
      next.jobId !== current.jobId ||
      next.providerStatus !== current.providerStatus ||
      next.fineTunedModel !== current.fineTunedModel ||
      next.trainedTokens !== current.trainedTokens ||
      next.error !== current.error ||
      tenth(next.progress) !== tenth(current.progress);
    if (!changed) return current;
    const seq = (
      db.prepare("SELECT MAX(seq) AS seq FROM run_updates WHERE run_id = ?").get(runId) as { seq: number }
    ).seq;
    insertUpdate(db, runId, seq + 1, next);
    return getRun(db, runId) as RunView;
  })();
}

/** The update a provider snapshot amounts to. */
export function snapshotUpdate(snapshot: JobSnapshot): RunUpdate {
  return {
    status: snapshot.status,
    jobId: snapshot.jobId,
    providerStatus: snapshot.providerStatus,
    fineTunedModel: snapshot.fineTunedModel,
    trainedTokens: snapshot.trainedTokens,
    error: snapshot.error,
    progress: snapshot.progress,
  };
}

const VIEW = `
SELECT r.id, r.confirmation_id AS confirmationId, r.provider, r.base_model AS baseModel, r.target,
  r.dataset_key AS datasetKey, r.config_sha256 AS configSha256, r.train_sha256 AS trainSha256,
  r.validation_sha256 AS validationSha256, r.run_dir AS runDir, r.created_at AS createdAt,
  u.status, u.job_id AS jobId, u.provider_status AS providerStatus, u.fine_tuned_model AS fineTunedModel,
  u.trained_tokens AS trainedTokens, u.error, u.progress_json AS progressJson, u.created_at AS updatedAt
FROM runs r JOIN run_updates u ON u.run_id = r.id
  AND u.seq = (SELECT MAX(seq) FROM run_updates WHERE run_id = r.id)`;

type ViewRow = Omit<RunView, "progress"> & { progressJson: string | null };

const toView = ({ progressJson, ...row }: ViewRow): RunView => ({
  ...row,
  progress: progressJson ? (JSON.parse(progressJson) as JobProgress) : null,
});

export function getRun(db: Db, runId: string): RunView | undefined {
  const row = db.prepare(`${VIEW} WHERE r.id = ?`).get(runId) as ViewRow | undefined;
  return row && toView(row);
}

export function listRuns(db: Db, limit = 50): RunView[] {
  return (db.prepare(`${VIEW} ORDER BY r.created_at DESC, r.rowid DESC LIMIT ?`).all(limit) as ViewRow[]).map(
    toView,
  );
}

/** The latest run of this exact plan (dataset bytes and configuration) that has not ended. */
export function findOpenRun(db: Db, datasetKey: string, configSha256: string): RunView | undefined {
  const rows = (
    db
      .prepare(
        `${VIEW} WHERE r.dataset_key = ? AND r.config_sha256 = ? ORDER BY r.created_at DESC, r.rowid DESC`,
      )
      .all(datasetKey, configSha256) as ViewRow[]
  ).map(toView);
  return rows.find((r) => !["succeeded", "failed", "cancelled"].includes(r.status));
}
