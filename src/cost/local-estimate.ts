/**
 * Cost of a self-hosted LoRA/QLoRA run: the runner's own plan (gpu-runner/train.py --plan: memory for
 * weights, adapter, optimizer state and activations; time from its per-GPU throughput table; GPU-hours ×
 * $/hour), fed the exact token count of the training file so time is not guessed from characters.
 */
import type { Config } from "../config/config.js";
import { type LocalPlan, planLocal } from "../finetune/local/plan.js";
import type { Hyperparameters } from "../finetune/types.js";
import { countDatasetTokens, type DatasetTokens } from "./dataset-tokens.js";

export interface LocalEstimateRequest {
  baseModel: string;
  train: string;
  validation?: string;
  hyperparameters: Hyperparameters;
  /** Price and time for this GPU (a name from the runner's table); else the cheapest that fits. */
  gpu?: string;
  numGpus?: number;
  outputDir: string;
}

export interface LocalEstimate {
  kind: "local";
  provider: "local";
  baseModel: string;
  train: DatasetTokens;
  validation: DatasetTokens | null;
  plan: LocalPlan;
  /** The GPU the hours and cost are for, or null when none in the table fits. */
  gpu: string | null;
  hours: number | null;
  costUsd: number;
  notes: string[];
}

/** The hosted model table's "not in the table" warning says nothing about an open-weight model. */
const forLocal = (tokens: DatasetTokens): DatasetTokens => ({
  ...tokens,
  warnings: tokens.warnings.filter((w) => !w.includes("is not in the model table")),
});

export async function estimateLocal(request: LocalEstimateRequest, config: Config): Promise<LocalEstimate> {
  // o200k_base stands in for the base model's tokenizer: open-weight BPE vocabularies of 128k–256k entries
  // land within ~10% of it on English clinical text, far closer than characters ÷ 4.
  const train = forLocal(await countDatasetTokens(request.train, request.baseModel));
  const validation = request.validation
    ? forLocal(await countDatasetTokens(request.validation, request.baseModel))
    : null;
  const plan = await planLocal(
    {
      baseModel: request.baseModel,
      train: request.train,
      validation: request.validation,
      outputDir: request.outputDir,
      hyperparameters: request.hyperparameters,
      gpu: request.gpu,
      numGpus: request.numGpus,
      datasetTokens: train.tokens,
    },
    config,
  );
  const chosenName = request.gpu ?? plan.recommendedGpu;
  const chosen = plan.gpus.find((g) => g.gpu === chosenName);
  const notes = [
    `dataset tokens counted with ${train.encoding}, a stand-in for ${request.baseModel}'s own tokenizer`,
    ...plan.assumptions,
  ];
  if (!plan.model.known)
    notes.unshift(
      `${request.baseModel} is not in the runner's model table; its size was inferred from the name.`,
    );
  if (chosen && !chosen.fits)
    notes.unshift(
      `${chosen.gpu} (${chosen.vramGb} GB) is too small for a ${plan.peakMemoryGb} GB peak: use --use-4bit, a shorter --max-seq-len, a smaller --batch-size, or a larger GPU.`,
    );
  if (!chosen) notes.unshift(`No GPU in the table fits a ${plan.peakMemoryGb} GB peak.`);
  return {
    kind: "local",
    provider: "local",
    baseModel: request.baseModel,
    train,
    validation,
    plan,
    gpu: chosen?.gpu ?? null,
    hours: chosen?.hours ?? null,
    costUsd: chosen?.costUsd ?? 0,
    notes,
  };
}
