/**
 * The model card of a run and the evaluation report of its evaluation (the newest of the run's model, or
 * the one named), each written as Markdown and one self-contained HTML file (docs/cards/RUN/ by default),
 * as every caller writes them (the CLI, the agents). The training curve is read from the provider when it
 * can be reached; the card says so when it cannot.
 */
import { join, resolve } from "node:path";
import type { Config } from "../config/config.js";
import { InputError } from "../errors.js";
import { confusionMatrix } from "../eval/scorers/claims.js";
import type { EvaluationSummary } from "../eval/types.js";
import { createProvider } from "../finetune/provider-factory.js";
import { PROVIDERS, type ProviderName, type TrainingMetrics } from "../finetune/types.js";
import { evaluationItems, regressionsOf } from "../ledger/evaluations.js";
import type { Db } from "../ledger/ledger.js";
import type { RunView } from "../ledger/runs.js";
import { cardInput, evaluationOfRun } from "./card-input.js";
import type { Document } from "./document.js";
import { evaluationReport } from "./evaluation-report.js";
import { modelCard } from "./model-card.js";
import { writeDocuments } from "./write-documents.js";

export interface WrittenCard {
  card: { markdown: string; html: string };
  report: { markdown: string; html: string } | null;
  evaluation: EvaluationSummary | null;
  /** The documents written, with what they are about, for publishing (Google Docs). */
  documents: { subject: string; kind: string; path: string; document: Document }[];
}

/** Gold × predicted decisions, with a last column for answers that had no readable decision. */
function confusionOf(scores: Parameters<typeof confusionMatrix>[0]) {
  const m = confusionMatrix(scores);
  return { labels: [...m.rows], columns: [...m.columns], matrix: m.counts };
}

export async function writeCard(
  db: Db,
  config: Config,
  run: RunView,
  options: { evalId?: string; out?: string; onNote?: (message: string) => void } = {},
): Promise<WrittenCard> {
  const note = options.onNote ?? (() => {});
  const evaluation = evaluationOfRun(db, run, options.evalId);
  if (options.evalId && !evaluation)
    throw new InputError(`no evaluation "${options.evalId}" in ${config.home}`, [], {
      hint: "Run `cft evaluate` first; its --json output has the evalId.",
    });
  let training: TrainingMetrics | null = null;
  if (run.jobId && run.status === "succeeded" && (PROVIDERS as readonly string[]).includes(run.provider)) {
    try {
      training = (await createProvider(run.provider as ProviderName, config).metrics(run.jobId)) ?? null;
    } catch (error) {
      note(`training metrics unavailable (${(error as Error).message}); the card goes without the curve`);
    }
  }
  const dir = resolve(options.out ?? join(config.home, "docs", "cards", run.id));
  const cardDoc = modelCard(cardInput(db, run, training, evaluation));
  const card = writeDocuments(dir, "model-card", cardDoc);
  const published: WrittenCard["documents"] = [
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
  return { card, report, evaluation, documents: published };
}
