/**
 * Figures with their 95% intervals: every metric of a task, computed from the per-item scores through the
 * metric's additive components. Rates get a Wilson interval (exact enough at any n, never outside [0, 1]);
 * every other metric a seeded percentile bootstrap over items, so the same scores give the same interval.
 */
import { buildMatrix, type ComponentMatrix, sumRows } from "../stats/component-matrix.js";
import { bootstrapMany } from "../stats/paired-many.js";
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

function base(def: MetricDef) {
  return {
    name: def.name,
    label: def.label,
    direction: def.direction,
    kind: def.kind,
    critical: def.critical ?? false,
  };
}

/** A rate with its Wilson interval. */
function rateValue(def: MetricDef, matrix: ComponentMatrix, level: number): MetricValue {
  const sums = sumRows(matrix);
  const value = def.finalize(sums, matrix.n);
  const [k, n] = [sums[0]!, sums[1]!];
  const ci = n > 0 ? wilsonInterval(k, n, level) : null;
  return {
    ...base(def),
    value: finite(value),
    interval: ci ? { low: ci.low, high: ci.high, method: "wilson", level } : null,
    n,
  };
}

/**
 * All of a task's metrics over the scored items. The set metrics share one seeded bootstrap: every draw
 * resamples the items once for all of them.
 */
export function computeMetrics(
  defs: readonly MetricDef[],
  scores: readonly ItemScore[],
  options: MetricOptions = {},
): MetricValue[] {
  const level = options.level ?? 0.95;
  const matrices = defs.map((def) => metricMatrix(def, scores));
  const setIndexes = defs.flatMap((def, i) => (def.kind === "set" ? [i] : []));
  const boots =
    scores.length > 1 && setIndexes.length
      ? bootstrapMany(
          setIndexes.map((i) => ({ matrix: matrices[i]!, finalize: defs[i]!.finalize })),
          { draws: options.draws ?? DEFAULT_DRAWS, seed: options.seed ?? DEFAULT_SEED, level },
        )
      : [];
  return defs.map((def, i) => {
    const matrix = matrices[i]!;
    if (def.kind === "rate") return rateValue(def, matrix, level);
    const value = def.finalize(sumRows(matrix), matrix.n);
    const boot = boots[setIndexes.indexOf(i)];
    const ci =
      boot && Number.isFinite(value) && Number.isFinite(boot.low) && Number.isFinite(boot.high)
        ? { low: boot.low, high: boot.high, method: "bootstrap" as const, level }
        : null;
    return { ...base(def), value: finite(value), interval: ci, n: matrix.n };
  });
}
