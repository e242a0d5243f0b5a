/**
 * An optional web search for the Research worker, off unless configured: the knowledge base answers
 * offline, and this extends it when a search service is reachable. Configure it with
 *
 *   CFT_WEB_SEARCH_URL   the search endpoint (http or https), e.g. https://search.internal.example/v1/search
 *   CFT_WEB_SEARCH_KEY   optional; sent as `Authorization: Bearer <key>`
 *
 * The endpoint is any service (or a small adapter in front of one) that speaks this JSON shape:
 *
 *   request   POST <url>   Content-Type: application/json
 *             {"query": "QLoRA memory 8B", "limit": 5}
 *   response  200          {"results": [{"url": "https://…", "title": "…", "snippet": "…"}, …]}
 *
 * `snippet` may be absent or empty; extra fields are ignored; results past `limit` are dropped. The query
 * passes the PHI redactor before it leaves the machine. A call that takes longer than 10 seconds, answers
 * an error status, or answers anything but that shape fails with a ServiceError (exit 4) that says which;
 * a URL that is not http(s) is an InputError (exit 2).
 */
import { z } from "zod";
import { InputError, ServiceError } from "../errors.js";
import { redact } from "../phi/redact.js";

export const WEB_SEARCH_URL_VARIABLE = "CFT_WEB_SEARCH_URL";
export const WEB_SEARCH_KEY_VARIABLE = "CFT_WEB_SEARCH_KEY";
export const WEB_SEARCH_TIMEOUT_MS = 10_000;

export interface WebSearchConfig {
  url?: string;
  key?: string;
  /** Default 10 s. */
  timeoutMs?: number;
  /** Default the global fetch (tests may pass their own). */
  fetch?: typeof fetch;
}

export interface WebSearchResult {
  url: string;
  title: string;
  snippet: string;
}

export interface WebSearchAnswer {
  /** The query as sent: PHI replaced by placeholders. */
  query: string;
  results: WebSearchResult[];
}

export interface WebSearch {
  endpoint: string;
  search(query: string, options?: { limit?: number; signal?: AbortSignal }): Promise<WebSearchAnswer>;
}

const Answer = z.object({
  results: z.array(
    z.object({
      url: z.url({ protocol: /^https?$/, message: "expected an http(s) URL" }),
      title: z.string(),
      snippet: z.string().nullish(),
    }),
  ),
});

/** The configuration from environment variables (the process's, unless given). */
export function webSearchConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
): WebSearchConfig {
  const url = env[WEB_SEARCH_URL_VARIABLE]?.trim();
  const key = env[WEB_SEARCH_KEY_VARIABLE]?.trim();
  return { ...(url ? { url } : {}), ...(key ? { key } : {}) };
}

function endpointOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${WEB_SEARCH_URL_VARIABLE} is not a URL: "${url}"`, [], {
      hint: "Set it to the search endpoint, e.g. https://search.internal.example/v1/search.",
    });
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new InputError(`${WEB_SEARCH_URL_VARIABLE} must be an http(s) URL, got ${parsed.protocol}`);
  return parsed.toString();
}

/** A web search, or null when no URL is configured. */
export function createWebSearch(config: WebSearchConfig = webSearchConfigFromEnv()): WebSearch | null {
  if (!config.url) return null;
  const endpoint = endpointOf(config.url);
  const timeoutMs = config.timeoutMs ?? WEB_SEARCH_TIMEOUT_MS;
  const doFetch = config.fetch ?? fetch;
  const hideKey = (text: string) => (config.key ? text.split(config.key).join("[key]") : text);
  const fail = (message: string, hint: string, cause?: unknown) =>
    new ServiceError(hideKey(`web search at ${endpoint}: ${message}`), { hint, cause });

  return {
    endpoint,
    async search(query, options = {}) {
      const limit = options.limit ?? 5;
      const sent = redact(query).trim();
      if (!sent) return { query: sent, results: [] };
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      let response: Response;
      try {
        response = await doFetch(endpoint, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            ...(config.key ? { authorization: `Bearer ${config.key}` } : {}),
          },
          body: JSON.stringify({ query: sent, limit }),
          signal,
        });
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason ?? error;
        if (timeout.aborted)
          throw fail(
            `no answer within ${timeoutMs / 1000} s`,
            "The search service is slow or unreachable; research continues from the offline knowledge base.",
            error,
          );
        throw fail(
          `cannot connect (${(error as Error).message})`,
          `Check ${WEB_SEARCH_URL_VARIABLE} and that the service is running.`,
          error,
        );
      }
      let body: unknown;
      try {
        const text = await response.text();
        if (!response.ok)
          throw fail(
            `answered ${response.status} ${response.statusText}: ${text.slice(0, 200)}`,
            response.status === 401 || response.status === 403
              ? `The service refused the key: check ${WEB_SEARCH_KEY_VARIABLE}.`
              : "Check the service's logs; research continues from the offline knowledge base.",
          );
        body = JSON.parse(text);
      } catch (error) {
        if (error instanceof ServiceError) throw error;
        if (timeout.aborted)
          throw fail(`no answer within ${timeoutMs / 1000} s`, "The search service is slow.", error);
        throw fail(
          `the answer is not JSON (${(error as Error).message})`,
          "Point the URL at the search API itself.",
          error,
        );
      }
      const parsed = Answer.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw fail(
          `the answer is not {results: [{url, title, snippet}]}: ${issue?.path.join(".") || "(top level)"}: ${issue?.message}`,
          "The endpoint must answer the JSON shape documented in src/research/web-search.ts; put an adapter in front of other APIs.",
        );
      }
      return {
        query: sent,
        results: parsed.data.results
          .slice(0, limit)
          .map((r) => ({ url: r.url, title: r.title.trim(), snippet: (r.snippet ?? "").trim() })),
      };
    },
  };
}
