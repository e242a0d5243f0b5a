/**
 * The report of one evaluation: a summary, the metrics with their 95% intervals (table and chart), the
 * confusion matrix of a claims model, the comparison with a baseline when one was run, a clinical accuracy
 * assessment written from the numbers (critical metrics and how far their intervals reach) and the risks of
 * the task. Everything shown comes from the evaluation record; nothing is estimated here.
 */
import type { EvaluationSummary, MetricValue } from "../eval/types.js";
import type { RegressionReport } from "../regression/types.js";
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
import {
  comparisonTable,
  deltaCharts,
  metricBars,
  metricsTable,
  RECOMMENDATION_TEXT,
  VERDICT_TONE,
} from "./metric-blocks.js";
import { TASK_NOTES } from "./task-notes.js";

export interface EvaluationReportExtras {
  /** Rows are the reference (gold) labels, columns the predicted ones, in the order of `labels`. */
  /** Rows: reference labels. Columns: `columns` when given (e.g. the labels then "none"), else the labels. */
  confusion?: { labels: string[]; columns?: string[]; matrix: number[][] };
  /** A regression test of this evaluation against a baseline. */
  baseline?: RegressionReport | null;
}

/** A wide interval: more than 10 points for a rate, more than 0.1 for a score. */
const WIDE = 0.1;

function summary(e: EvaluationSummary): Block[] {
  const latency = e.latencyMs
    ? `mean ${f.count(e.latencyMs.mean)} ms, median ${f.count(e.latencyMs.p50)} ms, p95 ${f.count(e.latencyMs.p95)} ms`
    : "not measured (predictions file)";
  return [
    heading(2, "Summary"),
    keyValue([
      ["evaluation", code(e.evalId)],
      ["model", code(e.model)],
      ["source", code(e.source)],
      ["fine-tuning run", e.runId ? code(e.runId) : "unknown"],
      ["suite", `${e.suite.name} (${e.suite.task}, ${e.suite.format}, ${f.count(e.suite.items)} items)`],
      ["suite SHA-256", code(e.suite.sha256)],
      ["evaluated", e.createdAt],
      [
        "items",
        `${f.count(e.counts.scored)} scored of ${f.count(e.counts.items)}; ${f.count(e.counts.noAnswer)} without a readable answer; ${f.count(e.counts.errors)} errors`,
      ],
      ["latency", latency],
    ]),
  ];
}

function confusion(c: NonNullable<EvaluationReportExtras["confusion"]>): Block[] {
  const total = (row: number[] | undefined) =>
    (row ?? []).reduce((s, v) => s + (Number.isFinite(v) ? v : 0), 0);
  const columns = c.columns ?? c.labels;
  const rows: Rich[][] = c.labels.map((gold, i) => {
    const row = c.matrix[i] ?? [];
    const n = total(row);
    const right = row[columns.indexOf(gold)] ?? 0;
    return [
      bold(gold),
      ...columns.map((_, j) => (Number.isFinite(row[j]) ? f.count(row[j]) : f.NONE)),
      f.count(n),
      f.share(right, n),
    ];
  });
  return [
    heading(2, "Confusion matrix"),
    table(
      [{ header: "reference ↓ / predicted →" }, ...columns.map(num), num("total"), num("recall")],
      rows,
      "Each row is the reference decision, each column the model's; the diagonal is agreement.",
    ),
  ];
}

function comparison(e: EvaluationSummary, r: RegressionReport): Block[] {
  const blocks: Block[] = [heading(2, "Comparison with the baseline")];
  if (r.candidate.evalId !== e.evalId)
    blocks.push(
      note("warning", `This comparison's candidate is ${r.candidate.evalId}, not this evaluation.`),
    );
  blocks.push(
    note(
      VERDICT_TONE[r.verdict],
      `Against ${r.baseline.model} (${r.baseline.evalId}) on ${f.count(r.sharedItems)} shared items. Recommendation: ${RECOMMENDATION_TEXT[r.recommendation]}`,
      `Regression ${r.verdict}.`,
    ),
    ...deltaCharts(r.metrics),
    comparisonTable(r.metrics),
  );
  return blocks;
}

function criticalSentence(m: MetricValue): Rich {
  if (!f.isNum(m.value))
    return [bold(m.label), `: could not be computed — no item was in its denominator (n=${m.n}).`];
  const parts: Rich = [
    bold(m.label),
    `: ${f.value(m.value, m.kind)} (95% CI ${f.range(m.interval?.low, m.interval?.high, m.kind)}, n=${f.count(m.n)}).`,
  ];
  if (m.interval) {
    const worst = m.direction === "higher" ? m.interval.low : m.interval.high;
    parts.push(
      ` The data are consistent with a true value as ${m.direction === "higher" ? "low" : "high"} as ${f.value(worst, m.kind)}.`,
    );
    if (m.interval.high - m.interval.low > WIDE)
      parts.push(" The interval is wide: more test items are needed for a firm conclusion.");
  } else parts.push(" No interval was computed.");
  return parts;
}

/** The clinical accuracy assessment, written from the figures. */
export function assessment(e: EvaluationSummary): Block[] {
  const blocks: Block[] = [heading(2, "Clinical accuracy assessment")];
  const critical = e.metrics.filter((m) => m.critical);
  if (critical.length) {
    blocks.push(
      paragraph(
        `${critical.length} critical metric${critical.length > 1 ? "s" : ""}: a move in the wrong direction${critical.length > 1 ? " in any of them" : ""} is a patient-safety or financial risk.`,
      ),
      bullets(critical.map(criticalSentence)),
    );
  } else {
    blocks.push(
      paragraph("This suite defines no critical metric; the figures describe overall quality only."),
    );
  }
  const far = e.metrics.find((m) => m.name === "falseApprovalRate");
  if (far && f.isNum(far.value))
    blocks.push(
      paragraph(
        far.value > 0
          ? `False approvals occurred: ${f.valueWithInterval(far.value, far.interval, far.kind)} of the ${f.count(far.n)} claims that should have been denied were approved.`
          : `No false approval among the ${f.count(far.n)} claims that should have been denied${far.interval ? `; the rate could still be as high as ${f.value(far.interval.high, far.kind)}` : ""}.`,
      ),
    );
  const { noAnswer, errors, items } = e.counts;
  const gaps = [
    noAnswer
      ? `${f.count(noAnswer)} of ${f.count(items)} items (${f.share(noAnswer, items)}) had no readable answer`
      : "",
    errors ? `${f.count(errors)} failed to get a prediction` : "",
  ].filter(Boolean);
  if (gaps.length) blocks.push(paragraph(`${gaps.join("; ")}.`));
  blocks.push(
    paragraph(
      "These figures come from synthetic test data and describe sampling uncertainty only; they are not " +
        "evidence of performance on real patients.",
    ),
  );
  return blocks;
}

function risks(e: EvaluationSummary, baseline: RegressionReport | null | undefined): Block[] {
  const items: Rich[] = [...TASK_NOTES[e.suite.task].risks];
  const far = e.metrics.find((m) => m.name === "falseApprovalRate");
  if (far && f.isNum(far.value) && far.value > 0)
    items.unshift([
      bold("Observed:"),
      ` false approvals at ${f.value(far.value, far.kind)} in this evaluation.`,
    ]);
  for (const m of baseline?.metrics ?? [])
    if (m.verdict === "FAIL")
      items.unshift([
        bold("Regressed:"),
        ` ${m.label} ${f.delta(m.delta, m.kind)} against the baseline (${m.reason}).`,
      ]);
  return [heading(2, "Risks"), bullets(items)];
}

export function evaluationReport(
  evaluation: EvaluationSummary,
  extras: EvaluationReportExtras = {},
): Document {
  const e = evaluation;
  const blocks: Block[] = [
    ...summary(e),
    heading(2, "Metrics"),
    e.metrics.length ? metricsTable(e.metrics) : paragraph("No metrics were computed."),
    ...metricBars(e.metrics),
  ];
  if (extras.confusion?.labels.length) blocks.push(...confusion(extras.confusion));
  if (extras.baseline) blocks.push(...comparison(e, extras.baseline));
  blocks.push(...assessment(e), ...risks(e, extras.baseline));
  return {
    title: `Evaluation report — ${e.model} on ${e.suite.name}`,
    subtitle: `Evaluation ${e.evalId} of ${e.createdAt} (${TASK_NOTES[e.suite.task].title}). Figures with 95% intervals.`,
    blocks,
  };
}
