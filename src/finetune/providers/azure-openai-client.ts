/**
 * The SDK's AzureOpenAI client as both Azure callers need it (fine-tuning and evaluation): the resource
 * endpoint, the api-version, and an api-key or, without one, an Entra ID token. Configuration decides;
 * the SDK never reads process.env behind its back.
 */
import { AzureOpenAI } from "openai";
import type { Config } from "../../config/config.js";
import { entraTokenProvider } from "./entra-token.js";

export const AZURE_DEFAULT_API_VERSION = "2025-04-01-preview";
export const COGNITIVE_SERVICES_SCOPE = "https://cognitiveservices.azure.com/.default";

export interface AzureConnection {
  client: AzureOpenAI;
  /** The key in use, or undefined when Entra ID signs the calls (for hints and for scrubbing messages). */
  apiKey: string | undefined;
  apiVersion: string;
}

export function connectAzureOpenAI(
  config: Config,
  endpoint: string,
  options: {
    maxRetries: number;
    timeout: number;
    /** Requests go to this deployment (chat completions); fine-tuning names none. */
    deployment?: string;
    /** Entra ID token source when AZURE_OPENAI_API_KEY is unset (default: DefaultAzureCredential). */
    azureADTokenProvider?: () => Promise<string>;
  },
): AzureConnection {
  const apiKey = config.env.AZURE_OPENAI_API_KEY;
  const apiVersion = config.env.OPENAI_API_VERSION ?? AZURE_DEFAULT_API_VERSION;
  const auth = apiKey
    ? { apiKey }
    : {
        azureADTokenProvider: options.azureADTokenProvider ?? entraTokenProvider(COGNITIVE_SERVICES_SCOPE),
        // Left undefined, the SDK would read AZURE_OPENAI_API_KEY from process.env and refuse the pair.
        apiKey: null as unknown as undefined,
      };
  const client = new AzureOpenAI({
    // baseURL rather than endpoint: the SDK refuses `endpoint` when OPENAI_BASE_URL is in process.env.
    baseURL: `${endpoint.replace(/\/+$/, "")}/openai`,
    apiVersion,
    ...(options.deployment ? { deployment: options.deployment } : {}),
    ...auth,
    maxRetries: options.maxRetries,
    timeout: options.timeout,
  });
  return { client, apiKey, apiVersion };
}
