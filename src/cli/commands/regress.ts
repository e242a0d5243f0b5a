import type { Command } from "commander";
import { z } from "zod";
import { regressionReport } from "../../docs/regression-report.js";
import { openLedger } from "../../ledger/ledger.js";
import { runRegression } from "../../regression/run-regression.js";
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
      const { report, files, baseline, candidate } = runRegression(db, ctx.config.home, {
        candidate: flags.candidate,
        baseline: flags.baseline,
        thresholdsFile: flags.thresholds,
        out: flags.out,
        draws: flags.draws,
        seed: flags.seed,
      });
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
