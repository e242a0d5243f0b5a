import { describe, expect, it } from "vitest";
import { type DatasetEntry, listDatasets, recordDataset } from "../../src/ledger/datasets.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { MIGRATIONS } from "../../src/ledger/migrations.js";
import { tempDir } from "../helpers.js";

const entry: DatasetEntry = {
  name: "claims-demo",
  task: "claims",
  source: "synthetic",
  sourceFile: null,
  sourceSha256: null,
  trainCount: 90,
  testCount: 10,
  filteredCount: 0,
  trainTokens: 12_000,
  testTokens: 1_300,
  trainSha256: "a".repeat(64),
  testSha256: "b".repeat(64),
  manifestSha256: "c".repeat(64),
  labels: { APPROVED: 45, DENIED: 27, PENDING: 18 },
  generatorVersion: "synthetic/1.0.0",
  seed: 42,
  outDir: "/tmp/x",
};

describe("datasets ledger", () => {
  it("records rows and reads them back, across reopenings (migrations run once)", () => {
    const home = tempDir();
    const db = openLedger(home);
    const row = recordDataset(db, entry);
    db.close();
    const again = openLedger(home);
    recordDataset(again, { ...entry, name: "second" });
    const rows = listDatasets(again);
    expect(rows.map((r) => r.name)).toEqual(["claims-demo", "second"]);
    expect(rows[0]).toEqual(row);
    expect(again.prepare("SELECT count(*) AS n FROM schema_migrations").get()).toEqual({
      n: MIGRATIONS.length,
    });
  });

  it("is append-only, enforced by SQLite", () => {
    const db = openLedger(tempDir());
    recordDataset(db, entry);
    expect(() => db.prepare("UPDATE datasets SET name = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM datasets").run()).toThrow(/append-only/);
    expect(listDatasets(db)).toHaveLength(1);
  });

  it("rejects an unknown task", () => {
    const db = openLedger(tempDir());
    expect(() => recordDataset(db, { ...entry, task: "other" as "claims" })).toThrow(/CHECK constraint/);
  });
});
