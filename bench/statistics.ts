/**
 * Bench cases for the statistics: `cft evaluate`'s metrics with intervals and `cft regress`'s paired
 * comparison on 10,000 claims items with 10,000 bootstrap draws (claims: 11 metrics, macro-F1 over a
 * 12-component confusion one-hot).
 */
import { Random } from "../src/dataset/random.js";
import { computeMetrics } from "../src/eval/metrics.js";
import { scorerFor } from "../src/eval/scorers/index.js";
import type { EvaluationSummary, ItemScore } from "../src/eval/types.js";
import type { EvaluationItem } from "../src/ledger/evaluations.js";
import { regress } from "../src/regression/regress.js";
import { defaultThresholds } from "../src/regression/thresholds.js";

type Measure = (name: string, items: number, unit: string, run: () => unknown) => Promise<unknown>;

const DECISIONS = ["APPROVED", "DENIED", "PENDING"];
const N = 10_000;

function scores(seed: number, accuracy: number): ItemScore[] {
  const rng = new Random(seed);
  const gold = new Random(1);
  return Array.from({ length: N }, () => {
    const g = DECISIONS[gold.int(0, 2)]!;
    const right = rng.int(1, 1000) <= accuracy * 1000;
    const p = right ? g : DECISIONS[(DECISIONS.indexOf(g) + rng.int(1, 2)) % 3]!;
    return { extracted: p, gold: g, correct: p === g, values: {} };
  });
}

function data(id: string, s: ItemScore[]) {
  const items: EvaluationItem[] = s.map((score, i) => ({
    itemId: `i${i}`,
    line: i + 1,
    prediction: `Decision: ${score.extracted}`,
    score,
    latencyMs: null,
    error: null,
  }));
  const summary = {
    evalId: id,
    suite: { path: "s", name: "s", sha256: "s", task: "claims", format: "chat", items: N },
    model: id,
    source: "bench",
    runId: null,
    createdAt: new Date().toISOString(),
    metrics: [],
    counts: { items: N, scored: N, noAnswer: 0, errors: 0 },
    latencyMs: null,
  } as EvaluationSummary;
  return { summary, items };
}

export async function benchStatistics(measure: Measure): Promise<void> {
  const claims = scorerFor("claims");
  const base = scores(2, 0.9);
  const cand = scores(3, 0.88);
  await measure("metrics + intervals, claims (10k items)", N, "items", () =>
    computeMetrics(claims.metrics, base),
  );
  await measure("regress claims: 11 metrics, 10k draws", N, "items", () =>
    regress({
      task: "claims",
      metrics: claims.metrics,
      baseline: data("b", base),
      candidate: data("c", cand),
      thresholds: defaultThresholds("claims"),
      history: [],
    }),
  );
}
