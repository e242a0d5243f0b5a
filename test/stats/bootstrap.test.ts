import { describe, expect, it } from "vitest";
import { bootstrapInterval, pairedBootstrap } from "../../src/stats/bootstrap.js";
import { buildMatrix, type ComponentMatrix } from "../../src/stats/component-matrix.js";
import { mcnemarExact } from "../../src/stats/mcnemar.js";
import { seededIndexSampler } from "../../src/stats/rng.js";

/** Accuracy-style rate: components [correct, in-denominator]; undefined on an empty denominator. */
const rate = (sums: Float64Array) => (sums[1]! > 0 ? sums[0]! / sums[1]! : Number.NaN);
/** Micro F1 from [tp, fp, fn]. */
const f1 = (sums: Float64Array) => {
  const [tp, fp, fn] = sums;
  return tp! + fp! + fn! > 0 ? (2 * tp!) / (2 * tp! + fp! + fn!) : Number.NaN;
};

/** n seeded Bernoulli(p/10) outcomes, p an integer in tenths so the draw stays integer-only. */
function bernoulli(seed: number, n: number, tenths: number): number[] {
  const out = new Uint32Array(n);
  seededIndexSampler(seed)(10, out);
  return Array.from(out, (v) => (v < tenths ? 1 : 0));
}
const rateMatrix = (outcomes: number[]): ComponentMatrix =>
  buildMatrix(
    outcomes.map((x) => [x, 1]),
    2,
  );

describe("bootstrapInterval", () => {
  const m = rateMatrix(bernoulli(11, 300, 7));

  it("is reproducible for a seed and changes with it", () => {
    const a = bootstrapInterval(m, rate, { draws: 500, seed: 5 });
    expect(bootstrapInterval(m, rate, { draws: 500, seed: 5 })).toEqual(a);
    const b = bootstrapInterval(m, rate, { draws: 500, seed: 6 });
    expect([b.low, b.high]).not.toEqual([a.low, a.high]);
    expect(b.estimate).toBe(a.estimate);
  });
  it("contains the estimate, which is the metric on all items", () => {
    const result = bootstrapInterval(m, rate, { draws: 1000 });
    const correct = Array.from(m.data).filter((_, i) => i % 2 === 0 && m.data[i] === 1).length;
    expect(result.estimate).toBe(correct / 300);
    expect(result.low).toBeLessThan(result.estimate);
    expect(result.high).toBeGreaterThan(result.estimate);
    expect(result.draws).toBe(1000);
    expect(result.finiteDraws).toBe(1000);
    // A 95% interval of a proportion near 0.7 on 300 items is about ±0.05.
    expect(result.high - result.low).toBeGreaterThan(0.07);
    expect(result.high - result.low).toBeLessThan(0.14);
  });
  it("narrows when the level drops", () => {
    const wide = bootstrapInterval(m, rate, { draws: 1000, level: 0.99 });
    const narrow = bootstrapInterval(m, rate, { draws: 1000, level: 0.8 });
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });
  it("covers the true mean at close to the nominal rate (200 seeded datasets)", () => {
    let covered = 0;
    for (let dataset = 0; dataset < 200; dataset++) {
      const sample = rateMatrix(bernoulli(1000 + dataset, 200, 7));
      const { low, high } = bootstrapInterval(sample, rate, { draws: 1000, seed: dataset });
      if (low <= 0.7 && 0.7 <= high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(180);
    expect(covered).toBeLessThanOrEqual(198);
  });
  it("skips draws on which the metric is undefined and counts them", () => {
    // One item of 20 in the denominator: about (19/20)^20 ≈ 36% of resamples miss it.
    const rows = Array.from({ length: 20 }, (_, i) => (i === 0 ? [1, 1] : [0, 0]));
    const result = bootstrapInterval(buildMatrix(rows, 2), rate, { draws: 2000 });
    expect(result.finiteDraws).toBeGreaterThan(2000 * 0.55);
    expect(result.finiteDraws).toBeLessThan(2000 * 0.75);
    expect([result.low, result.high, result.estimate]).toEqual([1, 1, 1]);
  });
  it("gives NaN bounds when fewer than half the draws are defined", () => {
    // Defined only on resamples that draw the 3 denominator items 4+ times: about a third of them.
    const rows = Array.from({ length: 100 }, (_, i) => (i < 3 ? [1, 1] : [0, 0]));
    const sparse = (sums: Float64Array) => (sums[1]! >= 4 ? sums[0]! / sums[1]! : Number.NaN);
    const result = bootstrapInterval(buildMatrix(rows, 2), sparse, { draws: 1000 });
    expect(result.finiteDraws).toBeGreaterThan(0);
    expect(result.finiteDraws).toBeLessThan(500);
    expect(result.low).toBeNaN();
    expect(result.high).toBeNaN();
  });
  it("has no interval without items", () => {
    const result = bootstrapInterval(buildMatrix([], 2), rate, { draws: 10 });
    expect(result.estimate).toBeNaN();
    expect(result.low).toBeNaN();
    expect(result.finiteDraws).toBe(0);
  });
  it("works for a wider metric (micro F1 over [tp, fp, fn])", () => {
    const rows = Array.from({ length: 200 }, (_, i) => [
      i % 3 === 0 ? 2 : 1,
      i % 5 === 0 ? 1 : 0,
      i % 7 === 0 ? 1 : 0,
    ]);
    const result = bootstrapInterval(buildMatrix(rows, 3), f1, { draws: 500 });
    expect(result.low).toBeLessThanOrEqual(result.estimate);
    expect(result.high).toBeGreaterThanOrEqual(result.estimate);
    expect(result.high).toBeLessThanOrEqual(1);
  });
  it("rejects nonsensical options", () => {
    expect(() => bootstrapInterval(m, rate, { draws: 0 })).toThrow(/draws/);
    expect(() => bootstrapInterval(m, rate, { level: 1 })).toThrow(/level/);
    expect(() => bootstrapInterval(m, rate, { seed: 1.5 })).toThrow(/seed/);
  });
});

describe("pairedBootstrap", () => {
  const baselineOutcomes = bernoulli(21, 1000, 7);
  const baseline = rateMatrix(baselineOutcomes);

  it("finds no difference between a run and itself", () => {
    const result = pairedBootstrap(baseline, baseline, rate, { draws: 500 });
    expect(result.delta).toBe(0);
    expect([result.low, result.high]).toEqual([0, 0]);
    expect(result.pValue).toBe(1);
    expect(result.finiteDraws).toBe(500);
  });
  it("detects a planted regression: 5% of the correct items flipped to wrong", () => {
    let seen = 0;
    const candidateOutcomes = baselineOutcomes.map((x) => (x === 1 && seen++ % 20 === 0 ? 0 : x));
    const flipped = baselineOutcomes.filter((x, i) => x !== candidateOutcomes[i]).length;
    const result = pairedBootstrap(rateMatrix(candidateOutcomes), baseline, rate, { draws: 2000 });
    expect(result.delta).toBeCloseTo(-flipped / 1000, 12);
    expect(result.high).toBeLessThan(0);
    expect(result.pValue).toBeLessThan(0.01);
    // McNemar on the same table agrees that this is no accident.
    expect(mcnemarExact(flipped, 0)).toBeLessThan(0.01);
  });
  it("does not call a balanced reshuffle a change", () => {
    // 20 items fixed and 20 broken: same accuracy, different items.
    let fixed = 0;
    let broken = 0;
    const candidateOutcomes = baselineOutcomes.map((x) => {
      if (x === 0 && fixed < 20) {
        fixed++;
        return 1;
      }
      if (x === 1 && broken < 20) {
        broken++;
        return 0;
      }
      return x;
    });
    const result = pairedBootstrap(rateMatrix(candidateOutcomes), baseline, rate, { draws: 2000 });
    expect(result.delta).toBe(0);
    expect(result.low).toBeLessThan(0);
    expect(result.high).toBeGreaterThan(0);
    expect(result.pValue).toBeGreaterThan(0.5);
  });
  it("uses the same items for both runs in each draw", () => {
    // The candidate scores exactly one more than the baseline on every item. Paired draws see that difference
    // and nothing else; independent draws of the two runs would scatter it by the spread of the items.
    const plusOne = buildMatrix(
      baselineOutcomes.map((x) => [x + 1]),
      1,
    );
    const plain = buildMatrix(
      baselineOutcomes.map((x) => [x]),
      1,
    );
    const mean = (sums: Float64Array, n: number) => sums[0]! / n;
    const result = pairedBootstrap(plusOne, plain, mean, { draws: 300 });
    expect(result.delta).toBeCloseTo(1, 12);
    expect(result.low).toBeCloseTo(1, 12);
    expect(result.high).toBeCloseTo(1, 12);
  });
  it("is reproducible for a seed", () => {
    const candidate = rateMatrix(bernoulli(22, 1000, 7));
    const a = pairedBootstrap(candidate, baseline, rate, { draws: 300, seed: 9 });
    expect(pairedBootstrap(candidate, baseline, rate, { draws: 300, seed: 9 })).toEqual(a);
    expect(pairedBootstrap(candidate, baseline, rate, { draws: 300, seed: 10 }).low).not.toBe(a.low);
  });
  it("refuses runs that do not pair up", () => {
    expect(() => pairedBootstrap(rateMatrix([1, 0]), rateMatrix([1]), rate)).toThrow(/rows must pair up/);
    expect(() => pairedBootstrap(buildMatrix([[1]], 1), rateMatrix([1]), rate)).toThrow(
      /components per item/,
    );
  });
  it("has no interval when the metric is undefined on most draws", () => {
    const rows = Array.from({ length: 100 }, (_, i) => (i < 3 ? [1, 1] : [0, 0]));
    const sparse = (sums: Float64Array) => (sums[1]! >= 4 ? sums[0]! / sums[1]! : Number.NaN);
    const m = buildMatrix(rows, 2);
    const result = pairedBootstrap(m, m, sparse, { draws: 500 });
    expect(result.low).toBeNaN();
    expect(result.pValue).toBeNaN();
    expect(result.finiteDraws).toBeLessThan(250);
  });
});
