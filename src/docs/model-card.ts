/**
 * The model card of a fine-tuning run (after Mitchell et al., "Model Cards for Model Reporting", and the
 * Hugging Face template): model details, intended and out-of-scope use, the training data described (never
 * included), HIPAA status, training, evaluation, regression against the baseline, limitations, ethical
 * considerations and recommendations derived from the figures. A part that does not exist yet says so and
 * names the command that produces it; the card never shows a number it was not given.
 */
import type { EvaluationSummary } from "../eval/types.js";
import type { TrainingMetrics } from "../finetune/types.js";
import type { RunView } from "../ledger/runs.js";
import type { RegressionReport } from "../regression/types.js";
import { cardRecommendations } from "./card-recommendations.js";
import {
  type Block,
  bullets,
  code,
  type Document,
  heading,
  keyValue,
  note,
  paragraph,
  type Rich,
  table,
} from "./document.js";
import * as f from "./format.js";
import { evaluation, hipaa, regression, training, trainingData } from "./model-card-sections.js";
import { COMMON_LIMITATIONS, ETHICS, TASK_NOTES } from "./task-notes.js";

export interface ModelCardDataset {
  name: string;
  task: string;
  source: string;
  trainCount: number;
  testCount: number;
  labels: Record<string, number> | null;
  trainSha256: string;
  testSha256: string | null;
}

export interface ModelCardAudit {
  auditId: string;
  verdict: "PASS" | "FAIL";
  scannerVersion: string;
  createdAt: string;
}

export interface ModelCardInput {
  run: RunView;
  dataset: ModelCardDataset | null;
  audit: ModelCardAudit | null;
  training: TrainingMetrics | null;
  evaluation: EvaluationSummary | null;
  regression: RegressionReport | null;
  costs: { estimatedUsd: number | null; actualUsd: number | null };
  generatedAt: string;
  /** The training configuration the user confirmed, when known. */
  hyperparameters?: Record<string, unknown>;
}

const isTask = (t: string | undefined): t is keyof typeof TASK_NOTES => !!t && t in TASK_NOTES;

function taskOf(input: ModelCardInput): keyof typeof TASK_NOTES | null {
  const t = input.dataset?.task ?? input.evaluation?.suite.task ?? input.regression?.task;
  return isTask(t) ? t : null;
}

/** What the run produced, in the provider's terms: a hosted model id or a local adapter folder. */
function modelLabel(run: RunView): string {
  return run.provider === "local" ? "adapter path" : "fine-tuned model id";
}

function details(input: ModelCardInput): Block[] {
  const { run } = input;
  const model: Rich = run.fineTunedModel
    ? code(run.fineTunedModel)
    : `not available yet (run status: ${run.status})`;
  const pairs: [string, Rich][] = [
    ["base model", code(run.baseModel)],
    ["provider", `${run.provider} (${run.target})`],
    [modelLabel(run), model],
    ["run id", code(run.id)],
    ["provider job id", run.jobId ? code(run.jobId) : f.NONE],
    ["status", run.status],
    ["created", run.createdAt],
    ["last updated", run.updatedAt],
    ["confirmation", code(run.confirmationId)],
    ["configuration SHA-256", code(run.configSha256)],
  ];
  if (run.error) pairs.push(["error", run.error]);
  const blocks: Block[] = [heading(2, "Model details"), keyValue(pairs)];
  const hp = Object.entries(input.hyperparameters ?? {});
  if (hp.length)
    blocks.push(
      table(
        [{ header: "hyperparameter" }, { header: "value" }],
        hp.map(([k, v]) => [code(k), f.anyValue(v)]),
        "As confirmed by the user before training.",
      ),
    );
  else
    blocks.push(
      paragraph("Hyperparameters: not recorded with this card (provider defaults unless confirmed)."),
    );
  return blocks;
}

function intendedUse(task: keyof typeof TASK_NOTES | null): Block[] {
  if (!task)
    return [
      heading(2, "Intended use"),
      note(
        "warning",
        "The task of this model is unknown (no dataset or evaluation recorded): do not use it.",
      ),
    ];
  const notes = TASK_NOTES[task];
  return [
    heading(2, "Intended use"),
    paragraph(`Task: ${notes.title}.`),
    bullets(notes.intended),
    heading(3, "Out-of-scope use"),
    bullets(notes.outOfScope),
  ];
}

export function modelCard(input: ModelCardInput): Document {
  const { run } = input;
  const task = taskOf(input);
  const name = run.provider !== "local" && run.fineTunedModel ? run.fineTunedModel : `run ${run.id}`;
  const limitations = [...(task ? TASK_NOTES[task].limitations : []), ...COMMON_LIMITATIONS];
  return {
    title: `Model card — ${name}`,
    subtitle: `Generated ${input.generatedAt} by Clinical Fine-Tuner from the workspace ledger. Base model ${run.baseModel}, provider ${run.provider}.`,
    blocks: [
      ...details(input),
      ...intendedUse(task),
      ...trainingData(input),
      ...hipaa(input),
      ...training(input),
      ...evaluation(input),
      ...regression(input),
      heading(2, "Limitations"),
      bullets(limitations),
      heading(2, "Ethical considerations"),
      bullets(ETHICS),
      heading(2, "Recommendations"),
      bullets(cardRecommendations(input)),
    ],
  };
}

export { cardRecommendations };
