/**
 * The prediction cache: each answer a model gave to a suite item, keyed by the model (name, endpoint and
 * decoding settings) and the item's stable id. An interrupted evaluation resumes from here without calling
 * the model again for items it already answered; failed calls are never cached.
 */
import type { Statement } from "better-sqlite3";
import type { Db } from "./ledger.js";

export interface CachedPrediction {
  itemId: string;
  prediction: string;
  latencyMs: number | null;
}

/** The cached answers of MODEL_KEY for these items (a map by item id). */
export function cachedPredictions(
  db: Db,
  modelKey: string,
  itemIds: readonly string[],
): Map<string, CachedPrediction> {
  const found = new Map<string, CachedPrediction>();
  const select = db.prepare(
    "SELECT item_id AS itemId, prediction, latency_ms AS latencyMs FROM predictions WHERE model_key = ? AND item_id = ?",
  );
  for (const id of itemIds) {
    const row = select.get(modelKey, id) as CachedPrediction | undefined;
    if (row) found.set(id, row);
  }
  return found;
}

const inserts = new WeakMap<Db, Statement<[string, string, string, number | null, string]>>();

/** Stores one answer as soon as it arrives, so a crash loses at most the calls in flight. */
export function cachePrediction(db: Db, modelKey: string, entry: CachedPrediction): void {
  // One prepared statement per ledger: this runs once per answer, at up to thousands a second.
  let insert = inserts.get(db);
  if (!insert) {
    insert = db.prepare<[string, string, string, number | null, string]>(
      `INSERT OR IGNORE INTO predictions (model_key, item_id, prediction, latency_ms, created_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    inserts.set(db, insert);
  }
  insert.run(modelKey, entry.itemId, entry.prediction, entry.latencyMs, new Date().toISOString());
}
