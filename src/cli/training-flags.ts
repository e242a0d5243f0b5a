/**
 * The flags `cft estimate` and `cft finetune` share — provider, base model, dataset files, hyperparameters —
 * declared once and checked once with zod. Turning them into hyperparameters, an estimate and a plan is
 * src/finetune/plan-request.ts, shared with the MCP tools, so the estimate a user saw is the one the
 * confirmation binds.
 */
import { type Command, Option } from "commander";
import { z } from "zod";
import {
  estimateFor,
  planOutputDir,
  hyperparametersFrom as settingsHyperparameters,
} from "../finetune/plan-request.js";
import { type Hyperparameters, PROVIDERS } from "../finetune/types.js";

const positiveInt = z.coerce.number().int().min(1, { message: "expected a whole number of 1 or more" });
const positive = z.coerce.number().positive({ message: "expected a number above 0" });

/** A flag every plan needs; not commander-required so `cft finetune --resume RUN` can go without it. */
const required = (expected: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? "required" : expected) })
    .min(1, { message: expected });

export const TrainingFlags = z.object({
  provider: z.enum(PROVIDERS, {
    error: (issue) => (issue.input === undefined ? "required" : `expected one of ${PROVIDERS.join(", ")}`),
  }),
  baseModel: required("expected a model name"),
  train: required("expected a file"),
  validation: z.string().min(1).optional(),
  epochs: positiveInt.max(50, { message: "expected at most 50" }).optional(),
  batchSize: positiveInt.optional(),
  learningRateMultiplier: positive.optional(),
  learningRate: positive.optional(),
  gradAccum: positiveInt.optional(),
  loraR: positiveInt.optional(),
  loraAlpha: positiveInt.optional(),
  loraDropout: z.coerce.number().min(0).max(0.9, { message: "expected 0 to 0.9" }).optional(),
  targetModules: z.string().min(1).optional(),
  maxSeqLen: positiveInt.optional(),
  use4bit: z.boolean().optional(),
  packing: z.boolean().optional(),
  seed: z.coerce.number().int().min(0).optional(),
  trainingType: z.enum(["standard", "globalstandard", "developer"]).optional(),
  gpu: z.string().min(1).optional(),
  numGpus: positiveInt.max(64).optional(),
  prices: z.string().min(1).optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});
export type TrainingFlags = z.infer<typeof TrainingFlags>;

/** Adds the shared flags to a command. */
export function addTrainingOptions(command: Command): Command {
  return command
    .option("--provider <name>", "required: openai | azure | local (LoRA/QLoRA with gpu-runner/)")
    .option(
      "--base-model <model>",
      "required: e.g. gpt-4.1-mini, or meta-llama/Llama-3.1-8B-Instruct for local",
    )
    .option("--train <file>", "required: training file (chat JSONL, audited)")
    .option("--validation <file>", "validation file (chat JSONL, audited)")
    .option("--epochs <n>", "epochs (default: the cookbook rule for hosted, 3 for local)")
    .option("--batch-size <n>", "batch size (hosted: provider's auto when unset)")
    .option("--learning-rate-multiplier <x>", "hosted only: learning-rate multiplier (auto when unset)")
    .option("--training-type <type>", "azure only: standard | globalstandard | developer (default standard)")
    .addOption(new Option("--learning-rate <x>", "local only: learning rate (default 2e-4)"))
    .addOption(new Option("--grad-accum <n>", "local only: gradient accumulation steps (default 4)"))
    .addOption(new Option("--lora-r <n>", "local only: LoRA rank (default 16)"))
    .addOption(new Option("--lora-alpha <n>", "local only: LoRA alpha (default 32)"))
    .addOption(new Option("--lora-dropout <x>", "local only: LoRA dropout (default 0.05)"))
    .addOption(new Option("--target-modules <list>", "local only: modules to adapt (default all-linear)"))
    .addOption(new Option("--max-seq-len <n>", "local only: longest sequence in tokens (default 2048)"))
    .addOption(new Option("--use-4bit", "local only: QLoRA, the base model in 4-bit NF4"))
    .addOption(new Option("--packing", "local only: pack short examples into full sequences"))
    .option("--seed <n>", "training seed")
    .addOption(
      new Option("--gpu <name>", "local only: price and time for this GPU (e.g. H100-80GB, L4-24GB)"),
    )
    .addOption(new Option("--num-gpus <n>", "local only: GPUs to train on (accelerate launch)"))
    .option("--prices <file>", "a price table overriding the embedded one (also CFT_PRICES_FILE)");
}

/** The hyperparameters that apply to the provider; flags for the other kind are named in `ignored`. */
export function hyperparametersFrom(flags: TrainingFlags): {
  hyperparameters: Hyperparameters;
  ignored: string[];
} {
  const { hyperparameters, ignored } = settingsHyperparameters(flags);
  return {
    hyperparameters,
    ignored: ignored.map(
      (k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace("use4bit", "use-4bit")}`,
    ),
  };
}

export { estimateFor, planOutputDir };
