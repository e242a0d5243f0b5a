import { describe, expect, it } from "vitest";
import { plain } from "../../src/docs/document.js";
import { renderMarkdown } from "../../src/docs/markdown.js";
import { cardRecommendations, modelCard } from "../../src/docs/model-card.js";
import { cardInput, evaluation, regression, run } from "./fixtures.js";

/** The Markdown between a "## NAME" heading and the next one. */
function section(md: string, name: string): string {
  const start = md.indexOf(`\n## ${name}\n`);
  if (start < 0) throw new Error(`no section ${name}`);
  const next = md.indexOf("\n## ", start + 1);
  return md.slice(start, next < 0 ? undefined : next);
}

const SECTIONS = [
  "Model details",
  "Intended use",
  "Training data",
  "HIPAA status",
  "Training",
  "Evaluation results",
  "Regression vs baseline",
  "Limitations",
  "Ethical considerations",
  "Recommendations",
];

describe("modelCard", () => {
  it("has every section of a model card, in order", () => {
    const md = renderMarkdown(modelCard(cardInput()));
    expect(md.startsWith("# Model card — ft:gpt-4o-mini-2024-07-18:acme:claims:9xYz\n")).toBe(true);
    const positions = SECTIONS.map((s) => md.indexOf(`\n## ${s}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("shows the model, hyperparameters, data described by counts and hashes, and the attestation", () => {
    const md = renderMarkdown(modelCard(cardInput()));
    expect(section(md, "Model details")).toContain("| base model | `gpt-4o-mini-2024-07-18` |");
    expect(section(md, "Model details")).toContain("| `learningRateMultiplier` | 1.8 |");
    const data = section(md, "Training data");
    expect(data).toContain("| source | synthetic — no real patients |");
    expect(data).toContain("| train examples | 1,800 |");
    expect(data).toContain("| DENIED | 600 | 30.0% |");
    expect(data).toContain("a".repeat(64));
    const hipaa = section(md, "HIPAA status");
    expect(hipaa).toContain("| audit verdict | **PASS** |");
    expect(hipaa).toContain("`aud-55e1`");
    expect(hipaa).toContain("phi-scanner 1.4.0");
  });

  it("states intended and out-of-scope use per task", () => {
    const claims = renderMarkdown(modelCard(cardInput()));
    expect(section(claims, "Intended use")).toMatch(/Decision support for claims adjudicators/);
    expect(section(claims, "Intended use")).toMatch(/Automatic denial/);
    const scribe = renderMarkdown(
      modelCard(
        cardInput({
          dataset: { ...cardInput().dataset!, task: "scribe" },
          evaluation: null,
          regression: null,
        }),
      ),
    );
    expect(section(scribe, "Intended use")).toMatch(/for the clinician to review/);
    const companion = renderMarkdown(
      modelCard(
        cardInput({
          dataset: { ...cardInput().dataset!, task: "companion" },
          evaluation: null,
          regression: null,
        }),
      ),
    );
    expect(section(companion, "Intended use")).toMatch(/Between-session support/);
    expect(section(companion, "Intended use")).toMatch(/Diagnosis, medication advice or dosing/);
  });

  it("shows training, evaluation with intervals and critical marks, and the regression", () => {
    const doc = modelCard(cardInput());
    const md = renderMarkdown(doc);
    expect(section(md, "Training")).toContain("| final train loss | 0.4060 |");
    expect(section(md, "Training")).toContain("| actual cost | $11.87 |");
    const evaluation = section(md, "Evaluation results");
    expect(evaluation).toContain("| accuracy | 91.3% (88.9–93.4) | 600 | higher | wilson |");
    expect(evaluation).toContain(
      "| **false-approval rate** (critical) | 3.1% (1.7–5.5) | 290 | lower | wilson |",
    );
    expect(evaluation).toContain("| macro F1 | 0.874 (0.851–0.897) | 600 | higher | bootstrap |");
    const reg = section(md, "Regression vs baseline");
    expect(reg).toContain("[!CAUTION]");
    expect(reg).toContain("rollback");
    expect(reg).toContain("| accuracy | 96.4% | 91.3% | −5.1 pts | −7.0 to −3.2 pts | 600 | **FAIL** |");
    const charts = doc.blocks
      .filter((b) => b.kind === "chart")
      .map((b) => b.kind === "chart" && b.chart.type);
    expect(charts).toEqual(["loss", "bars", "bars", "delta", "delta"]);
  });

  it("derives recommendations from the figures", () => {
    const recs = cardRecommendations(cardInput()).map(plain);
    expect(recs[0]).toMatch(
      /^Roll back: keep .*:prev in service; critical metrics failed: false-approval rate/,
    );
    expect(recs.some((r) => /recall of pends: only 12 shared items \(at least 30 needed\)/.test(r))).toBe(
      true,
    );
    expect(recs.some((r) => /False approvals: 3\.1% \(1\.7–5\.5\)/.test(r))).toBe(true);
    expect(recs.some((r) => /interval of recall of denials spans 15\.0 points/.test(r))).toBe(true);
    expect(recs.some((r) => /4 items gave no readable answer/.test(r))).toBe(true);

    const clean = cardInput({
      evaluation: evaluation({
        metrics: evaluation().metrics.map((m) =>
          m.name === "falseApprovalRate"
            ? { ...m, value: 0, interval: { ...m.interval!, low: 0, high: 0.013 } }
            : m,
        ),
      }),
      regression: regression({ verdict: "PASS", recommendation: "deploy", metrics: [] }),
    });
    const cleanRecs = cardRecommendations(clean).map(plain);
    expect(cleanRecs.some((r) => /False approvals/.test(r))).toBe(false);
    expect(cleanRecs.some((r) => /deploy behind human review/.test(r))).toBe(true);
  });

  it("says plainly what is missing instead of showing numbers", () => {
    const md = renderMarkdown(
      modelCard(
        cardInput({
          run: run({ status: "running", fineTunedModel: null }),
          evaluation: null,
          regression: null,
          training: null,
          audit: null,
          dataset: null,
          hyperparameters: undefined,
          costs: { estimatedUsd: 12.5, actualUsd: null },
        }),
      ),
    );
    const evaluationPart = section(md, "Evaluation results");
    expect(evaluationPart).toContain("Not yet evaluated — run `cft evaluate");
    expect(evaluationPart).not.toMatch(/\d%/);
    expect(section(md, "Regression vs baseline")).toContain("No regression test yet — run `cft regress");
    expect(section(md, "Training")).toContain("not yet available — run `cft jobs status run-7f3a`");
    expect(section(md, "Training")).toContain("| actual cost | not recorded |");
    expect(section(md, "HIPAA status")).toContain("There is no PASS attestation on record");
    expect(section(md, "Training data")).toContain("No dataset record was found");
    expect(md).toContain("# Model card — run run-7f3a");
    expect(md).not.toMatch(/NaN|undefined|null/);
    const recs = section(md, "Recommendations");
    expect(recs).toContain("**Do not use this model:**");
    expect(recs).toContain("The run is running");
  });

  it("says when the audit failed, and names the adapter path of a local run", () => {
    const md = renderMarkdown(
      modelCard(
        cardInput({
          run: run({
            provider: "local",
            target: "this machine",
            fineTunedModel: "/ws/runs/run-7f3a/adapter",
          }),
          audit: {
            auditId: "aud-1",
            verdict: "FAIL",
            scannerVersion: "phi-scanner 1.4.0",
            createdAt: "2025-03-01",
          },
        }),
      ),
    );
    expect(section(md, "HIPAA status")).toContain("FAILED");
    expect(section(md, "HIPAA status")).toContain("no PASS attestation");
    expect(section(md, "Model details")).toContain("| adapter path | `/ws/runs/run-7f3a/adapter` |");
    expect(md).toContain("# Model card — run run-7f3a");
  });
});
