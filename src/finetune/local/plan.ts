/**
 * `cft finetune --provider local --plan`: asks gpu-runner/train.py for its memory, time and cost estimate
 * (`--plan --json`, which needs no GPU and no torch) and reads the answer per PROTOCOL.md, camelCased.
 * Works on any machine with Python ≥ 3.9.
 */
import { z } from "zod";
import type { Config } from "../../config/config.js";
import { InputError, ServiceError } from "../../errors.js";
import type { Hyperparameters } from "../types.js";
import { runnerArgs, trainArgs } from "./runner-args.js";
import { pythonCommand, runnerScript, TRAIN_SCRIPT } from "./runner-path.js";
import { runCommand, tail } from "./subprocess.js";

export { runnerArgs };

const num = z.number();
/** Fields the runner may leave out or null when it does not know them (an unknown model, a GPU that does not fit). */
const maybe = <T extends z.ZodType>(schema: T) =>
  schema
    .nullable()
    .optional()
    .transform((v) => v ?? null);

const PlanJson = z.object({
  event: z.literal("plan").optional(),
  base_model: z.string(),
  model: z.object({
    params_billion: num,
    layers: maybe(num),
    hidden_size: maybe(num),
    known: z.boolean(),
    source: maybe(z.string()),
  }),
  method: z.string(),
  precision: z.string(),
  lora: z.object({
    r: num,
    alpha: num,
    dropout: num,
    target_modules: z.union([z.string(), z.array(z.string())]),
    trainable_params: maybe(num),
  }),
  dataset: z.object({
    examples: num,
    validation_examples: maybe(num),
    tokens: num,
    tokens_source: z.enum(["given", "estimated"]),
  }),
  training: z.object({
    epochs: num,
    batch_size: num,
    grad_accum: num,
    num_gpus: num,
    max_seq_len: num,
    steps: num,
    tokens_trained: num,
  }),
  memory_gb: z.object({
    weights: num,
    lora: num,
    gradients: num,
    optimizer: num,
    activations: num,
    overhead: num,
    peak: num,
  }),
  peak_memory_gb: num,
  gpus: z.array(
    z.object({
      gpu: z.string(),
      vram_gb: num,
      fits: z.boolean(),
      tokens_per_second: maybe(num),
      hours: maybe(num),
      usd_per_hour: maybe(num),
      cost_usd: maybe(num),
      source: maybe(z.string()),
    }),
  ),
  recommended_gpu: maybe(z.string()),
  command: z.string(),
  assumptions: z.array(z.string()).default([]),
  warnings: z.array(z.string()).default([]),
});

/** The runner's plan, with our naming. */
export interface LocalPlan {
  baseModel: string;
  model: {
    paramsBillion: number;
    layers: number | null;
    hiddenSize: number | null;
    known: boolean;
    source: string | null;
  };
  /** "qlora" or "lora". */
  method: string;
  precision: string;
  lora: {
    r: number;
    alpha: number;
    dropout: number;
    targetModules: string | string[];
    trainableParams: number | null;
  };
  dataset: {
    examples: number;
    validationExamples: number | null;
    tokens: number;
    tokensSource: "given" | "estimated";
  };
  training: {
    epochs: number;
    batchSize: number;
    gradAccum: number;
    numGpus: number;
    maxSeqLen: number;
    steps: number;
    tokensTrained: number;
  };
  memoryGb: {
    weights: number;
    lora: number;
    gradients: number;
    optimizer: number;
    activations: number;
    overhead: number;
    peak: number;
  };
  peakMemoryGb: number;
  gpus: Array<{
    gpu: string;
    vramGb: number;
    fits: boolean;
    tokensPerSecond: number | null;
    hours: number | null;
    usdPerHour: number | null;
    costUsd: number | null;
    source: string | null;
  }>;
  /** The cheapest GPU that fits, or null when none does. */
  recommendedGpu: string | null;
  /** The exact launch command, as the runner would run it. */
  command: string;
  assumptions: string[];
  /** What the user should know before starting (examples cut at max_seq_len, …). */
  warnings: string[];
}

function toPlan(p: z.infer<typeof PlanJson>): LocalPlan {
  return {
    baseModel: p.base_model,
    model: {
      paramsBillion: p.model.params_billion,
      layers: p.model.layers,
      hiddenSize: p.model.hidden_size,
      known: p.model.known,
      source: p.model.source,
    },
    method: p.method,
    precision: p.precision,
    lora: {
      r: p.lora.r,
      alpha: p.lora.alpha,
      dropout: p.lora.dropout,
      targetModules: p.lora.target_modules,
      trainableParams: p.lora.trainable_params,
    },
    dataset: {
      examples: p.dataset.examples,
      validationExamples: p.dataset.validation_examples,
      tokens: p.dataset.tokens,
      tokensSource: p.dataset.tokens_source,
    },
    training: {
      epochs: p.training.epochs,
      batchSize: p.training.batch_size,
      gradAccum: p.training.grad_accum,
      numGpus: p.training.num_gpus,
      maxSeqLen: p.training.max_seq_len,
      steps: p.training.steps,
      tokensTrained: p.training.tokens_trained,
    },
    memoryGb: { ...p.memory_gb },
    peakMemoryGb: p.peak_memory_gb,
    gpus: p.gpus.map((g) => ({
      gpu: g.gpu,
      vramGb: g.vram_gb,
      fits: g.fits,
      tokensPerSecond: g.tokens_per_second,
      hours: g.hours,
      usdPerHour: g.usd_per_hour,
      costUsd: g.cost_usd,
      source: g.source,
    })),
    recommendedGpu: p.recommended_gpu,
    command: p.command,
    assumptions: p.assumptions,
    warnings: p.warnings,
  };
}

export interface LocalPlanInput {
  baseModel: string;
  train: string;
  validation?: string | undefined;
  outputDir: string;
  hyperparameters: Hyperparameters;
  /** Plan for this GPU only (a name from the runner's table, e.g. H100-80GB). */
  gpu?: string | undefined;
  numGpus?: number | undefined;
  /** The exact token count, when the caller has counted (otherwise the runner estimates characters ÷ 4). */
  datasetTokens?: number | undefined;
  /** Size of a model the runner's table does not know, in billions of parameters. */
  paramsBillion?: number | undefined;
}

export interface PlanOptions {
  env?: NodeJS.ProcessEnv;
  runnerDir?: string;
  timeoutMs?: number;
}

/** The train.py arguments for a plan; exported for tests and for showing the command. */
export function planArgs(input: LocalPlanInput, runnerDir?: string): string[] {
  return [
    runnerScript(TRAIN_SCRIPT, runnerDir),
    ...trainArgs(input),
    "--plan",
    "--json",
    ...(input.gpu === undefined ? [] : ["--gpu", input.gpu]),
    ...(input.numGpus === undefined ? [] : ["--num_gpus", String(input.numGpus)]),
    ...(input.datasetTokens === undefined ? [] : ["--dataset_tokens", String(input.datasetTokens)]),
    ...(input.paramsBillion === undefined ? [] : ["--params_billion", String(input.paramsBillion)]),
  ];
}

/** Runs the runner's planner and returns its estimate. */
export async function planLocal(
  input: LocalPlanInput,
  config: Config,
  options: PlanOptions = {},
): Promise<LocalPlan> {
  const python = pythonCommand(config);
  const result = await runCommand(python, planArgs(input, options.runnerDir), {
    env: options.env,
    timeoutMs: options.timeoutMs ?? 120_000,
  });
  if (result.code === 2) {
    const message = tail(result.stderr, 4) || "the runner refused its arguments";
    throw new InputError(`gpu-runner --plan: ${message}`);
  }
  if (result.code !== 0)
    throw new ServiceError(
      `gpu-runner --plan failed (exit ${result.code}): ${tail(result.stderr) || "no message"}`,
      {
        hint: "Check that the interpreter is Python ≥ 3.9 (set CFT_PYTHON to choose another).",
      },
    );
  return parsePlan(result.stdout);
}

/** Reads the plan JSON the runner printed (its last non-empty stdout line). */
export function parsePlan(stdout: string): LocalPlan {
  const line = stdout.trim().split("\n").pop() ?? "";
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new ServiceError("gpu-runner --plan printed something that is not JSON", {
      hint: "gpu-runner/ and cft may be out of step; update both from the same checkout.",
    });
  }
  const parsed = PlanJson.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new ServiceError(`gpu-runner --plan printed a plan this version of cft cannot read (${where})`, {
      hint: "gpu-runner/ and cft may be out of step; update both from the same checkout.",
    });
  }
  return toPlan(parsed.data);
}
