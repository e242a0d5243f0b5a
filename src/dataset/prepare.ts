/**
 * `cft prepare`: from a source (synthetic generator, claims CSV, documents CSV, chat JSONL) to
 * train.jsonl, test.jsonl, dataset.json and data-dictionary.md in one folder, all or nothing.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { InputError } from "../errors.js";
import { sha256File } from "../io/hash.js";
import { checkReadableFile } from "../io/lines.js";
import { StagedOutput } from "../io/staged-output.js";
import { TextWriter, writeText } from "../io/text-writer.js";
import { loadPrompt } from "../prompts/load.js";
import type { Example, Task } from "./chat.js";
import { renderDataDictionary } from "./data-dictionary.js";
import { type DatasetManifest, type SourceInfo, STRATIFIED_BY } from "./manifest.js";
import { DEFAULT_MODEL, modelInfo } from "./models.js";
import { readChatJsonl } from "./sources/chat-jsonl.js";
import { readClaimsCsv } from "./sources/claims-csv.js";
import { readDocumentsCsv } from "./sources/documents-csv.js";
import type { SourceResult } from "./sources/source.js";
import { countLabels, stratifiedSplit } from "./split.js";
import { summarize } from "./summary.js";
import { defaultSystemPromptName, GENERATOR_VERSION, synthesize } from "./synthetic/index.js";
import { countRecordTokens, loadCounter } from "./tokens.js";

export type PrepareSource =
  | { kind: "synthetic"; examples: number; seed: number }
  | { kind: "claims-csv"; file: string }
  | { kind: "documents-csv"; file: string; minQuality?: number }
  | { kind: "chat-jsonl"; file: string };

export interface PrepareOptions {
  task: Task;
  source: PrepareSource;
  outDir: string;
  testFraction: number;
  /** Seed of the split (and of the generator, for synthetic sources). */
  seed: number;
  systemPromptFile?: string;
  name?: string;
  /** The command line that reproduces this dataset, for the data dictionary. */
  reproduce: string;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface PrepareResult {
  manifest: DatasetManifest;
  manifestSha256: string;
  files: { train: string; test: string; manifest: string; dictionary: string };
}

const SOURCE_TASKS: Record<PrepareSource["kind"], readonly Task[]> = {
  synthetic: ["claims", "scribe", "companion"],
  "claims-csv": ["claims"],
  "documents-csv": ["scribe"],
  "chat-jsonl": ["claims", "scribe", "companion"],
};

async function systemPrompt(task: Task, file?: string): Promise<{ text: string; origin: string }> {
  if (!file) {
    const name = defaultSystemPromptName(task);
    return { text: loadPrompt(name), origin: `prompts/${name}.md` };
  }
  await checkReadableFile(file);
  const text = (await readFile(file, "utf8")).replace(/^\uFEFF/, "").trim();
  if (!text) throw new InputError(`${file}: the system prompt file is empty`);
  return { text, origin: basename(file) };
}

async function loadSource(options: PrepareOptions, prompt: string): Promise<SourceResult> {
  const { source, task } = options;
  if (!SOURCE_TASKS[source.kind].includes(task))
    throw new InputError(
      `--${source.kind} is for --task ${SOURCE_TASKS[source.kind].join("|")}, not ${task}`,
    );
  switch (source.kind) {
    case "synthetic": {
      const examples: Example[] = [];
      for (const example of synthesize(task, source.examples, source.seed, prompt)) {
        examples.push(example);
        if (examples.length % 5000 === 0) options.onProgress?.("generate", examples.length, source.examples);
      }
      return { examples, filtered: 0 };
    }
    case "claims-csv":
      return readClaimsCsv(source.file, prompt);
    case "documents-csv":
      return readDocumentsCsv(source.file, prompt, source.minQuality);
    case "chat-jsonl":
      return readChatJsonl(source.file, prompt);
  }
}

/** A name from the inputs alone (not the output folder), so the same inputs give the same files. */
function defaultName(task: Task, source: PrepareSource): string {
  if (source.kind === "synthetic") return `${task}-synthetic-${source.examples}-seed${source.seed}`;
  return `${task}-${basename(source.file).replace(/\.[^.]+$/, "")}`;
}

async function describeSource(source: PrepareSource): Promise<SourceInfo> {
  if (source.kind === "synthetic")
    return {
      kind: "synthetic",
      examples: source.examples,
      seed: source.seed,
      generatorVersion: GENERATOR_VERSION,
    };
  const info: SourceInfo = {
    kind: source.kind,
    file: basename(source.file),
    sha256: await sha256File(source.file),
  };
  if (source.kind === "documents-csv" && source.minQuality !== undefined) info.minQuality = source.minQuality;
  return info;
}

export async function prepareDataset(options: PrepareOptions): Promise<PrepareResult> {
  if (!(options.testFraction > 0 && options.testFraction < 1))
    throw new InputError(`--test-fraction must be between 0 and 1 (exclusive), got ${options.testFraction}`);
  const prompt = await systemPrompt(options.task, options.systemPromptFile);
  const { examples, filtered } = await loadSource(options, prompt.text);
  const where = options.source.kind === "synthetic" ? "the generator" : options.source.file;
  if (examples.length === 0)
    throw new InputError(
      `${where} holds no usable records${filtered ? ` (${filtered} left out by filters)` : ""}`,
    );
  if (examples.length < 2)
    throw new InputError(
      `${where} holds 1 record; a train/test split needs at least 2 (fine-tuning needs 10)`,
    );

  const split = stratifiedSplit(examples, options.testFraction, options.seed);
  const info = modelInfo(DEFAULT_MODEL);
  const count = await loadCounter(info.encoding);
  const out = await StagedOutput.open(options.outDir);
  let manifest: DatasetManifest;
  let manifestSha256: string;
  try {
    const write = async (name: string, items: Example[]) => {
      const writer = new TextWriter(out.path(name));
      const tokens: number[] = [];
      for (const example of items) {
        tokens.push(
          countRecordTokens(example.record.messages as unknown as Record<string, unknown>[], count).total,
        );
        await writer.write(`${JSON.stringify(example.record)}\n`);
        if (tokens.length % 5000 === 0) options.onProgress?.(`write ${name}`, tokens.length, items.length);
      }
      return { file: { ...(await writer.close()), records: items.length }, tokens: summarize(tokens) };
    };
    const train = await write("train.jsonl", split.train);
    const test = await write("test.jsonl", split.test);
    manifest = {
      name: options.name ?? defaultName(options.task, options.source),
      task: options.task,
      source: await describeSource(options.source),
      systemPrompt: { origin: prompt.origin, sha256: createHash("sha256").update(prompt.text).digest("hex") },
      split: {
        testFraction: options.testFraction,
        seed: options.seed,
        stratifiedBy: STRATIFIED_BY[options.task],
      },
      counts: { total: examples.length, train: split.train.length, test: split.test.length, filtered },
      labels: { train: countLabels(split.train), test: countLabels(split.test) },
      tokens: { model: info.model, encoding: info.encoding, train: train.tokens, test: test.tokens },
      files: { "train.jsonl": train.file, "test.jsonl": test.file },
    };
    const dictionary = await writeText(
      out.path("data-dictionary.md"),
      renderDataDictionary(manifest, options.reproduce),
    );
    manifest.files["data-dictionary.md"] = dictionary;
    const written = await writeText(out.path("dataset.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    await out.commit();
    manifestSha256 = written.sha256;
  } catch (error) {
    await out.abort();
    throw error;
  }
  const path = (name: string) => `${options.outDir}/${name}`;
  return {
    manifest,
    manifestSha256,
    files: {
      train: path("train.jsonl"),
      test: path("test.jsonl"),
      manifest: path("dataset.json"),
      dictionary: path("data-dictionary.md"),
    },
  };
}
