/**
 * The prompt assessment artifact and its document: every section rendered to Markdown and HTML, dataset
 * figures from the `cft prepare` manifest, the baseline figure shown with its interval, and PHI planted
 * in a chosen example appearing only redacted, in the artifact and in both renderings.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { synthesize } from "../../src/dataset/synthetic/index.js";
import { renderHtml } from "../../src/docs/html.js";
import { renderMarkdown } from "../../src/docs/markdown.js";
import { promptAssessment, renderAssessment } from "../../src/prompting/assessment.js";
import { loadPrompt } from "../../src/prompts/load.js";
import { cftAsync, tempDir } from "../helpers.js";

const work = tempDir("cft-assessment-");
const SECTIONS = [
  "System prompt",
  "Guardrails",
  "Few-shot examples",
  "Strategy rationale",
  "Fine-tuning necessity",
];
const PHI = ["123-45-6789", "jane.doe@example.com", "(415) 555-0133"];

/** Synthetic APPROVED and DENIED claims, and one short PENDING claim that carries planted PHI. */
function plantedTrain(): string {
  const lines = [...synthesize("claims", 60, 3, loadPrompt("claims-system"))]
    .filter((e) => e.label !== "PENDING")
    .map((e) => JSON.stringify(e.record));
  lines.splice(
    7,
    0,
    JSON.stringify({
      messages: [
        { role: "system", content: "Adjudicate the claim." },
        {
          role: "user",
          content: `Member SSN ${PHI[0]}, email ${PHI[1]}, phone ${PHI[2]}. Service 72148 (MRI lumbar spine) for M54.16; no prior authorization on file.`,
        },
        {
          role: "assistant",
          content:
            "Decision: PENDING\nRationale: Prior authorization missing. 72148 requires prior authorization.",
        },
      ],
    }),
  );
  const file = join(work, "planted.jsonl");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

beforeAll(async () => {
  const run = await cftAsync([
    ...["prepare", "--task", "scribe", "--synthetic", "120", "--seed", "9"],
    ...["--out", join(work, "scribe"), "--home", join(work, "ws"), "--json"],
  ]);
  expect(run.code, run.stderr).toBe(0);
});

describe("promptAssessment and renderAssessment", () => {
  it("renders every section, with the manifest's figures, to Markdown and HTML", async () => {
    const a = await promptAssessment({ task: "scribe", train: join(work, "scribe", "train.jsonl"), seed: 2 });
    expect(a.dataset).toMatchObject({
      source: "manifest",
      examples: 108,
      name: "scribe-synthetic-120-seed9",
    });
    expect(a.fewShot.examples).toHaveLength(4);
    expect(a.necessity.recommendation).toBe("measure-first");
    const doc = renderAssessment(a);
    const markdown = renderMarkdown(doc);
    for (const section of SECTIONS) expect(markdown).toContain(`## ${section}`);
    for (const g of a.systemPrompt.guardrails) expect(markdown).toContain(g.id);
    for (const e of a.fewShot.examples) expect(markdown).toContain(e.id);
    expect(markdown).toContain("not measured");
    const html = renderHtml(doc);
    for (const section of SECTIONS) expect(html).toContain(section);
  });

  it("shows only redacted snippets of an example that carries PHI", async () => {
    const a = await promptAssessment({
      task: "claims",
      train: plantedTrain(),
      k: 3,
      seed: 1,
      manifest: null,
    });
    const planted = a.fewShot.examples.find((e) => e.category === "PENDING");
    expect(planted?.line).toBe(8);
    expect(planted?.snippet.user).toContain("[SSN]");
    expect(planted?.snippet.user).toContain("[EMAIL]");
    expect(planted?.snippet.user).toContain("[PHONE]");
    const doc = renderAssessment(a);
    for (const text of [JSON.stringify(a), renderMarkdown(doc), renderHtml(doc)])
      for (const value of PHI) expect(text).not.toContain(value);
    expect(renderMarkdown(doc)).toContain("\\[SSN\\]");
    expect(a.dataset.source).toBe("sample");
  });

  it("shows the baseline figure with its interval, and the recommendation it leads to", async () => {
    const a = await promptAssessment({
      task: "claims",
      train: plantedTrain(),
      k: 3,
      seed: 1,
      manifest: null,
      baseline: { metric: "accuracy", value: 0.81, low: 0.76, high: 0.85, n: 300, evalId: "eval-0badc0de" },
    });
    expect(a.necessity.recommendation).toBe("fine-tune");
    const markdown = renderMarkdown(renderAssessment(a));
    expect(markdown).toContain("accuracy 81.0% (76.0–85.0) on 300 items (evaluation eval-0badc0de)");
    expect(markdown).toContain("**fine-tune**");
    expect(markdown).toContain("target-missed");
  });
});
