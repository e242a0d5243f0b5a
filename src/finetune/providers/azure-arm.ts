/**
 * Calls to Azure Resource Manager (the management plane) over global fetch: a bearer token, JSON in and
 * out, and retries on 429, 5xx and dropped connections that honour Retry-After. No Azure SDK package:
 * the deployments API is three verbs on one URL. Failures become ServiceErrors with ARM's own message.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Config } from "../../config/config.js";
import { InputError, ServiceError } from "../../errors.js";
import { entraTokenProvider } from "./entra-token.js";
import { scrub } from "./hosted-errors.js";

export const ARM_DEFAULT_URL = "https://management.azure.com";
export const ARM_SCOPE = "https://management.azure.com/.default";
const MAX_RETRY_AFTER_MS = 60_000;

export interface ArmOptions {
  /** Bearer token source when AZURE_MANAGEMENT_TOKEN is unset (default: DefaultAzureCredential). */
  tokenProvider?: () => Promise<string>;
  /** Retries on 429, 5xx and network errors (default 4). */
  maxRetries?: number;
  /** First backoff step when the service sends no Retry-After (default 1000 ms, doubling). */
  retryBaseMs?: number;
  /** Per-request timeout (default 60 s). */
  requestTimeoutMs?: number;
}

export interface ArmTarget {
  baseUrl: string;
  /** `/subscriptions/…/accounts/{resource}`: the Azure OpenAI resource every path hangs off. */
  accountPath: string;
  resource: string;
  token: () => Promise<string>;
  /** Values never to show (the static token). */
  secrets: string[];
  maxRetries: number;
  retryBaseMs: number;
  requestTimeoutMs: number;
}

/** Reads the management-plane settings, naming every missing variable at once. */
export function armTarget(config: Config, options: ArmOptions = {}): ArmTarget {
  const env = config.env;
  const required = ["AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP", "AZURE_OPENAI_RESOURCE"] as const;
  const missing = required.filter((name) => !env[name]);
  if (missing.length)
    throw new InputError(
      `deploying on Azure needs ${missing.join(", ")}`,
      missing.map((field) => ({ field, message: "not set" })),
      {
        hint: "Set them to the subscription, resource group and Azure OpenAI resource that trained the model.",
      },
    );
  const staticToken = env.AZURE_MANAGEMENT_TOKEN;
  let token: () => Promise<string>;
  if (staticToken) token = async () => staticToken;
  else if (options.tokenProvider) token = options.tokenProvider;
  else {
    const entra = entraTokenProvider(ARM_SCOPE);
    token = async () => {
      try {
        return await entra();
      } catch (error) {
        throw new ServiceError(`no Azure management token: ${(error as Error).message.split("\n")[0]}`, {
          hint: "Sign in with `az login`, or set AZURE_MANAGEMENT_TOKEN (`az account get-access-token`).",
          cause: error,
        });
      }
    };
  }
  const [subscription, group, resource] = [
    env.AZURE_SUBSCRIPTION_ID!,
    env.AZURE_RESOURCE_GROUP!,
    env.AZURE_OPENAI_RESOURCE!,
  ];
  const seg = encodeURIComponent;
  return {
    baseUrl: (env.AZURE_MANAGEMENT_URL ?? ARM_DEFAULT_URL).replace(/\/+$/, ""),
    accountPath: `/subscriptions/${seg(subscription)}/resourceGroups/${seg(group)}/providers/Microsoft.CognitiveServices/accounts/${seg(resource)}`,
    resource,
    token,
    secrets: staticToken ? [staticToken] : [],
    maxRetries: options.maxRetries ?? 4,
    retryBaseMs: options.retryBaseMs ?? 1000,
    requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
  };
}

/** Milliseconds to wait before retry number `attempt` (0-based): Retry-After when given, else backoff. */
export function retryDelayMs(retryAfter: string | null, attempt: number, baseMs: number): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
    if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, MAX_RETRY_AFTER_MS);
  }
  return Math.min(baseMs * 2 ** attempt, 30_000);
}

export interface ArmResponse {
  status: number;
  body: unknown;
}

const retriable = (status: number) => status === 429 || status >= 500;

/** One ARM request with retries; returns any final response (callers decide what a 404 means). */
export async function armRequest(
  target: ArmTarget,
  method: "GET" | "PUT" | "DELETE",
  path: string,
  apiVersion: string,
  body?: unknown,
): Promise<ArmResponse> {
  const url = `${target.baseUrl}${target.accountPath}${path}?api-version=${apiVersion}`;
  for (let attempt = 0; ; attempt++) {
    const headers: Record<string, string> = { authorization: `Bearer ${await target.token()}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(target.requestTimeoutMs),
      });
    } catch (error) {
      if (attempt < target.maxRetries) {
        await sleep(retryDelayMs(null, attempt, target.retryBaseMs));
        continue;
      }
      throw new ServiceError(
        `Azure management API: ${method} ${path} failed: cannot reach ${target.baseUrl}`,
        {
          hint: "Check AZURE_MANAGEMENT_URL (default https://management.azure.com) and the network.",
          cause: error,
        },
      );
    }
    if (retriable(response.status) && attempt < target.maxRetries) {
      await response.body?.cancel();
      await sleep(retryDelayMs(response.headers.get("retry-after"), attempt, target.retryBaseMs));
      continue;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // ARM answers JSON; a proxy's HTML error page is kept as text for the message.
    }
    return { status: response.status, body: parsed };
  }
}

function hintFor(status: number, resource: string): string {
  if (status === 401)
    return "Check AZURE_MANAGEMENT_TOKEN (tokens expire after about an hour) or sign in again with `az login`.";
  if (status === 403)
    return `The identity needs Microsoft.CognitiveServices/accounts/deployments/write on ${resource} (e.g. the Cognitive Services Contributor role).`;
  if (status === 404)
    return "Check AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP and AZURE_OPENAI_RESOURCE: they must name the resource that trained the model.";
  if (status === 409) return "Another operation on this deployment is in progress: wait for it, then retry.";
  if (status === 429)
    return "Still throttled after the retries: wait a few minutes, or check the deployment quota.";
  if (status >= 500) return "Azure kept failing after the retries: try again later.";
  return "Check the model id, the SKU and the resource's quota for it.";
}

/** A ServiceError for a failed ARM response, with ARM's own message and a hint. */
export function armError(target: ArmTarget, action: string, response: ArmResponse): ServiceError {
  const body = response.body as { error?: { code?: string; message?: string } } | string | undefined;
  const detail =
    typeof body === "object" && body?.error
      ? `${body.error.code ? `${body.error.code}: ` : ""}${body.error.message ?? ""}`
      : typeof body === "string" && body
        ? body.slice(0, 300)
        : "no details";
  return new ServiceError(
    scrub(`Azure management API: ${action} failed (HTTP ${response.status}): ${detail}`, target.secrets),
    { hint: hintFor(response.status, target.resource) },
  );
}
