/**
 * `cft outbox`: what the product sent, or would have sent, to Slack, GitHub, Google Sheets and Docs — the
 * embedded default when those are not configured, and the queue of what waits when they are.
 * `cft outbox send` approves and delivers what waits (asking once on a terminal, or `--yes`);
 * `cft outbox decline` closes entries for good. Payloads were redacted before they were stored.
 */
import type { Command } from "commander";
import { z } from "zod";
import { InputError } from "../../errors.js";
import { preview } from "../../integrations/action-outcome.js";
import {
  decide,
  listOutbox,
  OUTBOX_CHANNELS,
  type OutboxEntry,
  recordDelivery,
  undeliveredEntries,
} from "../../integrations/outbox.js";
import { configuredChannels, SERVICE_NAMES } from "../../integrations/senders.js";
import { openWorkspace } from "../../integrations/workspace.js";
import { openLedger } from "../../ledger/ledger.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { askConsent } from "../consent.js";
import { table } from "../estimate-view.js";

const Channel = z.enum(OUTBOX_CHANNELS, { message: `expected one of ${OUTBOX_CHANNELS.join(", ")}` });

const ListFlags = z.object({
  limit: z.coerce.number().int().min(1).max(10_000),
  pending: z.boolean().optional(),
  channel: Channel.optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

const SendFlags = z.object({
  channel: Channel.optional(),
  yes: z.boolean().optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

function statusText(e: OutboxEntry, configured: ReadonlySet<string>): string {
  if (e.status === "awaiting_approval")
    return configured.has(e.channel) ? "awaiting approval" : `kept (${SERVICE_NAMES[e.channel]} not set)`;
  if (e.status === "pending" && e.lastError) return `pending (${e.lastError.slice(0, 40)})`;
  return e.status;
}

function render(entries: OutboxEntry[], configured: ReadonlySet<string>): string {
  return table([
    ["id", "created", "channel", "action", "status", "tries", "what"],
    ...entries.map((e) => [
      e.id.slice(0, 8),
      e.createdAt.slice(0, 19).replace("T", " "),
      e.channel,
      e.action,
      statusText(e, configured),
      String(e.attempts),
      preview(e.payload, 60),
    ]),
  ]);
}

/** Entry ids as typed: a full id or a unique prefix of at least 8 characters. */
function resolveIds(given: string[], entries: OutboxEntry[]): string[] {
  return given.map((g) => {
    const hits = entries.filter((e) => e.id === g || (g.length >= 8 && e.id.startsWith(g)));
    if (hits.length !== 1)
      throw new InputError(`"${g}" matches ${hits.length} undelivered entries`, [], {
        hint: "Give an id (or its first 8 characters) from `cft outbox --pending`.",
      });
    return hits[0]!.id;
  });
}

export function registerOutbox(program: Command): void {
  const outbox = program
    .command("outbox")
    .summary("what was sent, or waits to be sent, to Slack, GitHub, Sheets and Docs")
    .description(
      "The outbox: every notification, issue comment, tracking row and document bound for a service, redacted before it was stored. Without credentials for a service this is where its messages stay (the embedded default). With them, the action policy (`cft policy`) decides: auto sends at once, ask waits here for `cft outbox send`, never keeps it here.",
    );

  const list = outbox
    .command("list", { isDefault: true })
    .description("list the newest entries (the default)")
    .option("--limit <n>", "newest entries to show", "50")
    .option("--pending", "only entries not delivered yet (awaiting approval or retrying)")
    .option("--channel <name>", `only one channel: ${OUTBOX_CHANNELS.join(", ")}`);
  withCommonOptions(list, ["cft outbox", "cft outbox --pending --json"]).action((raw) => {
    const flags = parseFlags(ListFlags, raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    try {
      const entries = flags.pending
        ? undeliveredEntries(db, flags.channel).slice(-flags.limit).reverse()
        : listOutbox(db, flags.limit).filter((e) => !flags.channel || e.channel === flags.channel);
      const configured = configuredChannels(ctx.config);
      ctx.out.say(entries.length ? render(entries, configured) : "The outbox is empty.");
      ctx.out.result({ entries, configured: [...configured] });
    } finally {
      db.close();
    }
  });

  const send = outbox
    .command("send")
    .description(
      "approve and deliver entries that wait (all of them, one channel's, or the ids given) to the configured services; entries for services that are not configured stay",
    )
    .argument("[ids...]", "entry ids (or their first 8 characters) from `cft outbox --pending`")
    .option("--channel <name>", `only one channel: ${OUTBOX_CHANNELS.join(", ")}`)
    .option("--yes", "approve without asking (for scripts)");
  withCommonOptions(send, [
    "cft outbox send",
    "cft outbox send --channel sheets --yes",
    "cft outbox send 3f2a9c0d",
  ]).action(async (ids: string[], raw) => {
    const flags = parseFlags(SendFlags, raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    try {
      const configured = configuredChannels(ctx.config);
      const waiting = undeliveredEntries(db, flags.channel);
      const chosen = ids.length ? resolveIds(ids, waiting) : waiting.map((e) => e.id);
      const deliverable = waiting.filter((e) => chosen.includes(e.id) && configured.has(e.channel));
      const unconfigured = [
        ...new Set(
          waiting
            .filter((e) => chosen.includes(e.id) && !configured.has(e.channel))
            .map((e) => SERVICE_NAMES[e.channel]),
        ),
      ];
      if (unconfigured.length)
        ctx.out.note(`${unconfigured.join(", ")} not configured: those entries stay in the outbox.`);
      if (deliverable.length === 0) {
        ctx.out.say("Nothing to send.");
        ctx.out.result({ sent: 0, failed: 0, outcomes: [] });
        return;
      }
      ctx.out.say(render(deliverable, configured));
      const consent = await askConsent(`Send these ${deliverable.length} entries?`, {
        yes: flags.yes,
        flagHint: "cft outbox send --yes",
      });
      const ws = openWorkspace(ctx.config, db);
      const outcomes = await ws.deliver(
        `cli:${consent}`,
        deliverable.map((e) => e.id),
      );
      for (const o of outcomes) ctx.out.say(`  ${o.summary}`);
      const failed = outcomes.filter((o) => o.status === "failed").length;
      const sent = outcomes.filter((o) => o.status === "sent").length;
      ctx.out.result({ sent, failed, outcomes });
      if (failed) process.exitCode = 4; // a service failed; the entries wait for the next send
    } finally {
      db.close();
    }
  });

  const decline = outbox
    .command("decline")
    .description("close entries for good: they are never sent (the decision is recorded)")
    .argument("<ids...>", "entry ids (or their first 8 characters)");
  withCommonOptions(decline, ["cft outbox decline 3f2a9c0d"]).action((ids: string[], raw) => {
    const flags = parseFlags(SendFlags.pick({ home: true, json: true }), raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    try {
      const waiting = undeliveredEntries(db);
      const chosen = resolveIds(ids, waiting);
      for (const id of chosen) {
        // An entry approved earlier keeps that decision on record; declining it now closes it.
        if (waiting.find((e) => e.id === id)?.decidedBy)
          recordDelivery(db, id, { status: "skipped", error: "declined (cli:decline)" });
        else decide(db, id, "declined", "cli:decline");
      }
      ctx.out.say(
        `Declined ${chosen.length} entr${chosen.length === 1 ? "y" : "ies"}; they stay in the outbox as a record.`,
      );
      ctx.out.result({ declined: chosen });
    } finally {
      db.close();
    }
  });
}
