/**
 * Loading an evaluation suite: a chat JSONL file (a `cft prepare` test.jsonl is one) or a benchmark file
 * (MedQA, PubMedQA, MedMCQA), into items with stable ids, the file's SHA-256 and the task it scores as.
 * Every bad line is collected (file:line, up to 50) into one InputError; duplicates are kept once and
 * reported in `notes`, as is anything that had to be assumed (a task, a MedMCQA index base).
 */
import { createHash } from "node:crypto";
import { parse } from "node:path";
import { InputError, ProblemList } from "../errors.js";
import { readJsonl } from "../io/jsonl.js";
import { checkReadableFile } from "../io/lines.js";
import { chatItems } from "./adapters/chat.js";
import { OPTION_LETTERS, type RawRecord } from "./adapters/item.js";
import { medmcqaItems } from "./adapters/medmcqa.js";
import { medqaItems } from "./adapters/medqa.js";
import { pubmedqaItems } from "./adapters/pubmedqa.js";
import { extractChoice } from "./extract/choice.js";
import { extractDecision } from "./extract/decision.js";
import {
  detectTask,
  type JsonDocument,
  readJsonDocument,
  type SuiteFormat,
  sniffFormat,
} from "./suite-detect.js";
import type { EvalTask, Suite, SuiteItem } from "./types.js";

export { SUITE_FORMATS, type SuiteFormat } from "./suite-detect.js";

/** A suite as loaded, with what the loader had to say about it. */
export interface LoadedSuite extends Suite {
  /** Assumptions and findings worth showing the user (task inference, cop base, duplicates). */
  notes: string[];
  /** Lines dropped because an earlier line had the same prompt and reference. */
  duplicates: { line: number; keptLine: number }[];
}

export interface LoadSuiteOptions {
  task?: EvalTask;
  format?: SuiteFormat;
  name?: string;
}

const FORMAT_NAMES: Readonly<Record<SuiteFormat, string>> = {
  chat: "chat",
  medqa: "MedQA",
  pubmedqa: "PubMedQA",
  medmcqa: "MedMCQA",
};
const SHOWN_DUPLICATES = 10;

export async function loadSuite(path: string, opts: LoadSuiteOptions = {}): Promise<LoadedSuite> {
  await checkReadableFile(path);
  const notes: string[] = [];
  const problems = new ProblemList();
  let format = opts.format;
  let document: JsonDocument | undefined;
  if (!format) ({ format, document } = await sniffFormat(path));
  if (format !== "chat" && opts.task && opts.task !== "mcq")
    throw new InputError(`--task ${opts.task} does not fit a ${FORMAT_NAMES[format]} file`, [], {
      hint: "Benchmark suites are multiple choice: use --task mcq or leave --task out.",
    });

  let items: SuiteItem[];
  let sha256: string;
  if (format === "pubmedqa") {
    document ??= await readJsonDocument(path);
    sha256 = document.sha256;
    const data = document.data;
    if (data === null || typeof data !== "object" || Array.isArray(data))
      throw new InputError(`${path}: expected a PubMedQA object keyed by PMID`, [
        { file: path, line: 1, message: "found something else" },
      ]);
    items = pubmedqaItems(data as Record<string, unknown>, document.source, path, problems);
  } else {
    const hash = createHash("sha256");
    const records: RawRecord[] = [];
    for await (const event of readJsonl(path, { onBytes: (chunk) => hash.update(chunk) })) {
      if (event.kind === "blank") continue;
      if (event.kind === "problem") problems.add({ file: path, line: event.line, message: event.message });
      else records.push({ line: event.line, value: event.value });
    }
    sha256 = hash.digest("hex");
    items =
      format === "chat"
        ? chatItems(records, path, problems)
        : format === "medqa"
          ? medqaItems(records, path, problems)
          : medmcqaItems(records, path, problems, notes);
  }
  problems.throwIfAny(
    `${path}: entries that are not valid ${FORMAT_NAMES[format]} suite items`,
    format === "chat"
      ? "Each line must be {messages: [...]} ending in the assistant reference answer."
      : `Check the file is the ${FORMAT_NAMES[format]} format, or pass --format.`,
  );
  if (items.length === 0) throw new InputError(`${path} holds no suite items`);

  const duplicates = dropDuplicates(items, notes);
  const unique = items.filter((_, i) => !duplicates.dropped.has(i));
  const task: EvalTask = format !== "chat" ? "mcq" : (opts.task ?? (await detectTask(path, unique, notes)));
  if (task === "claims") checkClaimsReferences(unique, path);
  if (task === "mcq" && format === "chat") attachChoices(unique, path);
  return {
    path,
    sha256,
    name: opts.name ?? parse(path).name,
    task,
    format,
    items: unique,
    notes,
    duplicates: duplicates.list,
  };
}

function dropDuplicates(items: readonly SuiteItem[], notes: string[]) {
  const first = new Map<string, number>();
  const dropped = new Set<number>();
  const list: { line: number; keptLine: number }[] = [];
  items.forEach((item, i) => {
    const kept = first.get(item.id);
    if (kept === undefined) {
      first.set(item.id, item.line);
      return;
    }
    dropped.add(i);
    list.push({ line: item.line, keptLine: kept });
  });
  if (list.length) {
    const shown = list.slice(0, SHOWN_DUPLICATES).map((d) => `line ${d.line} repeats line ${d.keptLine}`);
    const more = list.length > SHOWN_DUPLICATES ? `, and ${list.length - SHOWN_DUPLICATES} more` : "";
    notes.push(
      `${list.length} duplicate item${list.length > 1 ? "s" : ""} (same prompt and reference) kept once: ${shown.join("; ")}${more}`,
    );
  }
  return { dropped, list };
}

/** Claims references must state a decision: it is the gold label. */
function checkClaimsReferences(items: readonly SuiteItem[], path: string): void {
  const problems = new ProblemList();
  for (const item of items)
    if (extractDecision(item.reference) === null)
      problems.add({
        file: path,
        line: item.line,
        field: "reference",
        message: "the reference states no decision (expected a line such as `Decision: APPROVED`)",
      });
  problems.throwIfAny(
    `${path}: claims references without a decision`,
    "Is this a claims suite? Pass --task.",
  );
}

/** Chat suites scored as mcq: options from the last user message ("A. …" lines), gold from the reference. */
function attachChoices(items: SuiteItem[], path: string): void {
  const problems = new ProblemList();
  for (const item of items) {
    const user = [...item.messages].reverse().find((m) => m.role === "user")?.content ?? "";
    const choices: Record<string, string> = {};
    for (const m of user.matchAll(/^[ \t]*\(?([A-E])[.):][ \t]+(.+)$/gm)) {
      const letter = m[1] as string;
      if (letter === OPTION_LETTERS[Object.keys(choices).length]) choices[letter] = (m[2] as string).trim();
    }
    const answer = Object.keys(choices).length >= 2 ? extractChoice(item.reference, choices) : null;
    if (!answer) {
      problems.add({
        file: path,
        line: item.line,
        message:
          Object.keys(choices).length < 2
            ? "no lettered options (A. …, B. …) in the last user message"
            : "the reference names no single option letter",
      });
      continue;
    }
    item.choices = choices;
    item.answer = answer;
  }
  problems.throwIfAny(`${path}: items that cannot be scored as multiple choice`);
}
