/**
 * After a fine-tune, as a user drives it: a claims dataset prepared and audited, a local LoRA run through
 * the runner stand-in, `cft evaluate` of a baseline and of the candidate from predictions files, `cft
 * regress` calling a planted rise in false approvals a critical FAIL (exit 3, rollback) with JSON,
 * Markdown, HTML and JUnit reports, and `cft card` writing the model card and the evaluation report.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FAKE_PYTHON, FAKES } from "../finetune/local-harness.js";
import { cft, tempDir, writeFile } from "../helpers.js";

let home: string;
let data: string;
let suite: string;
let runId: string;
const env = () => ({
  PATH: `${FAKES}:${process.env.PATH ?? ""}`,
  CFT_PYTHON: FAKE_PYTHON,
  FAKE_GPUS: "NVIDIA H100 80GB HBM3, 81559",
});

/** The references themselves as predictions, with every Nth DENIED claim answered APPROVED. */
function predictions(dir: string, name: string, flipEvery: number): string {
  const lines = readFileSync(suite, "utf8").trim().split("\n");
  let denied = 0;
  const out = lines.map((line, i) => {
    const messages = JSON.parse(line).messages as { role: string; content: string }[];
    let answer = messages[messages.length - 1]!.content;
    if (/Decision: DENIED/.test(answer) && flipEvery > 0 && denied++ % flipEvery === 0)
      answer = answer.replace("Decision: DENIED", "Decision: APPROVED");
    return JSON.stringify({ line: i + 1, prediction: answer });
  });
  return writeFile(dir, name, `${out.join("\n")}\n`);
}

beforeAll(() => {
  const work = tempDir("cft-eval-");
  home = join(work, "ws");
  data = join(work, "claims");
  suite = join(data, "test.jsonl");
  expect(
    cft(["prepare", "--task", "claims", "--synthetic", "3000", "--out", data, "--home", home]).code,
  ).toBe(0);
  expect(cft(["audit", join(data, "train.jsonl"), suite, "--home", home]).code).toBe(0);
  const started = cft(
    [
      "finetune",
      "--provider",
      "local",
      "--base-model",
      "meta-llama/Llama-3.1-8B-Instruct",
      "--train",
      join(data, "train.jsonl"),
      "--yes",
      "--home",
      home,
      "--json",
    ],
    { env: env() },
  );
  expect(started.code).toBe(0);
  runId = started.json().runId;
  expect(cft(["jobs", "watch", runId, "--interval", "0.05", "--home", home], { env: env() }).code).toBe(0);
}, 120_000);

describe("cft evaluate, regress and card", () => {
  let baselineId: string;
  let candidateId: string;

  it("scores predictions with intervals and records the evaluation", () => {
    const dir = tempDir();
    const base = cft([
      "evaluate",
      "--suite",
      suite,
      "--predictions",
      predictions(dir, "base.jsonl", 0),
      "--model",
      "base",
      "--home",
      home,
      "--json",
    ]);
    expect(base.code).toBe(0);
    const summary = base.json();
    baselineId = summary.evalId;
    expect(summary.suite).toMatchObject({ task: "claims", items: 300 });
    expect(summary.counts).toMatchObject({ items: 300, scored: 300, errors: 0 });
    const accuracy = summary.metrics.find((m: { name: string }) => m.name === "accuracy");
    expect(accuracy).toMatchObject({ value: 1, n: 300 });
    expect(accuracy.interval.method).toBe("wilson");
    expect(accuracy.interval.low).toBeGreaterThan(0.98);

    const cand = cft([
      "evaluate",
      "--suite",
      suite,
      "--predictions",
      predictions(dir, "cand.jsonl", 3),
      "--model",
      "candidate",
      "--run",
      runId,
      "--home",
      home,
      "--json",
    ]);
    expect(cand.code).toBe(0);
    candidateId = cand.json().evalId;
    const far = cand.json().metrics.find((m: { name: string }) => m.name === "falseApprovalRate");
    expect(far.value).toBeGreaterThan(0.3);
    expect(far.critical).toBe(true);
    expect(cand.stderr).toContain("false-approval rate");
  });

  it("fails the regression on the planted false approvals, recommends rollback, and writes the reports", () => {
    const out = join(tempDir(), "reports");
    const run = cft(["regress", "--candidate", candidateId, "--out", out, "--home", home, "--json"]);
    expect(run.code).toBe(3);
    const report = run.json();
    expect(report.baseline.evalId).toBe(baselineId);
    expect(report.verdict).toBe("FAIL");
    expect(report.recommendation).toBe("rollback");
    const far = report.metrics.find((m: { name: string }) => m.name === "falseApprovalRate");
    expect(far).toMatchObject({ verdict: "FAIL", test: "mcnemar", improved: 0 });
    expect(far.regressed).toBeGreaterThan(20);
    expect(report.regressedItems.length).toBeGreaterThan(0);
    for (const file of ["regression.json", "regression.md", "regression.html", "regression.junit.xml"])
      expect(existsSync(join(out, file))).toBe(true);
    const junit = readFileSync(join(out, "regression.junit.xml"), "utf8");
    expect(junit).toContain('<testcase classname="cft.regression.claims" name="falseApprovalRate"');
    expect(junit).toMatch(/<failure message="[^"]*tolerance/);
    expect(readFileSync(join(out, "regression.md"), "utf8")).toContain("rollback");
  });

  it("refuses a regression without a baseline, and a thresholds file that names an unknown metric", () => {
    expect(cft(["regress", "--candidate", "eval-nope", "--home", home]).code).toBe(2);
    const bad = writeFile(tempDir(), "t.json", JSON.stringify({ metrics: { acuracy: { tolerance: 0.01 } } }));
    const run = cft(["regress", "--candidate", candidateId, "--thresholds", bad, "--home", home]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no claims metric named acuracy");
  });

  it("writes the model card and the evaluation report of the run", () => {
    const run = cft(["card", runId, "--home", home, "--json"]);
    expect(run.code).toBe(0);
    const result = run.json();
    expect(result.evalId).toBe(candidateId);
    const card = readFileSync(result.modelCard.markdown, "utf8");
    expect(card).toContain("meta-llama/Llama-3.1-8B-Instruct");
    expect(card).toMatch(/PASS/);
    expect(card).toMatch(/false-approval rate/i);
    expect(card).toMatch(/rollback/i);
    const html = readFileSync(result.modelCard.html, "utf8");
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(existsSync(result.evaluationReport.html)).toBe(true);
    const report = readFileSync(result.evaluationReport.markdown, "utf8");
    expect(report).toContain("Confusion matrix");
    expect(report).toMatch(/\|\s*none\s*\|/);
  });
});
