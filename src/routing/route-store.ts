/**
 * Route configurations in the ledger, append-only. Each `set` or `promote` pushes a configuration; a
 * `rollback` pops back to the one below and records it again, byte for byte. The family's live
 * configuration is always its newest row, which a running router polls for.
 */
import { randomUUID } from "node:crypto";
import { InputError } from "../errors.js";
import type { Db } from "../ledger/ledger.js";
import { canonicalJson, configSha256, type RouteConfig } from "./route-config.js";

export type RouteAction = "set" | "promote" | "rollback";

export interface RouteRecord {
  id: string;
  family: string;
  action: RouteAction;
  config: RouteConfig;
  sha256: string;
  /** For a rollback: the record whose configuration it restored. */
  restoresId: string | null;
  /** For a promote (and a rollback that undid one): the registry's promotion or rollback. */
  promotionId: string | null;
  by: string | null;
  note: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  family: string;
  action: RouteAction;
  config_json: string;
  config_sha256: string;
  restores_id: string | null;
  promotion_id: string | null;
  decided_by: string | null;
  note: string | null;
  created_at: string;
}

const fromRow = (r: Row): RouteRecord => ({
  id: r.id,
  family: r.family,
  action: r.action,
  config: JSON.parse(r.config_json) as RouteConfig,
  sha256: r.config_sha256,
  restoresId: r.restores_id,
  promotionId: r.promotion_id,
  by: r.decided_by,
  note: r.note,
  createdAt: r.created_at,
});

/** FAMILY's route records, oldest first. */
export function routeHistory(db: Db, family: string): RouteRecord[] {
  return (db.prepare("SELECT * FROM route_configs WHERE family = ? ORDER BY rowid").all(family) as Row[]).map(
    fromRow,
  );
}

/** The id of FAMILY's live configuration (cheap: what a router polls). */
export function liveRouteId(db: Db, family: string): string | undefined {
  const row = db
    .prepare("SELECT id FROM route_configs WHERE family = ? ORDER BY rowid DESC LIMIT 1")
    .get(family) as { id: string } | undefined;
  return row?.id;
}

export function routeById(db: Db, id: string): RouteRecord | undefined {
  const row = db.prepare("SELECT * FROM route_configs WHERE id = ?").get(id) as Row | undefined;
  return row && fromRow(row);
}

/** FAMILY's live configuration, or undefined before the first `cft route set`. */
export function liveRoute(db: Db, family: string): RouteRecord | undefined {
  const id = liveRouteId(db, family);
  return id === undefined ? undefined : routeById(db, id);
}

/** Like liveRoute, but an error that says what to do when there is none. */
export function requireLiveRoute(db: Db, family: string): RouteRecord {
  const live = liveRoute(db, family);
  if (!live)
    throw new InputError(`${family} has no route configuration`, [], {
      hint: `Set one: cft route set ${family} --baseline-url URL --baseline-model NAME [--candidate-url URL --candidate-model NAME --weights 80/20].`,
    });
  return live;
}

/** The configurations in force, oldest first: set and promote push one, rollback pops back. */
export function routeStack(db: Db, family: string): RouteRecord[] {
  const stack: RouteRecord[] = [];
  for (const r of routeHistory(db, family)) {
    if (r.action === "rollback") stack.pop();
    else stack.push(r);
  }
  return stack;
}

export interface RecordRoute {
  action: RouteAction;
  config: RouteConfig;
  restoresId?: string | null;
  promotionId?: string | null;
  by?: string | null;
  note?: string | null;
}

/** Appends a route record; returns it. */
export function recordRoute(db: Db, r: RecordRoute): RouteRecord {
  const record: RouteRecord = {
    id: `route-${randomUUID().slice(0, 8)}`,
    family: r.config.family,
    action: r.action,
    config: r.config,
    sha256: configSha256(r.config),
    restoresId: r.restoresId ?? null,
    promotionId: r.promotionId ?? null,
    by: r.by ?? null,
    note: r.note ?? null,
    createdAt: new Date().toISOString(),
  };
  db.prepare(
    `INSERT INTO route_configs (id, family, action, config_json, config_sha256, restores_id, promotion_id,
       decided_by, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.id,
    record.family,
    record.action,
    canonicalJson(record.config),
    record.sha256,
    record.restoresId,
    record.promotionId,
    record.by,
    record.note,
    record.createdAt,
  );
  return record;
}
