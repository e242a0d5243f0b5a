/**
 * `cft sheets`: the five tracking sheets. `init` creates a Google spreadsheet with the five tabs and their
 * headers (an external action: the policy's spreadsheet_create decides whether to ask); `show SHEET` lists
 * the rows recorded in the ledger — the embedded default, and the record the Google sheet mirrors.
 */
import type { Command } from "commander";
import { z } from "zod";
import { GateError, InputError } from "../../errors.js";
import { loadPolicy } from "../../integrations/action-policy.js";
import { decide, enqueue, recordDelivery, undeliveredEntries } from "../../integrations/outbox.js";
import { SHEET_HEADERS, SHEETS, type SheetKey } from "../../integrations/sheet-columns.js";
import { openLedger } from "../../ledger/ledger.js";
import { listTrackerRows } from "../../ledger/tracker-rows.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { askConsent } from "../consent.js";
import { table } from "../estimate-view.js";

const SHEET_KEYS = Object.keys(SHEETS) as [SheetKey, ...SheetKey[]];

const InitFlags = z.object({
  title: z.string().min(1).max(200),
  yes: z.boolean().optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});
const ShowFlags = z.object({
  sheet: z.enum(SHEET_KEYS, { message: `expected one of ${SHEET_KEYS.join(", ")}` }),
  limit: z.coerce.number().int().min(1).max(100_000),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

export function registerSheets(program: Command): void {
  const sheets = program
    .command("sheets")
    .summary("the five tracking sheets: create the Google spreadsheet, or show the rows")
    .description(
      `The tracking sheets — ${Object.values(SHEETS).join(", ")} — are rows in the ledger always, and rows in Google Sheets as well when GOOGLE_APPLICATION_CREDENTIALS and CFT_SHEET_ID are set.`,
    );

  const init = sheets
    .command("init")
    .description(
      "create a Google spreadsheet with the five tabs and header rows, owned by the service account in GOOGLE_APPLICATION_CREDENTIALS; then set CFT_SHEET_ID and share it with your team",
    )
    .option("--title <text>", "the spreadsheet's title", "Clinical Fine-Tuner tracking")
    .option("--yes", "create it without asking (when the policy for spreadsheet_create is ask)");
  withCommonOptions(init, [
    "cft sheets init",
    "cft sheets init --title 'Claims model tracking' --yes",
  ]).action(async (raw) => {
    const flags = parseFlags(InitFlags, raw);
    const ctx = createContext(flags);
    if (!ctx.config.env.GOOGLE_APPLICATION_CREDENTIALS)
      throw new InputError("GOOGLE_APPLICATION_CREDENTIALS is not set", [], {
        hint: "Point it at a service account key file (JSON) with the Google Sheets API enabled in its project.",
      });
    const rule = loadPolicy(ctx.config).spreadsheet_create;
    if (rule === "never")
      throw new GateError("the action policy says never for spreadsheet_create; nothing was created", {
        hint: "Change it with `cft policy set spreadsheet_create ask`, or create the sheet yourself and set CFT_SHEET_ID.",
      });
    const method =
      rule === "auto"
        ? "policy:auto"
        : `cli:${await askConsent(`Create the Google spreadsheet "${flags.title}"?`, { yes: flags.yes, flagHint: "cft sheets init --yes" })}`;
    const { initSpreadsheet } = await import("../../integrations/sheets.js");
    const made = await initSpreadsheet(ctx.config, flags.title);
    const db = openLedger(ctx.config.home);
    try {
      // What was done, on record like every other external action.
      const entry = enqueue(db, "sheets", "spreadsheet_create", {
        title: flags.title,
        spreadsheetId: made.spreadsheetId,
      });
      decide(db, entry.id, "approved", method);
      recordDelivery(db, entry.id, { status: "sent", ref: made.url });
      const backlog = undeliveredEntries(db, "sheets").length;
      ctx.out.say(
        [
          `Created ${made.url}`,
          `Set it for the product:  export CFT_SHEET_ID=${made.spreadsheetId}`,
          "Share it with the people who should read it (it belongs to the service account).",
          ...(backlog
            ? [
                `${backlog} tracking row${backlog === 1 ? "" : "s"} recorded before wait: with CFT_SHEET_ID set, run \`cft outbox send --channel sheets\`.`,
              ]
            : []),
        ].join("\n"),
      );
      ctx.out.result({ ...made, backlog });
    } finally {
      db.close();
    }
  });

  const show = sheets
    .command("show")
    .description("the rows of one tracking sheet, as recorded in the ledger")
    .argument("<sheet>", SHEET_KEYS.join(" | "))
    .option("--limit <n>", "newest rows to show", "50");
  withCommonOptions(show, ["cft sheets show runs", "cft sheets show evaluations --json"]).action(
    (sheet: string, raw) => {
      const flags = parseFlags(ShowFlags, { ...raw, sheet });
      const ctx = createContext(flags);
      const db = openLedger(ctx.config.home);
      try {
        const rows = listTrackerRows(db, flags.sheet, flags.limit);
        const headers = SHEET_HEADERS[flags.sheet];
        ctx.out.say(
          rows.length
            ? table([[...headers], ...rows.map((r) => headers.map((_, i) => String(r.cells[i] ?? "")))])
            : `No rows in "${SHEETS[flags.sheet]}" yet.`,
        );
        ctx.out.result({
          sheet: SHEETS[flags.sheet],
          headers,
          rows: rows.map((r) => ({ id: r.id, createdAt: r.createdAt, source: r.source, cells: r.cells })),
        });
      } finally {
        db.close();
      }
    },
  );
}
