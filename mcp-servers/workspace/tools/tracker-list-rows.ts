/**
 * `tracker_list_rows`: a tracking sheet's rows, from the ledger (the record, always there) or, when asked
 * and configured, as Google Sheets shows them.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { SHEET_HEADERS, SHEETS } from "../../../src/integrations/sheet-columns.js";
import { sheetKey } from "../../../src/integrations/tracker-row-input.js";
import { listTrackerRows } from "../../../src/ledger/tracker-rows.js";
import { ok, refuse, safeHandler } from "../../tool-result.js";
import { type WorkspaceDeps, withWorkspace } from "../deps.js";

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export function registerTrackerListRowsTool(server: McpServer, deps: WorkspaceDeps): void {
  server.registerTool(
    "tracker_list_rows",
    {
      title: "List tracking rows",
      description:
        "Read a tracking sheet — datasets, runs, evaluations, regressions or costs — newest rows last, to answer questions like 'which runs cost the most' or 'what did the last regression test say'. Reads the workspace ledger by default; from: \"google\" reads Google Sheets instead (when configured). Read-only.",
      inputSchema: {
        sheet: z
          .string()
          .min(1)
          .describe("datasets | runs | evaluations | regressions | costs, or the tab's title"),
        limit: z.number().int().min(1).max(5000).optional().describe("newest rows returned (default 100)"),
        from: z.enum(["ledger", "google"]).optional().describe("where to read (default ledger)"),
      },
      outputSchema: {
        sheet: z.string(),
        source: z.string().describe("where the rows were read: the workspace ledger or Google Sheets"),
        headers: z.array(z.string()),
        rows: z.array(z.array(Cell)),
      },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
    },
    safeHandler(async ({ sheet, limit, from }) =>
      withWorkspace(server, deps, async (ws) => {
        const key = sheetKey(sheet);
        const headers = [...SHEET_HEADERS[key]];
        const take = limit ?? 100;
        if (from === "google") {
          if (!ws.configured.has("sheets"))
            return refuse(
              "Google Sheets is not configured (GOOGLE_APPLICATION_CREDENTIALS and CFT_SHEET_ID); read the ledger instead (leave `from` out).",
            );
          const { createSheetsTracker } = await import("../../../src/integrations/sheets.js");
          const rows = (await createSheetsTracker(ws.config)!.listRows(key)).slice(-take);
          return ok(
            { sheet: SHEETS[key], source: "Google Sheets", headers, rows },
            `${rows.length} row(s) of "${SHEETS[key]}" from Google Sheets.`,
          );
        }
        const rows = listTrackerRows(ws.db, key, take).map((r) => r.cells);
        return ok(
          { sheet: SHEETS[key], source: "workspace ledger", headers, rows },
          rows.length
            ? `${rows.length} row(s) of "${SHEETS[key]}" from the workspace ledger. Columns: ${headers.join(", ")}.\n${rows.map((r) => r.map((c) => c ?? "").join(" | ")).join("\n")}`
            : `No rows in "${SHEETS[key]}" yet.`,
        );
      }),
    ),
  );
}
