/**
 * The five tracking tables mirrored to Google Sheets, one tab each, when a service account and CFT_SHEET_ID
 * are configured (otherwise the SQLite ledger is the tracker). Rows carry ids, timestamps, names, counts,
 * hashes, verdicts, metric summaries and US dollars only, and every string cell passes the PHI redactor on
 * its way out. Rows are appended with `valueInputOption: "RAW"`: a cell starting with `=` stays text and
 * never becomes a formula (USER_ENTERED would let a value run as a formula in the sheet).
 */
import { sheets, type sheets_v4 } from "@googleapis/sheets";
import type { Config } from "../config/config.js";
import { InputError } from "../errors.js";
import { redact } from "../phi/redact.js";
import { googleAuth, type ServiceAccountJWT } from "./google-auth.js";
import { googleError, RETRY_IDEMPOTENT, RETRY_ON_429 } from "./google-errors.js";
import {
  type ColumnKind,
  SHEET_COLUMNS,
  SHEET_HEADERS,
  SHEETS,
  type SheetCell,
  type SheetKey,
} from "./sheet-columns.js";

export {
  type ColumnKind,
  SHEET_COLUMNS,
  SHEET_HEADERS,
  SHEETS,
  type SheetCell,
  type SheetColumn,
  type SheetKey,
} from "./sheet-columns.js";

export interface SheetsTracker {
  spreadsheetId: string;
  /** Appends ROWS below the last row of the tab (columns in SHEET_HEADERS order). */
  appendRows(sheet: SheetKey, rows: SheetCell[][]): Promise<{ updatedRange: string; updatedRows: number }>;
  /** The A1 range of a row already in SHEET equal to CELLS as they would be written, if there is one. */
  findRow(sheet: SheetKey, cells: SheetCell[]): Promise<string | null>;
  /** The tab's rows below its header row, as the sheet shows them. */
  listRows(sheet: SheetKey): Promise<string[][]>;
}

export interface GoogleApiOptions {
  /** Sheets API root (default https://sheets.googleapis.com/), for proxies and tests. */
  rootUrl?: string;
}

/** Google's limit on the characters of one cell. */
const MAX_CELL_CHARS = 50_000;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The A1 name of a tab, quoted as A1 notation wants ('Fine-Tuning Runs'). */
export function tabRange(sheet: SheetKey, cells = ""): string {
  return `'${SHEETS[sheet].replace(/'/g, "''")}'${cells ? `!${cells}` : ""}`;
}

function checkSheet(sheet: string): asserts sheet is SheetKey {
  if (!Object.hasOwn(SHEETS, sheet))
    throw new InputError(`unknown sheet "${sheet}"`, [
      { field: "sheet", message: `expected one of ${Object.keys(SHEETS).join(", ")}` },
    ]);
}

/** One cell as sent: strings redacted (ISO timestamps pass in timestamp columns), nulls empty. */
export function outgoingCell(value: SheetCell, kind: ColumnKind | undefined): string | number | boolean {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "boolean") return value;
  const text = String(value);
  if (kind === "timestamp" && ISO_TIMESTAMP.test(text.trim())) return text.trim();
  return redact(text).slice(0, MAX_CELL_CHARS);
}

/** ROWS checked against the tab's columns and made safe to send. */
export function outgoingRows(sheet: SheetKey, rows: SheetCell[][]): (string | number | boolean)[][] {
  const columns = SHEET_COLUMNS[sheet];
  const problems = rows.flatMap((row, i) =>
    Array.isArray(row) && row.length <= columns.length
      ? []
      : [
          {
            field: `rows[${i}]`,
            message: Array.isArray(row)
              ? `has ${row.length} cells; "${SHEETS[sheet]}" has ${columns.length} columns (${columns.map((c) => c.header).join(", ")})`
              : "expected an array of cells",
          },
        ],
  );
  if (problems.length > 0) throw new InputError(`rows do not fit the "${SHEETS[sheet]}" sheet`, problems);
  return rows.map((row) => row.map((value, i) => outgoingCell(value, columns[i]?.kind)));
}

function sheetsClient(auth: ServiceAccountJWT, opts: GoogleApiOptions, config: Config): sheets_v4.Sheets {
  const rootUrl = opts.rootUrl ?? config.env.GOOGLE_API_URL;
  return sheets({ version: "v4", auth, ...(rootUrl ? { rootUrl } : {}) });
}

/** The tracker over CFT_SHEET_ID, or null unless a service account and CFT_SHEET_ID are configured. */
export function createSheetsTracker(config: Config, opts: GoogleApiOptions = {}): SheetsTracker | null {
  const spreadsheetId = config.env.CFT_SHEET_ID;
  if (!spreadsheetId || !config.env.GOOGLE_APPLICATION_CREDENTIALS) return null;
  const auth = googleAuth(config);
  if (!auth) return null;
  const api = sheetsClient(auth, opts, config);
  const email = auth.serviceAccount.clientEmail;
  const context = (action: string, sheet: SheetKey) => ({
    service: "Google Sheets" as const,
    action,
    auth,
    onDenied:
      `Share the spreadsheet ${spreadsheetId} (CFT_SHEET_ID) with the service account ${email} as an Editor ` +
      `(Share → add ${email} → Editor), then try again.`,
    onNotFound:
      `No spreadsheet ${spreadsheetId} is visible to ${email}: check CFT_SHEET_ID (the id between /d/ and /edit ` +
      `in the sheet's address) and that the sheet is shared with ${email}.`,
    onInvalid: `Check that the spreadsheet has a tab named "${SHEETS[sheet]}" whose first row is its header row.`,
  });

  return {
    spreadsheetId,
    async appendRows(sheet, rows) {
      checkSheet(sheet);
      const values = outgoingRows(sheet, rows);
      if (values.length === 0) return { updatedRange: "", updatedRows: 0 };
      try {
        const response = await api.spreadsheets.values.append(
          {
            spreadsheetId,
            range: tabRange(sheet, "A1"),
            valueInputOption: "RAW",
            insertDataOption: "INSERT_ROWS",
            requestBody: { majorDimension: "ROWS", values },
          },
          // An append is not idempotent: only a 429 (nothing written) is retried.
          { retryConfig: RETRY_ON_429 },
        );
        const updates = response.data.updates ?? {};
        return {
          updatedRange: updates.updatedRange ?? "",
          updatedRows: updates.updatedRows ?? values.length,
        };
      } catch (error) {
        throw googleError(error, context(`append to "${SHEETS[sheet]}"`, sheet));
      }
    },
    async findRow(sheet, cells) {
      checkSheet(sheet);
      const wanted = (outgoingRows(sheet, [cells])[0] ?? []).map(String);
      try {
        const response = await api.spreadsheets.values.get(
          {
            spreadsheetId,
            range: tabRange(sheet),
            majorDimension: "ROWS",
            valueRenderOption: "UNFORMATTED_VALUE",
          },
          { retryConfig: RETRY_IDEMPOTENT },
        );
        const rows = response.data.values ?? [];
        const at = rows.findIndex((row) => wanted.every((cell, i) => String(row[i] ?? "") === cell));
        return at < 0
          ? null
          : tabRange(sheet, `A${at + 1}:${String.fromCharCode(64 + wanted.length)}${at + 1}`);
      } catch (error) {
        throw googleError(error, context(`read "${SHEETS[sheet]}"`, sheet));
      }
    },
    async listRows(sheet) {
      checkSheet(sheet);
      try {
        const response = await api.spreadsheets.values.get(
          { spreadsheetId, range: tabRange(sheet), majorDimension: "ROWS" },
          { retryConfig: RETRY_IDEMPOTENT },
        );
        const rows = (response.data.values ?? []).map((row) => row.map((cell) => String(cell ?? "")));
        const headers = SHEET_HEADERS[sheet];
        const first = rows[0];
        const isHeader = first !== undefined && headers.every((h, i) => (first[i] ?? "").trim() === h);
        return isHeader ? rows.slice(1) : rows;
      } catch (error) {
        throw googleError(error, context(`read "${SHEETS[sheet]}"`, sheet));
      }
    },
  };
}

/**
 * Creates a tracking spreadsheet owned by the service account, with the five tabs and their header rows
 * (frozen). Needs GOOGLE_APPLICATION_CREDENTIALS; set CFT_SHEET_ID to the id it returns, and share the
 * sheet with the people who should read it.
 */
export async function initSpreadsheet(
  config: Config,
  title: string,
  opts: GoogleApiOptions = {},
): Promise<{ spreadsheetId: string; url: string }> {
  const auth = googleAuth(config);
  if (!auth)
    throw new InputError("GOOGLE_APPLICATION_CREDENTIALS is not set", [
      { field: "GOOGLE_APPLICATION_CREDENTIALS", message: "expected the path of a service account key file" },
    ]);
  const api = sheetsClient(auth, opts, config);
  const keys = Object.keys(SHEETS) as SheetKey[];
  const email = auth.serviceAccount.clientEmail;
  const context = (action: string) => ({
    service: "Google Sheets" as const,
    action,
    auth,
    onDenied:
      `The service account ${email} may not create spreadsheets: enable the Google Sheets API in its project, ` +
      `or create the spreadsheet yourself, share it with ${email} as an Editor and set CFT_SHEET_ID.`,
  });
  let spreadsheetId: string;
  let url: string;
  try {
    const created = await api.spreadsheets.create(
      {
        requestBody: {
          properties: { title: redact(title) },
          sheets: keys.map((key, index) => ({
            properties: {
              title: SHEETS[key],
              index,
              gridProperties: { frozenRowCount: 1, columnCount: Math.max(SHEET_HEADERS[key].length, 26) },
            },
          })),
        },
      },
      { retryConfig: RETRY_ON_429 },
    );
    if (!created.data.spreadsheetId) throw new Error("the answer carried no spreadsheetId");
    spreadsheetId = created.data.spreadsheetId;
    url = created.data.spreadsheetUrl ?? `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`;
  } catch (error) {
    throw googleError(error, context("create a spreadsheet"));
  }
  try {
    await api.spreadsheets.values.batchUpdate(
      {
        spreadsheetId,
        requestBody: {
          valueInputOption: "RAW",
          data: keys.map((key) => ({
            range: tabRange(key, "A1"),
            majorDimension: "ROWS",
            values: [[...SHEET_HEADERS[key]]],
          })),
        },
      },
      // Writing the same headers twice is harmless: retry 5xx too.
      { retryConfig: { ...RETRY_IDEMPOTENT, httpMethodsToRetry: ["POST"] } },
    );
  } catch (error) {
    throw googleError(error, context(`write the header rows of spreadsheet ${spreadsheetId}`));
  }
  return { spreadsheetId, url };
}
