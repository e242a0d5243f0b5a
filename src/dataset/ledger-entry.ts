/** Records a prepared dataset in the workspace ledger (the Datasets sheet). */
import { type DatasetRow, recordDataset } from "../ledger/datasets.js";
import type { Db } from "../ledger/ledger.js";
import type { PrepareResult } from "./prepare.js";

export function recordPrepared(
  db: Db,
  prepared: PrepareResult,
  outDir: string,
  sourceFile: string | null,
): DatasetRow {
  const { manifest } = prepared;
  const synthetic = manifest.source.kind === "synthetic" ? manifest.source : undefined;
  return recordDataset(db, {
    name: manifest.name,
    task: manifest.task,
    source: manifest.source.kind,
    sourceFile,
    sourceSha256: "sha256" in manifest.source ? manifest.source.sha256 : null,
    trainCount: manifest.counts.train,
    testCount: manifest.counts.test,
    filteredCount: manifest.counts.filtered,
    trainTokens: manifest.tokens.train.sum,
    testTokens: manifest.tokens.test.sum,
    trainSha256: manifest.files["train.jsonl"]!.sha256,
    testSha256: manifest.files["test.jsonl"]!.sha256,
    manifestSha256: prepared.manifestSha256,
    labels: manifest.labels.train,
    generatorVersion: synthetic?.generatorVersion ?? null,
    seed: synthetic?.seed ?? null,
    outDir,
  });
}
