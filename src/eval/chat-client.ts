/**
 * The model under evaluation, called through the official openai SDK: OpenAI itself, an Azure OpenAI
 * deployment (api-key or Entra ID), or any server speaking the chat completions API at a base URL
 * (Ollama, vLLM, llama.cpp server), which needs no key. Decoding is deterministic (temperature 0, top_p 1,
 * seed 0) so that a cached answer is the answer the model would give again, and the cache key is a hash of
 * everything that decides the answer: endpoint, model and decoding settings.
 *
 * The SDK retries 429, 5xx and dropped connections with backoff (honouring Retry-After). What still fails
 * becomes a ServiceError (exit 4) saying what failed and what to do; failures that doom every further call
 * (a refused key, an unknown model or deployment, nothing listening at the URL) are marked `fatal`, so an
 * evaluation stops at once instead of repeating the same failure for every item.
 */
import { createHash } from "node:crypto";
import { OpenAI } from "openai";
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from "openai/resources";
import type { Config } from "../config/config.js";
import type { ChatMessage } from "../dataset/chat.js";
import { InputError } from "../errors.js";
import { connectAzureOpenAI } from "../finetune/providers/azure-openai-client.js";
import type { ErrorContext } from "../finetune/providers/hosted-errors.js";
import { OPENAI_DEFAULT_BASE_URL } from "../finetune/providers/openai-provider.js";
import { ChatServiceError, type Target, toChatError } from "./chat-errors.js";

export { ChatServiceError, isFatalChatError } from "./chat-errors.js";

export interface ChatClient {
  /** The model's name as the user gave it (a fine-tuned id, an Azure deployment, "llama3.1:8b"…). */
  label: string;
  /** Base URL (Azure: the resource endpoint), for messages and records. */
  endpoint: string;
  /** 16 hex digits of sha256 over {endpoint, model, decoding settings}: the prediction cache key. */
  key: string;
  /** The model's answer to MESSAGES. Throws a ServiceError (a ChatServiceError when it comes from here). */
  complete(messages: ChatMessage[], signal?: AbortSignal): Promise<string>;
}

export interface ChatClientOptions {
  /** The model name (Azure: the deployment name). */
  model: string;
  /** A server speaking the chat completions API, e.g. http://localhost:11434/v1; no key needed. */
  baseUrl?: string;
  /** "azure" for an Azure OpenAI deployment (baseUrl, if given, replaces AZURE_OPENAI_ENDPOINT). */
  provider?: "openai" | "azure";
  /** Most tokens an answer may have (default 1024). */
  maxTokens?: number;
  /** Retries the SDK makes on 408/409/429/5xx and dropped connections, with backoff (default 4). */
  maxRetries?: number;
  /** Per-request timeout in milliseconds (default 5 minutes: a local model may be loading). */
  timeoutMs?: number;
  /** Entra ID token source for Azure when AZURE_OPENAI_API_KEY is unset (default DefaultAzureCredential). */
  azureADTokenProvider?: () => Promise<string>;
}

export const DEFAULT_MAX_TOKENS = 1024;
export const DEFAULT_CHAT_RETRIES = 4;
export const DEFAULT_CHAT_TIMEOUT_MS = 5 * 60_000;

const trimSlashes = (url: string) => url.replace(/\/+$/, "");

export function createChatClient(config: Config, opts: ChatClientOptions): ChatClient {
  const model = opts.model.trim();
  if (!model)
    throw new InputError("no model to evaluate", [{ field: "model", message: "empty" }], {
      hint: "Name the model: a fine-tuned model id, an Azure deployment name, or a model served at --base-url.",
    });
  const maxTokens = opts.maxTokens ?? DEFAULT_MAX_TOKENS;
  if (!Number.isInteger(maxTokens) || maxTokens < 1)
    throw new InputError("the answer length limit is invalid", [
      { field: "maxTokens", message: `expected a whole number of tokens ≥ 1, got ${maxTokens}` },
    ]);
  const common = {
    maxRetries: opts.maxRetries ?? DEFAULT_CHAT_RETRIES,
    timeout: opts.timeoutMs ?? DEFAULT_CHAT_TIMEOUT_MS,
  };
  const { client, target } =
    opts.provider === "azure"
      ? azureClient(config, opts, common)
      : opts.baseUrl
        ? compatibleClient(config, opts.baseUrl, common)
        : openaiClient(config, common);

  // Hosted services take max_completion_tokens (max_tokens is deprecated there, and refused by reasoning
  // models); servers that merely speak the API (Ollama, vLLM, llama.cpp) all know max_tokens.
  const tokenField = target.kind === "compatible" ? "max_tokens" : "max_completion_tokens";
  const decoding = { temperature: 0, top_p: 1, seed: 0, [tokenField]: maxTokens };
  const key = createHash("sha256")
    .update(JSON.stringify({ endpoint: target.endpoint, model, decoding }))
    .digest("hex")
    .slice(0, 16);
  const errors: ErrorContext = {
    target: target.name,
    credentialHint: target.credentialHint,
    endpointVariable: target.endpointSetting,
    secrets: target.secrets,
  };

  return {
    label: model,
    endpoint: target.endpoint,
    key,
    async complete(messages, signal) {
      const body = { model, messages: wire(messages), ...decoding } as ChatCompletionCreateParamsNonStreaming;
      const call = signal ? linkedSignal(signal) : undefined;
      let response: Awaited<ReturnType<typeof client.chat.completions.create>>;
      try {
        response = await client.chat.completions.create(body, call ? { signal: call.signal } : undefined);
      } catch (error) {
        // An abort asked for by the caller is not a failure of the service: it rejects with the reason.
        if (signal?.aborted) throw signal.reason ?? error;
        throw toChatError(error, target, errors, model, common.timeout);
      } finally {
        call?.release();
      }
      const choice = response.choices?.[0];
      if (!choice)
        throw new ChatServiceError(`${target.name}: the answer from "${model}" had no choices`, {
          hint: "The server does not speak the chat completions format as expected: check the endpoint.",
        });
      return choice.message?.content ?? choice.message?.refusal ?? "";
    },
  };
}

/** The calls in flight under each caller's signal, aborted together by one listener on it. */
const callsUnder = new WeakMap<AbortSignal, Set<AbortController>>();

/**
 * A signal for one call that follows PARENT. The SDK adds an abort listener to the signal of every request
 * and never removes it: given a run-long signal directly, thousands of calls would pile up listeners (and
 * Node's "possible memory leak" warning). This one lives as long as the call; the parent gets one listener
 * in all, not one per call (adding and removing listeners is a measurable part of a 2 ms call).
 */
function linkedSignal(parent: AbortSignal): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { signal: controller.signal, release: () => {} };
  }
  let calls = callsUnder.get(parent);
  if (!calls) {
    const set = new Set<AbortController>();
    parent.addEventListener(
      "abort",
      () => {
        for (const call of set) call.abort(parent.reason);
        set.clear();
      },
      { once: true },
    );
    callsUnder.set(parent, set);
    calls = set;
  }
  calls.add(controller);
  const inFlight = calls;
  return { signal: controller.signal, release: () => inFlight.delete(controller) };
}

/**
 * Messages as the API takes them: exactly as the suite has them, less `weight`, a fine-tuning field that
 * chat completions refuses.
 */
function wire(messages: ChatMessage[]): ChatCompletionMessageParam[] {
  if (!messages.some((m) => m.weight !== undefined)) return messages as ChatCompletionMessageParam[];
  return messages.map(({ weight: _weight, ...rest }) => rest) as ChatCompletionMessageParam[];
}

function openaiClient(config: Config, common: { maxRetries: number; timeout: number }) {
  const apiKey = config.env.OPENAI_API_KEY;
  if (!apiKey)
    throw new InputError(
      "evaluating an OpenAI model needs an API key",
      [{ field: "OPENAI_API_KEY", message: "not set" }],
      {
        hint: "Set OPENAI_API_KEY (environment or .env), or use --provider azure, or --base-url for a server that needs no key (Ollama, vLLM, llama.cpp).",
      },
    );
  const custom = config.env.OPENAI_BASE_URL;
  const endpoint = trimSlashes(custom ?? OPENAI_DEFAULT_BASE_URL);
  const target: Target = {
    kind: "openai",
    name: custom ? `OpenAI API at ${endpoint}` : "OpenAI (api.openai.com)",
    endpoint,
    endpointSetting: custom ? "OPENAI_BASE_URL" : "the network connection to api.openai.com",
    credentialHint:
      "Check OPENAI_API_KEY: the service did not accept it (wrong, revoked, or of another project).",
    notFoundHint:
      "Check the model name: a fine-tuned model id looks like ft:gpt-4.1-mini-2025-04-14:org::abc123 (`cft jobs status` shows it), and the key must belong to the project that trained it.",
    secrets: [apiKey],
  };
  // baseURL is always passed so the SDK never reads process.env behind the config's back.
  return { client: new OpenAI({ apiKey, baseURL: endpoint, ...common }), target };
}

function compatibleClient(config: Config, baseUrl: string, common: { maxRetries: number; timeout: number }) {
  let endpoint: string;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http(s)");
    endpoint = trimSlashes(url.toString());
  } catch {
    throw new InputError("the base URL is invalid", [
      {
        field: "--base-url",
        message: `expected an http(s) URL such as http://localhost:11434/v1, got "${baseUrl}"`,
      },
    ]);
  }
  const apiKey = config.env.OPENAI_API_KEY;
  const target: Target = {
    kind: "compatible",
    name: `the server at ${endpoint}`,
    endpoint,
    endpointSetting: "--base-url",
    credentialHint: apiKey
      ? "The server refused OPENAI_API_KEY: set it to the key this server expects (or unset it if the server needs none)."
      : "The server wants a key: set OPENAI_API_KEY to it (environment or .env).",
    notFoundHint:
      "Check the model name as this server knows it (Ollama: `ollama list`; vLLM and llama.cpp: GET /v1/models), and that --base-url ends where the API starts (usually /v1).",
    secrets: apiKey ? [apiKey] : [],
  };
  return { client: new OpenAI({ apiKey: apiKey ?? "not-needed", baseURL: endpoint, ...common }), target };
}

function azureClient(
  config: Config,
  opts: ChatClientOptions,
  common: { maxRetries: number; timeout: number },
): { client: OpenAI; target: Target } {
  const model = opts.model.trim();
  const given = opts.baseUrl ?? config.env.AZURE_OPENAI_ENDPOINT;
  if (!given)
    throw new InputError(
      "evaluating an Azure OpenAI deployment needs the resource endpoint",
      [{ field: "AZURE_OPENAI_ENDPOINT", message: "not set" }],
      {
        hint: "Set AZURE_OPENAI_ENDPOINT to the resource's endpoint, e.g. https://my-resource.openai.azure.com, and AZURE_OPENAI_API_KEY (or sign in with `az login` for Entra ID).",
      },
    );
  const endpoint = trimSlashes(given);
  const { client, apiKey, apiVersion } = connectAzureOpenAI(config, endpoint, {
    ...common,
    deployment: model,
    azureADTokenProvider: opts.azureADTokenProvider,
  });
  const target: Target = {
    kind: "azure",
    name: `Azure OpenAI at ${endpoint}`,
    endpoint,
    endpointSetting: opts.baseUrl ? "--base-url" : "AZURE_OPENAI_ENDPOINT",
    credentialHint: apiKey
      ? "Check AZURE_OPENAI_API_KEY: the resource did not accept it (a key of another resource, or regenerated)."
      : "Entra ID sign-in was refused or unavailable: run `az login` (the identity needs the Cognitive Services OpenAI User role), or set AZURE_OPENAI_API_KEY.",
    notFoundHint: `Check the deployment name (the model to evaluate is named by its deployment, not by the base model) and the endpoint; api-version ${apiVersion} (OPENAI_API_VERSION) must be one the resource supports.`,
    secrets: apiKey ? [apiKey] : [],
  };
  return { client, target };
}
