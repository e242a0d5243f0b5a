/**
 * The paired bootstrap of several metrics at once, as a regression test needs it: every draw resamples
 * the items once and all metrics are summed over that same resample. Sharing the draws costs nothing in
 * validity (each metric's interval is still a percentile of its own draws) and saves the sampling that
 * would otherwise be repeated per metric. The matrices are stored sparse, so items outside a conditional
 * rate's denominator cost nothing and a one-hot confusion cell costs one multiply-add, not twelve.
 */
import type { Finalize, PairedBootstrapResult } from "./bootstrap.js";
import { type ComponentMatrix, countIndices, sumRows } from "./component-matrix.js";
import { seededIndexSampler } from "./rng.js";

export interface MetricPair {
  candidate: ComponentMatrix;
  baseline: ComponentMatrix;
  finalize: Finalize;
}

/**
 * One run's matrix in compressed sparse rows, keeping only the items with a non-zero component: a one-hot
 * confusion cell is one entry instead of twelve, a conditional rate's outside items are no entries at all.
 */
interface Sparse {
  /** Item index of each kept row. */
  rows: Uint32Array;
  /** Entries of row r are start[r] … start[r + 1] − 1. */
  start: Uint32Array;
  cols: Uint8Array | Uint16Array;
  vals: Float64Array;
  width: number;
}

function sparse(m: ComponentMatrix): Sparse {
  const { width, n, data } = m;
  const rows: number[] = [];
  const start: number[] = [0];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = cols.length;
    for (let j = 0; j < width; j++) {
      const v = data[i * width + j]!;
      if (v !== 0) {
        cols.push(j);
        vals.push(v);
      }
    }
    if (cols.length > before) {
      rows.push(i);
      start.push(cols.length);
    }
  }
  return {
    rows: Uint32Array.from(rows),
    start: Uint32Array.from(start),
    cols: width <= 256 ? Uint8Array.from(cols) : Uint16Array.from(cols),
    vals: Float64Array.from(vals),
    width,
  };
}

function sparseSums(m: Sparse, counts: Float64Array, sums: Float64Array): void {
  sums.fill(0);
  const { rows, start, cols, vals } = m;
  for (let r = 0; r < rows.length; r++) {
    const w = counts[rows[r]!]!;
    if (w === 0) continue;
    for (let e = start[r]!, end = start[r + 1]!; e < end; e++)
      sums[cols[e]!] = sums[cols[e]!]! + w * vals[e]!;
  }
}

function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Items that look the same to every metric in both runs are interchangeable in a draw: only how many of
 * each kind were drawn matters. Claims have a few dozen kinds (gold × baseline answer × candidate answer),
 * so a draw becomes n increments plus a few dozen multiply-adds per metric instead of a pass over all items.
 * Real-valued metrics (ROUGE-L) make nearly every item its own kind; then the sparse rows are summed.
 */
function itemKinds(
  pairs: readonly MetricPair[],
  n: number,
): { kindOf: Uint32Array; representatives: number[] } {
  const kindOf = new Uint32Array(n);
  const byKey = new Map<string, number>();
  const representatives: number[] = [];
  for (let i = 0; i < n; i++) {
    let key = "";
    for (const p of pairs) {
      const w = p.candidate.width;
      for (let j = 0; j < w; j++) key += `${p.candidate.data[i * w + j]},${p.baseline.data[i * w + j]};`;
    }
    let kind = byKey.get(key);
    if (kind === undefined) {
      kind = representatives.length;
      byKey.set(key, kind);
      representatives.push(i);
    }
    kindOf[i] = kind;
  }
  return { kindOf, representatives };
}

/** A run's rows, one per kind of item (the representative's row). */
function rowsOfKinds(m: ComponentMatrix, representatives: readonly number[]): Float64Array {
  const out = new Float64Array(representatives.length * m.width);
  representatives.forEach((i, k) => {
    out.set(m.data.subarray(i * m.width, (i + 1) * m.width), k * m.width);
  });
  return out;
}

function kindSums(rows: Float64Array, width: number, kindCounts: Float64Array, sums: Float64Array): void {
  sums.fill(0);
  for (let k = 0, o = 0; k < kindCounts.length; k++, o += width) {
    const w = kindCounts[k]!;
    if (w === 0) continue;
    for (let j = 0; j < width; j++) sums[j] = sums[j]! + w * rows[o + j]!;
  }
}

export function pairedBootstrapMany(
  pairs: readonly MetricPair[],
  opts: { draws: number; seed: number; level: number },
): PairedBootstrapResult[] {
  return bootstrapDraws(pairs, opts, "delta");
}

/**
 * Percentile intervals of several metrics of ONE run over the same resamples (the candidate matrices; the
 * baselines are ignored). `delta` in the results is then the metric itself, and `pValue` is not meaningful.
 */
export function bootstrapMany(
  metrics: readonly { matrix: ComponentMatrix; finalize: Finalize }[],
  opts: { draws: number; seed: number; level: number },
): PairedBootstrapResult[] {
  const pairs = metrics.map((m) => ({ candidate: m.matrix, baseline: m.matrix, finalize: m.finalize }));
  return bootstrapDraws(pairs, opts, "value");
}

function bootstrapDraws(
  pairs: readonly MetricPair[],
  opts: { draws: number; seed: number; level: number },
  mode: "delta" | "value",
): PairedBootstrapResult[] {
  const n = pairs[0]?.candidate.n ?? 0;
  for (const p of pairs)
    if (p.candidate.n !== n || p.baseline.n !== n || p.candidate.width !== p.baseline.width)
      throw new Error("bootstrap: every matrix must have the same items, paired row by row");
  const deltas = pairs.map(
    (p) => p.finalize(sumRows(p.candidate), n) - (mode === "delta" ? p.finalize(sumRows(p.baseline), n) : 0),
  );
  const values = pairs.map(() => new Float64Array(opts.draws));
  const finite = new Array<number>(pairs.length).fill(0);
  const below = new Array<number>(pairs.length).fill(0);
  const above = new Array<number>(pairs.length).fill(0);
  if (n > 0) {
    const { kindOf, representatives } = itemKinds(pairs, n);
    const byKind = representatives.length * 4 <= n;
    const kindRows = byKind
      ? pairs.map((p) => ({
          candidate: rowsOfKinds(p.candidate, representatives),
          baseline: rowsOfKinds(p.baseline, representatives),
        }))
      : [];
    const compacts = byKind
      ? []
      : pairs.map((p) => ({ candidate: sparse(p.candidate), baseline: sparse(p.baseline) }));
    const sample = seededIndexSampler(opts.seed);
    const indices = new Uint32Array(n);
    const counts = new Float64Array(byKind ? representatives.length : n);
    const sums = pairs.map(
      (p) => [new Float64Array(p.candidate.width), new Float64Array(p.baseline.width)] as const,
    );
    for (let d = 0; d < opts.draws; d++) {
      sample(n, indices);
      if (byKind) {
        counts.fill(0);
        for (let k = 0; k < n; k++) counts[kindOf[indices[k]!]!] = counts[kindOf[indices[k]!]!]! + 1;
      } else countIndices(indices, counts);
      for (let m = 0; m < pairs.length; m++) {
        const [cs, bs] = sums[m]!;
        if (byKind) {
          const width = pairs[m]!.candidate.width;
          kindSums(kindRows[m]!.candidate, width, counts, cs);
          if (mode === "delta") kindSums(kindRows[m]!.baseline, width, counts, bs);
        } else {
          sparseSums(compacts[m]!.candidate, counts, cs);
          if (mode === "delta") sparseSums(compacts[m]!.baseline, counts, bs);
        }
        const value = pairs[m]!.finalize(cs, n) - (mode === "delta" ? pairs[m]!.finalize(bs, n) : 0);
        if (!Number.isFinite(value)) continue;
        const k = finite[m]!;
        values[m]![k] = value;
        finite[m] = k + 1;
        if (value <= 0) below[m] = below[m]! + 1;
        if (value >= 0) above[m] = above[m]! + 1;
      }
    }
  }
  const alpha = (1 - opts.level) / 2;
  return pairs.map((_, m) => {
    const f = finite[m]!;
    if (f === 0 || f * 2 < opts.draws)
      return {
        delta: deltas[m]!,
        low: Number.NaN,
        high: Number.NaN,
        pValue: Number.NaN,
        draws: opts.draws,
        finiteDraws: f,
      };
    const sorted = values[m]!.subarray(0, f).sort();
    const tail = Math.min(below[m]! + 1, above[m]! + 1) / (f + 1);
    return {
      delta: deltas[m]!,
      low: quantile(sorted, alpha),
      high: quantile(sorted, 1 - alpha),
      pValue: Math.min(1, 2 * tail),
      draws: opts.draws,
      finiteDraws: f,
    };
  });
}
