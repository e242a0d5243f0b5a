/**
 * How the router addresses a variant's backend: the chat-completions URL and headers of an
 * OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp's server) or of an Azure OpenAI deployment,
 * with the key read from the environment variable the configuration names. The client's own
 * Authorization header is never forwarded: the router holds the backends' keys.
 */
import { InputError } from "../errors.js";
import type { Backend, RouteConfig } from "./route-config.js";

const AZURE_API_VERSION = "2024-10-21";

export interface BackendTarget {
  url: string;
  headers: Record<string, string>;
}

export function backendTarget(backend: Backend, env: NodeJS.ProcessEnv): BackendTarget {
  const base = backend.url.replace(/\/+$/, "");
  const key = backend.apiKeyEnv ? env[backend.apiKeyEnv] : undefined;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (backend.kind === "azure") {
    if (key) headers["api-key"] = key;
    const version = encodeURIComponent(backend.apiVersion ?? AZURE_API_VERSION);
    return {
      url: `${base}/openai/deployments/${encodeURIComponent(backend.model)}/chat/completions?api-version=${version}`,
      headers,
    };
  }
  if (key) headers.authorization = `Bearer ${key}`;
  return { url: `${base}/chat/completions`, headers };
}

/** Every key variable CONFIG names must be set, or the router would fail each request to that variant. */
export function checkBackendKeys(config: RouteConfig, env: NodeJS.ProcessEnv): void {
  const missing = config.variants.filter((v) => v.backend.apiKeyEnv && !env[v.backend.apiKeyEnv]);
  if (missing.length)
    throw new InputError(
      `the backend key of ${missing.map((v) => `${v.name} (${v.backend.apiKeyEnv})`).join(", ")} is not set`,
      missing.map((v) => ({ field: `${v.name}.backend.apiKeyEnv`, message: `set ${v.backend.apiKeyEnv}` })),
      { hint: "Export the variable (or put it in .env) before starting the router." },
    );
}

/** Token counts from an OpenAI chat-completions body or SSE tail, when it carries usage. */
export function usageOf(text: string, stream: boolean): { prompt: number | null; completion: number | null } {
  const none = { prompt: null, completion: null };
  const read = (json: string) => {
    try {
      const u = (JSON.parse(json) as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } })
        .usage;
      if (!u) return null;
      const n = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : null);
      return { prompt: n(u.prompt_tokens), completion: n(u.completion_tokens) };
    } catch {
      return null;
    }
  };
  if (!stream) return read(text) ?? none;
  const lines = text.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line.startsWith("data: {") && line.includes('"usage"')) {
      const found = read(line.slice(6));
      if (found) return found;
    }
  }
  return none;
}
