/** `tracker_append_row`: one row in a tracking sheet — the ledger always, Google Sheets when configured. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { SHEET_HEADERS, SHEETS, type SheetKey } from "../../../src/integrations/sheet-columns.js";
import { rowCells, sheetKey } from "../../../src/integrations/tracker-row-input.js";
import { safeHandler } from "../../tool-result.js";
import { type WorkspaceDeps, withWorkspace } from "../deps.js";
import { EXTERNAL_ACTION, OutcomeOutput, outcomeResult } from "../schemas.js";

const Cell = z.union([z.string().max(50_000), z.number(), z.boolean(), z.null()]);
const columns = (Object.keys(SHEETS) as SheetKey[])
  .map((k) => `${k} ("${SHEETS[k]}"): ${SHEET_HEADERS[k].join(", ")}`)
  .join("; ");

export function registerTrackerAppendRowTool(server: McpServer, deps: WorkspaceDeps): void {
  server.registerTool(
    "tracker_append_row",
    {
      title: "Append a tracking row",
      description: `Append one row to a tracking sheet. The product already records a row at each milestone (datasets prepared and audited, runs, costs, evaluations, regression tests); use this for what it cannot know, e.g. a run made elsewhere. Rows are append-only: a correction is a new row. Recorded in the workspace ledger always, and sent to Google Sheets when configured (the action policy may ask the user first). Cells are counts, ids, hashes and verdicts; text is redacted. Sheets and columns: ${columns}.`,
      inputSchema: {
        sheet: z
          .string()
          .min(1)
          .describe("datasets | runs | evaluations | regressions | costs, or the tab's title"),
        row: z
          .union([z.array(Cell), z.record(z.string(), Cell)])
          .describe("cells in column order, or an object keyed by column header"),
      },
      outputSchema: { sheet: z.string(), cells: z.array(Cell), outcome: OutcomeOutput },
      annotations: EXTERNAL_ACTION,
    },
    safeHandler(async ({ sheet, row }) =>
      withWorkspace(server, deps, async (ws) => {
        const key = sheetKey(sheet);
        const cells = rowCells(key, row);
        return outcomeResult(await ws.appendRow(key, cells), { sheet: SHEETS[key], cells });
      }),
    ),
  );
}
