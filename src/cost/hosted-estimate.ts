/**
 * Cost of a hosted fine-tune (OpenAI, Azure OpenAI): billed tokens = epochs × Σ min(limit, tokens of each
 * training example), priced from the dated table. Validation tokens are counted and shown but not billed.
 * Azure adds what the trained model costs to keep deployed, per hour, because that bill starts after
 * training and never stops on its own.
 */
import { InputError } from "../errors.js";
import type { AzureTrainingType } from "../finetune/types.js";
import { countDatasetTokens, type DatasetTokens } from "./dataset-tokens.js";
import { ageInDays, findPrice, knownModels, type PriceTable, STALE_AFTER_DAYS } from "./price-table.js";

export interface HostedEstimateRequest {
  provider: "openai" | "azure";
  baseModel: string;
  train: string;
  validation?: string;
  epochs?: number;
  trainingType?: AzureTrainingType;
}

export interface HostedEstimate {
  kind: "hosted";
  provider: "openai" | "azure";
  baseModel: string;
  trainingType: AzureTrainingType | null;
  train: DatasetTokens;
  validation: DatasetTokens | null;
  epochs: number;
  epochsSource: "given" | "cookbook default";
  billedTokens: number;
  price: {
    trainingPerMillion: number;
    hostingPerHour: number | null;
    source: string;
    asOf: string;
    ageDays: number;
    stale: boolean;
  };
  trainingCostUsd: number;
  /** Azure: what a Standard/Global deployment of the result costs per hour and per 30-day month. */
  hosting: { perHourUsd: number; perMonthUsd: number } | null;
  notes: string[];
}

const cents = (x: number) => Math.round(x * 100) / 100;

export async function estimateHosted(
  request: HostedEstimateRequest,
  prices: PriceTable,
  now: Date = new Date(),
): Promise<HostedEstimate> {
  const row = findPrice(prices, request.provider, request.baseModel, request.trainingType);
  if (!row)
    throw new InputError(
      `no ${request.provider} fine-tuning price for "${request.baseModel}"${request.trainingType ? ` (${request.trainingType})` : ""}`,
      [{ field: "--base-model", message: `known: ${knownModels(prices, request.provider).join(", ")}` }],
      {
        hint: "Pick a listed model, or add a row for it in a price file (--prices FILE or CFT_PRICES_FILE).",
      },
    );
  const train = await countDatasetTokens(request.train, request.baseModel);
  const validation = request.validation
    ? await countDatasetTokens(request.validation, request.baseModel)
    : null;
  const epochs = request.epochs ?? train.defaultEpochs;
  const billedTokens = epochs * train.billedPerEpoch;
  const ageDays = ageInDays(row, now);
  const stale = ageDays > STALE_AFTER_DAYS;
  const notes: string[] = [];
  if (stale)
    notes.push(
      `The ${request.provider} price for ${row.model} was read on ${row.asOf} (${ageDays} days ago); check ${row.source.split(" ")[0]} and override it with --prices FILE if it moved.`,
    );
  if (train.examplesOverLimit)
    notes.push(
      `${train.examplesOverLimit} training examples exceed ${train.tokenLimit.toLocaleString("en-US")} tokens; they are billed and trained only up to the limit.`,
    );
  if (request.provider === "openai")
    notes.push(
      "OpenAI fine-tuning is closed to new users (notice of 2026-05-07); existing users can still train until their base model retires.",
    );
  const hostingPerHour = request.provider === "azure" ? (row.hostingPerHour ?? null) : null;
  if (request.provider === "azure")
    notes.push(
      hostingPerHour
        ? `Once trained, a deployed model is billed $${hostingPerHour.toFixed(2)} per hour whether or not it is used; Azure deletes deployments idle for 15 days.`
        : "Developer deployments have no hourly fee but expire after 24 hours and carry no SLA.",
    );
  return {
    kind: "hosted",
    provider: request.provider,
    baseModel: request.baseModel,
    trainingType: request.provider === "azure" ? (request.trainingType ?? "standard") : null,
    train,
    validation,
    epochs,
    epochsSource: request.epochs === undefined ? "cookbook default" : "given",
    billedTokens,
    price: {
      trainingPerMillion: row.trainingPerMillion,
      hostingPerHour,
      source: row.source,
      asOf: row.asOf,
      ageDays,
      stale,
    },
    trainingCostUsd: cents((billedTokens / 1_000_000) * row.trainingPerMillion),
    hosting:
      hostingPerHour === null
        ? null
        : { perHourUsd: hostingPerHour, perMonthUsd: cents(hostingPerHour * 720) },
    notes,
  };
}
