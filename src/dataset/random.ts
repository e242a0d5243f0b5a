/**
 * A seeded random source for synthetic data and splits. Same seed, same sequence, on every platform:
 * pure-rand's xoroshiro128+ with integer-only distributions (no Math.random, no float drift).
 */
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

type Generator = ReturnType<typeof xoroshiro128plus>;

export class Random {
  private readonly rng: Generator;
  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed | 0);
  }
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }
  /** True with probability numerator/denominator. */
  chance(numerator: number, denominator: number): boolean {
    return this.int(1, denominator) <= numerator;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Random.pick: empty list");
    return items[this.int(0, items.length - 1)] as T;
  }
  /** Picks by integer weights: pickWeighted([["a", 3], ["b", 1]]) returns "a" three times in four. */
  pickWeighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let ticket = this.int(1, total);
    for (const [value, weight] of entries) {
      ticket -= weight;
      if (ticket <= 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
  /** k distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    this.shuffle(copy);
    return copy.slice(0, Math.min(k, copy.length));
  }
  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }
}
