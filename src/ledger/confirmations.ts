/**
 * Confirmations: the user's "yes" to one exact plan, bound to the dataset files' hashes, the training
 * configuration's hash and the estimate they were shown. The launch gate looks a confirmation up by id and
 * compares it with what is about to be sent.
 */
import type { Db } from "./ledger.js";

export type ConfirmationMethod =
  | "tty"
  | "yes-flag"
  | "mcp-elicitation"
  | "mcp-token"
  | "graph-interrupt"
  /** `cft retrain` within a recorded standing approval and its budget cap (the approval's id follows). */
  | `standing-approval:${string}`;

export interface ConfirmedFile {
  role: "train" | "validation";
  path: string;
  sha256: string;
  auditId: string;
}

export interface Confirmation {
  id: string;
  provider: string;
  baseModel: string;
  files: ConfirmedFile[];
  datasetKey: string;
  configSha256: string;
  config: unknown;
  estimateSha256: string;
  estimate: unknown;
  token: string;
  method: ConfirmationMethod;
  createdAt: string;
}

interface Row {
  id: string;
  provider: string;
  base_model: string;
  files_json: string;
  dataset_key: string;
  config_sha256: string;
  config_json: string;
  estimate_sha256: string;
  estimate_json: string;
  token: string;
  method: ConfirmationMethod;
  created_at: string;
}

export function recordConfirmation(db: Db, c: Confirmation): void {
  db.prepare(
    `INSERT INTO confirmations (id, provider, base_model, files_json, dataset_key, config_sha256, config_json,
       estimate_sha256, estimate_json, token, method, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.id,
    c.provider,
    c.baseModel,
    JSON.stringify(c.files),
    c.datasetKey,
    c.configSha256,
    JSON.stringify(c.config),
    c.estimateSha256,
    JSON.stringify(c.estimate),
    c.token,
    c.method,
    c.createdAt,
  );
}

function fromRow(r: Row): Confirmation {
  return {
    id: r.id,
    provider: r.provider,
    baseModel: r.base_model,
    files: JSON.parse(r.files_json) as ConfirmedFile[],
    datasetKey: r.dataset_key,
    configSha256: r.config_sha256,
    config: JSON.parse(r.config_json),
    estimateSha256: r.estimate_sha256,
    estimate: JSON.parse(r.estimate_json),
    token: r.token,
    method: r.method,
    createdAt: r.created_at,
  };
}

export function getConfirmation(db: Db, id: string): Confirmation | undefined {
  const row = db.prepare("SELECT * FROM confirmations WHERE id = ?").get(id) as Row | undefined;
  return row && fromRow(row);
}
