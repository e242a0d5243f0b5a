/**
 * `cft card RUN`: the model card of a fine-tuning run and the evaluation report of its latest evaluation,
 * each as Markdown and one self-contained HTML file in the workspace (docs/cards/RUN/). The training curve
 * is read from the provider when it can be reached; the card says so when it cannot.
 */
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { cardInput, evaluationOfRun } from "../../docs/card-input.js";
import { evaluationReport } from "../../docs/evaluation-report.js";
import { modelCard } from "../../docs/model-card.js";
import { writeDocuments } from "../../docs/write-documents.js";
import { InputError } from "../../errors.js";
import { confusionMatrix } from "../../eval/scorers/claims.js";
import { createProvider } from "../../finetune/provider-factory.js";
import { PROVIDERS, type ProviderName, type TrainingMetrics } from "../../finetune/types.js";
import type { MilestoneDocument } from "../../integrations/milestones.js";
import { evaluationItems, regressionsOf } from "../../ledger/evaluations.js";
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

/** Gold × predicted decisions, with a last column for answers that had no readable decision. */
function confusionOf(scores: Parameters<typeof confusionMatrix>[0]) {
  const m = confusionMatrix(scores);
  return { labels: [...m.rows], columns: [...m.columns], matrix: m.counts };
}

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
      const evaluation = evaluationOfRun(db, run, flags.eval);
      if (flags.eval && !evaluation)
        throw new InputError(`no evaluation "${flags.eval}" in ${ctx.config.home}`, [], {
          hint: "Run `cft evaluate` first; its --json output has the evalId.",
        });
      let training: TrainingMetrics | null = null;
      if (
        run.jobId &&
        run.status === "succeeded" &&
        (PROVIDERS as readonly string[]).includes(run.provider)
      ) {
        try {
          training =
            (await createProvider(run.provider as ProviderName, ctx.config).metrics(run.jobId)) ?? null;
        } catch (error) {
          ctx.out.note(
            `training metrics unavailable (${(error as Error).message}); the card goes without the curve`,
          );
        }
      }
      const dir = resolve(flags.out ?? join(ctx.config.home, "docs", "cards", run.id));
      const cardDoc = modelCard(cardInput(db, run, training, evaluation));
      const card = writeDocuments(dir, "model-card", cardDoc);
      const published: MilestoneDocument[] = [
        { subject: `run:${run.id}`, kind: "model_card", path: card.markdown, document: cardDoc },
      ];
      let report: { markdown: string; html: string } | null = null;
      if (evaluation) {
        const items = evaluationItems(db, evaluation.evalId);
        const scores = items.flatMap((i) => (i.score ? [i.score] : []));
        const reportDoc = evaluationReport(evaluation, {
          ...(evaluation.suite.task === "claims" ? { confusion: confusionOf(scores) } : {}),
          baseline: regressionsOf(db, evaluation.evalId)[0] ?? null,
        });
        report = writeDocuments(dir, "evaluation-report", reportDoc);
        published.push({
          subject: `evaluation:${evaluation.evalId}`,
          kind: "evaluation_report",
          path: report.markdown,
          document: reportDoc,
        });
      }
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
