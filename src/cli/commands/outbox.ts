/**
 * `cft outbox`: what the product sent, or would have sent, to Slack, GitHub, Google Sheets and Docs — the
 * embedded default when those are not configured, and the queue of what is waiting when they are.
 * Payloads were redacted before they were stored.
 */
import type { Command } from "commander";
import { z } from "zod";
import { listOutbox, type OutboxEntry } from "../../integrations/outbox.js";
import { openLedger } from "../../ledger/ledger.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { table } from "../estimate-view.js";

const Flags = z.object({
  limit: z.coerce.number().int().min(1).max(10_000),
  pending: z.boolean().optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

/** The first line of what the entry carries, short. */
function preview(entry: OutboxEntry): string {
  const p = entry.payload as Record<string, unknown> | null;
  const text = p && typeof p === "object" ? (p.text ?? p.title ?? p.body ?? p.sheet ?? "") : "";
  const line = String(text).split("\n")[0] ?? "";
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

export function registerOutbox(program: Command): void {
  const command = program
    .command("outbox")
    .summary("what was sent, or waits to be sent, to Slack, GitHub, Sheets and Docs")
    .description(
      "List the outbox: every notification, issue comment, tracking row and document bound for a service, redacted before it was stored. Without credentials for a service this is where its messages go (the embedded default); with them, entries that could not be delivered wait here and go out with the next delivery.",
    )
    .option("--limit <n>", "newest entries to show", "50")
    .option("--pending", "only entries not delivered yet");
  withCommonOptions(command, ["cft outbox", "cft outbox --pending --json"]).action((raw) => {
    const flags = parseFlags(Flags, raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    try {
      const entries = listOutbox(db, flags.limit).filter((e) => !flags.pending || e.status === "pending");
      if (entries.length === 0) ctx.out.say("The outbox is empty.");
      else
        ctx.out.say(
          table([
            ["created", "channel", "action", "status", "tries", "what"],
            ...entries.map((e) => [
              e.createdAt.slice(0, 19).replace("T", " "),
              e.channel,
              e.action,
              e.status === "pending" && e.lastError ? `pending (${e.lastError.slice(0, 40)})` : e.status,
              String(e.attempts),
              preview(e),
            ]),
          ]),
        );
      ctx.out.result({ entries });
    } finally {
      db.close();
    }
  });
}
