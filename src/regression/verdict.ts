/**
 * From a measured change to a verdict, and from verdicts to a recommendation. A verdict is never called on
 * noise: FAIL needs both a move past the tolerance in the bad direction and significance after Holm's
 * correction; a move past the tolerance that the data cannot confirm is WARN, and so is a metric with too
 * few items to resolve anything.
 */
import type { Direction } from "../eval/types.js";
import type { MetricComparison, Recommendation, Threshold, Verdict } from "./types.js";

export interface Judged {
  verdict: Verdict;
  reason: string;
}

/** "−5.1 pts" for rates, "−0.051" for set metrics. */
export function formatDelta(delta: number, kind: "rate" | "set"): string {
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  return kind === "rate"
    ? `${sign}${Math.abs(delta * 100).toFixed(1)} pts`
    : `${sign}${Math.abs(delta).toFixed(3)}`;
}

const formatP = (p: number) => (p < 0.0001 ? "p < 0.0001" : `p = ${p.toPrecision(2)}`);

export function judge(
  change: {
    delta: number;
    low: number;
    high: number;
    n: number;
    adjustedP: number;
    kind: "rate" | "set";
    direction: Direction;
  },
  threshold: Threshold,
): Judged {
  const { delta, kind } = change;
  if (!Number.isFinite(delta))
    return { verdict: "WARN", reason: "not measurable on the shared items (no item in its denominator)" };
  const worse = change.direction === "higher" ? -delta : delta;
  const ci =
    Number.isFinite(change.low) && Number.isFinite(change.high)
      ? ` (95% CI ${formatDelta(change.low, kind)} to ${formatDelta(change.high, kind)})`
      : "";
  const moved = `${formatDelta(delta, kind)}${ci}`;
  const tolerance =
    kind === "rate" ? `${(threshold.tolerance * 100).toFixed(1)}-point` : `${threshold.tolerance}`;
  if (change.n < threshold.minItems)
    return {
      verdict: "WARN",
      reason: `${moved} on only ${change.n} items (fewer than ${threshold.minItems}): too few to resolve a change`,
    };
  if (worse > threshold.tolerance) {
    if (change.adjustedP < threshold.alpha)
      return {
        verdict: "FAIL",
        reason: `${moved}, past the ${tolerance} tolerance; ${formatP(change.adjustedP)} after Holm correction`,
      };
    return {
      verdict: "WARN",
      reason: `${moved}, past the ${tolerance} tolerance, but not significant (${formatP(change.adjustedP)} after Holm): could be noise`,
    };
  }
  return { verdict: "PASS", reason: `${moved}, within the ${tolerance} tolerance` };
}

export function overallVerdict(metrics: readonly MetricComparison[]): Verdict {
  if (metrics.some((m) => m.verdict === "FAIL")) return "FAIL";
  if (metrics.some((m) => m.verdict === "WARN")) return "WARN";
  return "PASS";
}

/** A critical FAIL → rollback; any other FAIL or WARN → iterate; all PASS → deploy. */
export function recommend(metrics: readonly MetricComparison[]): Recommendation {
  if (metrics.some((m) => m.verdict === "FAIL" && m.threshold.critical)) return "rollback";
  if (metrics.some((m) => m.verdict !== "PASS")) return "iterate";
  return "deploy";
}
