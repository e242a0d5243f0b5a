/**
 * From what a caller asks for (provider, base model, dataset files, training settings) to the plan a user
 * confirms: the hyperparameters that apply to the provider, the estimate, and the launch plan binding the
 * two to the files' hashes. `cft estimate`, `cft finetune` and the MCP tools all go through here, so the
 * estimate a user saw is the one the confirmation binds, whoever asked.
 */
import { join, resolve } from "node:path";
import type { Config } from "../config/config.js";
import type { Estimate } from "../cost/estimate.js";
import { estimateHosted } from "../cost/hosted-estimate.js";
import { estimateLocal } from "../cost/local-estimate.js";
import { loadPriceTable } from "../cost/price-table.js";
import type { Db } from "../ledger/ledger.js";
import { buildLaunchPlan, type LaunchPlan } from "./launch-plan.js";
import type { LaunchRequest } from "./launch-request.js";
import type { AzureTrainingType, Hyperparameters, ProviderName } from "./types.js";

/** Everything a plan depends on; the hyperparameter fields sit flat beside the rest, as the CLI's flags do. */
export interface TrainingSettings extends Hyperparameters {
  provider: ProviderName;
  baseModel: string;
  train: string;
  validation?: string | undefined;
  /** Azure only (default standard). */
  trainingType?: AzureTrainingType | undefined;
  /** Local only: price and time for this GPU; else the cheapest that fits. */
  gpu?: string | undefined;
  numGpus?: number | undefined;
  /** A price table overriding rows of the embedded one (else CFT_PRICES_FILE). */
  prices?: string | undefined;
  /** Name suffix of the fine-tuned model. */
  suffix?: string | undefined;
}

const HOSTED_ONLY: (keyof Hyperparameters)[] = ["learningRateMultiplier"];
const LOCAL_ONLY: (keyof Hyperparameters)[] = [
  "learningRate",
  "gradAccum",
  "loraR",
  "loraAlpha",
  "loraDropout",
  "targetModules",
  "maxSeqLen",
  "use4bit",
  "packing",
  "initAdapter",
];

/** The hyperparameters that apply to the provider; settings for the other kind are named in `ignored`. */
export function hyperparametersFrom(settings: TrainingSettings): {
  hyperparameters: Hyperparameters;
  ignored: (keyof Hyperparameters)[];
} {
  const all: Hyperparameters = {
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    learningRateMultiplier: settings.learningRateMultiplier,
    learningRate: settings.learningRate,
    gradAccum: settings.gradAccum,
    loraR: settings.loraR,
    loraAlpha: settings.loraAlpha,
    loraDropout: settings.loraDropout,
    targetModules: settings.targetModules,
    maxSeqLen: settings.maxSeqLen,
    use4bit: settings.use4bit || undefined,
    packing: settings.packing || undefined,
    seed: settings.seed,
    initAdapter: settings.initAdapter,
  };
  const excluded = settings.provider === "local" ? HOSTED_ONLY : LOCAL_ONLY;
  const ignored = excluded.filter((k) => all[k] !== undefined);
  const hyperparameters: Hyperparameters = {};
  for (const [k, v] of Object.entries(all) as [keyof Hyperparameters, never][])
    if (v !== undefined && !excluded.includes(k)) hyperparameters[k] = v;
  return { hyperparameters, ignored };
}

export async function estimateFor(
  settings: TrainingSettings,
  hyperparameters: Hyperparameters,
  config: Config,
  outputDir: string,
): Promise<Estimate> {
  const provider: ProviderName = settings.provider;
  if (provider === "local")
    return estimateLocal(
      {
        baseModel: settings.baseModel,
        train: resolve(settings.train),
        validation: settings.validation && resolve(settings.validation),
        hyperparameters,
        gpu: settings.gpu,
        numGpus: settings.numGpus,
        outputDir,
      },
      config,
    );
  return estimateHosted(
    {
      provider,
      baseModel: settings.baseModel,
      train: settings.train,
      validation: settings.validation,
      epochs: settings.epochs,
      trainingType: provider === "azure" ? settings.trainingType : undefined,
    },
    loadPriceTable(settings.prices ?? config.env.CFT_PRICES_FILE),
  );
}

/** Where a local run's adapter goes: its run folder, named once the run is confirmed. */
export function planOutputDir(home: string, runId = "<run-id>"): string {
  return join(home, "runs", runId, "adapter");
}

/**
 * The launch plan for these settings, to run on `target` (the provider's own description of where jobs
 * go, which the confirmation binds too).
 */
export async function planLaunch(
  db: Db,
  config: Config,
  settings: TrainingSettings,
  target: string,
): Promise<LaunchPlan> {
  const { hyperparameters } = hyperparametersFrom(settings);
  const estimate = await estimateFor(settings, hyperparameters, config, planOutputDir(config.home));
  // The epochs the estimate priced are the epochs we ask for, so the bill matches what was confirmed.
  const chosen: Hyperparameters =
    estimate.kind === "hosted" ? { ...hyperparameters, epochs: estimate.epochs } : hyperparameters;
  const request: LaunchRequest = {
    provider: settings.provider,
    baseModel: settings.baseModel,
    train: settings.train,
    validation: settings.validation,
    hyperparameters: chosen,
    trainingType: settings.provider === "azure" ? (settings.trainingType ?? "standard") : undefined,
    suffix: settings.suffix,
    target,
  };
  return buildLaunchPlan(db, request, estimate);
}
