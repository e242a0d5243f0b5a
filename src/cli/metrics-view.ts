/** How metrics and comparisons read on a terminal: value, 95% interval, n; deltas with their verdicts. */
import type { MetricValue } from "../eval/types.js";
import type { RegressionReport } from "../regression/types.js";
import { formatDelta } from "../regression/verdict.js";
import { table } from "./estimate-view.js";

/** 0.913 → "91.3%" for rates, "0.913" otherwise. */
export function formatValue(value: number | null, kind: "rate" | "set"): string {
  if (value === null || !Number.isFinite(value)) return "–";
  return kind === "rate" ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

export function renderMetrics(metrics: readonly MetricValue[]): string {
  const rows = [["metric", "value", "95% interval", "n", ""]];
  for (const m of metrics)
    rows.push([
      m.label,
      formatValue(m.value, m.kind),
      m.interval
        ? `${formatValue(m.interval.low, m.kind)} – ${formatValue(m.interval.high, m.kind)} (${m.interval.method})`
        : "–",
      String(m.n),
      m.critical ? "critical" : "",
    ]);
  return table(rows);
}

export function renderComparison(report: RegressionReport): string {
  const rows = [
    ["metric", "baseline", "candidate", "delta (95% CI)", "test", "p (Holm)", "+/−/=", "verdict"],
  ];
  for (const m of report.metrics)
    rows.push([
      `${m.label}${m.critical ? " *" : ""}`,
      formatValue(m.baseline, m.kind),
      formatValue(m.candidate, m.kind),
      m.delta === null
        ? "–"
        : `${formatDelta(m.delta, m.kind)}${m.interval ? ` (${formatDelta(m.interval.low, m.kind)} … ${formatDelta(m.interval.high, m.kind)})` : ""}`,
      m.test === "mcnemar" ? "McNemar" : "bootstrap",
      m.adjustedP === null ? "–" : m.adjustedP < 0.0001 ? "<0.0001" : m.adjustedP.toPrecision(2),
      `${m.improved}/${m.regressed}/${m.unchanged}`,
      m.verdict,
    ]);
  return `${table(rows)}\n  * critical: a FAIL here means rollback`;
}
