import { describe, expect, it } from "vitest";
import { Random } from "../../src/dataset/random.js";
import { bootstrapInterval, pairedBootstrap } from "../../src/stats/bootstrap.js";
import { buildMatrix } from "../../src/stats/component-matrix.js";
import { bootstrapMany, pairedBootstrapMany } from "../../src/stats/paired-many.js";

const ratio = (s: Float64Array) => (s[1]! > 0 ? s[0]! / s[1]! : Number.NaN);
const mean = (s: Float64Array, n: number) => s[0]! / n;
const opts = { draws: 2_000, seed: 11, level: 0.95 };

function rows(seed: number, n: number, make: (r: Random) => number[]) {
  const r = new Random(seed);
  return Array.from({ length: n }, () => make(r));
}

describe("pairedBootstrapMany", () => {
  it("gives each metric the same interval and p as its own paired bootstrap (few kinds of items)", () => {
    const base = rows(1, 800, (r) => (r.chance(1, 3) ? [0, 0] : [r.chance(4, 5) ? 1 : 0, 1]));
    const cand = base.map((row, i) => (row[1] && i % 9 === 0 ? [0, 1] : row));
    const accBase = rows(2, 800, (r) => [r.chance(3, 4) ? 1 : 0, 1]);
    const accCand = accBase.map((row, i) => (i % 7 === 0 ? [0, 1] : row));
    const pairs = [
      { candidate: buildMatrix(cand, 2), baseline: buildMatrix(base, 2), finalize: ratio },
      { candidate: buildMatrix(accCand, 2), baseline: buildMatrix(accBase, 2), finalize: ratio },
    ];
    const many = pairedBootstrapMany(pairs, opts);
    pairs.forEach((p, i) => {
      const one = pairedBootstrap(p.candidate, p.baseline, p.finalize, opts);
      expect(many[i]!.delta).toBeCloseTo(one.delta, 12);
      expect(many[i]!.low).toBeCloseTo(one.low, 12);
      expect(many[i]!.high).toBeCloseTo(one.high, 12);
      expect(many[i]!.pValue).toBeCloseTo(one.pValue, 12);
    });
  });

  it("does the same with real-valued metrics, where every item is its own kind", () => {
    const base = rows(3, 500, (r) => [r.int(0, 1000) / 1000]);
    const cand = base.map(([v], i) => [Math.max(0, v! - (i % 3 === 0 ? 0.1 : 0))]);
    const pair = { candidate: buildMatrix(cand, 1), baseline: buildMatrix(base, 1), finalize: mean };
    const [many] = pairedBootstrapMany([pair], opts);
    const one = pairedBootstrap(pair.candidate, pair.baseline, pair.finalize, opts);
    expect(many!.low).toBeCloseTo(one.low, 10);
    expect(many!.high).toBeCloseTo(one.high, 10);
    expect(many!.high).toBeLessThan(0);
  });

  it("gives one run's metrics the same percentile intervals as bootstrapInterval", () => {
    const one = rows(5, 600, (r) => (r.chance(1, 4) ? [0, 0] : [r.chance(2, 3) ? 1 : 0, 1]));
    const matrix = buildMatrix(one, 2);
    const [many] = bootstrapMany([{ matrix, finalize: ratio }], opts);
    const single = bootstrapInterval(matrix, ratio, opts);
    expect(many!.delta).toBeCloseTo(single.estimate, 12);
    expect(many!.low).toBeCloseTo(single.low, 12);
    expect(many!.high).toBeCloseTo(single.high, 12);
  });

  it("refuses matrices that do not pair up", () => {
    const a = buildMatrix([[1, 1]], 2);
    const b = buildMatrix(
      [
        [1, 1],
        [0, 1],
      ],
      2,
    );
    expect(() => pairedBootstrapMany([{ candidate: a, baseline: b, finalize: ratio }], opts)).toThrow(/pair/);
  });
});
