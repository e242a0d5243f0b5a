/**
 * The regression verdict on planted data: a real 5-point drop on 1,000 items is caught (FAIL), a change
 * that is only noise is not called FAIL more often than alpha allows, a critical FAIL recommends rollback,
 * and too few items give WARN, never a verdict on noise.
 */
import { describe, expect, it } from "vitest";
import { Random } from "../../src/dataset/random.js";
import { scorerFor } from "../../src/eval/scorers/index.js";
import type { EvaluationSummary, ItemScore } from "../../src/eval/types.js";
import type { EvaluationItem } from "../../src/ledger/evaluations.js";
import { type EvaluationData, regress } from "../../src/regression/regress.js";
import { defaultThresholds } from "../../src/regression/thresholds.js";

const mcq = scorerFor("mcq");

/** A seeded uniform number in [0, 1). */
function random(seed: number) {
  const rng = new Random(seed);
  return () => rng.int(0, 999_999) / 1_000_000;
}

const answer = (correct: boolean): ItemScore => ({
  extracted: correct ? "A" : "B",
  gold: "A",
  correct,
  values: {},
});

function evaluation(id: string, model: string, correct: readonly boolean[]): EvaluationData {
  const items: EvaluationItem[] = correct.map((c, i) => ({
    itemId: `item-${i}`,
    line: i + 1,
    prediction: c ? "A" : "B",
    score: answer(c),
    latencyMs: null,
    error: null,
  }));
  const summary: EvaluationSummary = {
    evalId: id,
    suite: {
      path: "suite.jsonl",
      name: "suite",
      sha256: "s".repeat(64),
      task: "mcq",
      format: "chat",
      items: correct.length,
    },
    model,
    source: "test",
    runId: null,
    createdAt: new Date(Date.UTC(2026, 11, id === "base" ? 1 : 2)).toISOString(),
    metrics: [],
    counts: { items: correct.length, scored: correct.length, noAnswer: 0, errors: 0 },
    latencyMs: null,
  };
  return { summary, items };
}

function compare(base: readonly boolean[], cand: readonly boolean[], tolerance: number, draws = 2_000) {
  return regress({
    task: "mcq",
    metrics: mcq.metrics,
    baseline: evaluation("base", "base-model", base),
    candidate: evaluation("cand", "candidate-model", cand),
    thresholds: defaultThresholds("mcq", { defaults: { tolerance } }),
    history: [],
    draws,
  });
}

describe("regression verdicts on planted data", () => {
  it("catches a real 5-point accuracy drop on 1,000 items, with churn in both directions", () => {
    const next = random(1);
    const base = Array.from({ length: 1000 }, () => next() < 0.8);
    // 80 right→wrong and 30 wrong→right: a net drop of exactly 5 points, as real models churn.
    const cand = [...base];
    let lost = 0;
    let gained = 0;
    for (let i = 0; i < cand.length; i++) {
      if (cand[i] && lost < 80 && next() < 0.2) {
        cand[i] = false;
        lost++;
      } else if (!base[i] && gained < 30 && next() < 0.3) {
        cand[i] = true;
        gained++;
      }
    }
    expect(lost - gained).toBe(50);
    const report = compare(base, cand, 0.02, 10_000);
    const accuracy = report.metrics.find((m) => m.name === "accuracy")!;
    expect(accuracy.delta).toBeCloseTo(-0.05, 10);
    expect(accuracy.test).toBe("mcnemar");
    expect(accuracy.regressed).toBe(80);
    expect(accuracy.improved).toBe(30);
    expect(accuracy.interval!.high).toBeLessThan(0);
    expect(accuracy.verdict).toBe("FAIL");
    expect(report.verdict).toBe("FAIL");
    expect(report.recommendation).toBe("iterate");
    expect(report.regressedItems.length).toBeGreaterThan(0);
  });

  it("does not call noise a FAIL more often than alpha allows (200 null comparisons, tolerance 0)", () => {
    let fails = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const next = random(1000 + t);
      // Same model quality, different samples of its errors: each item right with probability 0.8 in both.
      const base = Array.from({ length: 1000 }, () => next() < 0.8);
      const cand = Array.from({ length: 1000 }, () => next() < 0.8);
      const report = compare(base, cand, 0, 200);
      if (report.metrics.find((m) => m.name === "accuracy")!.verdict === "FAIL") fails++;
    }
    // A one-sided FAIL at alpha 0.05 two-sided should fire in about 2.5% of null trials.
    expect(fails / trials).toBeLessThanOrEqual(0.05);
  });

  it("passes an unchanged model and recommends deploy", () => {
    const next = random(7);
    const base = Array.from({ length: 500 }, () => next() < 0.75);
    const report = compare(base, base, 0.02);
    expect(report.metrics.every((m) => m.verdict === "PASS")).toBe(true);
    expect(report.recommendation).toBe("deploy");
    expect(report.regressedItems).toEqual([]);
  });

  it("says WARN, not PASS or FAIL, when too few items bear on a metric", () => {
    const base = Array.from({ length: 20 }, (_, i) => i % 4 !== 0);
    const cand = base.map(() => false);
    const report = compare(base, cand, 0.02);
    const accuracy = report.metrics.find((m) => m.name === "accuracy")!;
    expect(accuracy.verdict).toBe("WARN");
    expect(accuracy.reason).toMatch(/too few/);
    expect(report.recommendation).toBe("iterate");
  });

  it("recommends rollback when a critical metric fails", () => {
    const next = random(3);
    const base = Array.from({ length: 1000 }, () => next() < 0.9);
    const cand = base.map((c, i) => (i % 5 === 0 ? false : c));
    const report = regress({
      task: "mcq",
      metrics: mcq.metrics,
      baseline: evaluation("base", "b", base),
      candidate: evaluation("cand", "c", cand),
      thresholds: defaultThresholds("mcq", { metrics: { accuracy: { critical: true } } }),
      history: [],
      draws: 1_000,
    });
    expect(report.metrics.find((m) => m.name === "accuracy")!.verdict).toBe("FAIL");
    expect(report.recommendation).toBe("rollback");
  });
});
