/**
 * How many examples of each label a synthetic set holds, and in which order they come: counts by the largest
 * remainder method over integer weights (at least two of each label once n allows it), order drawn by the seed.
 */
import type { Random } from "../random.js";

export interface LabelTarget<L extends string> {
  label: L;
  /** Integer weight; proportions are weight / sum of weights. */
  weight: number;
}

/** Exact counts summing to n: floors of n·w/W, then one more for the largest remainders (ties: list order). */
export function labelCounts(targets: readonly LabelTarget<string>[], n: number): number[] {
  const total = targets.reduce((sum, t) => sum + t.weight, 0);
  const counts = targets.map((t) => Math.floor((n * t.weight) / total));
  let left = n - counts.reduce((a, b) => a + b, 0);
  const byRemainder = targets
    .map((t, i) => ({ i, rem: (n * t.weight) % total }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  if (n >= 2 * targets.length) {
    for (let i = 0; i < counts.length; i++) {
      while ((counts[i] ?? 0) < 2) {
        const donor = counts.indexOf(Math.max(...counts));
        counts[donor] = (counts[donor] ?? 0) - 1;
        counts[i] = (counts[i] ?? 0) + 1;
      }
    }
  }
  return counts;
}

/**
 * The labels in a seeded random order, drawn lazily without replacement: each step picks a label with
 * probability (its remaining count) / (all remaining), which is a uniform shuffle of the multiset.
 */
export function* labelSequence<L extends string>(
  rng: Random,
  targets: readonly LabelTarget<L>[],
  n: number,
): Generator<L> {
  const remaining = labelCounts(targets, n);
  for (let left = n; left > 0; left--) {
    let ticket = rng.int(1, left);
    let i = 0;
    while (ticket > (remaining[i] ?? 0)) {
      ticket -= remaining[i] ?? 0;
      i++;
    }
    remaining[i] = (remaining[i] ?? 0) - 1;
    yield (targets[i] as LabelTarget<L>).label;
  }
}
