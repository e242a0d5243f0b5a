/**
 * Schema migrations of the ledger, applied in order and recorded in `schema_migrations`. Records are
 * append-only, and SQLite enforces it: every table gets triggers that abort UPDATE and DELETE.
 * Later stages append migrations here; never edit one that has shipped.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Triggers that make TABLE append-only. */
export function appendOnly(table: string): string {
  return `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only: records are never changed'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${table} is append-only: records are never deleted'); END;`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "datasets",
    sql: `
CREATE TABLE datasets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  task TEXT NOT NULL CHECK (task IN ('claims', 'scribe', 'companion')),
  source TEXT NOT NULL,
  source_file TEXT,
  source_sha256 TEXT,
  train_count INTEGER NOT NULL,
  test_count INTEGER NOT NULL,
  filtered_count INTEGER NOT NULL DEFAULT 0,
  train_tokens INTEGER NOT NULL,
  test_tokens INTEGER NOT NULL,
  train_sha256 TEXT NOT NULL,
  test_sha256 TEXT NOT NULL,
  manifest_sha256 TEXT NOT NULL,
  labels_json TEXT NOT NULL,
  generator_version TEXT,
  seed INTEGER,
  out_dir TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX datasets_train_sha256 ON datasets (train_sha256);
${appendOnly("datasets")}`,
  },
  {
    version: 2,
    name: "audits and attestations",
    sql: `
CREATE TABLE audits (
  id TEXT PRIMARY KEY,
  verdict TEXT NOT NULL CHECK (verdict IN ('PASS', 'FAIL')),
  scanner_version TEXT NOT NULL,
  files_json TEXT NOT NULL,
  counts_by_identifier_json TEXT NOT NULL,
  counts_by_severity_json TEXT NOT NULL,
  findings_total INTEGER NOT NULL,
  report_path TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE attestations (
  audit_id TEXT NOT NULL REFERENCES audits (id),
  sha256 TEXT NOT NULL,
  path TEXT NOT NULL,
  records INTEGER NOT NULL,
  scanner_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (audit_id, sha256)
);
CREATE INDEX attestations_sha256 ON attestations (sha256);
${appendOnly("audits")}
${appendOnly("attestations")}`,
  },
  {
    version: 3,
    name: "confirmations, fine-tuning runs and costs",
    sql: `
CREATE TABLE confirmations (
  id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  base_model TEXT NOT NULL,
  files_json TEXT NOT NULL,
  dataset_key TEXT NOT NULL,
  config_sha256 TEXT NOT NULL,
  config_json TEXT NOT NULL,
  estimate_sha256 TEXT NOT NULL,
  estimate_json TEXT NOT NULL,
  token TEXT NOT NULL,
  method TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX confirmations_plan ON confirmations (dataset_key, config_sha256);
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  confirmation_id TEXT NOT NULL REFERENCES confirmations (id),
  provider TEXT NOT NULL,
  base_model TEXT NOT NULL,
  target TEXT NOT NULL,
  dataset_key TEXT NOT NULL,
  config_sha256 TEXT NOT NULL,
  train_sha256 TEXT NOT NULL,
  validation_sha256 TEXT,
  run_dir TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX runs_plan ON runs (dataset_key, config_sha256);
CREATE TABLE run_updates (
  run_id TEXT NOT NULL REFERENCES runs (id),
  seq INTEGER NOT NULL,
  status TEXT NOT NULL,
  job_id TEXT,
  provider_status TEXT,
  fine_tuned_model TEXT,
  trained_tokens INTEGER,
  error TEXT,
  progress_json TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE TABLE costs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id TEXT NOT NULL REFERENCES runs (id),
  kind TEXT NOT NULL CHECK (kind IN ('estimated', 'actual')),
  usd REAL NOT NULL,
  basis TEXT NOT NULL,
  created_at TEXT NOT NULL
);
${appendOnly("confirmations")}
${appendOnly("runs")}
${appendOnly("run_updates")}
${appendOnly("costs")}`,
  },
  {
    version: 4,
    name: "evaluations, predictions cache and regression tests",
    sql: `
CREATE TABLE predictions (
  model_key TEXT NOT NULL,
  item_id TEXT NOT NULL,
  prediction TEXT NOT NULL,
  latency_ms REAL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (model_key, item_id)
);
CREATE TABLE evaluations (
  id TEXT PRIMARY KEY,
  suite_path TEXT NOT NULL,
  suite_name TEXT NOT NULL,
  suite_sha256 TEXT NOT NULL,
  task TEXT NOT NULL,
  format TEXT NOT NULL,
  items INTEGER NOT NULL,
  model TEXT NOT NULL,
  source TEXT NOT NULL,
  run_id TEXT,
  summary_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX evaluations_suite ON evaluations (suite_sha256, created_at);
CREATE TABLE evaluation_items (
  eval_id TEXT NOT NULL REFERENCES evaluations (id),
  item_id TEXT NOT NULL,
  line INTEGER NOT NULL,
  prediction TEXT,
  score_json TEXT,
  latency_ms REAL,
  error TEXT,
  PRIMARY KEY (eval_id, item_id)
);
CREATE TABLE regressions (
  id TEXT PRIMARY KEY,
  candidate_eval TEXT NOT NULL REFERENCES evaluations (id),
  baseline_eval TEXT NOT NULL REFERENCES evaluations (id),
  task TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('PASS', 'WARN', 'FAIL')),
  recommendation TEXT NOT NULL CHECK (recommendation IN ('deploy', 'iterate', 'rollback')),
  report_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
${appendOnly("predictions")}
${appendOnly("evaluations")}
${appendOnly("evaluation_items")}
${appendOnly("regressions")}`,
  },
  {
    version: 5,
    name: "outbox of external actions and their deliveries",
    sql: `
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('slack', 'github', 'sheets', 'docs')),
  action TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE outbox_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  outbox_id TEXT NOT NULL REFERENCES outbox (id),
  status TEXT NOT NULL CHECK (status IN ('sent', 'failed', 'skipped')),
  ref TEXT,
  error TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX outbox_sent_once ON outbox_deliveries (outbox_id) WHERE status = 'sent';
${appendOnly("outbox")}
${appendOnly("outbox_deliveries")}`,
  },
  {
    version: 6,
    name: "approvals of external actions, tracking rows, local issue log, document links",
    sql: `
CREATE TABLE outbox_decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  outbox_id TEXT NOT NULL REFERENCES outbox (id),
  decision TEXT NOT NULL CHECK (decision IN ('approved', 'declined')),
  method TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX outbox_decided_once ON outbox_decisions (outbox_id);
CREATE TABLE tracker_rows (
  id TEXT PRIMARY KEY,
  sheet TEXT NOT NULL CHECK (sheet IN ('datasets', 'runs', 'evaluations', 'regressions', 'costs')),
  cells_json TEXT NOT NULL,
  source TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX tracker_rows_once ON tracker_rows (source) WHERE source IS NOT NULL;
CREATE INDEX tracker_rows_by_sheet ON tracker_rows (sheet, created_at);
CREATE TABLE local_issues (
  number INTEGER PRIMARY KEY AUTOINCREMENT,
  project TEXT,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  labels_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX local_issues_tracking ON local_issues (project) WHERE project IS NOT NULL;
CREATE TABLE local_issue_comments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  issue_number INTEGER NOT NULL REFERENCES local_issues (number),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE document_links (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject TEXT NOT NULL,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  outbox_id TEXT REFERENCES outbox (id),
  created_at TEXT NOT NULL
);
CREATE INDEX document_links_by_subject ON document_links (subject);
${appendOnly("outbox_decisions")}
${appendOnly("tracker_rows")}
${appendOnly("local_issues")}
${appendOnly("local_issue_comments")}
${appendOnly("document_links")}`,
  },
  {
    version: 7,
    name: "threads of the assistant's graph",
    sql: `
CREATE TABLE graph_threads (
  thread_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('run', 'chat')),
  title TEXT NOT NULL,
  created_at TEXT NOT NULL
);
${appendOnly("graph_threads")}`,
  },
  {
    version: 8,
    name: "model registry: versions and promotions",
    sql: `
CREATE TABLE model_versions (
  id TEXT PRIMARY KEY,
  family TEXT NOT NULL,
  version TEXT NOT NULL,
  major INTEGER NOT NULL,
  minor INTEGER NOT NULL,
  run_id TEXT NOT NULL REFERENCES runs (id),
  artifact_kind TEXT NOT NULL CHECK (artifact_kind IN ('hosted', 'adapter', 'merged', 'gguf')),
  artifact_ref TEXT NOT NULL,
  artifact_sha256 TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (family, version)
);
CREATE TABLE model_promotions (
  id TEXT PRIMARY KEY,
  family TEXT NOT NULL,
  version_id TEXT NOT NULL REFERENCES model_versions (id),
  action TEXT NOT NULL CHECK (action IN ('promote', 'rollback')),
  regression_id TEXT REFERENCES regressions (id),
  verdict TEXT CHECK (verdict IN ('PASS', 'WARN', 'FAIL')),
  override_by TEXT,
  override_reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX model_promotions_by_family ON model_promotions (family, created_at);
${appendOnly("model_versions")}
${appendOnly("model_promotions")}`,
  },
  {
    version: 9,
    name: "A/B routing: route configurations, routed requests, outcome labels",
    sql: `
CREATE TABLE route_configs (
  id TEXT PRIMARY KEY,
  family TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('set', 'promote', 'rollback')),
  config_json TEXT NOT NULL,
  config_sha256 TEXT NOT NULL,
  restores_id TEXT REFERENCES route_configs (id),
  promotion_id TEXT REFERENCES model_promotions (id),
  decided_by TEXT,
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX route_configs_by_family ON route_configs (family);
CREATE TABLE route_requests (
  id TEXT PRIMARY KEY,
  family TEXT NOT NULL,
  config_id TEXT NOT NULL REFERENCES route_configs (id),
  variant TEXT NOT NULL,
  version TEXT,
  key_hash TEXT,
  stream INTEGER NOT NULL CHECK (stream IN (0, 1)),
  status INTEGER NOT NULL,
  error TEXT,
  latency_ms REAL NOT NULL,
  first_byte_ms REAL,
  prompt_tokens INTEGER,
  completion_tokens INTEGER,
  created_at TEXT NOT NULL
);
CREATE INDEX route_requests_by_family ON route_requests (family, created_at);
CREATE TABLE route_outcomes (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES route_requests (id),
  label TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (request_id, label)
);
${appendOnly("route_configs")}
${appendOnly("route_requests")}
${appendOnly("route_outcomes")}`,
  },
  {
    version: 10,
    name: "retraining: standing approvals and cycles",
    sql: `
CREATE TABLE retrain_approvals (
  id TEXT PRIMARY KEY,
  family TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('approve', 'revoke')),
  budget_usd REAL CHECK (budget_usd IS NULL OR budget_usd >= 0),
  expires_on TEXT,
  decided_by TEXT NOT NULL,
  reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX retrain_approvals_by_family ON retrain_approvals (family, created_at);
CREATE TABLE retrain_cycles (
  id TEXT PRIMARY KEY,
  family TEXT NOT NULL,
  base_version_id TEXT NOT NULL REFERENCES model_versions (id),
  created_at TEXT NOT NULL
);
CREATE INDEX retrain_cycles_by_family ON retrain_cycles (family, created_at);
CREATE TABLE retrain_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  cycle_id TEXT NOT NULL REFERENCES retrain_cycles (id),
  stage TEXT NOT NULL,
  data_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX retrain_events_by_cycle ON retrain_events (cycle_id, id);
CREATE TABLE dataset_versions (
  dataset_id TEXT PRIMARY KEY REFERENCES datasets (id),
  parent_id TEXT NOT NULL REFERENCES datasets (id),
  family TEXT NOT NULL,
  cycle_id TEXT REFERENCES retrain_cycles (id),
  added_records INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
${appendOnly("retrain_approvals")}
${appendOnly("retrain_cycles")}
${appendOnly("retrain_events")}
${appendOnly("dataset_versions")}`,
  },
  {
    version: 11,
    name: "outbox claims: one sender per entry at a time",
    sql: `
CREATE TABLE outbox_claims (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  outbox_id TEXT NOT NULL REFERENCES outbox (id),
  claimant TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX outbox_claims_by_entry ON outbox_claims (outbox_id, id);
${appendOnly("outbox_claims")}`,
  },
];
