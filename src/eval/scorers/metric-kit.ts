/**
 * Building blocks for metric definitions: a rate (two 0/1 components, numerator and denominator), a mean
 * over the items that have a value, and a ratio of two summed counts. Each finalizes to NaN when nothing
 * was in its denominator.
 */
import type { Direction, ItemScore, MetricDef } from "../types.js";

interface Named {
  name: string;
  label: string;
  direction: Direction;
  critical?: boolean;
}

/** Σ component 0 / Σ component 1: every builder here finalizes this way. */
const quotient = (sums: Float64Array) =>
  (sums[1] as number) > 0 ? (sums[0] as number) / (sums[1] as number) : Number.NaN;

/** The fields every two-component metric shares; `critical` only when set. */
const twoComponents = (def: Named, kind: MetricDef["kind"]) => ({
  name: def.name,
  label: def.label,
  direction: def.direction,
  kind,
  width: 2,
  finalize: quotient,
  ...(def.critical ? { critical: true } : {}),
});

/** num/den over items; `test` returns null for an item outside the denominator. */
export function rateMetric(def: Named, test: (score: ItemScore) => boolean | null): MetricDef {
  return {
    ...twoComponents(def, "rate"),
    components(score) {
      const hit = test(score);
      return hit === null ? [0, 0] : [hit ? 1 : 0, 1];
    },
  };
}

/** The mean of a per-item value over the items that have one (null: not in the denominator). */
export function meanMetric(def: Named, value: (score: ItemScore) => number | null): MetricDef {
  return {
    ...twoComponents(def, "set"),
    components(score) {
      const v = value(score);
      return v === null || !Number.isFinite(v) ? [0, 0] : [v, 1];
    },
  };
}

/** Σ numerator / Σ denominator of two per-item counts (micro-averaged, not a mean of ratios). */
export function ratioMetric(def: Named, parts: (score: ItemScore) => [number, number]): MetricDef {
  return { ...twoComponents(def, "set"), components: (score) => parts(score) };
}

/** A per-item value from `values`, or null when the scorer did not set it. */
export function itemValue(score: ItemScore, key: string): number | null {
  const v = score.values[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
