/**
 * A tracking row as a person or a model gives it — the sheet by key ("runs") or by title ("Fine-Tuning
 * Runs"), the cells as a list in column order or as an object keyed by column header — checked against
 * the sheet's columns and turned into cells in column order. Problems name the sheet and the columns.
 */
import { InputError } from "../errors.js";
import { SHEET_COLUMNS, SHEET_HEADERS, SHEETS, type SheetCell, type SheetKey } from "./sheet-columns.js";

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The sheet named NAME: a key (datasets, runs, evaluations, regressions, costs) or a tab title. */
export function sheetKey(name: string): SheetKey {
  const n = norm(name);
  const found = (Object.keys(SHEETS) as SheetKey[]).find((k) => norm(k) === n || norm(SHEETS[k]) === n);
  if (!found)
    throw new InputError(`no tracking sheet "${name}"`, [], {
      hint: `The sheets are ${(Object.keys(SHEETS) as SheetKey[]).map((k) => `${k} ("${SHEETS[k]}")`).join(", ")}.`,
    });
  return found;
}

/** ROW as cells in SHEET's column order (missing ones empty). */
export function rowCells(
  sheet: SheetKey,
  row: readonly SheetCell[] | Record<string, SheetCell>,
): SheetCell[] {
  const headers = SHEET_HEADERS[sheet];
  const columns = SHEET_COLUMNS[sheet];
  if (Array.isArray(row)) {
    if (row.length > columns.length)
      throw new InputError(
        `the row has ${row.length} cells; "${SHEETS[sheet]}" has ${columns.length} columns`,
        [],
        {
          hint: `The columns, in order: ${headers.join(", ")}.`,
        },
      );
    return [...row];
  }
  const cells: SheetCell[] = headers.map(() => null);
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(row)) {
    const at = headers.findIndex((h) => norm(h) === norm(key));
    if (at === -1) unknown.push(key);
    else cells[at] = value;
  }
  if (unknown.length)
    throw new InputError(
      `"${SHEETS[sheet]}" has no column ${unknown.map((u) => `"${u}"`).join(", ")}`,
      unknown.map((u) => ({ field: `row.${u}`, message: "not a column of this sheet" })),
      { hint: `The columns: ${headers.join(", ")}.` },
    );
  return cells;
}
