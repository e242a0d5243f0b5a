/** The `datasets` table: one append-only row per prepared dataset (the Datasets tracking sheet). */
import { randomUUID } from "node:crypto";
import type { Task } from "../dataset/chat.js";
import type { Db } from "./ledger.js";

export interface DatasetEntry {
  name: string;
  task: Task;
  source: string;
  sourceFile: string | null;
  sourceSha256: string | null;
  trainCount: number;
  testCount: number;
  filteredCount: number;
  trainTokens: number;
  testTokens: number;
  trainSha256: string;
  testSha256: string;
  manifestSha256: string;
  labels: Record<string, number>;
  generatorVersion: string | null;
  seed: number | null;
  outDir: string;
}

export interface DatasetRow extends DatasetEntry {
  id: string;
  createdAt: string;
}

export function recordDataset(db: Db, entry: DatasetEntry): DatasetRow {
  const row: DatasetRow = { ...entry, id: randomUUID(), createdAt: new Date().toISOString() };
  db.prepare(
    `INSERT INTO datasets (id, name, task, source, source_file, source_sha256, train_count, test_count,
       filtered_count, train_tokens, test_tokens, train_sha256, test_sha256, manifest_sha256, labels_json,
       generator_version, seed, out_dir, created_at)
     VALUES (@id, @name, @task, @source, @sourceFile, @sourceSha256, @trainCount, @testCount, @filteredCount,
       @trainTokens, @testTokens, @trainSha256, @testSha256, @manifestSha256, @labelsJson, @generatorVersion,
       @seed, @outDir, @createdAt)`,
  ).run({ ...row, labelsJson: JSON.stringify(row.labels) });
  return row;
}

interface RawRow {
  id: string;
  name: string;
  task: Task;
  source: string;
  source_file: string | null;
  source_sha256: string | null;
  train_count: number;
  test_count: number;
  filtered_count: number;
  train_tokens: number;
  test_tokens: number;
  train_sha256: string;
  test_sha256: string;
  manifest_sha256: string;
  labels_json: string;
  generator_version: string | null;
  seed: number | null;
  out_dir: string;
  created_at: string;
}

/** Every dataset, oldest first. */
export function listDatasets(db: Db): DatasetRow[] {
  const rows = db.prepare("SELECT * FROM datasets ORDER BY created_at, rowid").all() as RawRow[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    task: r.task,
    source: r.source,
    sourceFile: r.source_file,
    sourceSha256: r.source_sha256,
    trainCount: r.train_count,
    testCount: r.test_count,
    filteredCount: r.filtered_count,
    trainTokens: r.train_tokens,
    testTokens: r.test_tokens,
    trainSha256: r.train_sha256,
    testSha256: r.test_sha256,
    manifestSha256: r.manifest_sha256,
    labels: JSON.parse(r.labels_json) as Record<string, number>,
    generatorVersion: r.generator_version,
    seed: r.seed,
    outDir: r.out_dir,
    createdAt: r.created_at,
  }));
}
