/**
 * Telling what a suite file is without being told: its format (chat JSONL or one of the benchmark formats,
 * from the first lines, or the whole file for PubMedQA's single JSON document) and, for chat suites, its
 * task (from `dataset.json` beside the file, else from what the references look like).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import { InputError } from "../errors.js";
import { readLines } from "../io/lines.js";
import { isObject } from "./adapters/item.js";
import { isMedmcqaRecord } from "./adapters/medmcqa.js";
import { isMedqaRecord } from "./adapters/medqa.js";
import { isPubmedqaObject } from "./adapters/pubmedqa.js";
import { extractDecision } from "./extract/decision.js";
import { documentKind } from "./text/document-kind.js";
import { checkDisclaimer } from "./text/safety-rules.js";
import { EVAL_TASKS, type EvalTask, type Suite, type SuiteItem } from "./types.js";

export type SuiteFormat = Suite["format"];
export const SUITE_FORMATS: readonly SuiteFormat[] = ["chat", "medqa", "pubmedqa", "medmcqa"];

/** A whole file read as one JSON document, with the SHA-256 of its bytes. */
export interface JsonDocument {
  data: unknown;
  source: string;
  sha256: string;
}

const MAX_JSON_BYTES = 256 * 1024 * 1024;
const SNIFF_LINES = 5;

/** Reads and parses a whole JSON file; bad JSON is an InputError naming the line. */
export async function readJsonDocument(path: string): Promise<JsonDocument> {
  const bytes = await readFile(path);
  if (bytes.length > MAX_JSON_BYTES)
    throw new InputError(`${path} is too large to read as one JSON document (${bytes.length} bytes)`, [], {
      hint: "PubMedQA suites are the labelled PQA-L set (ori_pqal.json or test_set.json); split larger files.",
    });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const source = bytes.toString("utf8").replace(/^\uFEFF/, "");
  try {
    return { data: JSON.parse(source), source, sha256 };
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const lineMatch = /line (\d+)/.exec(message)?.[1];
    const line = lineMatch
      ? Number(lineMatch)
      : position
        ? source.slice(0, Number(position)).split("\n").length
        : undefined;
    throw new InputError(`${path} is not valid JSON`, [{ file: path, line, message }]);
  }
}

function classify(value: unknown): SuiteFormat | null {
  if (isObject(value) && Array.isArray(value.messages)) return "chat";
  if (isMedqaRecord(value)) return "medqa";
  if (isMedmcqaRecord(value)) return "medmcqa";
  if (isPubmedqaObject(value)) return "pubmedqa";
  return null;
}

const EXPECTED =
  "expected chat JSONL ({messages: [...]}), MedQA JSONL (question, options, answer_idx), MedMCQA JSONL (question, opa…opd, cop) or PubMedQA JSON ({PMID: {QUESTION, CONTEXTS, final_decision}})";

/** The format of a suite file, read from its first lines (or the whole file when it is one JSON document). */
export async function sniffFormat(path: string): Promise<{ format: SuiteFormat; document?: JsonDocument }> {
  const lines: { number: number; text: string }[] = [];
  let unreadable: { number: number; message: string } | undefined;
  let seen = 0;
  for await (const event of readLines(path)) {
    if (++seen > 1000) break;
    if (event.kind === "problem") {
      unreadable ??= { number: event.number, message: event.message };
      continue;
    }
    if (event.text.trim() === "") continue;
    lines.push({ number: event.number, text: event.text });
    if (lines.length === SNIFF_LINES) break;
  }
  if (lines.length === 0) {
    if (!unreadable) throw new InputError(`${path} is empty: expected one suite item a line`);
    if (extname(path).toLowerCase() === ".jsonl") return { format: "chat" }; // its reader reports the lines
    throw new InputError(`${path}: no readable line`, [
      { file: path, line: unreadable.number, message: unreadable.message },
    ]);
  }
  let unknown: { number: number; fields: string } | undefined;
  for (const { number, text } of lines) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    const format = classify(value);
    if (format) return { format };
    const fields = isObject(value)
      ? Object.keys(value).slice(0, 8).join(", ") || "an empty object"
      : Array.isArray(value)
        ? "a list"
        : value === null
          ? "null"
          : `a ${typeof value}`;
    unknown ??= { number, fields };
  }
  if (unknown)
    throw new InputError(
      `${path}: unknown suite format`,
      [{ file: path, line: unknown.number, message: `found ${unknown.fields}; ${EXPECTED}` }],
      { hint: "Pass --format chat|medqa|pubmedqa|medmcqa if the file is one of these." },
    );
  // No line parses on its own: one JSON document over many lines (a pretty-printed PubMedQA file)?
  const first = lines[0] as { number: number; text: string };
  if (/^\s*[{[]/.test(first.text) && extname(path).toLowerCase() !== ".jsonl") {
    const document = await readJsonDocument(path);
    if (isPubmedqaObject(document.data)) return { format: "pubmedqa", document };
    throw new InputError(`${path}: unknown suite format`, [{ file: path, line: 1, message: EXPECTED }]);
  }
  // JSON Lines with broken first lines: the chat reader reports each bad line.
  if (extname(path).toLowerCase() === ".jsonl") return { format: "chat" };
  throw new InputError(`${path}: unknown suite format`, [
    { file: path, line: first.number, message: `not JSON; ${EXPECTED}` },
  ]);
}

/** A reference reads as: a claims decision, a companion reply, a clinical document. */
function share(items: readonly SuiteItem[], test: (reference: string) => boolean): number {
  let n = 0;
  for (const item of items) if (test(item.reference)) n++;
  return items.length ? n / items.length : 0;
}

const INFER_SHARE = 0.8;

/** The task of a chat suite: `dataset.json` beside it, else inferred from ≥ 80% of the references. */
export async function detectTask(
  path: string,
  items: readonly SuiteItem[],
  notes: string[],
): Promise<EvalTask> {
  const manifest = join(dirname(path), "dataset.json");
  try {
    const task = (JSON.parse(await readFile(manifest, "utf8")) as { task?: unknown }).task;
    if (typeof task === "string" && (EVAL_TASKS as readonly string[]).includes(task)) {
      notes.push(`task ${task} from ${manifest}`);
      return task as EvalTask;
    }
    notes.push(`${manifest} names no known task; inferring it from the references`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      notes.push(`${manifest} could not be read (${(error as Error).message}); inferring the task`);
  }
  const candidates: readonly [EvalTask, number][] = [
    ["claims", share(items, (r) => extractDecision(r) !== null)],
    ["companion", share(items, (r) => checkDisclaimer(r).pass)],
    ["scribe", share(items, (r) => documentKind(r) !== "prose")],
  ];
  for (const [task, fraction] of candidates) {
    if (fraction >= INFER_SHARE) {
      notes.push(
        `task ${task} inferred: ${Math.round(fraction * 100)}% of references read as ${task} answers`,
      );
      return task;
    }
  }
  const seen = candidates.map(([task, f]) => `${task} ${Math.round(f * 100)}%`).join(", ");
  throw new InputError(`${path}: cannot tell the suite's task from its references (${seen})`, [], {
    hint: "Pass --task claims|scribe|companion|mcq, or keep the suite beside the dataset.json `cft prepare` wrote.",
  });
}
