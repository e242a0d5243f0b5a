/**
 * How our training settings become train.py's flags (PROTOCOL.md). One mapping, used by `--plan` and by
 * every launch, so the plan a user confirmed is the run that starts.
 */
import { InputError } from "../../errors.js";
import type { Hyperparameters } from "../types.js";

type NumberField = Exclude<
  keyof Hyperparameters,
  "targetModules" | "use4bit" | "packing" | "learningRateMultiplier" | "initAdapter"
>;

const NUMBER_FLAGS: ReadonlyArray<[NumberField, string]> = [
  ["epochs", "--epochs"],
  ["batchSize", "--batch_size"],
  ["gradAccum", "--grad_accum"],
  ["learningRate", "--learning_rate"],
  ["loraR", "--lora_r"],
  ["loraAlpha", "--lora_alpha"],
  ["loraDropout", "--lora_dropout"],
  ["maxSeqLen", "--max_seq_len"],
  ["seed", "--seed"],
];

/**
 * train.py flags for the settings that are set; unset ones take the runner's defaults.
 * `learningRateMultiplier` is a hosted-provider knob and has no runner flag.
 */
export function runnerArgs(hyperparameters: Hyperparameters): string[] {
  const args: string[] = [];
  for (const [field, flag] of NUMBER_FLAGS) {
    const value = hyperparameters[field];
    if (value === undefined) continue;
    if (!Number.isFinite(value))
      throw new InputError(`hyperparameter ${field} must be a finite number, got ${value}`);
    args.push(flag, String(value));
  }
  if (hyperparameters.targetModules !== undefined)
    args.push("--target_modules", hyperparameters.targetModules);
  if (hyperparameters.use4bit) args.push("--use_4bit");
  if (hyperparameters.packing) args.push("--packing");
  if (hyperparameters.initAdapter !== undefined) args.push("--init_adapter", hyperparameters.initAdapter);
  return args;
}

export interface TrainInputs {
  baseModel: string;
  train: string;
  validation?: string | undefined;
  outputDir: string;
  hyperparameters: Hyperparameters;
}

/** Every train.py flag for one run (paths as the runner will see them). */
export function trainArgs(input: TrainInputs): string[] {
  return [
    "--base_model",
    input.baseModel,
    "--dataset",
    input.train,
    ...(input.validation === undefined ? [] : ["--validation", input.validation]),
    "--output_dir",
    input.outputDir,
    ...runnerArgs(input.hyperparameters),
  ];
}

/**
 * The full command that starts training: python directly for one GPU; for several, accelerate's launcher
 * through the same interpreter (`python -m accelerate.commands.launch` is `accelerate launch`, without
 * relying on the `accelerate` script being on PATH).
 */
export function launchArgv(python: string, script: string, args: string[], numGpus: number): string[] {
  if (numGpus > 1)
    return [python, "-m", "accelerate.commands.launch", "--num_processes", String(numGpus), script, ...args];
  return [python, script, ...args];
}
