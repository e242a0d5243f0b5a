/**
 * One regression test as every caller runs it (the CLI, the agents): the candidate and the baseline (an
 * evaluation id, or "latest": the newest earlier evaluation of the same suite) paired item by item,
 * thresholds from a file or the task's defaults, the verdict recorded in the ledger, and the reports
 * written as JSON, Markdown, HTML and JUnit XML (all or none).
 */
import { join, resolve } from "node:path";
import { renderHtml } from "../docs/html.js";
import { renderMarkdown } from "../docs/markdown.js";
import { regressionReport } from "../docs/regression-report.js";
import { writeFilesAtomically } from "../docs/write-documents.js";
import { InputError } from "../errors.js";
import { scorerFor } from "../eval/scorers/index.js";
import type { EvaluationSummary } from "../eval/types.js";
import {
  evaluationItems,
  evaluationsOfSuite,
  getEvaluation,
  recordRegression,
} from "../ledger/evaluations.js";
import type { Db } from "../ledger/ledger.js";
import { junitXml } from "./junit.js";
import { REGRESSION_SEED, regress } from "./regress.js";
import { defaultThresholds, loadThresholds } from "./thresholds.js";
import type { RegressionReport } from "./types.js";

export interface RegressionRequest {
  candidate: string;
  /** An evalId, or "latest". */
  baseline: string;
  thresholdsFile?: string;
  /** Folder for the reports (default HOME/docs/regressions/ID). */
  out?: string;
  draws?: number;
  seed?: number;
}

export interface RegressionRun {
  report: RegressionReport;
  files: Record<"json" | "junit" | "markdown" | "html", string>;
  candidate: EvaluationSummary;
  baseline: EvaluationSummary;
}

function evaluationOrFail(db: Db, evalId: string, home: string) {
  const summary = getEvaluation(db, evalId);
  if (!summary)
    throw new InputError(`no evaluation "${evalId}" in ${home}`, [], {
      hint: "Evaluations are listed by `cft evaluate --json` (evalId); run one first.",
    });
  return summary;
}

/** The newest evaluation of the suite (HISTORY, oldest first) made before the candidate, or undefined. */
function earlierEvaluation(candidate: EvaluationSummary, history: readonly EvaluationSummary[]) {
  const earlier = history.filter((e) => e.evalId !== candidate.evalId && e.createdAt <= candidate.createdAt);
  return earlier[earlier.length - 1];
}

function latestBaseline(candidate: EvaluationSummary, history: readonly EvaluationSummary[]) {
  const baseline = earlierEvaluation(candidate, history);
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
function writeReports(report: RegressionReport, dir: string): RegressionRun["files"] {
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

/** The newest evaluation of CANDIDATE's suite made before it, or undefined. */
export function findLatestBaseline(db: Db, candidate: EvaluationSummary): EvaluationSummary | undefined {
  return earlierEvaluation(candidate, evaluationsOfSuite(db, candidate.suite.sha256));
}

export function runRegression(db: Db, home: string, request: RegressionRequest): RegressionRun {
  const flags = {
    candidate: request.candidate,
    baseline: request.baseline,
    thresholds: request.thresholdsFile,
    out: request.out,
    draws: request.draws ?? 10_000,
    seed: request.seed ?? REGRESSION_SEED,
  };
  const candidate = evaluationOrFail(db, flags.candidate, home);
  // Evaluations of the suite, oldest first: the latest baseline and the trend both come from them.
  const history = evaluationsOfSuite(db, candidate.suite.sha256);
  const baseline =
    flags.baseline === "latest"
      ? latestBaseline(candidate, history)
      : evaluationOrFail(db, flags.baseline, home);
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
  const dir = resolve(flags.out ?? join(home, "docs", "regressions", report.regressionId));
  const files = writeReports(report, dir);
  return { report, files, candidate, baseline };
}
