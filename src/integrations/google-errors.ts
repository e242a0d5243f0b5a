/**
 * What a failed Google call means for the person: a ServiceError (exit 4) with Google's own message and
 * the fix (share the sheet with the service account, enable the API, check the id), scrubbed of tokens and
 * keys; and the retry settings each kind of call can safely use.
 */
import { type CftError, InputError, ServiceError } from "../errors.js";
import { type ServiceAccountJWT, scrub, TokenExchangeError } from "./google-auth.js";

export type GoogleService = "Google Sheets" | "Google Docs" | "Google Drive";

export interface GoogleErrorContext {
  service: GoogleService;
  /** What was being done, e.g. `append to "Datasets"`. */
  action: string;
  /** The fix for a 403 PERMISSION_DENIED (sharing). */
  onDenied: string;
  /** The fix for a 404 NOT_FOUND. */
  onNotFound?: string;
  /** The fix for a 400 (bad range, bad request). */
  onInvalid?: string;
  auth: ServiceAccountJWT;
}

interface GoogleErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    errors?: { reason?: string; message?: string }[];
    details?: { reason?: string }[];
  };
}

/**
 * A failure of a call to Google as a ServiceError (exit 4) with Google's own message and a fix; an input
 * problem found on the way (a bad key file) passes through unchanged.
 */
export function googleError(error: unknown, context: GoogleErrorContext): CftError {
  if (error instanceof InputError || error instanceof ServiceError) return error;
  const key = context.auth.serviceAccount;
  if (error instanceof TokenExchangeError) {
    const unreachable = error.status === undefined;
    return new ServiceError(`${context.service}: sign-in as ${key.clientEmail} failed: ${error.message}`, {
      hint: unreachable
        ? `Check the network and the token_uri in ${key.file} (${key.tokenUri}).`
        : `The token endpoint refused the service account key in ${key.file}: check that the key still exists ` +
          "(IAM → Service accounts → Keys), that the account is enabled, and that this machine's clock is right.",
    });
  }
  const failure = error as {
    response?: { status?: number; data?: unknown };
    status?: number;
    code?: unknown;
    message?: unknown;
  };
  const status =
    failure.response?.status ?? (typeof failure.status === "number" ? failure.status : undefined);
  if (status === undefined) {
    const code = typeof failure.code === "string" ? failure.code : undefined;
    const text = typeof failure.message === "string" ? scrub(failure.message) : String(error);
    return new ServiceError(
      `${context.service}: cannot ${context.action}: ${code ? `${code}, ` : ""}${text}`,
      { hint: `Check the network connection to ${context.service}, then try again.` },
    );
  }
  const body = (failure.response?.data ?? {}) as GoogleErrorBody | string;
  const detail = typeof body === "string" ? undefined : body.error;
  const googleMessage = scrub(
    detail?.message ?? detail?.errors?.[0]?.message ?? (typeof body === "string" ? body : `HTTP ${status}`),
  ).slice(0, 500);
  const statusName = detail?.status ?? detail?.errors?.[0]?.reason ?? "";
  const reasons = [
    ...(detail?.details ?? []).map((d) => d.reason ?? ""),
    ...(detail?.errors ?? []).map((e) => e.reason ?? ""),
  ];
  const apiDisabled =
    reasons.some((r) => /SERVICE_DISABLED|accessNotConfigured/i.test(r)) ||
    /has not been used in project|is disabled/i.test(googleMessage);
  let hint: string;
  if (status === 401)
    hint = `Google did not accept the credentials of ${key.clientEmail}: check GOOGLE_APPLICATION_CREDENTIALS (${key.file}).`;
  else if (status === 403 && apiDisabled)
    hint = `Enable the ${context.service} API in the service account's Google Cloud project${key.projectId ? ` (${key.projectId})` : ""}, then try again.`;
  else if (status === 403) hint = context.onDenied;
  else if (status === 404) hint = context.onNotFound ?? "Check the id in the configuration.";
  else if (status === 429)
    hint = `${context.service} rate limit or quota reached for the project; wait a minute and try again.`;
  else if (status >= 500) hint = `${context.service} had a server error; try again in a few minutes.`;
  else hint = context.onInvalid ?? "The request was refused as invalid; please report this as a bug.";
  return new ServiceError(
    `${context.service} refused to ${context.action}: ${googleMessage} (${status}${statusName ? ` ${statusName}` : ""})`,
    { hint },
  );
}

/** Retry settings for calls that are not safe to repeat blindly: only a 429 (nothing was done) is retried. */
export const RETRY_ON_429 = {
  retry: 3,
  httpMethodsToRetry: ["GET", "POST", "PUT", "PATCH"],
  statusCodesToRetry: [[429, 429]],
};

/** Retry settings for reads and idempotent writes: 429 and 5xx. */
export const RETRY_IDEMPOTENT = {
  retry: 3,
  httpMethodsToRetry: ["GET", "PUT", "PATCH"],
  statusCodesToRetry: [
    [429, 429],
    [500, 599],
  ],
};
