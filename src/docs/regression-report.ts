/**
 * The report of a regression test: the verdict and recommendation first, then every metric compared
 * (baseline, candidate, change with its 95% interval, the test and its p-value before and after Holm's
 * adjustment, item flips, tolerance, verdict and why), the delta chart, the regressed items (already
 * redacted by the regression stage) and the trend of the metrics over earlier evaluations of the suite.
 */
import type { MetricComparison, RegressionReport } from "../regression/types.js";
import {
  type Block,
  bold,
  bullets,
  code,
  type Document,
  heading,
  keyValue,
  note,
  num,
  paragraph,
  type Rich,
  table,
} from "./document.js";
import * as f from "./format.js";
import { deltaCharts, metricName, RECOMMENDATION_TEXT, VERDICT_TONE } from "./metric-blocks.js";

const MAX_ITEMS = 50;

function headline(r: RegressionReport): Block[] {
  const counts = (["FAIL", "WARN", "PASS"] as const)
    .map((v) => `${r.metrics.filter((m) => m.verdict === v).length} ${v}`)
    .join(", ");
  return [
    note(
      VERDICT_TONE[r.verdict],
      [`Recommendation: `, bold(RECOMMENDATION_TEXT[r.recommendation]), ` Metrics: ${counts}.`],
      `Verdict ${r.verdict}.`,
    ),
    keyValue([
      ["regression test", code(r.regressionId)],
      ["task", r.task],
      ["suite", [`${r.suite.name} `, code(r.suite.sha256)]],
      ["candidate", [code(r.candidate.model), " — evaluation ", code(r.candidate.evalId)]],
      ["baseline", [code(r.baseline.model), " — evaluation ", code(r.baseline.evalId)]],
      ["shared items", f.count(r.sharedItems)],
      ["thresholds", r.thresholdsSource],
      ["bootstrap", `${f.count(r.draws)} draws, seed ${r.seed}`],
      ["tested", r.createdAt],
    ]),
  ];
}

function metricRow(m: MetricComparison): Rich[] {
  return [
    metricName(m),
    f.value(m.baseline, m.kind),
    f.value(m.candidate, m.kind),
    f.delta(m.delta, m.kind),
    f.deltaRange(m.interval, m.kind),
    m.test,
    f.pValue(m.pValue),
    f.pValue(m.adjustedP),
    `${f.count(m.improved)} / ${f.count(m.regressed)} / ${f.count(m.unchanged)}`,
    `${f.tolerance(m.threshold.tolerance, m.kind)}${m.threshold.critical ? " (critical)" : ""}`,
    bold(m.verdict),
    m.reason,
  ];
}

function metricsTable(r: RegressionReport): Block[] {
  return [
    heading(2, "Per-metric results"),
    table(
      [
        { header: "metric" },
        num("baseline"),
        num("candidate"),
        num("change"),
        num("95% CI"),
        { header: "test" },
        num("p"),
        num("Holm p"),
        num("improved / regressed / unchanged"),
        num("tolerance"),
        { header: "verdict", align: "center" },
        { header: "reason" },
      ],
      r.metrics.map(metricRow),
      "Changes of rates are in percentage points. Rates are tested with McNemar's exact test on discordant " +
        "pairs, scores with a paired bootstrap; p-values are Holm-adjusted across the metrics.",
    ),
  ];
}

function regressedItems(r: RegressionReport): Block[] {
  const blocks: Block[] = [heading(2, "Regressed items")];
  if (r.regressedItems.length === 0) return [...blocks, paragraph("No item regressed.")];
  const shown = r.regressedItems.slice(0, MAX_ITEMS);
  const more =
    r.regressedItems.length > MAX_ITEMS ? ` (first ${MAX_ITEMS} of ${r.regressedItems.length})` : "";
  blocks.push(
    table(
      [
        { header: "item" },
        num("line"),
        { header: "metrics" },
        { header: "baseline" },
        { header: "candidate" },
      ],
      shown.map((i) => [code(i.itemId), String(i.line), i.metrics.join(", "), i.baseline, i.candidate]),
      `Items the candidate got worse on${more}. Predictions are redacted and shortened.`,
    ),
  );
  return blocks;
}

function trend(r: RegressionReport): Block[] {
  const blocks: Block[] = [heading(2, "Trend")];
  if (r.trend.length === 0)
    return [...blocks, paragraph("No earlier evaluation of this suite is on record.")];
  const known = new Map(r.metrics.map((m) => [m.name, m]));
  const names = [
    ...new Set([...r.metrics.map((m) => m.name), ...r.trend.flatMap((t) => Object.keys(t.metrics))]),
  ];
  const label = (name: string) => known.get(name)?.label ?? name;
  const kind = (name: string) => known.get(name)?.kind ?? "set";
  blocks.push(
    table(
      [{ header: "evaluation" }, { header: "date" }, { header: "model" }, ...names.map((n) => num(label(n)))],
      r.trend.map((t) => {
        const role =
          t.evalId === r.candidate.evalId
            ? " (candidate)"
            : t.evalId === r.baseline.evalId
              ? " (baseline)"
              : "";
        return [
          [code(t.evalId), role],
          t.createdAt,
          t.model,
          ...names.map((n) => f.value(t.metrics[n] ?? null, kind(n))),
        ];
      }),
      "Earlier evaluations of the same suite, oldest first.",
    ),
  );
  return blocks;
}

function method(r: RegressionReport): Block[] {
  return [
    heading(2, "How the verdict is reached"),
    bullets([
      "Only the items both evaluations share are compared, item by item (a paired comparison).",
      "Rates are tested with McNemar's exact test on the items that flipped, scores with a seeded paired " +
        "bootstrap; Holm's method corrects across the metrics.",
      "FAIL: the metric moved the wrong way past its tolerance and the change is significant. WARN: it moved " +
        "past the tolerance but could be noise, or too few shared items bear on it. PASS otherwise.",
      "A critical FAIL recommends rollback; any other FAIL or WARN, iterate; all PASS, deploy.",
      `Thresholds: ${r.thresholdsSource}. The verdict is computed by code, not by a language model.`,
    ]),
  ];
}

export function regressionReport(report: RegressionReport): Document {
  const r = report;
  return {
    title: `Regression report — ${r.candidate.model} vs ${r.baseline.model}`,
    subtitle: `Regression test ${r.regressionId} of ${r.createdAt} on suite ${r.suite.name} (${r.task}).`,
    blocks: [
      ...headline(r),
      ...metricsTable(r),
      heading(2, "Change from baseline"),
      ...(r.metrics.length ? deltaCharts(r.metrics) : [paragraph("No metric was compared.")]),
      ...regressedItems(r),
      ...trend(r),
      ...method(r),
    ],
  };
}
