/**
 * The outbox with a real ledger: payloads are redacted before they are stored, pending entries go out in
 * order, a failure holds its channel until the next flush, and an entry is never recorded as sent twice.
 */
import { describe, expect, it } from "vitest";
import {
  decide,
  enqueue,
  flushOutbox,
  listOutbox,
  type OutboxEntry,
  pendingEntries,
  recordDelivery,
} from "../../src/integrations/outbox.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { tempDir } from "../helpers.js";

const PHI = "Patient John Smith, MRN 12345678, called 617-555-0142";

describe("outbox", () => {
  it("stores payloads redacted, so PHI never waits in the queue either", () => {
    const db = openLedger(tempDir());
    enqueue(db, "slack", "notify", { text: `Audit FAIL: ${PHI}` });
    const stored = JSON.stringify(db.prepare("SELECT payload_json FROM outbox").all());
    expect(stored).not.toContain("John Smith");
    expect(stored).not.toContain("12345678");
    expect(stored).not.toContain("617-555-0142");
    db.close();
  });

  it("delivers in order, holds a channel after a failure, and sends the rest on the next flush", async () => {
    const db = openLedger(tempDir());
    const queued = [1, 2, 3].map((n) => enqueue(db, "slack", "notify", { text: `message ${n}` }));
    queued.push(enqueue(db, "github", "issue_comment", { body: "step done" }));
    for (const e of queued) decide(db, e.id, "approved", "policy:auto");
    const seen: string[] = [];
    let down = true;
    const slack = async (e: OutboxEntry) => {
      const text = (e.payload as { text: string }).text;
      if (text === "message 2" && down) throw new Error("Slack said ratelimited");
      seen.push(text);
      return `ts-${seen.length}`;
    };
    const first = await flushOutbox(db, { slack });
    expect(first).toEqual({ sent: 1, failed: 1, left: 3 });
    expect(seen).toEqual(["message 1"]);
    expect(pendingEntries(db, "slack").map((e) => e.lastError)).toEqual(["Slack said ratelimited", null]);

    down = false;
    const second = await flushOutbox(db, { slack, github: async () => "https://github.test/issues/1#c1" });
    expect(second).toEqual({ sent: 3, failed: 0, left: 0 });
    expect(seen).toEqual(["message 1", "message 2", "message 3"]);
    expect(pendingEntries(db)).toEqual([]);
    const github = listOutbox(db).find((e) => e.channel === "github")!;
    expect(github).toMatchObject({ status: "sent", ref: "https://github.test/issues/1#c1", attempts: 1 });
    db.close();
  });

  it("delivers nothing without a decision, never what was declined, and records who decided", async () => {
    const db = openLedger(tempDir());
    const waiting = enqueue(db, "slack", "notify", { text: "awaits a person" });
    const declined = enqueue(db, "slack", "notify", { text: "declined" });
    const approved = enqueue(db, "slack", "notify", { text: "approved" });
    decide(db, declined.id, "declined", "cli:tty");
    decide(db, approved.id, "approved", "mcp-elicitation");
    const sent: string[] = [];
    const slack = async (e: OutboxEntry) => {
      sent.push((e.payload as { text: string }).text);
      return "ts";
    };
    expect(await flushOutbox(db, { slack })).toEqual({ sent: 1, failed: 0, left: 0 });
    expect(sent).toEqual(["approved"]);
    const byText = new Map(listOutbox(db).map((e) => [(e.payload as { text: string }).text, e]));
    expect(byText.get("awaits a person")).toMatchObject({ status: "awaiting_approval", decidedBy: null });
    expect(byText.get("declined")).toMatchObject({ status: "skipped", decidedBy: "cli:tty" });
    expect(byText.get("approved")).toMatchObject({ status: "sent", decidedBy: "mcp-elicitation" });
    expect(() => decide(db, waiting.id, "approved", "x")).not.toThrow();
    expect(() => decide(db, waiting.id, "declined", "y")).toThrow(/UNIQUE/);
    db.close();
  });

  it("keeps a whole ISO timestamp when asked, and still redacts a bare date", () => {
    const db = openLedger(tempDir());
    const e = enqueue(
      db,
      "sheets",
      "append_row",
      { cells: ["2026-12-03T10:00:00.000Z", "1961-03-14", "2026-12-03T10:00:00Z DOB 1961-03-14"] },
      { keepTimestamps: true },
    );
    const [ts, date, mixed] = (e.payload as { cells: string[] }).cells;
    expect(ts).toBe("2026-12-03T10:00:00.000Z");
    expect(date).not.toContain("1961");
    expect(mixed).not.toContain("1961");
    db.close();
  });

  it("refuses to record an entry as sent twice, and keeps its history append-only", () => {
    const db = openLedger(tempDir());
    const entry = enqueue(db, "sheets", "append_row", { sheet: "runs", row: ["run-1"] });
    recordDelivery(db, entry.id, { status: "sent", ref: "Runs!A2" });
    expect(() => recordDelivery(db, entry.id, { status: "sent", ref: "Runs!A3" })).toThrow(/UNIQUE/);
    expect(() => db.prepare("DELETE FROM outbox").run()).toThrow(/append-only/);
    expect(pendingEntries(db)).toEqual([]);
    db.close();
  });

  it("sends each entry once, in order, when two flushes run at the same time", async () => {
    const home = tempDir();
    const one = openLedger(home);
    const two = openLedger(home);
    for (let i = 1; i <= 6; i++)
      decide(one, enqueue(one, "slack", "notify", { text: `m${i}` }).id, "approved", "policy:auto");
    const sent: string[] = [];
    const slack = async (e: OutboxEntry) => {
      await new Promise((r) => setTimeout(r, 15));
      sent.push((e.payload as { text: string }).text);
      return `ts-${sent.length}`;
    };
    const results = await Promise.all([flushOutbox(one, { slack }), flushOutbox(two, { slack })]);
    expect(sent).toEqual(["m1", "m2", "m3", "m4", "m5", "m6"]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(6);
    expect(results.every((r) => r.failed === 0)).toBe(true);
    expect(pendingEntries(one)).toEqual([]);
    one.close();
    two.close();
  });

  it("leaves an entry another flush holds, and takes it once that claim has lapsed", async () => {
    const db = openLedger(tempDir());
    const entry = enqueue(db, "slack", "notify", { text: "held" });
    decide(db, entry.id, "approved", "policy:auto");
    const claimRow = db.prepare(
      "INSERT INTO outbox_claims (outbox_id, claimant, expires_at, created_at) VALUES (?, 'other:1', ?, ?)",
    );
    claimRow.run(entry.id, new Date(Date.now() + 60_000).toISOString(), new Date().toISOString());
    const slack = async () => "ts";
    expect(await flushOutbox(db, { slack })).toEqual({ sent: 0, failed: 0, left: 1 });
    // The other flush crashed: its claim lapses, and the next flush sends the entry.
    claimRow.run(
      entry.id,
      new Date(Date.now() - 1).toISOString(),
      new Date(Date.now() - 120_001).toISOString(),
    );
    expect(await flushOutbox(db, { slack })).toEqual({ sent: 1, failed: 0, left: 0 });
    db.close();
  });
});
