/**
 * The fine-tuning necessity rules at their boundaries: no baseline → measure-first; the interval's bound
 * exactly on the target (both directions); the item count that would settle an inconclusive baseline; the
 * data reasons and blockers; and inputs that make no sense refused with a reason.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import type { EvaluationSummary } from "../../src/eval/types.js";
import {
  assessFineTuningNecessity,
  type BaselineFigure,
  baselineFromEvaluation,
  DEFAULT_TARGETS,
  NECESSITY_RULES,
} from "../../src/prompting/necessity.js";

const accuracy = (value: number, low: number, high: number, n = 300): BaselineFigure => ({
  metric: "accuracy",
  value,
  low,
  high,
  n,
});
const claims = (baseline: BaselineFigure | null, examples = 500) =>
  assessFineTuningNecessity({ task: "claims", examples, baseline });

describe("assessFineTuningNecessity", () => {
  it("says measure-first without a baseline, and how to measure", () => {
    const a = claims(null);
    expect(a.recommendation).toBe("measure-first");
    expect(a.rule).toBe("no-baseline");
    expect(a.target).toMatchObject({ metric: "accuracy", value: 0.9, source: "default" });
    expect(a.nextSteps.join(" ")).toMatch(/test split .* at least \d+ items/);
    expect(NECESSITY_RULES.map((r) => r.id)).toEqual([
      "no-baseline",
      "target-met",
      "target-missed",
      "inconclusive",
    ]);
  });

  it("higher is better: lower bound on the target → prompt-only; just below → inconclusive", () => {
    expect(claims(accuracy(0.93, 0.9, 0.96)).recommendation).toBe("prompt-only");
    expect(claims(accuracy(0.93, 0.9, 0.96)).rule).toBe("target-met");
    expect(claims(accuracy(0.93, 0.8999, 0.96)).recommendation).toBe("measure-first");
    expect(claims(accuracy(0.93, 0.8999, 0.96)).rule).toBe("inconclusive");
  });

  it("higher is better: upper bound below the target → fine-tune; on it → inconclusive", () => {
    const missed = claims(accuracy(0.81, 0.76, 0.8999));
    expect(missed.recommendation).toBe("fine-tune");
    expect(missed.rule).toBe("target-missed");
    expect(missed.reasons[0]).toContain("81.0% [76.0%, 90.0%] on 300 items");
    expect(claims(accuracy(0.85, 0.8, 0.9)).rule).toBe("inconclusive");
  });

  it("lower is better (an overridden target): the bounds swap roles", () => {
    const target = {
      metric: "falseApprovalRate",
      value: 0.05,
      direction: "lower" as const,
      kind: "rate" as const,
    };
    const fa = (low: number, high: number) =>
      assessFineTuningNecessity({
        task: "claims",
        examples: 500,
        target,
        baseline: { metric: "falseApprovalRate", value: (low + high) / 2, low, high },
      });
    expect(fa(0.01, 0.05).recommendation).toBe("prompt-only");
    expect(fa(0.05, 0.09).recommendation).toBe("measure-first");
    expect(fa(0.0501, 0.09).recommendation).toBe("fine-tune");
    expect(fa(0.01, 0.05).target.source).toBe("override");
  });

  it("estimates the items that would make an inconclusive interval exclude the target", () => {
    const a = claims(accuracy(0.87, 0.82, 0.91, 200));
    expect(a.rule).toBe("inconclusive");
    expect(a.itemsToResolve).toBe(356); // 200 × (0.04 / 0.03)²
    expect(a.nextSteps[0]).toContain("about 356 test items");
    const onTarget = claims(accuracy(0.9, 0.85, 0.95, 200));
    expect(onTarget.itemsToResolve).toBeNull();
    expect(onTarget.nextSteps[0]).toContain("sits on the target");
  });

  it("adds data reasons and blockers without changing the rule", () => {
    const few = claims(accuracy(0.6, 0.5, 0.7), 5);
    expect(few.recommendation).toBe("fine-tune");
    expect(few.data.readiness).toBe("insufficient");
    expect(few.blockers[0]).toContain("at least 10");
    expect(claims(null, 30).reasons.join(" ")).toContain("30 training examples is little");
    const skewed = assessFineTuningNecessity({
      task: "claims",
      examples: 1000,
      labelCounts: { APPROVED: 600, DENIED: 370, PENDING: 30 },
      averageTokens: 2000,
      fewShotK: 4,
    });
    expect(skewed.reasons.join(" ")).toContain("label PENDING is 3.0% of the data");
    expect(skewed.reasons.join(" ")).toContain("add about 8000 tokens to every call");
    const long = assessFineTuningNecessity({ task: "scribe", examples: 100, averageTokens: 70_000 });
    expect(long.blockers[0]).toContain("65536-token");
  });

  it("uses each task's default target", () => {
    expect(DEFAULT_TARGETS.scribe.metric).toBe("termF1");
    expect(DEFAULT_TARGETS.companion.metric).toBe("safetyCompliance");
    const a = assessFineTuningNecessity({
      task: "companion",
      examples: 200,
      baseline: { metric: "safetyCompliance", value: 0.995, low: 0.981, high: 0.999 },
    });
    expect(a.recommendation).toBe("prompt-only");
  });

  it("refuses a baseline on another metric, a value outside its interval and a rate target over 1", () => {
    expect(() => claims({ metric: "macroF1", value: 0.8, low: 0.7, high: 0.9 })).toThrow(
      /target is on accuracy/,
    );
    expect(() => claims(accuracy(0.95, 0.8, 0.9))).toThrow(InputError);
    expect(() => assessFineTuningNecessity({ task: "claims", examples: 10, target: { value: 90 } })).toThrow(
      /between 0 and 1/,
    );
    expect(() => assessFineTuningNecessity({ task: "claims", examples: -1 })).toThrow(/whole number/);
  });
});

describe("baselineFromEvaluation", () => {
  const summary = {
    evalId: "eval-1234abcd",
    model: "llama3.1:8b",
    metrics: [
      {
        name: "accuracy",
        label: "accuracy",
        direction: "higher",
        kind: "rate",
        critical: false,
        value: 0.81,
        interval: { low: 0.76, high: 0.85, method: "wilson", level: 0.95 },
        n: 300,
      },
    ],
  } as unknown as EvaluationSummary;

  it("reads the metric with its interval and item count", () => {
    expect(baselineFromEvaluation(summary, "accuracy")).toEqual({
      metric: "accuracy",
      value: 0.81,
      low: 0.76,
      high: 0.85,
      n: 300,
      evalId: "eval-1234abcd",
      model: "llama3.1:8b",
    });
    expect(() => baselineFromEvaluation(summary, "macroF1")).toThrow(/no metric "macroF1"/);
  });
});
