/**
 * Azure OpenAI fine-tuning as a Provider: the same wire format as OpenAI under `{endpoint}/openai/...`
 * with `?api-version=`, authenticated by `api-key` or, when no key is set, by Entra ID. Azure differs in
 * four ways, each handled here: training files must be UTF-8 with a BOM; the suffix is at most 40
 * characters; the job list (api-version 2025-04-01-preview) has no metadata filter, so a job is found by
 * scanning pages for its cft_run_id metadata or the run tag at the end of its suffix; and the training
 * tier travels as a top-level `trainingType` body field (Standard, GlobalStandard, developerTier).
 */
import type { Config } from "../../config/config.js";
import { InputError } from "../../errors.js";
import type { AzureTrainingType } from "../types.js";
import { connectAzureOpenAI } from "./azure-openai-client.js";

export { AZURE_DEFAULT_API_VERSION, COGNITIVE_SERVICES_SCOPE } from "./azure-openai-client.js";

import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type HostedClientOptions,
  HostedProvider,
} from "./hosted.js";
import { withBom } from "./hosted-uploads.js";

export const AZURE_SUFFIX_LIMIT = 40;

/** Our training types as Azure spells them on the wire (it is strict about `developerTier`). */
export const AZURE_TRAINING_TYPE_WIRE: Record<AzureTrainingType, string> = {
  standard: "Standard",
  globalstandard: "GlobalStandard",
  developer: "developerTier",
};

export interface AzureProviderOptions extends HostedClientOptions {
  /** Entra ID token source when AZURE_OPENAI_API_KEY is unset (default: DefaultAzureCredential). */
  azureADTokenProvider?: () => Promise<string>;
  /** Send job metadata (cft_run_id). Default true; set false for an api-version that refuses the field. */
  sendMetadata?: boolean;
}

export function createAzureProvider(config: Config, options: AzureProviderOptions = {}): HostedProvider {
  const endpoint = config.env.AZURE_OPENAI_ENDPOINT;
  if (!endpoint)
    throw new InputError(
      "Azure OpenAI fine-tuning needs the resource endpoint",
      [{ field: "AZURE_OPENAI_ENDPOINT", message: "not set" }],
      {
        hint: "Set AZURE_OPENAI_ENDPOINT to the resource's endpoint, e.g. https://my-resource.openai.azure.com, and AZURE_OPENAI_API_KEY (or sign in with `az login` for Entra ID).",
      },
    );
  const { client, apiKey } = connectAzureOpenAI(config, endpoint, {
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    azureADTokenProvider: options.azureADTokenProvider,
  });
  const target = `Azure OpenAI at ${endpoint}`;
  return new HostedProvider({
    name: "azure",
    target,
    client,
    errors: {
      target,
      credentialHint: apiKey
        ? "Check AZURE_OPENAI_API_KEY: the resource did not accept it (a key of another resource, or regenerated)."
        : "Entra ID sign-in was refused or unavailable: run `az login` (the identity needs the Cognitive Services OpenAI Contributor role), or set AZURE_OPENAI_API_KEY.",
      endpointVariable: "AZURE_OPENAI_ENDPOINT",
      secrets: apiKey ? [apiKey] : [],
    },
    job: {
      suffixLimit: AZURE_SUFFIX_LIMIT,
      runTagInSuffix: true,
      sendMetadata: options.sendMetadata ?? true,
      extraFields: (s) => (s.trainingType ? { trainingType: AZURE_TRAINING_TYPE_WIRE[s.trainingType] } : {}),
    },
    serverMetadataFilter: false,
    uploadTransform: withBom,
    options,
  });
}
