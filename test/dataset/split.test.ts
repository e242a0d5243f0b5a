import { describe, expect, it } from "vitest";
import { countLabels, stratifiedSplit } from "../../src/dataset/split.js";

const items = (counts: Record<string, number>) =>
  Object.entries(counts).flatMap(([label, n]) =>
    Array.from({ length: n }, (_, i) => ({ label, id: `${label}${i}` })),
  );

describe("stratifiedSplit", () => {
  it("takes the test share from every label", () => {
    const { train, test } = stratifiedSplit(items({ A: 500, B: 300, C: 200 }), 0.1, 1);
    expect(countLabels(test)).toEqual({ A: 50, B: 30, C: 20 });
    expect(countLabels(train)).toEqual({ A: 450, B: 270, C: 180 });
  });
  it("gives a small label at least one test item and keeps one for training", () => {
    const { train, test } = stratifiedSplit(items({ A: 40, B: 2, C: 1 }), 0.1, 1);
    expect(countLabels(test)).toEqual({ A: 4, B: 1 });
    expect(countLabels(train)).toEqual({ A: 36, B: 1, C: 1 });
  });
  it("is deterministic for a seed, differs across seeds, and keeps source order", () => {
    const all = items({ A: 100, B: 100 });
    const a = stratifiedSplit(all, 0.2, 7);
    expect(stratifiedSplit(all, 0.2, 7)).toEqual(a);
    expect(stratifiedSplit(all, 0.2, 8).test).not.toEqual(a.test);
    const order = (xs: { id: string }[]) => xs.map((x) => all.findIndex((y) => y.id === x.id));
    const trainOrder = order(a.train);
    expect([...trainOrder].sort((x, y) => x - y)).toEqual(trainOrder);
  });
  it("loses and duplicates nothing", () => {
    const all = items({ A: 37, B: 11, C: 5 });
    const { train, test } = stratifiedSplit(all, 0.25, 3);
    expect(new Set([...train, ...test].map((x) => x.id)).size).toBe(all.length);
    expect(train.length + test.length).toBe(all.length);
  });
});
