/**
 * The training settings of a retraining run: those the production version's run was confirmed with
 * (provider, hyperparameters, training type, suffix, whether a validation file was used), on the new
 * dataset version, starting from the production model rather than from scratch: a hosted model continues
 * from its fine-tuned model id (OpenAI and Azure accept one as the base of a new job); a local run loads the
 * previous adapter (gpu-runner's --init_adapter). The result goes through planLaunch like any fine-tune, so
 * what the confirmation binds is what will run.
 */
import { InputError } from "../errors.js";
import type { TrainingSettings } from "../finetune/plan-request.js";
import {
  type AzureTrainingType,
  type Hyperparameters,
  PROVIDERS,
  type ProviderName,
} from "../finetune/types.js";
import { getConfirmation } from "../ledger/confirmations.js";
import type { Db } from "../ledger/ledger.js";
import { getRun } from "../ledger/runs.js";
import type { ModelVersion } from "../registry/versions.js";
import type { CycleDataset } from "./cycle-log.js";

/** What a retraining run may change from the production run's settings. */
export interface SettingsOverrides {
  epochs?: number | undefined;
  gpu?: string | undefined;
  prices?: string | undefined;
}

interface ConfirmedConfig {
  provider?: string;
  baseModel?: string;
  hyperparameters?: Hyperparameters;
  trainingType?: AzureTrainingType;
  suffix?: string;
  validation?: boolean;
}

export function retrainSettings(
  db: Db,
  production: ModelVersion,
  dataset: CycleDataset,
  overrides: SettingsOverrides = {},
): TrainingSettings {
  const name = `${production.family}@${production.version}`;
  const run = getRun(db, production.runId);
  const confirmation = run && getConfirmation(db, run.confirmationId);
  if (!run || !confirmation)
    throw new InputError(`${name}: its run ${production.runId} is not in the ledger`, [], {
      hint: "`cft models show` lists the version's run.",
    });
  const config = (confirmation.config ?? {}) as ConfirmedConfig;
  const provider = run.provider as ProviderName;
  if (!(PROVIDERS as readonly string[]).includes(provider))
    throw new InputError(`${name} was trained with an unknown provider "${run.provider}"`);
  // The previous run's epochs fitted the previous dataset's size; a hosted run takes the cookbook's rule
  // for the new size unless --epochs says otherwise. The previous starting adapter is never inherited.
  const { initAdapter: _previous, epochs, ...kept } = config.hyperparameters ?? {};
  const hyperparameters: Hyperparameters = { ...kept };
  const chosenEpochs = overrides.epochs ?? (provider === "local" ? epochs : undefined);
  if (chosenEpochs !== undefined) hyperparameters.epochs = chosenEpochs;

  let baseModel: string;
  if (production.artifact.kind === "hosted") {
    baseModel = production.artifact.ref;
  } else if (production.artifact.kind === "adapter") {
    baseModel = run.baseModel;
    hyperparameters.initAdapter = production.artifact.ref;
  } else if (production.artifact.kind === "merged") {
    baseModel = production.artifact.ref;
  } else
    throw new InputError(`${name} is a GGUF file, which cannot be trained further`, [], {
      hint: "Register the run's adapter as a version (cft models register RUN --family NAME) and retrain from that.",
    });
  return {
    provider,
    baseModel,
    train: dataset.train,
    validation: config.validation ? dataset.test : undefined,
    trainingType: config.trainingType,
    suffix: config.suffix,
    gpu: overrides.gpu,
    prices: overrides.prices,
    ...hyperparameters,
  };
}
