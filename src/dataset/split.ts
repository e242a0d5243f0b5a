/**
 * Deterministic train/test split, stratified by label: each label's items are shuffled with the seed
 * and the test share taken from each, so every label with two or more items has support in both
 * splits. Both splits keep the source order.
 */
import { Random } from "./random.js";

export interface Split<T> {
  train: T[];
  test: T[];
}

export function stratifiedSplit<T extends { label: string }>(
  items: readonly T[],
  testFraction: number,
  seed: number,
): Split<T> {
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const group = groups.get(item.label);
    if (group) group.push(i);
    else groups.set(item.label, [i]);
  });
  const inTest = new Uint8Array(items.length);
  const random = new Random(seed);
  for (const label of [...groups.keys()].sort()) {
    const indices = groups.get(label)!;
    random.shuffle(indices);
    let take = Math.round(indices.length * testFraction);
    if (testFraction > 0 && indices.length >= 2) take = Math.min(Math.max(take, 1), indices.length - 1);
    for (let k = 0; k < take; k++) inTest[indices[k]!] = 1;
  }
  const train: T[] = [];
  const test: T[] = [];
  items.forEach((item, i) => {
    (inTest[i] ? test : train).push(item);
  });
  return { train, test };
}

export function countLabels(items: readonly { label: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { label } of items) counts[label] = (counts[label] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
