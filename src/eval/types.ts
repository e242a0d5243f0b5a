/**
 * The shapes of evaluation: a suite of items, what a scorer says about one prediction, and metric
 * definitions that every figure (with its interval) and every paired comparison is computed from.
 *
 * A metric is defined over additive per-item components, so that a bootstrap draw is a sum over the drawn
 * items followed by `finalize`: accuracy is [correct, 1]; a conditional rate such as the false-approval
 * rate is [approved-and-denied, denied]; micro F1 is [tp, fp, fn]; macro F1 is the confusion matrix one-hot;
 * a mean (ROUGE-L) is [value, 1]. That keeps 10,000 draws over 10,000 items a matter of seconds, and lets
 * regression compare two runs item by item with the same code.
 */
import type { ChatMessage } from "../dataset/chat.js";

export const EVAL_TASKS = ["claims", "scribe", "companion", "mcq"] as const;
export type EvalTask = (typeof EVAL_TASKS)[number];

export interface SuiteItem {
  /** Stable across runs: derived from the prompt and the reference, never from the line number. */
  id: string;
  /** 1-based line in the suite file (for messages). */
  line: number;
  /** What the model is sent: every message but the last assistant one. */
  messages: ChatMessage[];
  /** The last assistant message of the item: what a good answer says. */
  reference: string;
  /** Multiple choice: option letter → option text (A–E), and the gold letter. */
  choices?: Record<string, string>;
  answer?: string;
}

export interface Suite {
  path: string;
  sha256: string;
  /** File name without extension unless given (e.g. "test", "medqa-fixture"). */
  name: string;
  task: EvalTask;
  /** "chat" for chat JSONL, else the benchmark format it was read from. */
  format: "chat" | "medqa" | "pubmedqa" | "medmcqa";
  items: SuiteItem[];
}

/** What a scorer says about one prediction against its item. */
export interface ItemScore {
  /** The answer read from the prediction (a decision, an option letter), or null when none was found. */
  extracted: string | null;
  /** The same read from the reference (claims: the gold decision; mcq: the gold letter). */
  gold: string | null;
  /** Item-level right/wrong where the task has one; null where it has not (scribe). */
  correct: boolean | null;
  /** Per-item figures, e.g. { rougeL: 0.62, sectionCompleteness: 1, termTp: 7, termFp: 2, termFn: 1 }. */
  values: Record<string, number>;
  /** Short human notes (which safety rule broke, which terms were invented); never the raw text. */
  notes?: string[];
}

export type Direction = "higher" | "lower";

export interface MetricDef {
  /** camelCase, stable: used in thresholds files, the ledger and reports (e.g. "falseApprovalRate"). */
  name: string;
  /** Human label, e.g. "false-approval rate". */
  label: string;
  /** Which way is better. */
  direction: Direction;
  /**
   * "rate": finalize is num/den of two 0/1 components — Wilson interval, McNemar for paired comparison.
   * "set": anything else — bootstrap interval, paired bootstrap for comparison.
   */
  kind: "rate" | "set";
  /** How many components each item contributes. */
  width: number;
  /** The item's components (length `width`); all zeros for an item outside the metric's denominator. */
  components(score: ItemScore): number[];
  /** The metric from component sums over a set of items (n = how many items were summed). NaN if undefined. */
  finalize(sums: Float64Array, n: number): number;
  /** A drop in this metric is a patient-safety or financial risk: a FAIL means rollback. */
  critical?: boolean;
}

/** A task's scoring: how to read one prediction, and the metrics over many. */
export interface TaskScorer {
  task: EvalTask;
  score(item: SuiteItem, prediction: string): ItemScore;
  metrics: MetricDef[];
}

export interface Interval {
  low: number;
  high: number;
  method: "wilson" | "bootstrap";
  /** Confidence level, 0.95 unless told. */
  level: number;
}

export interface MetricValue {
  name: string;
  label: string;
  direction: Direction;
  kind: "rate" | "set";
  critical: boolean;
  /** NaN becomes null in JSON: no item was in the denominator. */
  value: number | null;
  interval: Interval | null;
  /** Items in the denominator (rates) or scored items (set metrics). */
  n: number;
}

/** One evaluation as recorded in the ledger and printed by `cft evaluate --json`. */
export interface EvaluationSummary {
  evalId: string;
  suite: {
    path: string;
    name: string;
    sha256: string;
    task: EvalTask;
    format: Suite["format"];
    items: number;
  };
  /** The model's name at its endpoint (a fine-tuned id, a deployment, "llama3.1:8b"…), or the predictions file's label. */
  model: string;
  /** Where predictions came from: an endpoint URL, or "predictions:<file>". */
  source: string;
  /** The fine-tuning run this model came from, when known. */
  runId: string | null;
  createdAt: string;
  metrics: MetricValue[];
  counts: { items: number; scored: number; noAnswer: number; errors: number };
  latencyMs: { mean: number; p50: number; p95: number } | null;
}
