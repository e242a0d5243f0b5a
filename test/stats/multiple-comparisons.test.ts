import { describe, expect, it } from "vitest";
import { benjaminiHochberg, holm } from "../../src/stats/multiple-comparisons.js";

const close = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    if (Number.isNaN(expected[i]!)) expect(value).toBeNaN();
    else expect(value).toBeCloseTo(expected[i]!, 12);
  });
};

describe("holm", () => {
  it("matches a hand-worked example", () => {
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
    close(holm([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02]);
  });
  it("caps at 1 and keeps the order of the raw p-values", () => {
    close(holm([0.5, 0.6, 0.001]), [1, 1, 0.003]);
    const raw = [0.2, 0.01, 0.03, 0.04, 0.5, 0.011];
    const adjusted = holm(raw);
    const order = raw.map((_, i) => i).sort((a, b) => raw[a]! - raw[b]!);
    for (let k = 1; k < order.length; k++) {
      expect(adjusted[order[k]!]!).toBeGreaterThanOrEqual(adjusted[order[k - 1]!]!);
    }
    raw.forEach((p, i) => {
      expect(adjusted[i]!).toBeGreaterThanOrEqual(p);
    });
  });
  it("passes NaN through and leaves it out of m", () => {
    close(holm([0.01, Number.NaN, 0.04]), [0.02, Number.NaN, 0.04]);
    expect(holm([])).toEqual([]);
  });
  it("rejects values that are not probabilities", () => {
    expect(() => holm([0.1, 1.2])).toThrow(/p-value 1/);
    expect(() => holm([-0.01])).toThrow(/p-value 0/);
  });
});

describe("benjaminiHochberg", () => {
  it("matches a hand-worked example", () => {
    // Sorted: 0.005·4/1 = 0.02, 0.01·4/2 = 0.02, 0.03·4/3 = 0.04, 0.04·4/4 = 0.04.
    close(benjaminiHochberg([0.01, 0.04, 0.03, 0.005]), [0.02, 0.04, 0.04, 0.02]);
  });
  it("takes the running minimum from the largest p down, capped at 1", () => {
    // 0.01·3/1 = 0.03, 0.02·3/2 = 0.03, 0.9·3/3 = 0.9.
    close(benjaminiHochberg([0.9, 0.02, 0.01]), [0.9, 0.03, 0.03]);
    // Ties: 0.04·2/2 = 0.04 at the top carries down over 0.04·2/1 = 0.08.
    close(benjaminiHochberg([0.04, 0.04]), [0.04, 0.04]);
    close(benjaminiHochberg([0.6, 0.7]), [0.7, 0.7]);
    close(benjaminiHochberg([0.9, 1]), [1, 1]);
  });
  it("is never stricter than Holm", () => {
    const raw = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205];
    const bh = benjaminiHochberg(raw);
    const fwer = holm(raw);
    raw.forEach((_, i) => {
      expect(bh[i]!).toBeLessThanOrEqual(fwer[i]!);
    });
  });
  it("passes NaN through and leaves it out of m", () => {
    close(benjaminiHochberg([Number.NaN, 0.01, 0.04]), [Number.NaN, 0.02, 0.04]);
    expect(() => benjaminiHochberg([Number.POSITIVE_INFINITY])).toThrow(/p-value 0/);
  });
});
