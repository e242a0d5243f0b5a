/**
 * A percentile of a sample with a distribution-free confidence interval. Latencies are skewed and
 * heavy-tailed, so no normal approximation of the values themselves: the interval is a pair of order
 * statistics, chosen so that the number of observations below the true percentile — Binomial(n, p) —
 * falls between them with the confidence asked for (normal approximation to that binomial, with a
 * continuity step outward). With too few observations for a bound, that bound is null: the sample cannot
 * tell where the percentile's tail ends.
 */
import { normalQuantile } from "./wilson.js";

export interface QuantileEstimate {
  /** Nearest-rank percentile of the sample. */
  value: number;
  low: number | null;
  high: number | null;
  n: number;
}

/** The P-th quantile (0 < P < 1) of SORTED (ascending), or null for an empty sample. */
export function quantileInterval(
  sorted: readonly number[],
  p: number,
  level = 0.95,
): QuantileEstimate | null {
  if (!(p > 0 && p < 1)) throw new Error(`quantileInterval: p must be in (0, 1), got ${p}`);
  const n = sorted.length;
  if (n === 0) return null;
  const z = normalQuantile(1 - (1 - level) / 2);
  const rank = Math.max(1, Math.ceil(n * p));
  const spread = z * Math.sqrt(n * p * (1 - p));
  // 1-based ranks of the order statistics bounding the interval.
  const lowRank = Math.floor(n * p - spread);
  const highRank = Math.ceil(n * p + spread) + 1;
  return {
    value: sorted[rank - 1]!,
    low: lowRank >= 1 ? sorted[lowRank - 1]! : null,
    high: highRank <= n ? sorted[highRank - 1]! : null,
    n,
  };
}
