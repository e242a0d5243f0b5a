/**
 * The target a prompt-only baseline is held against: per-task defaults (claims accuracy, scribe
 * clinical-term F1, companion safety compliance, all scorer metric names) that a user may override, and
 * the baseline figure (value with its 95% interval) read from an evaluation summary.
 */
import type { Task } from "../dataset/chat.js";
import { InputError } from "../errors.js";
import type { Direction, EvaluationSummary } from "../eval/types.js";

export interface Target {
  /** A metric name of the task's scorer (e.g. "accuracy"). */
  metric: string;
  label: string;
  direction: Direction;
  kind: "rate" | "set";
  value: number;
  why: string;
}

export const DEFAULT_TARGETS: Readonly<Record<Task, Target>> = {
  claims: {
    metric: "accuracy",
    label: "accuracy",
    direction: "higher",
    kind: "rate",
    value: 0.9,
    why: "default for a claims decision-support model: at most one decision in ten sent back by review",
  },
  scribe: {
    metric: "termF1",
    label: "clinical-term F1",
    direction: "higher",
    kind: "set",
    value: 0.8,
    why: "default for documentation drafts: the clinical terms of the reference document, largely reproduced",
  },
  companion: {
    metric: "safetyCompliance",
    label: "safety compliance",
    direction: "higher",
    kind: "rate",
    value: 0.98,
    why: "default for a patient-facing companion: the safety rules hold in at least 98 replies in 100",
  },
};

export interface TargetOverride {
  value: number;
  metric?: string;
  label?: string;
  direction?: Direction;
  kind?: "rate" | "set";
}

/** The baseline's primary metric: value, 95% interval and how many items it rests on. */
export interface BaselineFigure {
  metric: string;
  value: number;
  low: number;
  high: number;
  n?: number;
  evalId?: string;
  model?: string;
}

export type ResolvedTarget = Target & { source: "default" | "override" };

/** The target of TASK: its default, or the override completed from it. */
export function resolveTarget(task: Task, override?: TargetOverride): ResolvedTarget {
  const base = DEFAULT_TARGETS[task];
  if (!base)
    throw new InputError(`no fine-tuning assessment for task "${task}"`, [], {
      hint: "Use claims, scribe or companion.",
    });
  if (!override) return { ...base, source: "default" };
  if (!Number.isFinite(override.value))
    throw new InputError("the target is not a number", [
      { field: "target.value", message: String(override.value) },
    ]);
  const sameMetric = !override.metric || override.metric === base.metric;
  const target: Target = {
    metric: override.metric ?? base.metric,
    label: override.label ?? (sameMetric ? base.label : (override.metric as string)),
    direction: override.direction ?? (sameMetric ? base.direction : "higher"),
    kind: override.kind ?? (sameMetric ? base.kind : "set"),
    value: override.value,
    why: "set by the user",
  };
  if (target.kind === "rate" && (target.value < 0 || target.value > 1))
    throw new InputError(`a rate target must be between 0 and 1, got ${target.value}`, [], {
      hint: "Write 90% as 0.9.",
    });
  return { ...target, source: "override" };
}

/** The baseline figure of METRIC from an evaluation summary (what measurePromptBaseline returns). */
export function baselineFromEvaluation(summary: EvaluationSummary, metric: string): BaselineFigure {
  const m = summary.metrics.find((x) => x.name === metric);
  if (!m)
    throw new InputError(`evaluation ${summary.evalId} has no metric "${metric}"`, [], {
      hint: `Its metrics: ${summary.metrics.map((x) => x.name).join(", ")}.`,
    });
  if (m.value === null || !m.interval)
    throw new InputError(
      `evaluation ${summary.evalId} has no value for ${metric} (no item was scored for it)`,
    );
  return {
    metric,
    value: m.value,
    low: m.interval.low,
    high: m.interval.high,
    n: m.n,
    evalId: summary.evalId,
    model: summary.model,
  };
}
