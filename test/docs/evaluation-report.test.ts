import { describe, expect, it } from "vitest";
import { evaluationReport } from "../../src/docs/evaluation-report.js";
import { renderHtml } from "../../src/docs/html.js";
import { renderMarkdown } from "../../src/docs/markdown.js";
import { evaluation, regression, svgProblems } from "./fixtures.js";

const confusion = {
  labels: ["APPROVED", "DENIED", "PENDING"],
  matrix: [
    [300, 5, 3],
    [9, 250, 31],
    [2, 4, 0],
  ],
};

describe("evaluationReport", () => {
  it("has a summary, the metrics with intervals, a chart, the assessment and the risks", () => {
    const doc = evaluationReport(evaluation());
    const md = renderMarkdown(doc);
    expect(md.startsWith("# Evaluation report — ft:gpt-4o-mini-2024-07-18:acme:claims:9xYz on test\n")).toBe(
      true,
    );
    for (const s of ["Summary", "Metrics", "Clinical accuracy assessment", "Risks"])
      expect(md).toContain(`\n## ${s}\n`);
    expect(md).not.toContain("## Confusion matrix");
    expect(md).not.toContain("## Comparison with the baseline");
    expect(md).toContain("| items | 596 scored of 600; 4 without a readable answer; 0 errors |");
    expect(md).toContain("| **recall of denials** (critical) | 88.0% (79.0–94.0) | 75 | higher | wilson |");
    expect(doc.blocks.some((b) => b.kind === "chart" && b.chart.type === "bars")).toBe(true);
  });

  it("writes the clinical accuracy assessment from the numbers", () => {
    const md = renderMarkdown(evaluationReport(evaluation()));
    expect(md).toContain("2 critical metrics");
    expect(md).toContain(
      "**false-approval rate**: 3.1% (95% CI 1.7–5.5, n=290). The data are consistent with a true value as high as 5.5%.",
    );
    expect(md).toMatch(/\*\*recall of denials\*\*: 88\.0% .*as low as 79\.0%\. The interval is wide/);
    expect(md).toContain(
      "False approvals occurred: 3.1% (1.7–5.5) of the 290 claims that should have been denied",
    );
    expect(md).toContain("4 of 600 items (0.7%) had no readable answer.");
  });

  it("shows the confusion matrix of a claims model with totals and recall", () => {
    const md = renderMarkdown(evaluationReport(evaluation(), { confusion }));
    expect(md).toContain("| reference ↓ / predicted → | APPROVED | DENIED | PENDING | total | recall |");
    expect(md).toContain("| **DENIED** | 9 | 250 | 31 | 290 | 86.2% |");
    expect(md).toContain("| **PENDING** | 2 | 4 | 0 | 6 | 0.0% |");
  });

  it("compares with the baseline when given: verdict, delta chart and table", () => {
    const doc = evaluationReport(evaluation(), { confusion, baseline: regression() });
    const md = renderMarkdown(doc);
    expect(md).toContain("## Comparison with the baseline");
    expect(md).toContain(
      "| **false-approval rate** (critical) | 1.0% | 3.1% | +2.1 pts | +0.4 to +3.9 pts | 290 | **FAIL** |",
    );
    expect(md).toContain("**Regressed:** accuracy −5.1 pts against the baseline");
    expect(doc.blocks.filter((b) => b.kind === "chart" && b.chart.type === "delta")).toHaveLength(2);
    const html = renderHtml(doc);
    for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g) ?? []) expect(svgProblems(svg)).toEqual([]);
  });

  it("handles a metric with no denominator and a suite without critical metrics", () => {
    const e = evaluation({
      suite: { ...evaluation().suite, task: "scribe" },
      metrics: [
        {
          name: "rougeL",
          label: "ROUGE-L",
          direction: "higher",
          kind: "set",
          critical: false,
          value: null,
          interval: null,
          n: 0,
        },
      ],
      counts: { items: 10, scored: 10, noAnswer: 0, errors: 0 },
      latencyMs: null,
    });
    const md = renderMarkdown(evaluationReport(e));
    expect(md).toContain("| ROUGE-L | — | 0 | higher | — |");
    expect(md).toContain("This suite defines no critical metric");
    expect(md).toContain("not measured (predictions file)");
    expect(md).toMatch(/Invented findings/);
    expect(md).not.toMatch(/NaN|undefined/);
  });
});
