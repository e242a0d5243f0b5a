/**
 * The outbox: every message, issue comment, sheet row or document bound for a service is written here
 * first — already redacted — and delivered from here. Unconfigured, it is the embedded default (`cft
 * outbox` shows what would have gone out); configured, entries that could not be sent (service down, rate
 * limited, offline laptop) wait and go with the next flush. A delivery is recorded the moment it succeeds,
 * and SQLite refuses a second 'sent' record for an entry, so none is lost and none is sent twice by us.
 * Two flushes at once (two processes, or two calls in one) cannot both send an entry: each claims an entry
 * before sending it, in a write transaction, and a flush that finds an entry claimed by another leaves the
 * rest of that channel to it, so order is kept. A claim lapses after two minutes (a flush that crashed);
 * the flush that takes the entry over is told the attempt is uncertain, and a sender that can look (the
 * Sheets row) checks whether the service already took it before acting again.
 *
 * Nothing is delivered without a decision: approved (by the action policy's `auto`, or by a person) or
 * declined (by a person, or the policy's `never`). The decision is recorded once, with how it was made.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../ledger/ledger.js";
import { redact } from "../phi/redact.js";
import { redactDeep } from "../phi/redact-deep.js";

export const OUTBOX_CHANNELS = ["slack", "github", "sheets", "docs"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

export type OutboxStatus = "awaiting_approval" | "pending" | "sent" | "skipped";

export interface OutboxEntry {
  id: string;
  channel: OutboxChannel;
  /** What to do there, e.g. "notify", "issue_comment", "append_row". */
  action: string;
  payload: unknown;
  createdAt: string;
  /**
   * awaiting_approval: no decision yet (the policy said ask, or the service was not configured); pending:
   * approved, not delivered yet (a failed attempt leaves it pending); sent; skipped: declined or given up.
   */
  status: OutboxStatus;
  /** How it was approved or declined ("policy:auto", "cli:yes-flag", "mcp-elicitation", …), or null. */
  decidedBy: string | null;
  attempts: number;
  lastError: string | null;
  /** Where it went: a message ts, an issue URL, a range. */
  ref: string | null;
}

/** A whole ISO 8601 date-time (a record's timestamp, which the redactor would read as a DATE). */
export const isMachineTimestamp = (text: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text);

/**
 * Queues an action; the payload is redacted here, before it is stored or sent anywhere. `keepTimestamps`
 * lets strings that are exactly an ISO date-time through (tracking rows' time columns); a date alone is
 * still redacted.
 */
export function enqueue(
  db: Db,
  channel: OutboxChannel,
  action: string,
  payload: unknown,
  options: { keepTimestamps?: boolean } = {},
): OutboxEntry {
  const entry = {
    id: randomUUID(),
    channel,
    action,
    payload: redactDeep(payload, options.keepTimestamps ? { keep: isMachineTimestamp } : {}),
    createdAt: new Date().toISOString(),
  };
  db.prepare("INSERT INTO outbox (id, channel, action, payload_json, created_at) VALUES (?, ?, ?, ?, ?)").run(
    entry.id,
    entry.channel,
    entry.action,
    JSON.stringify(entry.payload),
    entry.createdAt,
  );
  return { ...entry, status: "awaiting_approval", decidedBy: null, attempts: 0, lastError: null, ref: null };
}

/**
 * Records the decision on an entry (once: SQLite refuses a second). Declining also closes the entry, so
 * it is never delivered.
 */
export function decide(db: Db, outboxId: string, decision: "approved" | "declined", method: string): void {
  db.transaction(() => {
    db.prepare(
      "INSERT INTO outbox_decisions (outbox_id, decision, method, created_at) VALUES (?, ?, ?, ?)",
    ).run(outboxId, decision, method, new Date().toISOString());
    if (decision === "declined")
      recordDelivery(db, outboxId, { status: "skipped", error: `declined (${method})` });
  })();
}

export function getEntry(db: Db, id: string): OutboxEntry | undefined {
  const row = db.prepare(`${SELECT} WHERE o.id = ?`).get(id) as Row | undefined;
  return row && toEntry(row);
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
  decision: "approved" | "declined" | null;
  decided_by: string | null;
}

const SELECT = `
  SELECT o.id, o.channel, o.action, o.payload_json, o.created_at,
    (SELECT ref FROM outbox_deliveries d WHERE d.outbox_id = o.id AND d.status = 'sent') AS sent_ref,
    EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.outbox_id = o.id AND d.status = 'sent') AS sent,
    EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.outbox_id = o.id AND d.status = 'skipped') AS skipped,
    (SELECT COUNT(*) FROM outbox_deliveries d WHERE d.outbox_id = o.id) AS attempts,
    (SELECT error FROM outbox_deliveries d WHERE d.outbox_id = o.id AND d.status = 'failed'
       ORDER BY d.id DESC LIMIT 1) AS last_error,
    x.decision, x.method AS decided_by
  FROM outbox o LEFT JOIN outbox_decisions x ON x.outbox_id = o.id`;

const toEntry = (r: Row): OutboxEntry => ({
  id: r.id,
  channel: r.channel,
  action: r.action,
  payload: JSON.parse(r.payload_json),
  createdAt: r.created_at,
  status: r.sent
    ? "sent"
    : r.skipped
      ? "skipped"
      : r.decision === "approved"
        ? "pending"
        : "awaiting_approval",
  decidedBy: r.decided_by,
  attempts: r.attempts,
  lastError: r.last_error,
  ref: r.sent_ref,
});

/** Entries not delivered yet (approved or awaiting a decision), oldest first. */
export function undeliveredEntries(db: Db, channel?: OutboxChannel): OutboxEntry[] {
  const rows = db
    .prepare(
      `${SELECT} WHERE (? IS NULL OR o.channel = ?)
         AND NOT EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.outbox_id = o.id AND d.status != 'failed')
       ORDER BY o.created_at, o.rowid`,
    )
    .all(channel ?? null, channel ?? null) as Row[];
  return rows.map(toEntry);
}

/** Approved entries not delivered yet, oldest first (delivery keeps their order per channel). */
export function pendingEntries(db: Db, channel?: OutboxChannel): OutboxEntry[] {
  return undeliveredEntries(db, channel).filter((e) => e.status === "pending");
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

/** What a sender is told about an attempt. */
export interface Attempt {
  /**
   * An earlier flush claimed this entry and recorded nothing: it may have crashed after the service took
   * the action and before the ledger heard. A sender that can look (a sheet's rows) checks before acting.
   */
  uncertain: boolean;
}

/** Delivers one entry; returns where it went (a ts, a URL, a range) or null. Throws when it failed. */
export type Sender = (entry: OutboxEntry, attempt: Attempt) => Promise<string | null>;

export interface FlushResult {
  sent: number;
  failed: number;
  /** Entries still pending afterwards (no sender for their channel, or a failure held their channel). */
  left: number;
}

/**
 * Sends what is approved and pending (or only the entries ONLY names), oldest first, through the senders
 * given (one per configured service). The first
 * failure on a channel holds the rest of that channel until the next flush: a service that is down is not
 * hammered, and order is kept.
 */
/** How long a claim holds an entry for the flush that made it. */
const CLAIM_MS = 120_000;

/**
 * Claims ENTRY for CLAIMANT: null when this flush may not send it (delivered, or held by another flush's
 * claim that is still running: unexpired, and no delivery attempt recorded since); otherwise the attempt,
 * uncertain when an earlier claim ended with nothing recorded.
 */
function claim(db: Db, entryId: string, claimant: string): Attempt | null {
  return db
    .transaction(() => {
      const done = db
        .prepare("SELECT 1 FROM outbox_deliveries WHERE outbox_id = ? AND status != 'failed'")
        .get(entryId);
      if (done) return null;
      const now = new Date();
      const last = db
        .prepare(
          "SELECT claimant, expires_at, created_at FROM outbox_claims WHERE outbox_id = ? ORDER BY id DESC LIMIT 1",
        )
        .get(entryId) as { claimant: string; expires_at: string; created_at: string } | undefined;
      const attempted =
        last &&
        db
          .prepare("SELECT 1 FROM outbox_deliveries WHERE outbox_id = ? AND created_at >= ?")
          .get(entryId, last.created_at);
      if (last && !attempted && last.claimant !== claimant && last.expires_at > now.toISOString())
        return null;
      db.prepare(
        "INSERT INTO outbox_claims (outbox_id, claimant, expires_at, created_at) VALUES (?, ?, ?, ?)",
      ).run(entryId, claimant, new Date(now.getTime() + CLAIM_MS).toISOString(), now.toISOString());
      return { uncertain: Boolean(last && !attempted) };
    })
    .immediate();
}

export async function flushOutbox(
  db: Db,
  senders: Partial<Record<OutboxChannel, Sender>>,
  only?: ReadonlySet<string>,
): Promise<FlushResult> {
  const claimant = `${process.pid}:${randomUUID()}`;
  const held = new Set<OutboxChannel>();
  let sent = 0;
  let failed = 0;
  let left = 0;
  for (const entry of pendingEntries(db)) {
    if (only && !only.has(entry.id)) continue;
    const send = senders[entry.channel];
    if (!send || held.has(entry.channel)) {
      left++;
      continue;
    }
    const attempt = claim(db, entry.id, claimant);
    if (!attempt) {
      // Another flush is sending it (and will send what follows on its channel), or just did.
      held.add(entry.channel);
      if (getEntry(db, entry.id)?.status === "pending") left++;
      continue;
    }
    try {
      const ref = await send(entry, attempt);
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
