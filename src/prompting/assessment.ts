/**
 * The prompt-engineering assessment of a dataset: the clinical system prompt with its guardrails, the
 * few-shot examples chosen for coverage, the rationale of that strategy, and whether fine-tuning is
 * necessary (with the prompt-only baseline when one was measured). The artifact holds ids, line numbers,
 * counts and PHI-redacted snippets, never whole records, so it can sit in graph state or a ledger row;
 * `renderAssessment` turns it into a Document for Markdown and HTML.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Task } from "../dataset/chat.js";
import type { DatasetManifest } from "../dataset/manifest.js";
import { InputError } from "../errors.js";
import type { EvaluationSummary } from "../eval/types.js";
import { redact } from "../phi/redact.js";
import { CATEGORY_ORDER, KIND_NAMES } from "./example-category.js";
import { type FewShotExample, type FewShotSelection, selectFewShot } from "./few-shot.js";
import {
  assessFineTuningNecessity,
  type BaselineFigure,
  baselineFromEvaluation,
  DEFAULT_TARGETS,
  type NecessityAssessment,
  type TargetOverride,
} from "./necessity.js";
import {
  type ClinicalSystemPrompt,
  clinicalSystemPrompt,
  type SystemPromptOptions,
} from "./system-prompt.js";

export { renderAssessment } from "./assessment-document.js";

export interface PromptAssessmentInput {
  task: Task;
  /** The training split (chat JSONL) the examples come from. */
  train: string;
  /** Few-shot examples (default: one per expected category of the task). */
  k?: number;
  seed?: number;
  maxRecords?: number;
  /** Default: dataset.json beside a train.jsonl, when there is one; else figures from the sample. */
  manifest?: DatasetManifest | null;
  baseline?: BaselineFigure | EvaluationSummary | null;
  target?: TargetOverride;
  systemPrompt?: SystemPromptOptions;
}

/** A chosen few-shot example as the assessment shows it: its text only as a redacted snippet. */
export interface AssessedExample extends Omit<FewShotExample, "messages"> {
  /** The first words of the example's user turn and answer, PHI redacted. */
  snippet: { user: string; assistant: string };
}

export interface PromptAssessment {
  task: Task;
  dataset: {
    file: string;
    name: string | null;
    examples: number;
    labels: Record<string, number>;
    averageTokens: number | null;
    /** Where the figures come from: the dataset manifest, or the few-shot sample of the file. */
    source: "manifest" | "sample";
  };
  systemPrompt: ClinicalSystemPrompt;
  fewShot: Omit<FewShotSelection, "examples"> & { examples: AssessedExample[] };
  strategy: string[];
  necessity: NecessityAssessment;
}

const USER_SNIPPET = 160;
const ANSWER_SNIPPET = 120;

/** Redacts first, then shortens, so no cut can leave half an identifier behind. */
export function snippet(text: string, max: number): string {
  const flat = redact(text).replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function assessed(e: FewShotExample): AssessedExample {
  const user = e.messages
    .filter((m) => m.role === "user")
    .map((m) => m.content ?? "")
    .join(" ");
  const answer = e.messages.filter((m) => m.role === "assistant").at(-1)?.content ?? "";
  const { messages: _m, ...rest } = e;
  return {
    ...rest,
    snippet: { user: snippet(user, USER_SNIPPET), assistant: snippet(answer, ANSWER_SNIPPET) },
  };
}

function manifestBeside(train: string, task: Task): DatasetManifest | null {
  const path = join(dirname(train), "dataset.json");
  if (basename(train) !== "train.jsonl" || !existsSync(path)) return null;
  let manifest: DatasetManifest;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8")) as DatasetManifest;
  } catch (error) {
    throw new InputError(`${path} is not valid JSON (${(error as Error).message})`, [], {
      hint: "Prepare the dataset again with `cft prepare`, or pass manifest: null.",
    });
  }
  if (manifest.task !== task)
    throw new InputError(`${path} describes a ${manifest.task} dataset, not ${task}`, [], {
      hint: "Check the task, or the folder the training file is in.",
    });
  return manifest;
}

function datasetFigures(
  input: PromptAssessmentInput,
  selection: FewShotSelection,
): PromptAssessment["dataset"] {
  const manifest = input.manifest === undefined ? manifestBeside(input.train, input.task) : input.manifest;
  if (manifest?.counts && manifest.labels && manifest.tokens)
    return {
      file: input.train,
      name: manifest.name ?? null,
      examples: manifest.counts.train,
      labels: { ...manifest.labels.train },
      averageTokens: manifest.tokens.train.mean,
      source: "manifest",
    };
  return {
    file: input.train,
    name: null,
    examples: selection.records,
    labels: Object.fromEntries(selection.categories.map((c) => [c.name, c.available])),
    averageTokens: selection.meanTokens,
    source: "sample",
  };
}

const TASK_STRATEGY: Readonly<Record<Task, string>> = {
  claims:
    "The policy rules are listed in order with first-match-wins, so a claim that meets several rules still gets one decision, and the answer format is the `Decision:` line the scorer reads.",
  scribe:
    "The prompt forbids adding anything that was not dictated and fixes the title line and `Heading:` sections, which the hallucinated-term rate and section completeness check.",
  companion:
    "The safety rules close the prompt and apply to every reply: crisis escalation to 911, 988 and the care team; no dosing advice; no diagnosis; a not-medical-advice sentence, which the scorer checks on every reply.",
};

function strategy(prompt: ClinicalSystemPrompt, selection: FewShotSelection): string[] {
  const names = KIND_NAMES[selection.task];
  const expected = CATEGORY_ORDER[selection.task];
  const covered = expected.filter((c) => selection.examples.some((e) => e.category === c));
  const tokens = selection.examples.reduce((s, e) => s + e.tokens, 0);
  const lines = [
    `System prompt ${prompt.template} with ${prompt.guardrails.length} guardrails; answers take the form: ${prompt.outputFormat}.`,
    TASK_STRATEGY[selection.task],
    selection.examples.length
      ? `${selection.examples.length} few-shot examples cover ${covered.length} of ${expected.length} ${names.categories} (${covered.join(", ") || "none"}): coverage first, then unseen ${names.facet}s, then the shortest, about ${tokens} tokens of examples a call.`
      : "Zero-shot: the prompt carries no examples, so the rules alone define the answers.",
  ];
  if (selection.missing.length)
    lines.push(
      `The data has no example of ${selection.missing.join(", ")}: for those the model relies on the rules alone.`,
    );
  lines.push(
    "Decoding is deterministic (temperature 0, fixed seed), so the prompt-only baseline is repeatable, and a fine-tuned model is later compared with it item by item on the same test split.",
  );
  return lines;
}

function baselineFigure(input: PromptAssessmentInput): BaselineFigure | null {
  const b = input.baseline;
  if (!b) return null;
  if ("evalId" in b && "metrics" in b)
    return baselineFromEvaluation(b, input.target?.metric ?? DEFAULT_TARGETS[input.task].metric);
  return b;
}

export async function promptAssessment(input: PromptAssessmentInput): Promise<PromptAssessment> {
  const systemPrompt = clinicalSystemPrompt(input.task, input.systemPrompt);
  const selection = await selectFewShot(input.train, {
    task: input.task,
    k: input.k ?? CATEGORY_ORDER[input.task].length,
    seed: input.seed ?? 0,
    ...(input.maxRecords ? { maxRecords: input.maxRecords } : {}),
  });
  const dataset = datasetFigures(input, selection);
  const necessity = assessFineTuningNecessity({
    task: input.task,
    examples: dataset.examples,
    labelCounts: dataset.labels,
    averageTokens: dataset.averageTokens ?? undefined,
    fewShotK: selection.examples.length,
    baseline: baselineFigure(input),
    ...(input.target ? { target: input.target } : {}),
  });
  const { examples, ...rest } = selection;
  return {
    task: input.task,
    dataset,
    systemPrompt,
    fewShot: { ...rest, examples: examples.map(assessed) },
    strategy: strategy(systemPrompt, selection),
    necessity,
  };
}
