/**
 * What the router records of each request, and the outcome labels fed back later ("overturned" for a
 * claim decision reversed on appeal). A record holds the variant, timings, status, token counts and the
 * keyed hash of the sticky key — never a message, a prompt, a completion or the key itself.
 */
import { randomUUID } from "node:crypto";
import { InputError } from "../errors.js";
import type { Db } from "../ledger/ledger.js";

/** Why a request failed, when it did. */
export type RequestError =
  | "backend_unreachable"
  | "backend_status"
  | "backend_timeout"
  | "stream_broken"
  | "client_closed";

export interface RoutedRequest {
  id: string;
  family: string;
  configId: string;
  variant: string;
  version: string | null;
  keyHash: string | null;
  stream: boolean;
  /** The HTTP status the client got (the backend's, or 502/504 from the router). */
  status: number;
  error: RequestError | null;
  latencyMs: number;
  /** Until the first byte of the backend's answer reached the client. */
  firstByteMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  createdAt: string;
}

export const newRequestId = () => `req-${randomUUID().replaceAll("-", "").slice(0, 20)}`;

export function requestRecorder(db: Db): (r: RoutedRequest) => void {
  const insert = db.prepare(
    `INSERT INTO route_requests (id, family, config_id, variant, version, key_hash, stream, status, error,
       latency_ms, first_byte_ms, prompt_tokens, completion_tokens, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (r) =>
    insert.run(
      r.id,
      r.family,
      r.configId,
      r.variant,
      r.version,
      r.keyHash,
      r.stream ? 1 : 0,
      r.status,
      r.error,
      r.latencyMs,
      r.firstByteMs,
      r.promptTokens,
      r.completionTokens,
      r.createdAt,
    );
}

const LABEL = /^[a-z][a-z0-9_-]{0,39}$/;

export interface OutcomeInput {
  requestId: string;
  label: string;
  /** Who or what reported it: "api", "cli", a file name. */
  source: string;
}

/**
 * Records outcome labels; a label already recorded for a request is skipped. Every request must exist
 * (an error lists the unknown ones and records nothing). Returns how many were new.
 */
export function recordOutcomes(
  db: Db,
  outcomes: readonly OutcomeInput[],
): { recorded: number; duplicates: number } {
  const problems = outcomes.flatMap((o, i) =>
    LABEL.test(o.label)
      ? []
      : [
          {
            field: `[${i}].label`,
            message: `"${o.label}": lowercase letters, digits, "_" and "-", e.g. overturned`,
          },
        ],
  );
  if (problems.length) throw new InputError("invalid outcome labels", problems);
  const exists = db.prepare("SELECT 1 FROM route_requests WHERE id = ?");
  const unknown = [...new Set(outcomes.map((o) => o.requestId))].filter((id) => !exists.get(id));
  if (unknown.length)
    throw new InputError(
      `no routed request ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ""}`,
      [],
      { hint: "Request ids come from the router's x-cft-request-id response header; nothing was recorded." },
    );
  const insert = db.prepare(
    "INSERT OR IGNORE INTO route_outcomes (id, request_id, label, source, created_at) VALUES (?, ?, ?, ?, ?)",
  );
  return db.transaction(() => {
    let recorded = 0;
    const now = new Date().toISOString();
    for (const o of outcomes)
      recorded += insert.run(randomUUID(), o.requestId, o.label, o.source, now).changes;
    return { recorded, duplicates: outcomes.length - recorded };
  })();
}

export interface RequestWithOutcomes extends RoutedRequest {
  labels: string[];
}

/** FAMILY's routed requests since SINCE (ISO time), with their outcome labels, oldest first. */
export function routedRequests(db: Db, family: string, since = ""): RequestWithOutcomes[] {
  const rows = db
    .prepare(
      `SELECT r.*, (SELECT group_concat(label, ',') FROM route_outcomes o WHERE o.request_id = r.id) AS labels
       FROM route_requests r WHERE r.family = ? AND r.created_at >= ? ORDER BY r.rowid`,
    )
    .all(family, since) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: r.id as string,
    family: r.family as string,
    configId: r.config_id as string,
    variant: r.variant as string,
    version: r.version as string | null,
    keyHash: r.key_hash as string | null,
    stream: r.stream === 1,
    status: r.status as number,
    error: r.error as RequestError | null,
    latencyMs: r.latency_ms as number,
    firstByteMs: r.first_byte_ms as number | null,
    promptTokens: r.prompt_tokens as number | null,
    completionTokens: r.completion_tokens as number | null,
    createdAt: r.created_at as string,
    labels: r.labels ? (r.labels as string).split(",") : [],
  }));
}
