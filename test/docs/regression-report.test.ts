import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/docs/html.js";
import { renderMarkdown } from "../../src/docs/markdown.js";
import { regressionReport } from "../../src/docs/regression-report.js";
import { regression, svgProblems } from "./fixtures.js";

describe("regressionReport", () => {
  it("puts the verdict and recommendation first", () => {
    const doc = regressionReport(regression());
    expect(doc.blocks[0]).toMatchObject({ kind: "note", tone: "danger", title: "Verdict FAIL." });
    const md = renderMarkdown(doc);
    expect(md.indexOf("[!CAUTION]")).toBeLessThan(md.indexOf("## Per-metric results"));
    expect(md).toContain("Recommendation: **rollback: a critical metric failed");
    expect(md).toContain("Metrics: 2 FAIL, 1 WARN, 1 PASS.");
  });

  it("has a row per metric with change, interval, test, p, Holm p, flips, tolerance, verdict and reason", () => {
    const md = renderMarkdown(regressionReport(regression()));
    expect(md).toContain(
      "| accuracy | 96.4% | 91.3% | −5.1 pts | −7.0 to −3.2 pts | mcnemar | \\<0.001 | \\<0.001 | 3 / 34 / 563 | 2.0 pts | **FAIL** | dropped 5.1 points (95% CI −7.0 to −3.2), past the 2-point tolerance; p=0.0001 |",
    );
    expect(md).toContain(
      "| **false-approval rate** (critical) | 1.0% | 3.1% | +2.1 pts | +0.4 to +3.9 pts | mcnemar | 0.035 | 0.070 | 1 / 7 / 282 | 0.5 pts (critical) | **FAIL** |",
    );
    expect(md).toContain(
      "| macro F1 | 0.878 | 0.874 | −0.004 | −0.012 to +0.004 | paired-bootstrap | 0.310 | 0.620 |",
    );
    expect(md).toContain("| recall of pends | 75.0% | 66.7% | −8.3 pts |");
  });

  it("lists regressed items with pipes escaped, and the trend over earlier evaluations", () => {
    const md = renderMarkdown(regressionReport(regression()));
    expect(md).toContain(
      "| `itm-19c` | 19 | accuracy, falseApprovalRate | Decision: DENIED \\| CPT 99215 not supported by \\[NAME\\]'s note | Decision: APPROVED |",
    );
    expect(md).toContain(
      "| evaluation | date | model | accuracy | false-approval rate | recall of pends | macro F1 |",
    );
    expect(md).toContain(
      "| `eval-0031` (baseline) | 2025-02-15T10:00:00Z | prev | 96.4% | 1.0% | — | 0.878 |",
    );
    expect(md).toContain(
      "| `eval-0042` (candidate) | 2025-03-01T11:00:00Z | candidate | 91.3% | 3.1% | — | — |",
    );
  });

  it("draws the delta chart, rows coloured by verdict", () => {
    const html = renderHtml(regressionReport(regression()));
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect(svgProblems(svg)).toEqual([]);
    expect(svgs[0]).toContain("#cf222e");
    expect(svgs[0]).toContain("#9a6700");
    expect(svgs[1]).toContain("#1a7f37");
  });

  it("says so when nothing regressed, nothing came before, and nothing was compared", () => {
    const md = renderMarkdown(
      regressionReport(
        regression({ verdict: "PASS", recommendation: "deploy", metrics: [], regressedItems: [], trend: [] }),
      ),
    );
    expect(md).toContain("> [!TIP]");
    expect(md).toContain("No item regressed.");
    expect(md).toContain("No earlier evaluation of this suite is on record.");
    expect(md).toContain("No metric was compared.");
  });
});
