/**
 * What a failed chat call means for the person evaluating: a ServiceError (exit 4) saying what failed and
 * what to do, marked `fatal` when every further call would fail the same way (a refused key, an unknown
 * model or deployment, nothing listening at the URL) so an evaluation stops at once.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { ServiceError } from "../errors.js";
import { type ErrorContext, scrub, toServiceError } from "../finetune/providers/hosted-errors.js";

/** A ServiceError from a chat call; `fatal` when every further call would fail the same way. */
export class ChatServiceError extends ServiceError {
  readonly fatal: boolean;
  /** HTTP status, when the service answered. */
  readonly status: number | undefined;
  constructor(
    message: string,
    options: { hint?: string; cause?: unknown; fatal?: boolean; status?: number | undefined },
  ) {
    super(message, options);
    this.fatal = options.fatal ?? false;
    this.status = options.status;
  }
}

/** True for failures that make every further call pointless (refused key, unknown model, nothing listening). */
export function isFatalChatError(error: unknown): boolean {
  return error instanceof ChatServiceError && error.fatal;
}

export interface Target {
  kind: "openai" | "azure" | "compatible";
  /** Where calls go, in words. */
  name: string;
  endpoint: string;
  /** The variable or flag that sets the endpoint, named when nothing answers there. */
  endpointSetting: string;
  credentialHint: string;
  notFoundHint: string;
  secrets: string[];
}

// Connection failures that no retry or later item can fix: nothing listens there, or the host is unknown.
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function networkCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 5) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && UNREACHABLE.has(code)) return code;
  if (error instanceof AggregateError)
    for (const inner of error.errors) {
      const found = networkCode(inner, depth + 1);
      if (found) return found;
    }
  return networkCode((error as { cause?: unknown }).cause, depth + 1);
}

function serviceMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  if (body && typeof body.message === "string" && body.message) return body.message;
  return error.message.replace(/^\d{3}\s+/, "");
}

export function toChatError(
  error: unknown,
  target: Target,
  errors: ErrorContext,
  model: string,
  timeoutMs: number,
): unknown {
  if (error instanceof APIUserAbortError) return error;
  if (error instanceof APIConnectionTimeoutError)
    return new ChatServiceError(
      `${target.name}: no answer from "${model}" within ${Math.round(timeoutMs / 1000)} s, after the retries`,
      { hint: "The model is slow or overloaded: try a lower concurrency or a longer timeout.", cause: error },
    );
  if (error instanceof APIConnectionError) {
    const code = networkCode(error);
    if (code)
      return new ChatServiceError(`${target.name}: nothing answered at ${target.endpoint} (${code})`, {
        hint: `Start the server, or check ${target.endpointSetting}${code === "ECONNREFUSED" ? " (host and port)" : " (the host name)"}.`,
        cause: error,
        fatal: true,
      });
  }
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status;
    const message = scrub(serviceMessage(error), target.secrets);
    const code = (error as { code?: unknown }).code;
    if (status === 401 || status === 403)
      return new ChatServiceError(
        `${target.name}: the ${target.kind === "azure" && !target.secrets.length ? "Entra ID token" : "key"} was refused calling "${model}" (HTTP ${status}): ${message}`,
        {
          hint: scrub(
            status === 403
              ? `The credentials were accepted but lack permission for this model. ${target.credentialHint}`
              : target.credentialHint,
            target.secrets,
          ),
          cause: error,
          fatal: true,
          status,
        },
      );
    if (status === 404 || code === "model_not_found" || code === "DeploymentNotFound")
      return new ChatServiceError(
        `${target.name}: ${target.kind === "azure" ? "deployment" : "model"} "${model}" not found at ${target.endpoint} (HTTP ${status}): ${message}`,
        { hint: target.notFoundHint, cause: error, fatal: true, status },
      );
    const mapped = toServiceError(error, errors, { action: `asking "${model}"` });
    return new ChatServiceError(mapped.message, {
      hint: (mapped as ServiceError).hint,
      cause: error,
      status,
    });
  }
  // Dropped connections after the retries, and client-side failures: above all an Entra ID token that
  // could not be had, which no later call will get either.
  const mapped = toServiceError(error, errors, { action: `asking "${model}"` });
  if (!(mapped instanceof ServiceError) || mapped instanceof ChatServiceError) return mapped;
  const tokenless = !(error instanceof APIError);
  return new ChatServiceError(mapped.message, { hint: mapped.hint, cause: error, fatal: tokenless });
}
