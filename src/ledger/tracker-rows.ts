/**
 * The tracking sheets' embedded default: the ledger's `tracker_rows`, one append-only row per event, in
 * the five sheets' columns (src/integrations/sheet-columns.ts). A row with a source key (the event that
 * produced it, e.g. `run:run-1:succeeded`) is stored once however often the event is announced, so a
 * retried command never mirrors a row twice.
 */
import { randomUUID } from "node:crypto";
import type { SheetCell, SheetKey } from "../integrations/sheet-columns.js";
import type { Db } from "./ledger.js";

export interface TrackerRow {
  id: string;
  sheet: SheetKey;
  cells: SheetCell[];
  source: string | null;
  createdAt: string;
}

interface Raw {
  id: string;
  sheet: SheetKey;
  cells_json: string;
  source: string | null;
  created_at: string;
}

const toRow = (r: Raw): TrackerRow => ({
  id: r.id,
  sheet: r.sheet,
  cells: JSON.parse(r.cells_json) as SheetCell[],
  source: r.source,
  createdAt: r.created_at,
});

/**
 * Appends a row; returns it with `created: false` (and the row stored before) when SOURCE was already
 * recorded.
 */
export function appendTrackerRow(
  db: Db,
  sheet: SheetKey,
  cells: readonly SheetCell[],
  source: string | null = null,
): TrackerRow & { created: boolean } {
  if (source !== null) {
    const existing = db.prepare("SELECT * FROM tracker_rows WHERE source = ?").get(source) as Raw | undefined;
    if (existing) return { ...toRow(existing), created: false };
  }
  const row: TrackerRow = {
    id: randomUUID(),
    sheet,
    cells: [...cells],
    source,
    createdAt: new Date().toISOString(),
  };
  db.prepare(
    "INSERT INTO tracker_rows (id, sheet, cells_json, source, created_at) VALUES (?, ?, ?, ?, ?)",
  ).run(row.id, row.sheet, JSON.stringify(row.cells), row.source, row.createdAt);
  return { ...row, created: true };
}

/** A sheet's rows, oldest first; the newest LIMIT when a limit is given. */
export function listTrackerRows(db: Db, sheet: SheetKey, limit?: number): TrackerRow[] {
  const rows = db
    .prepare(
      `SELECT * FROM (SELECT *, rowid AS n FROM tracker_rows WHERE sheet = ? ORDER BY created_at DESC, n DESC
         LIMIT ?) ORDER BY created_at, n`,
    )
    .all(sheet, limit ?? -1) as Raw[];
  return rows.map(toRow);
}
