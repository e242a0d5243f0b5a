/**
 * Schemas the fine-tune tools share: the training arguments of estimate_cost and start_fine_tune (one
 * shape, so the plan a token was issued for is the plan started), the run as tools report it, and the
 * mapping from the tools' snake_case arguments to the core's training settings.
 */
import { resolve } from "node:path";
import { z } from "zod";
import { hyperparametersFrom, type TrainingSettings } from "../../src/finetune/plan-request.js";
import { PROVIDERS } from "../../src/finetune/types.js";
import type { RunView } from "../../src/ledger/runs.js";

const count = z.number().int().min(1);

export const HyperparametersInput = z
  .object({
    epochs: count.max(50).optional().describe("epochs (default: the cookbook rule for hosted, 3 for local)"),
    batch_size: count.optional().describe("batch size (hosted: the provider's auto when unset)"),
    learning_rate_multiplier: z.number().positive().optional().describe("hosted only"),
    learning_rate: z.number().positive().optional().describe("local only (default 2e-4)"),
    grad_accum: count.optional().describe("local only: gradient accumulation steps (default 4)"),
    lora_r: count.optional().describe("local only: LoRA rank (default 16)"),
    lora_alpha: count.optional().describe("local only: LoRA alpha (default 32)"),
    lora_dropout: z.number().min(0).max(0.9).optional().describe("local only (default 0.05)"),
    target_modules: z.string().min(1).optional().describe("local only (default all-linear)"),
    max_seq_len: count.optional().describe("local only: longest sequence in tokens (default 2048)"),
    use_4bit: z.boolean().optional().describe("local only: QLoRA, the base model in 4-bit NF4"),
    packing: z.boolean().optional().describe("local only: pack short examples into full sequences"),
    seed: z.number().int().min(0).optional(),
  })
  .describe("training settings; unset ones take the provider's defaults");

const datasetPath = (what: string) =>
  z.string().min(1).describe(`${what} (chat JSONL); an absolute path, or relative to the server's folder`);

/** The arguments that make a plan: estimate_cost and start_fine_tune take exactly these. */
export const trainingShape = {
  provider: z
    .enum(PROVIDERS)
    .describe("openai | azure | local (LoRA/QLoRA with gpu-runner: this machine, CFT_GPU_HOST or SLURM)"),
  base_model: z
    .string()
    .min(1)
    .describe("e.g. gpt-4.1-mini (openai, azure) or meta-llama/Llama-3.1-8B-Instruct (local)"),
  train: datasetPath("training file that passed audit_dataset"),
  validation: datasetPath("validation file that passed audit_dataset").optional(),
  hyperparameters: HyperparametersInput.optional(),
  training_type: z
    .enum(["standard", "globalstandard", "developer"])
    .optional()
    .describe("azure only (default standard)"),
  gpu: z.string().min(1).optional().describe("local only: price and time for this GPU, e.g. H100-80GB"),
  num_gpus: count.max(64).optional().describe("local only: GPUs to train on"),
  suffix: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { message: "expected 1–40 letters, digits, - or _" })
    .optional()
    .describe("name suffix of the fine-tuned model (default cft-<run>)"),
};

export type TrainingArgs = z.infer<z.ZodObject<typeof trainingShape>>;

export function settingsFrom(args: TrainingArgs): TrainingSettings {
  const h = args.hyperparameters ?? {};
  return {
    provider: args.provider,
    baseModel: args.base_model,
    train: resolve(args.train),
    validation: args.validation === undefined ? undefined : resolve(args.validation),
    epochs: h.epochs,
    batchSize: h.batch_size,
    learningRateMultiplier: h.learning_rate_multiplier,
    learningRate: h.learning_rate,
    gradAccum: h.grad_accum,
    loraR: h.lora_r,
    loraAlpha: h.lora_alpha,
    loraDropout: h.lora_dropout,
    targetModules: h.target_modules,
    maxSeqLen: h.max_seq_len,
    use4bit: h.use_4bit,
    packing: h.packing,
    seed: h.seed,
    trainingType: args.training_type,
    gpu: args.gpu,
    numGpus: args.num_gpus,
    suffix: args.suffix,
  };
}

/** Notes naming hyperparameters that do not apply to the provider, in the tools' own argument names. */
export function ignoredNotes(settings: TrainingSettings): string[] {
  const names = hyperparametersFrom(settings).ignored.map((k) =>
    k === "use4bit" ? "use_4bit" : k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
  );
  return names.length
    ? [`hyperparameters ${names.join(", ")} do not apply to provider ${settings.provider}; ignored`]
    : [];
}

/** A run as the tools report it (the ledger's view; extra fields pass). */
export const RunOutput = z.looseObject({
  id: z.string(),
  status: z.string(),
  provider: z.string(),
  baseModel: z.string(),
  target: z.string(),
  jobId: z.string().nullable(),
  fineTunedModel: z.string().nullable(),
  error: z.string().nullable(),
  runDir: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const runOutput = (run: RunView): z.infer<typeof RunOutput> => ({ ...run });

/** One line about a run, for the text part of a result. */
export function describeRun(run: RunView): string {
  const p = run.progress;
  const progress = p ? `, step ${p.step}${p.totalSteps ? `/${p.totalSteps}` : ""}` : "";
  const result = run.fineTunedModel ? ` → ${run.fineTunedModel}` : "";
  const error = run.error ? ` (${run.error})` : "";
  return `${run.id}: ${run.status}${progress}${result}${error} [${run.provider}, ${run.baseModel}]`;
}

/** Only the keys of `shape`, without undefined values: structured content must match the schema exactly. */
export function pick<S extends z.ZodRawShape>(shape: S, value: object): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(shape)
      .filter((k) => source[k] !== undefined)
      .map((k) => [k, source[k]]),
  );
}
