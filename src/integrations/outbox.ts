/**
 * The outbox: every message, issue comment, sheet row or document bound for a service is written here
 * first — already redacted — and delivered from here. Unconfigured, it is the embedded default (`cft
 * outbox` shows what would have gone out); configured, entries that could not be sent (service down, rate
 * limited, offline laptop) wait and go with the next flush. A delivery is recorded the moment it succeeds,
 * and SQLite refuses a second 'sent' record for an entry, so none is lost and none is sent twice by us.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../ledger/ledger.js";
import { redact } from "../phi/redact.js";
import { redactDeep } from "../phi/redact-deep.js";

export const OUTBOX_CHANNELS = ["slack", "github", "sheets", "docs"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

export interface OutboxEntry {
  id: string;
  channel: OutboxChannel;
  /** What to do there, e.g. "notify", "issue_comment", "append_row". */
  action: string;
  payload: unknown;
  createdAt: string;
  /** pending: not delivered yet (a failed attempt leaves it pending); sent; skipped: given up on purpose. */
  status: "pending" | "sent" | "skipped";
  attempts: number;
  lastError: string | null;
  /** Where it went: a message ts, an issue URL, a range. */
  ref: string | null;
}

/** Queues an action; the payload is redacted here, before it is stored or sent anywhere. */
export function enqueue(db: Db, channel: OutboxChannel, action: string, payload: unknown): OutboxEntry {
  const entry = {
    id: randomUUID(),
    channel,
    action,
    payload: redactDeep(payload),
    createdAt: new Date().toISOString(),
  };
  db.prepare("INSERT INTO outbox (id, channel, action, payload_json, created_at) VALUES (?, ?, ?, ?, ?)").run(
    entry.id,
    entry.channel,
    entry.action,
    JSON.stringify(entry.payload),
    entry.createdAt,
  );
  return { ...entry, status: "pending", attempts: 0, lastError: null, ref: null };
}

interface Row {
  id: string;
  channel: OutboxChannel;
  action: string;
  payload_json: string;
  created_at: string;
  sent_ref: string | null;
  sent: number;
  skipped: number;
  attempts: number;
  last_error: string | null;
}

const SELECT = `
  SELECT o.id, o.channel, o.action, o.payload_json, o.created_at,
    (SELECT ref FROM outbox_deliveries d WHERE d.outbox_id = o.id AND d.status = 'sent') AS sent_ref,
    EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.outbox_id = o.id AND d.status = 'sent') AS sent,
    EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.outbox_id = o.id AND d.status = 'skipped') AS skipped,
    (SELECT COUNT(*) FROM outbox_deliveries d WHERE d.outbox_id = o.id) AS attempts,
    (SELECT error FROM outbox_deliveries d WHERE d.outbox_id = o.id AND d.status = 'failed'
       ORDER BY d.id DESC LIMIT 1) AS last_error
  FROM outbox o`;

const toEntry = (r: Row): OutboxEntry => ({
  id: r.id,
  channel: r.channel,
  action: r.action,
  payload: JSON.parse(r.payload_json),
  createdAt: r.created_at,
  status: r.sent ? "sent" : r.skipped ? "skipped" : "pending",
  attempts: r.attempts,
  lastError: r.last_error,
  ref: r.sent_ref,
});

/** Entries not delivered yet, oldest first (delivery keeps their order per channel). */
export function pendingEntries(db: Db, channel?: OutboxChannel): OutboxEntry[] {
  const rows = db
    .prepare(`${SELECT} WHERE (? IS NULL OR o.channel = ?) ORDER BY o.created_at, o.rowid`)
    .all(channel ?? null, channel ?? null) as Row[];
  return rows.map(toEntry).filter((e) => e.status === "pending");
}

/** The newest entries, whatever their state. */
export function listOutbox(db: Db, limit = 50): OutboxEntry[] {
  return (db.prepare(`${SELECT} ORDER BY o.created_at DESC, o.rowid DESC LIMIT ?`).all(limit) as Row[]).map(
    toEntry,
  );
}

export function recordDelivery(
  db: Db,
  outboxId: string,
  result: { status: "sent" | "failed" | "skipped"; ref?: string | null; error?: string | null },
): void {
  db.prepare(
    "INSERT INTO outbox_deliveries (outbox_id, status, ref, error, created_at) VALUES (?, ?, ?, ?, ?)",
  ).run(outboxId, result.status, result.ref ?? null, result.error ?? null, new Date().toISOString());
}

/** Delivers one entry; returns where it went (a ts, a URL, a range) or null. Throws when it failed. */
export type Sender = (entry: OutboxEntry) => Promise<string | null>;

export interface FlushResult {
  sent: number;
  failed: number;
  /** Entries still pending afterwards (no sender for their channel, or a failure held their channel). */
  left: number;
}

/**
 * Sends what is pending, oldest first, through the senders given (one per configured service). The first
 * failure on a channel holds the rest of that channel until the next flush: a service that is down is not
 * hammered, and order is kept.
 */
export async function flushOutbox(
  db: Db,
  senders: Partial<Record<OutboxChannel, Sender>>,
): Promise<FlushResult> {
  const held = new Set<OutboxChannel>();
  let sent = 0;
  let failed = 0;
  let left = 0;
  for (const entry of pendingEntries(db)) {
    const send = senders[entry.channel];
    if (!send || held.has(entry.channel)) {
      left++;
      continue;
    }
    try {
      const ref = await send(entry);
      recordDelivery(db, entry.id, { status: "sent", ref });
      sent++;
    } catch (error) {
      recordDelivery(db, entry.id, { status: "failed", error: redact((error as Error).message) });
      held.add(entry.channel);
      failed++;
      left++;
    }
  }
  return { sent, failed, left };
}
