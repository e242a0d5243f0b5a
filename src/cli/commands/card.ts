import type { Command } from "commander";
import { z } from "zod";
import { writeCard } from "../../docs/write-card.js";
import { openLedger } from "../../ledger/ledger.js";
import { announceFromCli } from "../announce.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { requireRun } from "../run-lookup.js";

const Flags = z.object({
  eval: z.string().optional(),
  out: z.string().optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

export function registerCard(program: Command): void {
  const command = program
    .command("card")
    .summary("write the model card and evaluation report of a run (Markdown + HTML)")
    .description(
      "Write the model card of a fine-tuning run — model details, intended and out-of-scope use, the training data described (never included), HIPAA status, the training loss curve, evaluation results with 95% intervals, the regression verdict, limitations, ethical considerations and recommendations — and the evaluation report of its latest evaluation (or --eval EVAL). Each as Markdown and one self-contained HTML file with charts, in the workspace's docs/cards/RUN/.",
    )
    .argument("<run>", "the run (see `cft jobs list`)")
    .option("--eval <eval>", "the evaluation to report (default: the newest of this run's model)")
    .option("--out <dir>", "where to write (default: the workspace, docs/cards/<run>/)");
  withCommonOptions(command, [
    "cft card run-20261203-1f3a9c0b",
    "cft card run-20261203-1f3a9c0b --eval eval-5c1d2e3f --json",
  ]).action(async (runId: string, raw) => {
    const flags = parseFlags(Flags, raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    try {
      const run = requireRun(db, runId, ctx.config.home);
      const {
        card,
        report,
        evaluation,
        documents: published,
      } = await writeCard(db, ctx.config, run, {
        evalId: flags.eval,
        out: flags.out,
        onNote: (m) => ctx.out.note(m),
      });
      const docs = await announceFromCli(ctx, db, null, published);
      ctx.out.say(`Model card: ${card.markdown}\n            ${card.html}`);
      if (report) ctx.out.say(`Evaluation report: ${report.markdown}\n                   ${report.html}`);
      else
        ctx.out.say(
          `No evaluation of this run yet: the card says so. Run \`cft evaluate --run ${run.id} …\`.`,
        );
      ctx.out.result({
        runId: run.id,
        evalId: evaluation?.evalId ?? null,
        modelCard: card,
        evaluationReport: report,
        googleDocs: docs.map((d) => ({ status: d.status, url: d.status === "sent" ? d.ref : null })),
      });
    } finally {
      db.close();
    }
  });
}
