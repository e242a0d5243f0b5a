import { describe, expect, it } from "vitest";
import { discordantPairs, mcnemarExact } from "../../src/stats/mcnemar.js";
import { normalQuantile } from "../../src/stats/wilson.js";

/** 2·P(X ≤ k), X ~ Bin(n, ½), in exact integer arithmetic: the reference for moderate n. */
function exactBigInt(b: number, c: number): number {
  const n = BigInt(b + c);
  const k = BigInt(Math.min(b, c));
  let coefficient = 1n;
  let tail = 1n;
  for (let i = 1n; i <= k; i++) {
    coefficient = (coefficient * (n - i + 1n)) / i;
    tail += coefficient;
  }
  const scale = 10n ** 30n;
  const p = Number((2n * tail * scale) / 2n ** n) / 1e30;
  return Math.min(1, p);
}

describe("mcnemarExact", () => {
  it("gives the exact binomial p on small tables", () => {
    // n = 10, P(X ≤ 1) = (1 + 10)/1024.
    expect(mcnemarExact(1, 9)).toBeCloseTo((2 * 11) / 1024, 15);
    expect(mcnemarExact(0, 5)).toBe(0.0625);
    expect(mcnemarExact(10, 30)).toBeCloseTo(exactBigInt(10, 30), 15);
  });
  it("is 1 without discordant items or when they split evenly", () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(7, 7)).toBe(1);
    expect(mcnemarExact(14, 15)).toBe(1);
    expect(mcnemarExact(0, 1)).toBe(1);
  });
  it("is symmetric in b and c", () => {
    for (const [b, c] of [
      [1, 9],
      [3, 20],
      [480, 520],
      [12, 40],
    ] as const) {
      expect(mcnemarExact(b, c)).toBe(mcnemarExact(c, b));
    }
  });
  it("matches exact integer arithmetic at n = 1,000 and stays close to the normal approximation", () => {
    const p = mcnemarExact(480, 520);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(Math.abs(p - exactBigInt(480, 520)) / p).toBeLessThan(1e-12);
    // The continuity-corrected normal deviate (|b − c| − 1)/√(b + c) should reproduce p closely.
    expect(normalQuantile(1 - p / 2)).toBeCloseTo(39 / Math.sqrt(1000), 3);
    expect(Math.abs(mcnemarExact(100, 200) - exactBigInt(100, 200)) / exactBigInt(100, 200)).toBeLessThan(
      1e-12,
    );
  });
  it("stays finite and accurate at a million discordant items", () => {
    // Reference: scipy.stats.binom.cdf(499000, 1e6, 0.5) · 2.
    const p = mcnemarExact(499_000, 501_000);
    expect(Math.abs(p - 0.0456082998653896) / p).toBeLessThan(1e-9);
    expect(normalQuantile(1 - p / 2)).toBeCloseTo(1999 / 1000, 3);
    expect(mcnemarExact(400_000, 600_000)).toBe(0);
    expect(mcnemarExact(500_000, 500_000)).toBe(1);
    // Far tail: the log-space term keeps a tiny but representable p instead of 0 or NaN.
    expect(mcnemarExact(1, 1000)).toBeGreaterThan(0);
    expect(mcnemarExact(1, 1000)).toBeLessThan(1e-290);
  });
  it("rejects counts that are not non-negative integers", () => {
    expect(() => mcnemarExact(-1, 3)).toThrow(/b must/);
    expect(() => mcnemarExact(1, 2.5)).toThrow(/c must/);
    expect(() => mcnemarExact(Number.NaN, 2)).toThrow(/b must/);
  });
});

describe("discordantPairs", () => {
  it("counts the paired 2×2 table from booleans or 0/1", () => {
    const baseline = [1, 1, 0, 0, 1, true, false];
    const candidate = [0, 1, 1, 0, 1, false, true];
    expect(discordantPairs(baseline, candidate)).toEqual({ b: 2, c: 2, both: 2, neither: 1 });
  });
  it("leaves out excluded items without reading them", () => {
    const baseline = [1, 1, Number.NaN, 0];
    const candidate = [0, 1, 1, 1];
    const include = [true, false, false, true];
    expect(discordantPairs(baseline, candidate, include)).toEqual({ b: 1, c: 1, both: 0, neither: 0 });
  });
  it("rejects mismatched lengths and values that are not outcomes", () => {
    expect(() => discordantPairs([1, 0], [1])).toThrow(/baseline has 2 items but candidate has 1/);
    expect(() => discordantPairs([1], [1], [true, false])).toThrow(/include/);
    expect(() => discordantPairs([1, 0.5], [1, 1])).toThrow(/baseline\[1\]/);
    expect(() => discordantPairs([1, 1], [2, 1])).toThrow(/candidate\[0\]/);
  });
});
