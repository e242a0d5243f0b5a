/**
 * Figures with their 95% intervals: every metric of a task, computed from the per-item scores through the
 * metric's additive components. Rates get a Wilson interval (exact enough at any n, never outside [0, 1]);
 * every other metric a seeded percentile bootstrap over items, so the same scores give the same interval.
 */
import { bootstrapInterval } from "../stats/bootstrap.js";
import { buildMatrix, type ComponentMatrix, sumRows } from "../stats/component-matrix.js";
import { wilsonInterval } from "../stats/wilson.js";
import type { ItemScore, MetricDef, MetricValue } from "./types.js";

export const DEFAULT_SEED = 20261203;
export const DEFAULT_DRAWS = 10_000;

export interface MetricOptions {
  draws?: number;
  seed?: number;
  level?: number;
}

/** The item-by-component matrix of one metric (row i = scores[i]). */
export function metricMatrix(def: MetricDef, scores: readonly ItemScore[]): ComponentMatrix {
  return buildMatrix(
    scores.map((s) => def.components(s)),
    def.width,
  );
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

export function computeMetric(
  def: MetricDef,
  scores: readonly ItemScore[],
  options: MetricOptions = {},
): MetricValue {
  const level = options.level ?? 0.95;
  const matrix = metricMatrix(def, scores);
  const sums = sumRows(matrix);
  const value = def.finalize(sums, matrix.n);
  const base = {
    name: def.name,
    label: def.label,
    direction: def.direction,
    kind: def.kind,
    critical: def.critical ?? false,
  };
  if (def.kind === "rate") {
    const [k, n] = [sums[0]!, sums[1]!];
    const ci = n > 0 ? wilsonInterval(k, n, level) : null;
    return {
      ...base,
      value: finite(value),
      interval: ci ? { low: ci.low, high: ci.high, method: "wilson", level } : null,
      n,
    };
  }
  const ci =
    matrix.n > 1 && Number.isFinite(value)
      ? bootstrapInterval(matrix, def.finalize, {
          draws: options.draws ?? DEFAULT_DRAWS,
          seed: options.seed ?? DEFAULT_SEED,
          level,
        })
      : null;
  return {
    ...base,
    value: finite(value),
    interval:
      ci && Number.isFinite(ci.low) && Number.isFinite(ci.high)
        ? { low: ci.low, high: ci.high, method: "bootstrap", level }
        : null,
    n: matrix.n,
  };
}

/** All of a task's metrics over the scored items. */
export function computeMetrics(
  defs: readonly MetricDef[],
  scores: readonly ItemScore[],
  options: MetricOptions = {},
): MetricValue[] {
  return defs.map((def) => computeMetric(def, scores, options));
}
