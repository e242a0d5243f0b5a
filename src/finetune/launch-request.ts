/**
 * What the user asks to launch, and the two hashes a confirmation binds: the dataset key (the files'
 * roles and SHA-256s) and the configuration hash (provider, where it runs, base model, hyperparameters,
 * suffix, training type). Anything that changes what would be trained or billed changes one of them.
 */
import { canonicalJson, sha256Text } from "../io/hash.js";
import type { AzureTrainingType, Hyperparameters, ProviderName } from "./types.js";

export interface LaunchRequest {
  provider: ProviderName;
  baseModel: string;
  train: string;
  validation?: string;
  hyperparameters: Hyperparameters;
  trainingType?: AzureTrainingType;
  suffix?: string;
  /** Where the job would run, in the provider's words (part of what the user confirms). */
  target: string;
}

export interface HashedFile {
  role: "train" | "validation";
  path: string;
  sha256: string;
}

export function datasetKey(files: readonly HashedFile[]): string {
  const parts = [...files].sort((a, b) => a.role.localeCompare(b.role)).map((f) => `${f.role}:${f.sha256}`);
  return sha256Text(parts.join("\n"));
}

/** The configuration a confirmation covers; file paths are left out (the dataset key covers the bytes). */
export function launchConfig(request: LaunchRequest): Record<string, unknown> {
  return {
    provider: request.provider,
    target: request.target,
    baseModel: request.baseModel,
    hyperparameters: request.hyperparameters,
    trainingType: request.trainingType,
    suffix: request.suffix,
    validation: Boolean(request.validation),
  };
}

export function configHash(request: LaunchRequest): string {
  return sha256Text(canonicalJson(launchConfig(request)));
}

/** The token a user (or an MCP host) presents to say yes to exactly this dataset, configuration and estimate. */
export function confirmationToken(
  datasetKeyHex: string,
  configSha256: string,
  estimateSha256: string,
): string {
  return `cft-confirm-${sha256Text(`${datasetKeyHex}\n${configSha256}\n${estimateSha256}`).slice(0, 32)}`;
}

/** Names of configuration fields that differ, for a refusal that says what changed. */
export function configDifferences(confirmed: unknown, current: unknown, prefix = ""): string[] {
  if (canonicalJson(confirmed) === canonicalJson(current)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(confirmed) || !isObject(current)) return [prefix || "configuration"];
  const keys = new Set([...Object.keys(confirmed), ...Object.keys(current)]);
  return [...keys]
    .sort()
    .flatMap((k) => configDifferences(confirmed[k], current[k], prefix ? `${prefix}.${k}` : k));
}
