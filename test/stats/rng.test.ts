import { describe, expect, it } from "vitest";
import { seededIndexSampler } from "../../src/stats/rng.js";

const draw = (seed: number, n: number, count: number) => {
  const out = new Uint32Array(count);
  seededIndexSampler(seed)(n, out);
  return Array.from(out);
};

describe("seededIndexSampler", () => {
  it("gives the same indices for the same seed and different ones for another", () => {
    expect(draw(42, 1000, 50)).toEqual(draw(42, 1000, 50));
    expect(draw(42, 1000, 50)).not.toEqual(draw(43, 1000, 50));
  });
  it("advances its state across calls", () => {
    const sample = seededIndexSampler(7);
    const first = new Uint32Array(20);
    const second = new Uint32Array(20);
    sample(1000, first);
    sample(1000, second);
    expect(Array.from(first)).not.toEqual(Array.from(second));
  });
  it("stays in [0, n) and hits every value", () => {
    for (const n of [1, 2, 3, 10, 997, 2 ** 21, 2 ** 21 + 1, 3_000_000_000]) {
      const values = draw(n, n, 2000);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...values)).toBeLessThan(n);
    }
    expect(new Set(draw(1, 7, 500)).size).toBe(7);
    expect(draw(3, 1, 10)).toEqual(new Array(10).fill(0));
  });
  it("is close to uniform (χ² over 10 cells, 9 degrees of freedom)", () => {
    for (const [seed, n] of [
      [1, 10],
      [2, 10],
      [20261203, 10],
    ] as const) {
      const counts = new Array(n).fill(0);
      for (const v of draw(seed, n, 100_000)) counts[v]++;
      const expected = 100_000 / n;
      const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
      // The 99.9th percentile of χ²(9) is 27.9.
      expect(chi2).toBeLessThan(27.9);
    }
  });
  it("gives nearby seeds unrelated first draws", () => {
    const firsts = Array.from({ length: 50 }, (_, seed) => draw(seed, 1000, 1)[0]!);
    expect(new Set(firsts).size).toBeGreaterThan(40);
  });
  it("rejects an empty or non-integer range", () => {
    const sample = seededIndexSampler(1);
    expect(() => sample(0, new Uint32Array(1))).toThrow(/n must/);
    expect(() => sample(2.5, new Uint32Array(1))).toThrow(/n must/);
    expect(() => seededIndexSampler(Number.NaN)).toThrow(/seed/);
  });
});
