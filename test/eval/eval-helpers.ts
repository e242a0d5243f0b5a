/** Helpers for the suite and scorer tests: synthetic suites written like `cft prepare`, metric totals. */
import { join } from "node:path";
import type { Task } from "../../src/dataset/chat.js";
import { synthesize } from "../../src/dataset/synthetic/index.js";
import type { ItemScore, TaskScorer } from "../../src/eval/types.js";
import { loadPrompt } from "../../src/prompts/load.js";
import { ROOT, writeFile } from "../helpers.js";

export const FIXTURES = join(ROOT, "evals", "fixtures");

/** Writes N synthetic examples of TASK as a chat JSONL suite (and optionally a dataset.json) into DIR. */
export function writeSyntheticSuite(
  dir: string,
  task: Task,
  n: number,
  options: { seed?: number; name?: string; manifest?: boolean } = {},
): string {
  const lines = [...synthesize(task, n, options.seed ?? 11, loadPrompt(`${task}-system`))].map((e) =>
    JSON.stringify(e.record),
  );
  if (options.manifest)
    writeFile(dir, "dataset.json", `${JSON.stringify({ name: "synthetic", task }, null, 2)}\n`);
  return writeFile(dir, options.name ?? "test.jsonl", `${lines.join("\n")}\n`);
}

/** Metric values the way the product computes them: component sums over items, then finalize. */
export function metricValues(scorer: TaskScorer, scores: readonly ItemScore[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const metric of scorer.metrics) {
    const sums = new Float64Array(metric.width);
    for (const score of scores) {
      const components = metric.components(score);
      if (components.length !== metric.width) throw new Error(`${metric.name}: wrong component width`);
      components.forEach((v, i) => {
        sums[i] = (sums[i] as number) + v;
      });
    }
    out[metric.name] = metric.finalize(sums, scores.length);
  }
  return out;
}
