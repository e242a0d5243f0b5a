/**
 * `cft regress`: the candidate evaluation against the last baseline, item by item — a verdict per metric
 * that is never called on noise, and deploy / iterate / rollback. Writes JSON, Markdown and JUnit XML;
 * FAIL exits 3 so a pipeline stops.
 */
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { renderHtml } from "../../docs/html.js";
import { renderMarkdown } from "../../docs/markdown.js";
import { regressionReport } from "../../docs/regression-report.js";
import { writeFilesAtomically } from "../../docs/write-documents.js";
import { InputError } from "../../errors.js";
import { scorerFor } from "../../eval/scorers/index.js";
import type { EvaluationSummary } from "../../eval/types.js";
import {
  evaluationItems,
  evaluationsOfSuite,
  getEvaluation,
  recordRegression,
} from "../../ledger/evaluations.js";
import { type Db, openLedger } from "../../ledger/ledger.js";
import { junitXml } from "../../regression/junit.js";
import { regress } from "../../regression/regress.js";
import { defaultThresholds, loadThresholds } from "../../regression/thresholds.js";
import type { RegressionReport } from "../../regression/types.js";
import { announceFromCli } from "../announce.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { renderComparison } from "../metrics-view.js";

const Flags = z.object({
  candidate: z.string({ message: "required: the candidate's evalId (from `cft evaluate --json`)" }).min(1),
  baseline: z.string().min(1),
  thresholds: z.string().optional(),
  out: z.string().optional(),
  draws: z.coerce.number().int().min(100).max(1_000_000),
  seed: z.coerce.number().int().min(0),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

function evaluationOrFail(db: Db, evalId: string, home: string) {
  const summary = getEvaluation(db, evalId);
  if (!summary)
    throw new InputError(`no evaluation "${evalId}" in ${home}`, [], {
      hint: "Evaluations are listed by `cft evaluate --json` (evalId); run one first.",
    });
  return summary;
}

/** The newest evaluation of the suite (HISTORY) made before the candidate, other than the candidate. */
function latestBaseline(candidate: EvaluationSummary, history: readonly EvaluationSummary[]) {
  const earlier = history.filter((e) => e.evalId !== candidate.evalId && e.createdAt <= candidate.createdAt);
  const baseline = earlier[earlier.length - 1];
  if (!baseline)
    throw new InputError(
      `no earlier evaluation of suite ${candidate.suite.name} to compare ${candidate.evalId} with`,
      [],
      {
        hint: "Evaluate the baseline model (the base model, or the last deployed one) on the same suite first, then regress.",
      },
    );
  return baseline;
}

/** JSON, Markdown, HTML and JUnit XML, each written whole (temp file and rename) or not at all. */
function writeReports(report: RegressionReport, dir: string): Record<string, string> {
  const doc = regressionReport(report);
  const paths = writeFilesAtomically(dir, {
    "regression.json": `${JSON.stringify(report, null, 2)}\n`,
    "regression.junit.xml": junitXml(report),
    "regression.md": renderMarkdown(doc),
    "regression.html": renderHtml(doc),
  });
  return {
    json: paths["regression.json"]!,
    junit: paths["regression.junit.xml"]!,
    markdown: paths["regression.md"]!,
    html: paths["regression.html"]!,
  };
}

export function registerRegress(program: Command): void {
  const command = program
    .command("regress")
    .summary("compare a candidate evaluation with the baseline: PASS / WARN / FAIL (FAIL exits 3)")
    .description(
      "Compare two evaluations of the same suite item by item. Rates (accuracy, recall, false-approval rate) are tested with McNemar's exact test on the items that flipped; set metrics (F1, ROUGE-L, hallucination rate) with a seeded paired bootstrap (10,000 draws); Holm corrects across metrics. Per metric: FAIL when it moved the wrong way past its tolerance and the change is significant; WARN when it moved past the tolerance but could be noise, or when too few items bear on it; PASS otherwise. A critical FAIL (false approvals up, hallucinations up, recall of denials down) recommends rollback; other FAIL or WARN, iterate; all PASS, deploy. Writes regression.json, regression.md/.html and regression.junit.xml.",
    )
    .option("--candidate <eval>", "required: the evaluation under test")
    .option(
      "--baseline <eval>",
      "the evaluation to compare with, or latest (the newest earlier one of this suite)",
      "latest",
    )
    .option("--thresholds <file>", 'per-metric tolerance, critical, alpha, minItems (JSON: {"metrics": {…}})')
    .option("--out <dir>", "where the reports go (default: the workspace, docs/regressions/<id>/)")
    .option("--draws <n>", "bootstrap draws", "10000")
    .option("--seed <n>", "bootstrap seed", "20261203");
  withCommonOptions(command, [
    "cft regress --candidate eval-1f3a9c0b",
    "cft regress --candidate eval-1f3a9c0b --baseline eval-77d0e2aa --thresholds evals/claims-thresholds.json --json",
  ]).action(async (raw) => {
    const flags = parseFlags(Flags, raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    try {
      const candidate = evaluationOrFail(db, flags.candidate, ctx.config.home);
      // Evaluations of the suite, oldest first: the latest baseline and the trend both come from them.
      const history = evaluationsOfSuite(db, candidate.suite.sha256);
      const baseline =
        flags.baseline === "latest"
          ? latestBaseline(candidate, history)
          : evaluationOrFail(db, flags.baseline, ctx.config.home);
      if (baseline.evalId === candidate.evalId)
        throw new InputError("the candidate and the baseline are the same evaluation");
      if (baseline.suite.task !== candidate.suite.task)
        throw new InputError(
          `cannot compare a ${candidate.suite.task} evaluation with a ${baseline.suite.task} one`,
        );
      const task = candidate.suite.task;
      const metrics = scorerFor(task).metrics;
      const thresholds = flags.thresholds
        ? loadThresholds(flags.thresholds, task, metrics)
        : defaultThresholds(task);
      const report = regress({
        task,
        metrics,
        baseline: { summary: baseline, items: evaluationItems(db, baseline.evalId) },
        candidate: { summary: candidate, items: evaluationItems(db, candidate.evalId) },
        thresholds,
        history,
        draws: flags.draws,
        seed: flags.seed,
      });
      if (report.sharedItems === 0)
        throw new InputError(
          `${candidate.evalId} and ${baseline.evalId} share no scored items: they were not run on the same suite items`,
        );
      recordRegression(db, report);
      const dir = resolve(flags.out ?? join(ctx.config.home, "docs", "regressions", report.regressionId));
      const files = writeReports(report, dir);
      if (baseline.suite.sha256 !== candidate.suite.sha256)
        ctx.out.note(
          `note: the suites differ (${baseline.suite.name} vs ${candidate.suite.name}); compared on the ${report.sharedItems} items both contain`,
        );
      ctx.out.say(
        `Regression ${report.regressionId}: ${candidate.model} (${candidate.evalId}) vs ${baseline.model} (${baseline.evalId}) on ${report.sharedItems} shared items`,
      );
      ctx.out.say(renderComparison(report));
      for (const m of report.metrics.filter((x) => x.verdict !== "PASS"))
        ctx.out.say(`  ${m.verdict} ${m.label}: ${m.reason}`);
      ctx.out.say(
        `Verdict ${report.verdict} → recommendation: ${report.recommendation}. Reports: ${files.markdown}, ${files.junit}`,
      );
      await announceFromCli(ctx, db, { kind: "regression", report }, [
        {
          subject: `regression:${report.regressionId}`,
          kind: "regression_report",
          path: files.markdown!,
          document: regressionReport(report),
        },
      ]);
      ctx.out.result({ ...report, files });
      // A FAIL is the regression gate saying no (exit 3), with the report already written.
      if (report.verdict === "FAIL") process.exitCode = 3;
    } finally {
      db.close();
    }
  });
}
