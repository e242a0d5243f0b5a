/**
 * The outbox with a real ledger: payloads are redacted before they are stored, pending entries go out in
 * order, a failure holds its channel until the next flush, and an entry is never recorded as sent twice.
 */
import { describe, expect, it } from "vitest";
import {
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
    for (const n of [1, 2, 3]) enqueue(db, "slack", "notify", { text: `message ${n}` });
    enqueue(db, "github", "issue_comment", { body: "step done" });
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

  it("refuses to record an entry as sent twice, and keeps its history append-only", () => {
    const db = openLedger(tempDir());
    const entry = enqueue(db, "sheets", "append_row", { sheet: "runs", row: ["run-1"] });
    recordDelivery(db, entry.id, { status: "sent", ref: "Runs!A2" });
    expect(() => recordDelivery(db, entry.id, { status: "sent", ref: "Runs!A3" })).toThrow(/UNIQUE/);
    expect(() => db.prepare("DELETE FROM outbox").run()).toThrow(/append-only/);
    expect(pendingEntries(db)).toEqual([]);
    db.close();
  });
});
