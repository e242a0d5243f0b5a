/**
 * A regression test: the candidate evaluation against the baseline, paired item by item on the items both
 * scored, every metric of the task compared (Holm-corrected across them), a verdict per metric, one overall,
 * and the recommendation that follows. Pure: the ledger and the files are the caller's.
 */
import { randomUUID } from "node:crypto";
import type { EvalTask, EvaluationSummary, MetricDef } from "../eval/types.js";
import type { EvaluationItem } from "../ledger/evaluations.js";
import { redact } from "../phi/redact.js";
import { holm } from "../stats/multiple-comparisons.js";
import { pairedBootstrapMany } from "../stats/paired-many.js";
import { compareMetric, type MetricDelta, type PairedItem, prepareMetric } from "./compare-metric.js";
import type { Thresholds } from "./thresholds.js";
import type { MetricComparison, RegressedItem, RegressionReport, TrendPoint } from "./types.js";
import { judge, overallVerdict, recommend } from "./verdict.js";

export interface EvaluationData {
  summary: EvaluationSummary;
  items: readonly EvaluationItem[];
}

export interface RegressInput {
  task: EvalTask;
  metrics: readonly MetricDef[];
  baseline: EvaluationData;
  candidate: EvaluationData;
  thresholds: Thresholds;
  /** Earlier evaluations of the same suite (any order); the trend is built from them. */
  history: readonly EvaluationSummary[];
  draws?: number;
  seed?: number;
  /** Most regressed items listed in the report. */
  maxItems?: number;
}

export const REGRESSION_SEED = 20261203;

function pairItems(baseline: EvaluationData, candidate: EvaluationData): PairedItem[] {
  const byId = new Map(candidate.items.map((i) => [i.itemId, i]));
  const paired: PairedItem[] = [];
  for (const b of baseline.items) {
    const c = byId.get(b.itemId);
    if (b.score && c?.score)
      paired.push({ itemId: b.itemId, line: c.line, baseline: b.score, candidate: c.score });
  }
  return paired;
}

/** Redacted and short: the report shows what changed without repeating PHI or whole notes. */
function excerpt(text: string | null | undefined): string {
  if (!text) return "(no answer)";
  const clean = redact(text.length > 20_000 ? text.slice(0, 20_000) : text)
    .replace(/\s+/g, " ")
    .trim();
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}

function trendOf(history: readonly EvaluationSummary[], candidate: EvaluationSummary): TrendPoint[] {
  const all = [...history.filter((h) => h.evalId !== candidate.evalId), candidate];
  all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return all.map((e) => ({
    evalId: e.evalId,
    createdAt: e.createdAt,
    model: e.model,
    metrics: Object.fromEntries(e.metrics.map((m) => [m.name, m.value])),
  }));
}

export function regress(input: RegressInput): RegressionReport {
  const draws = input.draws ?? 10_000;
  const seed = input.seed ?? REGRESSION_SEED;
  const paired = pairItems(input.baseline, input.candidate);
  const prepared = input.metrics.map((def) => prepareMetric(def, paired));
  // One resample of the items per draw serves every metric.
  const boots = pairedBootstrapMany(
    prepared.map((p) => p.pair),
    { draws, seed, level: 0.95 },
  );
  const deltas: MetricDelta[] = prepared.map((p, i) => compareMetric(p, paired, boots[i]!));
  const adjusted = holm(deltas.map((d) => d.pValue));
  const metrics: MetricComparison[] = input.metrics.map((def, i) => {
    const d = deltas[i]!;
    const threshold = input.thresholds.of(def);
    const { verdict, reason } = judge(
      {
        delta: d.delta,
        low: d.low,
        high: d.high,
        n: d.n,
        adjustedP: adjusted[i]!,
        kind: def.kind,
        direction: def.direction,
      },
      threshold,
    );
    const num = (x: number) => (Number.isFinite(x) ? x : null);
    return {
      name: def.name,
      label: def.label,
      direction: def.direction,
      kind: def.kind,
      critical: threshold.critical,
      baseline: num(d.baseline),
      candidate: num(d.candidate),
      delta: num(d.delta),
      interval:
        Number.isFinite(d.low) && Number.isFinite(d.high) ? { low: d.low, high: d.high, level: 0.95 } : null,
      test: d.test,
      pValue: num(d.pValue),
      adjustedP: num(adjusted[i]!),
      n: d.n,
      improved: d.improved,
      regressed: d.regressed,
      unchanged: d.unchanged,
      threshold,
      verdict,
      reason,
    };
  });

  const regressedOn = new Map<string, string[]>();
  deltas.forEach((d, i) => {
    for (const id of d.regressedItems)
      regressedOn.set(id, [...(regressedOn.get(id) ?? []), metrics[i]!.name]);
  });
  const baseById = new Map(input.baseline.items.map((i) => [i.itemId, i]));
  const candById = new Map(input.candidate.items.map((i) => [i.itemId, i]));
  const regressedItems: RegressedItem[] = [...regressedOn.entries()]
    .sort((a, b) => b[1].length - a[1].length || candById.get(a[0])!.line - candById.get(b[0])!.line)
    .slice(0, input.maxItems ?? 50)
    .map(([itemId, names]) => ({
      itemId,
      line: candById.get(itemId)!.line,
      baseline: excerpt(baseById.get(itemId)?.prediction),
      candidate: excerpt(candById.get(itemId)?.prediction),
      metrics: names,
    }));

  const { candidate, baseline } = input;
  return {
    regressionId: randomUUID(),
    task: input.task,
    suite: { name: candidate.summary.suite.name, sha256: candidate.summary.suite.sha256 },
    candidate: { evalId: candidate.summary.evalId, model: candidate.summary.model },
    baseline: { evalId: baseline.summary.evalId, model: baseline.summary.model },
    sharedItems: paired.length,
    verdict: overallVerdict(metrics),
    recommendation: recommend(metrics),
    metrics,
    regressedItems,
    trend: trendOf(input.history, candidate.summary),
    thresholdsSource: input.thresholds.source,
    seed,
    draws,
    createdAt: new Date().toISOString(),
  };
}
