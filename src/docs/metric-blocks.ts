/**
 * Blocks that several documents share: the metrics table with 95% intervals, the bar chart of metric values,
 * the delta-with-interval chart of a comparison and its table. Rates and set metrics are never drawn on one
 * axis: a rate moves in percentage points, a ROUGE-L score in its own units, so each kind gets its own chart.
 */
import type { MetricValue } from "../eval/types.js";
import type { MetricComparison } from "../regression/types.js";
import {
  type BarRow,
  type Block,
  bold,
  chart,
  type DeltaRow,
  type Inline,
  num,
  type Rich,
  table,
} from "./document.js";
import * as f from "./format.js";

const KIND_TITLE = { rate: "rates", set: "scores" } as const;

/** "accuracy" or "**false-approval rate** (critical)". */
export function metricName(m: { label: string; critical: boolean }): Rich {
  return m.critical ? [bold(m.label), " (critical)"] : m.label;
}

export function metricsTable(metrics: MetricValue[]): Block {
  return table(
    [{ header: "metric" }, num("value (95% CI)"), num("n"), { header: "better" }, { header: "interval" }],
    metrics.map((m) => [
      metricName(m),
      f.valueWithInterval(m.value, m.interval, m.kind),
      f.count(m.n),
      m.direction === "higher" ? "higher" : "lower",
      m.interval ? m.interval.method : f.NONE,
    ]),
    "Rates are percentages with a Wilson 95% interval; scores have a bootstrap 95% interval. n is the " +
      "number of items in the metric's denominator.",
  );
}

function groups<T extends { kind: "rate" | "set" }>(items: T[]): ["rate" | "set", T[]][] {
  return (["rate", "set"] as const)
    .map((k) => [k, items.filter((i) => i.kind === k)] as ["rate" | "set", T[]])
    .filter(([, list]) => list.length > 0);
}

/** Bar charts of metric values: one for rates (in percent), one for scores, as present. */
export function metricBars(metrics: MetricValue[]): Block[] {
  const all = groups(metrics);
  return all.map(([kind, list]) => {
    const scale = kind === "rate" ? 100 : 1;
    const rows: BarRow[] = list.map((m) => ({
      label: m.label,
      value: f.isNum(m.value) ? m.value * scale : null,
      low: m.interval ? m.interval.low * scale : null,
      high: m.interval ? m.interval.high * scale : null,
      text: f.value(m.value, kind),
      detail: f.valueWithInterval(m.value, m.interval, kind),
      critical: m.critical,
    }));
    const title = all.length > 1 ? `Metric values (${KIND_TITLE[kind]})` : "Metric values";
    return chart(
      title,
      { type: "bars", rows, axisLabel: kind === "rate" ? "percent" : "score", percent: kind === "rate" },
      "Bars show the value, whiskers the 95% interval; ◆ marks a critical metric.",
      true,
    );
  });
}

/** The tolerance line sits on the bad side of zero: below for higher-is-better metrics, above otherwise. */
function deltaRow(c: MetricComparison): DeltaRow {
  const scale = c.kind === "rate" ? 100 : 1;
  const sign = c.direction === "higher" ? -1 : 1;
  return {
    label: c.label,
    delta: f.isNum(c.delta) ? c.delta * scale : null,
    low: c.interval ? c.interval.low * scale : null,
    high: c.interval ? c.interval.high * scale : null,
    limit: f.isNum(c.threshold.tolerance) ? sign * c.threshold.tolerance * scale : null,
    verdict: c.verdict,
    text: f.delta(c.delta, c.kind),
    detail: f.deltaRange(c.interval, c.kind),
  };
}

/** Delta-with-interval charts: one for rates (percentage points), one for scores, as present. */
export function deltaCharts(comparisons: MetricComparison[]): Block[] {
  const all = groups(comparisons);
  return all.map(([kind, list]) =>
    chart(
      all.length > 1 ? `Change from baseline (${KIND_TITLE[kind]})` : "Change from baseline",
      {
        type: "delta",
        rows: list.map(deltaRow),
        axisLabel:
          kind === "rate"
            ? "change in percentage points (candidate − baseline)"
            : "change (candidate − baseline)",
      },
      "A point marks the change, the bar its 95% interval, the dashed tick the tolerance; " +
        "● PASS, ◆ WARN, ■ FAIL.",
      true,
    ),
  );
}

export function verdictText(v: "PASS" | "WARN" | "FAIL"): Inline {
  return bold(v);
}

/** The short comparison table (model card, evaluation report): baseline, candidate, change, verdict. */
export function comparisonTable(comparisons: MetricComparison[]): Block {
  return table(
    [
      { header: "metric" },
      num("baseline"),
      num("candidate"),
      num("change"),
      num("95% CI of change"),
      num("n"),
      { header: "verdict" },
    ],
    comparisons.map((c) => [
      metricName(c),
      f.value(c.baseline, c.kind),
      f.value(c.candidate, c.kind),
      f.delta(c.delta, c.kind),
      f.deltaRange(c.interval, c.kind),
      f.count(c.n),
      verdictText(c.verdict),
    ]),
  );
}

/** What a recommendation means, in a sentence. */
export const RECOMMENDATION_TEXT = {
  deploy: "deploy: every metric passed.",
  iterate: "iterate: a non-critical metric failed or a result is inconclusive; fix and evaluate again.",
  rollback: "rollback: a critical metric failed; keep the baseline in service.",
} as const;

export const VERDICT_TONE = { PASS: "success", WARN: "warning", FAIL: "danger" } as const;
