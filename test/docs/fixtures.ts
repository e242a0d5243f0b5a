/** Realistic hand-made inputs for the document tests: a claims run, its evaluation and a failed regression. */

import type { ModelCardInput } from "../../src/docs/model-card.js";
import type { EvaluationSummary, MetricValue } from "../../src/eval/types.js";
import type { TrainingMetrics } from "../../src/finetune/types.js";
import type { RunView } from "../../src/ledger/runs.js";
import type { MetricComparison, RegressionReport } from "../../src/regression/types.js";

const SHA = (c: string) => c.repeat(64);

export function run(over: Partial<RunView> = {}): RunView {
  return {
    id: "run-7f3a",
    confirmationId: "conf-91b2",
    provider: "openai",
    baseModel: "gpt-4o-mini-2024-07-18",
    target: "api.openai.com",
    datasetKey: SHA("d"),
    configSha256: SHA("c"),
    trainSha256: SHA("a"),
    validationSha256: SHA("b"),
    runDir: "/tmp/ws/runs/run-7f3a",
    createdAt: "2025-03-01T09:00:00.000Z",
    status: "succeeded",
    jobId: "ftjob-abc123",
    providerStatus: "succeeded",
    fineTunedModel: "ft:gpt-4o-mini-2024-07-18:acme:claims:9xYz",
    trainedTokens: 1_234_567,
    error: null,
    progress: { step: 300, totalSteps: 300, trainLoss: 0.41 },
    updatedAt: "2025-03-01T10:12:00.000Z",
    ...over,
  };
}

const rate = (
  name: string,
  label: string,
  value: number | null,
  low: number,
  high: number,
  n: number,
  extra: Partial<MetricValue> = {},
): MetricValue => ({
  name,
  label,
  direction: "higher",
  kind: "rate",
  critical: false,
  value,
  interval: value === null ? null : { low, high, method: "wilson", level: 0.95 },
  n,
  ...extra,
});

export function evaluation(over: Partial<EvaluationSummary> = {}): EvaluationSummary {
  return {
    evalId: "eval-0042",
    suite: {
      path: "data/claims/test.jsonl",
      name: "test",
      sha256: SHA("e"),
      task: "claims",
      format: "chat",
      items: 600,
    },
    model: "ft:gpt-4o-mini-2024-07-18:acme:claims:9xYz",
    source: "https://api.openai.com/v1",
    runId: "run-7f3a",
    createdAt: "2025-03-01T11:00:00.000Z",
    metrics: [
      rate("accuracy", "accuracy", 0.9133, 0.8889, 0.9341, 600),
      rate("falseApprovalRate", "false-approval rate", 0.031, 0.017, 0.055, 290, {
        direction: "lower",
        critical: true,
      }),
      rate("denialRecall", "recall of denials", 0.88, 0.79, 0.94, 75, { critical: true }),
      {
        name: "macroF1",
        label: "macro F1",
        direction: "higher",
        kind: "set",
        critical: false,
        value: 0.874,
        interval: { low: 0.851, high: 0.897, method: "bootstrap", level: 0.95 },
        n: 600,
      },
    ],
    counts: { items: 600, scored: 596, noAnswer: 4, errors: 0 },
    latencyMs: { mean: 412, p50: 380, p95: 820 },
    ...over,
  };
}

const comparison = (
  over: Partial<MetricComparison> & Pick<MetricComparison, "name" | "label">,
): MetricComparison => ({
  direction: "higher",
  kind: "rate",
  critical: false,
  baseline: 0.9644,
  candidate: 0.9133,
  delta: -0.0511,
  interval: { low: -0.07, high: -0.032, level: 0.95 },
  test: "mcnemar",
  pValue: 0.00008,
  adjustedP: 0.00032,
  n: 600,
  improved: 3,
  regressed: 34,
  unchanged: 563,
  threshold: { tolerance: 0.02, critical: false, alpha: 0.05, minItems: 30 },
  verdict: "FAIL",
  reason: "dropped 5.1 points (95% CI −7.0 to −3.2), past the 2-point tolerance; p=0.0001",
  ...over,
});

export function regression(over: Partial<RegressionReport> = {}): RegressionReport {
  return {
    regressionId: "reg-0007",
    task: "claims",
    suite: { name: "test", sha256: SHA("e") },
    candidate: { evalId: "eval-0042", model: "ft:gpt-4o-mini-2024-07-18:acme:claims:9xYz" },
    baseline: { evalId: "eval-0031", model: "ft:gpt-4o-mini-2024-07-18:acme:claims:prev" },
    sharedItems: 600,
    verdict: "FAIL",
    recommendation: "rollback",
    metrics: [
      comparison({ name: "accuracy", label: "accuracy" }),
      comparison({
        name: "falseApprovalRate",
        label: "false-approval rate",
        direction: "lower",
        critical: true,
        baseline: 0.01,
        candidate: 0.031,
        delta: 0.021,
        interval: { low: 0.004, high: 0.039, level: 0.95 },
        n: 290,
        improved: 1,
        regressed: 7,
        unchanged: 282,
        pValue: 0.035,
        adjustedP: 0.07,
        threshold: { tolerance: 0.005, critical: true, alpha: 0.05, minItems: 30 },
        reason: "rose 2.1 points (95% CI 0.4 to 3.9), past the 0.5-point tolerance",
      }),
      comparison({
        name: "pendRecall",
        label: "recall of pends",
        baseline: 0.75,
        candidate: 0.667,
        delta: -0.083,
        interval: { low: -0.33, high: 0.17, level: 0.95 },
        n: 12,
        improved: 1,
        regressed: 2,
        unchanged: 9,
        pValue: 1,
        adjustedP: 1,
        verdict: "WARN",
        reason: "only 12 shared items (minimum 30)",
      }),
      comparison({
        name: "macroF1",
        label: "macro F1",
        kind: "set",
        baseline: 0.878,
        candidate: 0.874,
        delta: -0.004,
        interval: { low: -0.012, high: 0.004, level: 0.95 },
        test: "paired-bootstrap",
        pValue: 0.31,
        adjustedP: 0.62,
        improved: 20,
        regressed: 24,
        unchanged: 556,
        verdict: "PASS",
        reason: "within tolerance",
      }),
    ],
    regressedItems: [
      {
        itemId: "itm-19c",
        line: 19,
        baseline: "Decision: DENIED | CPT 99215 not supported by [NAME]'s note",
        candidate: "Decision: APPROVED",
        metrics: ["accuracy", "falseApprovalRate"],
      },
    ],
    trend: [
      { evalId: "eval-0020", createdAt: "2025-02-01T10:00:00Z", model: "base", metrics: { accuracy: 0.71 } },
      {
        evalId: "eval-0031",
        createdAt: "2025-02-15T10:00:00Z",
        model: "prev",
        metrics: { accuracy: 0.9644, falseApprovalRate: 0.01, macroF1: 0.878 },
      },
      {
        evalId: "eval-0042",
        createdAt: "2025-03-01T11:00:00Z",
        model: "candidate",
        metrics: { accuracy: 0.9133, falseApprovalRate: 0.031, macroF1: null },
      },
    ],
    thresholdsSource: "defaults for claims",
    seed: 7,
    draws: 10_000,
    createdAt: "2025-03-01T11:05:00.000Z",
    ...over,
  };
}

export function training(): TrainingMetrics {
  const rows = Array.from({ length: 30 }, (_, i) => ({
    step: (i + 1) * 10,
    trainLoss: 2.1 * Math.exp(-i / 8) + 0.35,
    trainAccuracy: null,
    validLoss: i % 5 === 4 ? 2.0 * Math.exp(-i / 8) + 0.45 : null,
    validMeanTokenAccuracy: null,
  }));
  return { rows, final: rows.at(-1) ?? null };
}

export function cardInput(over: Partial<ModelCardInput> = {}): ModelCardInput {
  return {
    run: run(),
    dataset: {
      name: "claims-synthetic-2000",
      task: "claims",
      source: "synthetic",
      trainCount: 1800,
      testCount: 200,
      labels: { APPROVED: 1100, DENIED: 600, PENDING: 300 },
      trainSha256: SHA("a"),
      testSha256: SHA("f"),
    },
    audit: {
      auditId: "aud-55e1",
      verdict: "PASS",
      scannerVersion: "phi-scanner 1.4.0",
      createdAt: "2025-03-01T08:50:00Z",
    },
    training: training(),
    evaluation: evaluation(),
    regression: regression(),
    costs: { estimatedUsd: 12.5, actualUsd: 11.87 },
    generatedAt: "2025-03-02T08:00:00.000Z",
    hyperparameters: { epochs: 3, batchSize: 8, learningRateMultiplier: 1.8 },
    ...over,
  };
}

/**
 * A small well-formedness check for generated SVG/XML: tags balance and nest, attributes are quoted,
 * coordinate attributes are numbers, and no NaN or Infinity appears anywhere. Returns the problems found.
 */
export function svgProblems(svg: string): string[] {
  const problems: string[] = [];
  if (!svg.startsWith("<svg")) problems.push("does not start with <svg");
  if (/NaN|Infinity|undefined/.test(svg)) problems.push("NaN, Infinity or undefined in output");
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|>/g;
  const numeric = new Set(["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height"]);
  let lastEnd = 0;
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    const between = svg.slice(lastEnd, m.index);
    if (/[<>]/.test(between)) problems.push(`stray bracket near ${m.index}`);
    lastEnd = m.index + m[0].length;
    if (m[0] === "<" || m[0] === ">") {
      problems.push(`unparsed ${m[0]} at ${m.index}`);
      continue;
    }
    const [, close, name, attrs, selfClose] = m as unknown as [string, string, string, string, string];
    for (const a of (attrs ?? "").matchAll(/([\w:-]+)="([^"]*)"/g)) {
      const [, key, value] = a as unknown as [string, string, string];
      if (numeric.has(key) && !/^-?\d+(\.\d+)?$/.test(value)) problems.push(`${name} ${key}="${value}"`);
      if (key === "points" && !/^(-?\d+(\.\d+)?,-?\d+(\.\d+)? ?)+$/.test(value)) problems.push(`bad points`);
      if (key === "viewBox" && !/^(-?\d+(\.\d+)? ){3}-?\d+(\.\d+)?$/.test(value))
        problems.push("bad viewBox");
    }
    if (close) {
      if (stack.pop() !== name) problems.push(`unbalanced </${name}>`);
    } else if (!selfClose) stack.push(name);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(",")}`);
  return problems;
}
