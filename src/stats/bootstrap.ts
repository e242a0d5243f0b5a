/**
 * Percentile bootstrap intervals for metrics defined over additive per-item components, and the paired bootstrap
 * that compares two runs on the same items.
 *
 * A draw picks n items with replacement, sums their component rows and finalizes: F1, ROUGE, macro figures and
 * rates alike, with no per-metric resampling code. Pairing matters for comparisons: both runs are resampled with
 * the SAME items in each draw, so the item-to-item difficulty that both runs share cancels out of the delta and
 * the interval reflects only how differently the two runs did on the same items (a much narrower interval than
 * two independent bootstraps would give).
 *
 * Cost is draws × n × width multiply-adds, so the hot loop allocates nothing: one index buffer, one count buffer
 * and one sums buffer per matrix are reused across draws. `finalize` receives that reused buffer and must not
 * keep it.
 */
import { type ComponentMatrix, countIndices, sumRows, weightedSums } from "./component-matrix.js";
import { seededIndexSampler } from "./rng.js";

export const DEFAULT_DRAWS = 10_000;
export const DEFAULT_SEED = 20261203;
export const DEFAULT_LEVEL = 0.95;

/** The metric from component sums over n items; NaN where it is undefined (e.g. an empty denominator). */
export type Finalize = (sums: Float64Array, n: number) => number;

export interface BootstrapOptions {
  /** Resamples; 10,000 unless told. */
  draws?: number;
  /** Seed of the resampling indices; the same seed on the same data gives the same interval. */
  seed?: number;
  /** Two-sided confidence level, 0.95 unless told. */
  level?: number;
}

export interface BootstrapInterval {
  low: number;
  high: number;
  /** The metric on all items (not the mean of the draws). */
  estimate: number;
  /** Draws requested. */
  draws: number;
  /** Draws on which the metric was defined; the others are left out of the percentiles. */
  finiteDraws: number;
}

export interface PairedBootstrapResult {
  /** finalize(candidate) − finalize(baseline) on all items. */
  delta: number;
  low: number;
  high: number;
  /** Two-sided bootstrap p for "no difference": 2·min(P(δ* ≤ 0), P(δ* ≥ 0)), +1-corrected, capped at 1. */
  pValue: number;
  draws: number;
  finiteDraws: number;
}

interface Resolved {
  draws: number;
  seed: number;
  level: number;
}

function resolveOptions(opts: BootstrapOptions, caller: string): Resolved {
  const draws = opts.draws ?? DEFAULT_DRAWS;
  const seed = opts.seed ?? DEFAULT_SEED;
  const level = opts.level ?? DEFAULT_LEVEL;
  if (!Number.isInteger(draws) || draws < 1) {
    throw new Error(`${caller}: draws must be a positive integer, got ${draws}`);
  }
  if (!Number.isInteger(seed)) throw new Error(`${caller}: seed must be an integer, got ${seed}`);
  if (!(level > 0 && level < 1)) throw new Error(`${caller}: level must be in (0, 1), got ${level}`);
  return { draws, seed, level };
}

/** The q-quantile of sorted values, interpolating between order statistics (R's default, type 7). */
function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Percentile bounds of the finite draws, or NaN bounds when fewer than half the draws were finite: the metric is
 * then undefined on most resamples and percentiles of the rest would describe a biased subset.
 */
function percentileBounds(values: Float64Array, finite: number, draws: number, level: number) {
  if (finite === 0 || finite * 2 < draws) return { low: Number.NaN, high: Number.NaN };
  const sorted = values.subarray(0, finite).sort();
  const alpha = (1 - level) / 2;
  return { low: quantileSorted(sorted, alpha), high: quantileSorted(sorted, 1 - alpha) };
}

/** Percentile bootstrap interval of finalize(Σ rows) over the items of `m`. */
export function bootstrapInterval(
  m: ComponentMatrix,
  finalize: Finalize,
  opts: BootstrapOptions = {},
): BootstrapInterval {
  const { draws, seed, level } = resolveOptions(opts, "bootstrapInterval");
  const n = m.n;
  const estimate = finalize(sumRows(m), n);
  if (n === 0) return { low: Number.NaN, high: Number.NaN, estimate, draws, finiteDraws: 0 };

  const sample = seededIndexSampler(seed);
  const indices = new Uint32Array(n);
  const counts = new Float64Array(n);
  const sums = new Float64Array(m.width);
  const values = new Float64Array(draws);
  let finite = 0;
  for (let d = 0; d < draws; d++) {
    sample(n, indices);
    countIndices(indices, counts);
    weightedSums(m, counts, sums);
    const value = finalize(sums, n);
    if (Number.isFinite(value)) values[finite++] = value;
  }
  return { ...percentileBounds(values, finite, draws, level), estimate, draws, finiteDraws: finite };
}

/**
 * Paired bootstrap of finalize(candidate) − finalize(baseline), where row i of both matrices is the same item.
 * Each draw resamples one set of item indices and applies it to both runs.
 */
export function pairedBootstrap(
  candidate: ComponentMatrix,
  baseline: ComponentMatrix,
  finalize: Finalize,
  opts: BootstrapOptions = {},
): PairedBootstrapResult {
  const { draws, seed, level } = resolveOptions(opts, "pairedBootstrap");
  if (candidate.n !== baseline.n) {
    throw new Error(
      `pairedBootstrap: candidate has ${candidate.n} items but baseline has ${baseline.n}; rows must pair up`,
    );
  }
  if (candidate.width !== baseline.width) {
    throw new Error(
      `pairedBootstrap: candidate has ${candidate.width} components per item but baseline has ${baseline.width}`,
    );
  }
  const n = candidate.n;
  const delta = finalize(sumRows(candidate), n) - finalize(sumRows(baseline), n);
  const none = { delta, low: Number.NaN, high: Number.NaN, pValue: Number.NaN, draws, finiteDraws: 0 };
  if (n === 0) return none;

  const sample = seededIndexSampler(seed);
  const indices = new Uint32Array(n);
  const counts = new Float64Array(n);
  const candidateSums = new Float64Array(candidate.width);
  const baselineSums = new Float64Array(baseline.width);
  const deltas = new Float64Array(draws);
  let finite = 0;
  let atOrBelowZero = 0;
  let atOrAboveZero = 0;
  for (let d = 0; d < draws; d++) {
    sample(n, indices);
    // One set of counts for both runs: that is the pairing.
    countIndices(indices, counts);
    weightedSums(candidate, counts, candidateSums);
    weightedSums(baseline, counts, baselineSums);
    const value = finalize(candidateSums, n) - finalize(baselineSums, n);
    if (!Number.isFinite(value)) continue;
    deltas[finite++] = value;
    if (value <= 0) atOrBelowZero++;
    if (value >= 0) atOrAboveZero++;
  }

  const bounds = percentileBounds(deltas, finite, draws, level);
  if (Number.isNaN(bounds.low)) return { ...none, finiteDraws: finite };
  // The +1 correction counts the observed data as one more draw: the p of a finite bootstrap is never exactly 0.
  const tail = Math.min(atOrBelowZero + 1, atOrAboveZero + 1) / (finite + 1);
  return { delta, ...bounds, pValue: Math.min(1, 2 * tail), draws, finiteDraws: finite };
}
