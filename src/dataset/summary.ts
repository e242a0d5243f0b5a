/** Distribution summary of a list of numbers (tokens per example and the like). */
export interface Summary {
  count: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  p5: number;
  p95: number;
  sum: number;
}

/** Percentile by linear interpolation between closest ranks (numpy's default), on sorted input. */
function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = (sorted.length - 1) * q;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  return a + (sorted[hi]! - a) * (rank - lo);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function summarize(values: readonly number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of values) sum += v;
  const count = values.length;
  return {
    count,
    min: count ? sorted[0]! : 0,
    max: count ? sorted[count - 1]! : 0,
    mean: count ? round2(sum / count) : 0,
    median: round2(percentile(sorted, 0.5)),
    p5: round2(percentile(sorted, 0.05)),
    p95: round2(percentile(sorted, 0.95)),
    sum,
  };
}
