import { describe, expect, it } from "vitest";
import { normalQuantile, wilsonInterval } from "../../src/stats/wilson.js";

/** The Wilson score interval written out directly, as a reference independent of the implementation's layout. */
function closedForm(x: number, n: number, z: number) {
  const p = x / n;
  const centre = (x + (z * z) / 2) / (n + z * z);
  const half = ((z * Math.sqrt(n)) / (n + z * z)) * Math.sqrt(p * (1 - p) + (z * z) / (4 * n));
  return { low: centre - half, high: centre + half };
}

describe("normalQuantile", () => {
  it("matches published quantiles of the standard normal", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644853626951472, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829303548901, 12);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 12);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874040841, 12);
    // Deep in the tail, where a 1 − p formulation would have lost all its digits.
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404057, 10);
    expect(normalQuantile(1e-300)).toBeCloseTo(-37.0470962993612, 9);
  });
  it("is antisymmetric about one half", () => {
    for (const p of [0.001, 0.025, 0.1, 0.3, 0.42, 0.0749, 0.0751]) {
      expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 12);
    }
  });
  it("is infinite at 0 and 1 and NaN outside [0, 1]", () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});

describe("wilsonInterval", () => {
  it("matches published 95% intervals", () => {
    const eightOfTen = wilsonInterval(8, 10);
    expect(eightOfTen.low).toBeCloseTo(0.4902, 4);
    expect(eightOfTen.high).toBeCloseTo(0.9433, 4);
    const half = wilsonInterval(50, 100);
    expect(half.low).toBeCloseTo(0.4038, 4);
    expect(half.high).toBeCloseTo(0.5962, 4);
  });
  it("agrees with the closed form at several sizes and levels", () => {
    const z95 = 1.959963984540054;
    const z99 = 2.5758293035489004;
    for (const [x, n] of [
      [8, 10],
      [50, 100],
      [3, 40],
      [997, 1000],
      [1, 7],
    ] as const) {
      const at95 = wilsonInterval(x, n);
      const ref95 = closedForm(x, n, z95);
      expect(at95.low).toBeCloseTo(ref95.low, 12);
      expect(at95.high).toBeCloseTo(ref95.high, 12);
      const at99 = wilsonInterval(x, n, 0.99);
      const ref99 = closedForm(x, n, z99);
      expect(at99.low).toBeCloseTo(ref99.low, 12);
      expect(at99.high).toBeCloseTo(ref99.high, 12);
    }
  });
  it("stays inside [0, 1] and pins the bound at 0/n and n/n", () => {
    const none = wilsonInterval(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const all = wilsonInterval(10, 10);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(1 - 0.2775, 4);
  });
  it("widens with the level and narrows with n", () => {
    const w = (i: { low: number; high: number }) => i.high - i.low;
    expect(w(wilsonInterval(30, 50, 0.99))).toBeGreaterThan(w(wilsonInterval(30, 50, 0.9)));
    expect(w(wilsonInterval(600, 1000))).toBeLessThan(w(wilsonInterval(60, 100)));
  });
  it("has no interval for an empty denominator", () => {
    const empty = wilsonInterval(0, 0);
    expect(empty.low).toBeNaN();
    expect(empty.high).toBeNaN();
  });
  it("rejects impossible counts and levels", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(/successes/);
    expect(() => wilsonInterval(-1, 10)).toThrow(/successes/);
    expect(() => wilsonInterval(1, -1)).toThrow(/n must/);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(/level/);
  });
});
