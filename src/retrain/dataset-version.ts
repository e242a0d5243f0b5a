/**
 * A new dataset version for retraining: the production version's training file, byte for byte, followed
 * by the new records (chat JSONL files, or synthetic ones), each new record kept once (by the SHA-256 of
 * its canonical JSON) and dropped when it is already in the training file or in the test split. The test
 * split is frozen: the new version's test.jsonl is the parent's, byte for byte, so the old and the new
 * model are evaluated on the same suite and the regression test compares like with like. Written all or
 * nothing (dataset.json, data-dictionary.md beside the two files), recorded in the datasets table and
 * linked to its parent.
 */
import { copyFileSync, existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Example, Task } from "../dataset/chat.js";
import type { DatasetManifest } from "../dataset/manifest.js";
import { DEFAULT_MODEL, modelInfo } from "../dataset/models.js";
import { readChatJsonl } from "../dataset/sources/chat-jsonl.js";
import { countLabels } from "../dataset/split.js";
import { summarize } from "../dataset/summary.js";
import { GENERATOR_VERSION, synthesize } from "../dataset/synthetic/index.js";
import { countRecordTokens, loadCounter } from "../dataset/tokens.js";
import { InputError } from "../errors.js";
import { canonicalJson, sha256File, sha256Text } from "../io/hash.js";
import { StagedOutput } from "../io/staged-output.js";
import { TextWriter, writeText } from "../io/text-writer.js";
import { getConfirmation } from "../ledger/confirmations.js";
import { type DatasetRow, listDatasets, recordDataset } from "../ledger/datasets.js";
import type { Db } from "../ledger/ledger.js";
import { getRun } from "../ledger/runs.js";
import type { ModelVersion } from "../registry/versions.js";
import type { CycleDataset } from "./cycle-log.js";

export type NewData = { kind: "files"; files: string[] } | { kind: "synthetic"; count: number; seed: number };

/** The dataset the version's run was trained on (its confirmed train file's hash), with its files on disk. */
export async function parentDataset(
  db: Db,
  version: ModelVersion,
): Promise<{ row: DatasetRow; train: string; test: string }> {
  const run = getRun(db, version.runId);
  const confirmation = run && getConfirmation(db, run.confirmationId);
  const train = confirmation?.files.find((f) => f.role === "train");
  const name = `${version.family}@${version.version}`;
  const row = train && listDatasets(db).findLast((d) => d.trainSha256 === train.sha256);
  if (!run || !train || !row)
    throw new InputError(`${name} was not trained on a dataset prepared in this workspace`, [], {
      hint: "Retraining appends to the dataset the production version was trained on; prepare it with `cft prepare` (recorded in the ledger) and train from its train.jsonl.",
    });
  const find = async (label: string, sha256: string, paths: string[]) => {
    for (const path of paths)
      if (existsSync(path) && (await sha256File(path)) === sha256) return resolve(path);
    throw new InputError(
      `the ${label} file of ${name}'s dataset is gone or changed (sha256 ${sha256.slice(0, 12)}…)`,
      [],
      { hint: `Looked in ${paths.join(", ")}. Restore the file as it was prepared.` },
    );
  };
  return {
    row,
    train: await find("train", row.trainSha256, [
      join(row.outDir, "train.jsonl"),
      train.path,
      join(run.runDir, "data", "train.jsonl"),
    ]),
    test: await find("test", row.testSha256, [join(row.outDir, "test.jsonl")]),
  };
}

const recordHash = (record: unknown) => sha256Text(canonicalJson(record));

function readRecords(text: string, path: string): unknown[] {
  return text
    .split("\n")
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((l) => l.line)
    .map((l) => {
      try {
        return JSON.parse(l.line) as unknown;
      } catch (error) {
        throw new InputError(`${path}:${l.n}: not JSON (${(error as Error).message})`);
      }
    });
}

async function newExamples(task: Task, data: NewData, systemPrompt: string): Promise<Example[]> {
  if (data.kind === "synthetic") return [...synthesize(task, data.count, data.seed, systemPrompt)];
  const all: Example[] = [];
  for (const file of data.files) {
    const { examples } = await readChatJsonl(file, systemPrompt);
    // Records of a source file that carry a label field keep it for the label counts.
    all.push(...examples);
  }
  return all;
}

export interface DatasetVersionRequest {
  family: string;
  cycleId: string;
  home: string;
  version: ModelVersion;
  data: NewData;
}

export async function buildDatasetVersion(db: Db, request: DatasetVersionRequest): Promise<CycleDataset> {
  const parent = await parentDataset(db, request.version);
  const task = parent.row.task;
  const trainText = await readFile(parent.train, "utf8");
  const parentRecords = readRecords(trainText, parent.train);
  const testRecords = readRecords(await readFile(parent.test, "utf8"), parent.test);
  const seen = new Set([...parentRecords, ...testRecords].map(recordHash));
  const first = parentRecords[0] as { messages?: { role: string; content: string }[] } | undefined;
  const systemPrompt = first?.messages?.find((m) => m.role === "system")?.content ?? "";
  const incoming = await newExamples(task, request.data, systemPrompt);
  const added: Example[] = [];
  for (const example of incoming) {
    const hash = recordHash(example.record);
    if (seen.has(hash)) continue;
    seen.add(hash);
    added.push(example);
  }
  const where = request.data.kind === "files" ? request.data.files.join(", ") : "the generator";
  if (added.length === 0)
    throw new InputError(
      `no new records: all ${incoming.length} from ${where} are already in ${request.version.family}'s dataset`,
      [],
      {
        hint: "Give data collected since the last version, or another --seed for --synthetic.",
      },
    );

  const dir = join(request.home, "datasets", request.family, request.cycleId);
  const count = await loadCounter(modelInfo(DEFAULT_MODEL).encoding);
  const tokens = (records: readonly unknown[]) =>
    records.map(
      (r) =>
        countRecordTokens(
          ((r as { messages?: unknown[] }).messages ?? []) as Record<string, unknown>[],
          count,
        ).total,
    );
  const out = await StagedOutput.open(dir);
  try {
    const writer = new TextWriter(out.path("train.jsonl"));
    await writer.write(trainText.endsWith("\n") || trainText === "" ? trainText : `${trainText}\n`);
    for (const e of added) await writer.write(`${JSON.stringify(e.record)}\n`);
    const trainFile = { ...(await writer.close()), records: parentRecords.length + added.length };
    copyFileSync(parent.test, out.path("test.jsonl"));
    const testFile = {
      sha256: await sha256File(out.path("test.jsonl")),
      bytes: statSync(out.path("test.jsonl")).size,
      records: testRecords.length,
    };
    const labels = { ...parent.row.labels };
    for (const [label, n] of Object.entries(countLabels(added))) labels[label] = (labels[label] ?? 0) + n;
    const trainTokens = summarize(tokens([...parentRecords, ...added.map((e) => e.record)]));
    const testTokens = summarize(tokens(testRecords));
    const manifest: Omit<DatasetManifest, "source" | "systemPrompt" | "split"> & Record<string, unknown> = {
      name: `${request.family}-${request.cycleId}`,
      task,
      source: {
        kind: "retrain",
        parent: { id: parent.row.id, name: parent.row.name, trainSha256: parent.row.trainSha256 },
        added:
          request.data.kind === "synthetic"
            ? {
                kind: "synthetic",
                examples: request.data.count,
                seed: request.data.seed,
                generatorVersion: GENERATOR_VERSION,
              }
            : { kind: "chat-jsonl", files: request.data.files.map((f) => ({ file: f })) },
        duplicates: incoming.length - added.length,
      },
      split: { frozenTest: true, testSha256: parent.row.testSha256 },
      counts: {
        total: trainFile.records + testFile.records,
        train: trainFile.records,
        test: testFile.records,
        filtered: 0,
      },
      labels: { train: labels, test: {} },
      tokens: {
        model: DEFAULT_MODEL,
        encoding: modelInfo(DEFAULT_MODEL).encoding,
        train: trainTokens,
        test: testTokens,
      },
      files: { "train.jsonl": trainFile, "test.jsonl": testFile },
    };
    await writeText(
      out.path("data-dictionary.md"),
      dictionary(request, parent.row, added.length, incoming.length),
    );
    const written = await writeText(out.path("dataset.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    await out.commit();
    const row = db.transaction(() => {
      const recorded = recordDataset(db, {
        name: manifest.name,
        task,
        source: "retrain",
        sourceFile: request.data.kind === "files" ? request.data.files.join(",") : null,
        sourceSha256: null,
        trainCount: trainFile.records,
        testCount: testFile.records,
        filteredCount: 0,
        trainTokens: trainTokens.sum,
        testTokens: testTokens.sum,
        trainSha256: trainFile.sha256,
        testSha256: testFile.sha256,
        manifestSha256: written.sha256,
        labels,
        generatorVersion: request.data.kind === "synthetic" ? GENERATOR_VERSION : null,
        seed: request.data.kind === "synthetic" ? request.data.seed : null,
        outDir: dir,
      });
      db.prepare(
        `INSERT INTO dataset_versions (dataset_id, parent_id, family, cycle_id, added_records, duplicates, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        recorded.id,
        parent.row.id,
        request.family,
        request.cycleId,
        added.length,
        incoming.length - added.length,
        recorded.createdAt,
      );
      return recorded;
    })();
    return {
      datasetId: row.id,
      parentId: parent.row.id,
      dir,
      train: join(dir, "train.jsonl"),
      test: join(dir, "test.jsonl"),
      trainSha256: trainFile.sha256,
      testSha256: testFile.sha256,
      added: added.length,
      duplicates: incoming.length - added.length,
    };
  } catch (error) {
    await out.abort().catch(() => {});
    throw error;
  }
}

/** The parent of DATASET_ID (a retraining version), or undefined for a prepared dataset. */
export function datasetParent(
  db: Db,
  datasetId: string,
): { parentId: string; cycleId: string | null } | undefined {
  return db
    .prepare("SELECT parent_id AS parentId, cycle_id AS cycleId FROM dataset_versions WHERE dataset_id = ?")
    .get(datasetId) as { parentId: string; cycleId: string | null } | undefined;
}

function dictionary(
  request: DatasetVersionRequest,
  parent: DatasetRow,
  added: number,
  incoming: number,
): string {
  const source =
    request.data.kind === "synthetic"
      ? `${request.data.count} synthetic ${parent.task} records (seed ${request.data.seed}, generator ${GENERATOR_VERSION})`
      : `chat JSONL: ${request.data.files.join(", ")}`;
  return [
    `# Data dictionary: ${request.family}, retraining cycle ${request.cycleId}`,
    "",
    `A new version of dataset **${parent.name}** (${parent.id}), made by \`cft retrain ${request.family}\`.`,
    "",
    "| part | content |",
    "|---|---|",
    `| train.jsonl | the parent's train.jsonl byte for byte (${parent.trainCount} records, sha256 ${parent.trainSha256.slice(0, 16)}…), then ${added} new records |`,
    `| new records | ${source}: ${incoming} given, ${incoming - added} dropped as already present (same record in train or test) |`,
    `| test.jsonl | frozen: the parent's test.jsonl byte for byte (${parent.testCount} records, sha256 ${parent.testSha256.slice(0, 16)}…), so evaluations of the old and the new version are on the same suite |`,
    "",
    `Fields of the records are those of the parent dataset; see its data dictionary in ${parent.outDir}/data-dictionary.md.`,
    "",
  ].join("\n");
}
