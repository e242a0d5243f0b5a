/**
 * An evaluation end to end: predictions (from a model endpoint, through the cache, or from a file), a score
 * per item, the task's metrics with their intervals, and one ledger record holding the summary and every
 * item. Nothing is recorded until everything is scored, so an interrupted run leaves only cached answers.
 */
import { randomUUID } from "node:crypto";
import type { EvaluationItem } from "../ledger/evaluations.js";
import { recordEvaluation } from "../ledger/evaluations.js";
import type { Db } from "../ledger/ledger.js";
import type { ChatClient } from "./chat-client.js";
import { computeMetrics, type MetricOptions } from "./metrics.js";
import { predictSuite } from "./predict.js";
import { readPredictions } from "./predictions-file.js";
import { scorerFor } from "./scorers/index.js";
import type { EvaluationSummary, ItemScore, Suite } from "./types.js";

export type PredictionSource =
  | { kind: "endpoint"; client: ChatClient; concurrency: number }
  | { kind: "predictions"; path: string; label: string };

export interface EvaluateInput {
  suite: Suite;
  source: PredictionSource;
  runId: string | null;
  metricOptions?: MetricOptions;
  onProgress?: (done: number, total: number, cached: number) => void;
  signal?: AbortSignal;
}

export interface EvaluationResult {
  summary: EvaluationSummary;
  items: EvaluationItem[];
  /** Cached answers reused (endpoint runs). */
  cached: number;
}

function percentile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

function latencyOf(items: readonly EvaluationItem[]): EvaluationSummary["latencyMs"] {
  const values = items
    .map((i) => i.latencyMs)
    .filter((x): x is number => x !== null)
    .sort((a, b) => a - b);
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, p50: percentile(values, 0.5), p95: percentile(values, 0.95) };
}

export async function evaluate(db: Db, input: EvaluateInput): Promise<EvaluationResult> {
  const { suite, source } = input;
  const scorer = scorerFor(suite.task);
  const answers = new Map<
    string,
    { prediction: string | null; latencyMs: number | null; error: string | null }
  >();
  let cached = 0;
  if (source.kind === "endpoint") {
    const results = await predictSuite(db, source.client, suite.items, {
      concurrency: source.concurrency,
      onProgress: input.onProgress,
      signal: input.signal,
    });
    for (const [id, r] of results) {
      answers.set(id, r);
      if (r.cached) cached++;
    }
  } else {
    for (const [id, prediction] of await readPredictions(source.path, suite.items))
      answers.set(id, { prediction, latencyMs: null, error: null });
  }

  const items: EvaluationItem[] = suite.items.map((item) => {
    const answer = answers.get(item.id);
    const prediction = answer?.prediction ?? null;
    const error = answer ? answer.error : "no prediction for this item";
    const score: ItemScore | null = prediction === null ? null : scorer.score(item, prediction);
    return {
      itemId: item.id,
      line: item.line,
      prediction,
      score,
      latencyMs: answer?.latencyMs ?? null,
      error,
    };
  });
  const scores = items.flatMap((i) => (i.score ? [i.score] : []));
  const summary: EvaluationSummary = {
    evalId: `eval-${randomUUID().slice(0, 8)}`,
    suite: {
      path: suite.path,
      name: suite.name,
      sha256: suite.sha256,
      task: suite.task,
      format: suite.format,
      items: suite.items.length,
    },
    model: source.kind === "endpoint" ? source.client.label : source.label,
    source: source.kind === "endpoint" ? source.client.endpoint : `predictions:${source.path}`,
    runId: input.runId,
    createdAt: new Date().toISOString(),
    metrics: computeMetrics(scorer.metrics, scores, input.metricOptions),
    counts: {
      items: suite.items.length,
      scored: scores.length,
      noAnswer: scores.filter((s) => s.extracted === null && s.gold !== null).length,
      errors: items.filter((i) => i.score === null).length,
    },
    latencyMs: latencyOf(items),
  };
  recordEvaluation(db, summary, items);
  return { summary, items, cached };
}
