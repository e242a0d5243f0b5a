/**
 * The scorer for each evaluation task, and the metric names a thresholds file may use for it.
 */
import type { EvalTask, TaskScorer } from "../types.js";
import { claimsScorer } from "./claims.js";
import { companionScorer } from "./companion.js";
import { mcqScorer } from "./mcq.js";
import { scribeScorer } from "./scribe.js";

export { type ConfusionMatrix, confusionMatrix } from "./claims.js";
export { claimsScorer, companionScorer, mcqScorer, scribeScorer };

const SCORERS: Readonly<Record<EvalTask, TaskScorer>> = {
  claims: claimsScorer,
  scribe: scribeScorer,
  companion: companionScorer,
  mcq: mcqScorer,
};

export function scorerFor(task: EvalTask): TaskScorer {
  const scorer = SCORERS[task];
  if (!scorer) throw new Error(`no scorer for task "${task}"`);
  return scorer;
}

/** The metric names of a task, in report order. */
export function metricNames(task: EvalTask): string[] {
  return scorerFor(task).metrics.map((m) => m.name);
}
