/**
 * The chat model CFT_LLM names, or null (guided mode: the graph runs without one):
 * `openai:MODEL` (OPENAI_API_KEY, OPENAI_BASE_URL), `azure:DEPLOYMENT` (AZURE_OPENAI_ENDPOINT, then
 * AZURE_OPENAI_API_KEY or Entra ID, OPENAI_API_VERSION), `ollama:MODEL` (the local server's OpenAI-compatible
 * API) and `openai-compatible:MODEL@URL` (vLLM, llama.cpp, a gateway). Everything comes from the validated
 * configuration: the SDKs are given each value, so they never read process.env behind its back.
 * Temperature 0: the assistant explains and routes; it should say the same thing twice.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AzureChatOpenAI, ChatOpenAI } from "@langchain/openai";
import type { Config } from "../src/config/config.js";
import { InputError } from "../src/errors.js";
import {
  AZURE_DEFAULT_API_VERSION,
  COGNITIVE_SERVICES_SCOPE,
} from "../src/finetune/providers/azure-openai-client.js";
import { entraTokenProvider } from "../src/finetune/providers/entra-token.js";

export const OLLAMA_URL = "http://localhost:11434/v1";

/** The four forms, for messages that tell people how to configure a model. */
export const CFT_LLM_FORMS = [
  "openai:MODEL (with OPENAI_API_KEY)",
  "azure:DEPLOYMENT (with AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY or Entra ID)",
  "ollama:MODEL (a local Ollama server)",
  "openai-compatible:MODEL@URL (vLLM, llama.cpp, any OpenAI-compatible server)",
];

/** Servers that take no key still need one for the SDK to send a request. */
const PLACEHOLDER_KEY = "not-needed";

export interface ChatModelSpec {
  kind: "openai" | "azure" | "ollama" | "openai-compatible";
  model: string;
  baseURL?: string;
}

/** CFT_LLM split into its parts (already checked against the pattern by loadConfig). */
export function parseChatModel(value: string): ChatModelSpec {
  const colon = value.indexOf(":");
  const kind = value.slice(0, colon) as ChatModelSpec["kind"];
  const rest = value.slice(colon + 1);
  if (kind !== "openai-compatible") return { kind, model: rest };
  const at = rest.indexOf("@");
  return { kind, model: rest.slice(0, at), baseURL: rest.slice(at + 1) };
}

export function chatModelFrom(config: Config): BaseChatModel | null {
  const value = config.env.CFT_LLM;
  if (!value) return null;
  const spec = parseChatModel(value);
  const env = config.env;
  switch (spec.kind) {
    case "openai": {
      if (!env.OPENAI_API_KEY)
        throw new InputError(`CFT_LLM=${value} needs an OpenAI API key`, [
          { field: "OPENAI_API_KEY", message: "not set" },
        ]);
      return new ChatOpenAI({
        model: spec.model,
        temperature: 0,
        apiKey: env.OPENAI_API_KEY,
        ...(env.OPENAI_BASE_URL ? { configuration: { baseURL: env.OPENAI_BASE_URL } } : {}),
      });
    }
    case "azure": {
      if (!env.AZURE_OPENAI_ENDPOINT)
        throw new InputError(`CFT_LLM=${value} needs the Azure OpenAI resource's endpoint`, [
          { field: "AZURE_OPENAI_ENDPOINT", message: "not set (e.g. https://NAME.openai.azure.com)" },
        ]);
      const auth = env.AZURE_OPENAI_API_KEY
        ? { azureOpenAIApiKey: env.AZURE_OPENAI_API_KEY }
        : { azureADTokenProvider: entraTokenProvider(COGNITIVE_SERVICES_SCOPE) };
      return new AzureChatOpenAI({
        azureOpenAIEndpoint: env.AZURE_OPENAI_ENDPOINT,
        azureOpenAIApiDeploymentName: spec.model,
        azureOpenAIApiVersion: env.OPENAI_API_VERSION ?? AZURE_DEFAULT_API_VERSION,
        temperature: 0,
        ...auth,
      });
    }
    case "ollama":
      return openAICompatible(spec.model, OLLAMA_URL);
    case "openai-compatible":
      return openAICompatible(spec.model, spec.baseURL!);
  }
}

function openAICompatible(model: string, baseURL: string): BaseChatModel {
  return new ChatOpenAI({
    model,
    temperature: 0,
    apiKey: PLACEHOLDER_KEY,
    configuration: { baseURL },
  });
}
