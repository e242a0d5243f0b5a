/**
 * The shapes of a regression test: one candidate evaluation against a baseline on the items they share,
 * a verdict per metric, and a recommendation that follows from them (deploy, iterate, rollback).
 */
import type { Direction, EvalTask } from "../eval/types.js";

export type Verdict = "PASS" | "WARN" | "FAIL";
export type Recommendation = "deploy" | "iterate" | "rollback";

/** Per metric, from a thresholds file or the task's defaults. */
export interface Threshold {
  /** Largest acceptable move in the bad direction, in the metric's units (0.02 = two points of accuracy). */
  tolerance: number;
  /** A FAIL here means rollback. */
  critical: boolean;
  /** Family-wise significance level (Holm across the metrics compared). */
  alpha: number;
  /** Fewer shared items in the metric's denominator than this → WARN, never PASS or FAIL. */
  minItems: number;
}

export interface MetricComparison {
  name: string;
  label: string;
  direction: Direction;
  kind: "rate" | "set";
  critical: boolean;
  baseline: number | null;
  candidate: number | null;
  /** candidate − baseline, in the metric's units. */
  delta: number | null;
  /** Paired-bootstrap interval of the delta. */
  interval: { low: number; high: number; level: number } | null;
  /** "mcnemar" (exact, discordant pairs) for rates; "paired-bootstrap" for set metrics. */
  test: "mcnemar" | "paired-bootstrap";
  pValue: number | null;
  /** Holm-adjusted across the metrics of this comparison. */
  adjustedP: number | null;
  /** Items in the metric's denominator, shared by both runs. */
  n: number;
  /** Items whose own contribution got better / worse / stayed (rates: right↔wrong flips). */
  improved: number;
  regressed: number;
  unchanged: number;
  threshold: Threshold;
  verdict: Verdict;
  /** Why, in a sentence: "dropped 5.1 points (95% CI −7.0 to −3.2), past the 2-point tolerance; p=0.0001". */
  reason: string;
}

export interface RegressedItem {
  itemId: string;
  line: number;
  /** Redacted, shortened predictions. */
  baseline: string;
  candidate: string;
  /** Which metrics it regressed on. */
  metrics: string[];
}

export interface TrendPoint {
  evalId: string;
  createdAt: string;
  model: string;
  metrics: Record<string, number | null>;
}

export interface RegressionReport {
  regressionId: string;
  task: EvalTask;
  suite: { name: string; sha256: string };
  candidate: { evalId: string; model: string };
  baseline: { evalId: string; model: string };
  sharedItems: number;
  verdict: Verdict;
  recommendation: Recommendation;
  metrics: MetricComparison[];
  regressedItems: RegressedItem[];
  /** Earlier evaluations of the same suite, oldest first, the candidate last. */
  trend: TrendPoint[];
  /** "defaults for claims" or the thresholds file's path. */
  thresholdsSource: string;
  seed: number;
  draws: number;
  createdAt: string;
}
