/**
 * OpenAI fine-tuning as a Provider. OpenAI is winding fine-tuning down (notice of 2026-05-07): closed to
 * new users, existing users can still create jobs for some months. The backend stays working for them;
 * new projects are pointed at Azure OpenAI or the local runner. OPENAI_BASE_URL redirects it to any
 * server speaking the same API (a proxy, or a local fake in tests).
 */
import { OpenAI } from "openai";
import type { Config } from "../../config/config.js";
import { InputError } from "../../errors.js";
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type HostedClientOptions,
  HostedProvider,
} from "./hosted.js";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
export const OPENAI_SUFFIX_LIMIT = 64;
export const OPENAI_FINE_TUNING_NOTICE =
  "OpenAI fine-tuning is closed to new users (notice of 2026-05-07); existing users can still create jobs for now. New projects: --provider azure or --provider local.";

export type OpenAIProviderOptions = HostedClientOptions;

export function createOpenAIProvider(config: Config, options: OpenAIProviderOptions = {}): HostedProvider {
  const apiKey = config.env.OPENAI_API_KEY;
  if (!apiKey)
    throw new InputError(
      "OpenAI fine-tuning needs an API key",
      [{ field: "OPENAI_API_KEY", message: "not set" }],
      {
        hint: `Set OPENAI_API_KEY (environment or .env) to a key with fine-tuning access. ${OPENAI_FINE_TUNING_NOTICE}`,
      },
    );
  const custom = config.env.OPENAI_BASE_URL;
  const baseURL = custom ?? OPENAI_DEFAULT_BASE_URL;
  // baseURL is always passed so the SDK never falls back to reading process.env behind the config's back.
  const client = new OpenAI({
    apiKey,
    baseURL,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const target = custom ? `OpenAI API at ${custom}` : "api.openai.com (fine-tuning closed to new users)";
  return new HostedProvider({
    name: "openai",
    target,
    client,
    errors: {
      target,
      credentialHint:
        "Check OPENAI_API_KEY: the service did not accept it (wrong, revoked, or without fine-tuning access).",
      endpointVariable: custom ? "OPENAI_BASE_URL" : "the network (api.openai.com)",
      secrets: [apiKey],
    },
    job: { suffixLimit: OPENAI_SUFFIX_LIMIT, runTagInSuffix: false, sendMetadata: true },
    serverMetadataFilter: true,
    options,
  });
}
