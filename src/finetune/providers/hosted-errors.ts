/**
 * What the openai SDK throws, turned into errors for people. Every APIError becomes a ServiceError (exit 4)
 * that carries the service's own message and HTTP status plus a hint naming what to fix. The SDK has
 * already retried 429 and 5xx by the time an error reaches here, so the hint says so. Secrets are
 * scrubbed from every message, because service errors end up on terminals, in the ledger and in logs.
 */
import { APIConnectionError, APIError, OpenAIError } from "openai";
import { CftError, ServiceError } from "../../errors.js";

export interface ErrorContext {
  /** Where calls go, in words (the provider's target). */
  target: string;
  /** Said when the service refuses the credentials: names the variable that holds them. */
  credentialHint: string;
  /** The variable holding the base URL or endpoint, named when the service cannot be reached. */
  endpointVariable: string;
  /** Values that must never appear in a message (API keys). */
  secrets: readonly string[];
}

export interface CallInfo {
  /** What we were doing, as a gerund phrase: "uploading train-abc.jsonl". */
  action: string;
  /** The base model, when the call names one (a 404 then means the model cannot be fine-tuned). */
  model?: string;
}

// OpenAI keys have a recognisable shape (and its 401 messages echo a masked one); Azure keys do not, so
// they are removed by value. A generic "long hex" rule would also eat Azure job ids.
const KEY_PATTERN = /\bsk-[A-Za-z0-9_*-]{6,}/g;

/** Removes known secrets and anything shaped like an OpenAI API key. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  return out.replace(KEY_PATTERN, "[redacted]");
}

function serviceMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  if (body && typeof body.message === "string" && body.message) return body.message;
  return error.message.replace(/^\d{3}\s+/, "");
}

function hintFor(error: APIError, ctx: ErrorContext, call: CallInfo, message: string): string {
  const status = error.status ?? 0;
  if (status === 401) return ctx.credentialHint;
  if (status === 403)
    return `The credentials were accepted but lack permission for this operation. ${ctx.credentialHint}`;
  if (status === 404 || (status === 400 && error.param === "model" && call.model))
    return call.model
      ? `The model "${call.model}" is not available for fine-tuning here: check the model name (and, on Azure, the resource's region and api-version).`
      : "Nothing exists under that id: check the job or file id.";
  if (status === 429)
    return "Still rate-limited after the retries: wait a few minutes, or check the account's quota.";
  if (status >= 500) return "The service kept failing after the retries: try again later.";
  const field = error.param ? ` (field ${error.param})` : "";
  return `The service rejected the request${field}: ${message}`;
}

/** Maps anything thrown by an SDK call to an error for people; our own errors pass through unchanged. */
export function toServiceError(error: unknown, ctx: ErrorContext, call: CallInfo): Error {
  if (error instanceof CftError) return error;
  if (error instanceof APIConnectionError || (error instanceof APIError && error.status === undefined)) {
    const detail = scrub(error.message, ctx.secrets);
    return new ServiceError(`${ctx.target}: ${call.action} failed: cannot reach the service (${detail})`, {
      hint: `Check ${ctx.endpointVariable} and the network connection.`,
      cause: error,
    });
  }
  if (error instanceof APIError) {
    const message = scrub(serviceMessage(error), ctx.secrets);
    return new ServiceError(`${ctx.target}: ${call.action} failed (HTTP ${error.status}): ${message}`, {
      hint: scrub(hintFor(error, ctx, call, message), ctx.secrets),
      cause: error,
    });
  }
  if (error instanceof OpenAIError) {
    // Client-side failures: most often the Entra ID token provider could not produce a token.
    return new ServiceError(`${ctx.target}: ${call.action} failed: ${scrub(error.message, ctx.secrets)}`, {
      hint: ctx.credentialHint,
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Runs one SDK call (or a loop of them) and maps what it throws. */
export async function callService<T>(ctx: ErrorContext, call: CallInfo, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toServiceError(error, ctx, call);
  }
}
