/**
 * The GitHub REST client: Octokit with the retry and throttling plugins, pointed at GITHUB_API_URL when set
 * (GitHub Enterprise, or a local server in tests), with its logger silenced (stdout belongs to `--json`).
 * Failures become ServiceErrors that say which variable or which token permission to fix and carry
 * GitHub's own message, never the token. Names that GitHub stores verbatim (branches, paths, labels) are
 * validated here rather than redacted: a name that would need redacting is refused.
 */
import { retry } from "@octokit/plugin-retry";
import { type ThrottlingOptions, throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import type { Config } from "../config/config.js";
import { InputError, ServiceError } from "../errors.js";
import { redact } from "../phi/redact.js";

export const GitHubOctokit = Octokit.plugin(retry, throttling);
export type GitHubOctokit = InstanceType<typeof GitHubOctokit>;

export interface GitHubClientOptions {
  /** Retries after a rate limit (honouring the server's retry-after) or a 5xx (default 3). */
  retries?: number;
  /** Milliseconds per second of retry-after (default 1000; tests make it small). */
  retryAfterBaseMs?: number;
  /**
   * Space writes as GitHub asks (1 s between writes, 3 s between writes that notify people), through the
   * throttling plugin's shared limiters (default true). Tests against a local server turn it off.
   */
  paceWrites?: boolean;
}

/** The token permission a call needs (fine-grained token names; a classic token needs `repo`). */
export type GitHubPermission =
  | "metadata: read"
  | "issues: read"
  | "issues: write"
  | "contents: read"
  | "contents: write"
  | "pull_requests: read"
  | "pull_requests: write";

/** What a call was for, so that a failure can say so. */
export interface GitHubCall {
  /** e.g. "create the tracking issue". */
  action: string;
  permission: GitHubPermission;
  /** Message for a 404 when it means something else than a missing repository (an issue, a branch). */
  notFound?: string;
}

export interface GitHubClient {
  octokit: GitHubOctokit;
  owner: string;
  repo: string;
  /** "owner/name". */
  fullName: string;
  /** Runs FN, turning any failure into a ServiceError that describes CALL. */
  call<T>(call: GitHubCall, fn: () => Promise<T>): Promise<T>;
}

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A limiter group that lets every job through at once (the shape the throttling plugin calls). */
function unpacedGroup(): NonNullable<ThrottlingOptions["write"]> {
  const limiter = { schedule: (_options: unknown, job: () => Promise<unknown>) => job() };
  return { key: () => limiter } as unknown as NonNullable<ThrottlingOptions["write"]>;
}

/** The client for CONFIG's repository, or null when GITHUB_TOKEN or CFT_GITHUB_REPO is unset. */
export function createGitHubClient(config: Config, options: GitHubClientOptions = {}): GitHubClient | null {
  const { GITHUB_TOKEN: token, CFT_GITHUB_REPO: fullName, GITHUB_API_URL: apiUrl } = config.env;
  if (!token || !fullName) return null;
  const [owner, repo] = fullName.split("/") as [string, string];
  const retries = Math.max(0, options.retries ?? 3);
  const base = Math.max(0, options.retryAfterBaseMs ?? 1000);
  const baseUrl = apiUrl ? apiUrl.replace(/\/+$/, "") : undefined;
  const retryRateLimit = (_after: number, _options: unknown, _octokit: unknown, count: number) =>
    count < retries;
  const unpaced = options.paceWrites === false;
  const octokit = new GitHubOctokit({
    auth: token,
    ...(baseUrl ? { baseUrl } : {}),
    userAgent: "clinical-finetuner",
    log: silent,
    // Not `request: { retries }`: the retry plugin would then retry every failure, 401/403/404/422 included.
    // 403 and 429 rate limits are left to the throttling plugin, which honours the server's retry-after.
    retry: { retries, retryAfterBaseValue: base, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      retryAfterBaseValue: base,
      onRateLimit: retryRateLimit,
      onSecondaryRateLimit: retryRateLimit,
      ...(unpaced ? { write: unpacedGroup(), notifications: unpacedGroup(), search: unpacedGroup() } : {}),
    },
  });
  const where = baseUrl ?? "https://api.github.com";
  const scrub = (text: string) => text.split(token).join("[REDACTED]");
  return {
    octokit,
    owner,
    repo,
    fullName,
    async call(call, fn) {
      try {
        return await fn();
      } catch (error) {
        if (error instanceof InputError || error instanceof ServiceError) throw error;
        throw gitHubError(error, call, { fullName, where, retries, scrub });
      }
    },
  };
}

interface ErrorContext {
  fullName: string;
  where: string;
  retries: number;
  scrub: (text: string) => string;
}

interface HttpFailure {
  status: number;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function isHttpFailure(error: unknown): error is HttpFailure {
  return typeof error === "object" && error !== null && typeof (error as HttpFailure).status === "number";
}

/** GitHub's own words: `message`, and the details of a 422's `errors`. */
function serviceMessage(failure: HttpFailure, fallback: string): string {
  const data = failure.response?.data as { message?: unknown; errors?: unknown } | undefined;
  const message = typeof data?.message === "string" && data.message ? data.message : fallback;
  const details = Array.isArray(data?.errors)
    ? data.errors
        .map((e: unknown) => {
          if (typeof e === "string") return e;
          const { resource, field, code, message: text } = (e ?? {}) as Record<string, unknown>;
          return typeof text === "string" && text
            ? text
            : [resource, field, code].filter((part) => typeof part === "string").join(" ");
        })
        .filter(Boolean)
    : [];
  return details.length > 0 ? `${message}: ${details.join("; ")}` : message;
}

function isRateLimit(failure: HttpFailure, message: string): boolean {
  if (failure.status !== 403 && failure.status !== 429) return false;
  const headers = failure.response?.headers ?? {};
  return (
    /\b(secondary )?rate limit/i.test(message) ||
    headers["retry-after"] !== undefined ||
    String(headers["x-ratelimit-remaining"]) === "0"
  );
}

/** A ServiceError for a failed GitHub call: what failed, GitHub's message, and what to fix. */
export function gitHubError(error: unknown, call: GitHubCall, context: ErrorContext): ServiceError {
  const { fullName, where, scrub } = context;
  const make = (message: string, hint: string) => new ServiceError(scrub(message), { hint: scrub(hint) });
  // Octokit reports a request that got no answer (DNS, refused connection) as a status 500 without a response.
  if (!isHttpFailure(error) || error.status === 0 || error.response === undefined) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : "";
    return make(
      `GitHub could not be reached at ${where} to ${call.action}${reason ? ` (${reason})` : ""}`,
      "Check the network, or GITHUB_API_URL for GitHub Enterprise.",
    );
  }
  const status = error.status;
  const said = serviceMessage(error, `HTTP ${status}`);
  if (status === 401)
    return make(
      `GitHub refused the token in GITHUB_TOKEN (401 ${said}) while trying to ${call.action}`,
      "Set GITHUB_TOKEN to a valid, unexpired token for this GitHub (GITHUB_API_URL for Enterprise).",
    );
  if (isRateLimit(error, said))
    return make(
      `GitHub rate limit hit while trying to ${call.action}, still limited after ${context.retries} retries (${status} ${said})`,
      "Wait a few minutes and run again; fewer concurrent runs sharing GITHUB_TOKEN also help.",
    );
  if (status === 403)
    return make(
      `GitHub refused to ${call.action} in ${fullName} (403 ${said}): the token in GITHUB_TOKEN lacks the "${call.permission}" permission`,
      `Give the token "${call.permission}" on ${fullName} (fine-grained token), or the repo scope (classic token).`,
    );
  if (status === 404)
    return call.notFound
      ? make(
          `${call.notFound} (404 ${said})`,
          `Check the name, and CFT_GITHUB_REPO (${fullName}) and that GITHUB_TOKEN can see it.`,
        )
      : make(
          `GitHub found no repository ${fullName} (CFT_GITHUB_REPO) while trying to ${call.action} (404 ${said})`,
          `Set CFT_GITHUB_REPO to owner/name of an existing repository that GITHUB_TOKEN can access (private repositories answer 404 to tokens without access).`,
        );
  if (status === 422)
    return make(
      `GitHub rejected the request to ${call.action} in ${fullName} (422 ${said})`,
      "Correct the input GitHub names above.",
    );
  return make(
    `GitHub failed to ${call.action} in ${fullName} (${status} ${said})`,
    status >= 500 ? "GitHub had a problem; try again later." : "See GitHub's message above.",
  );
}

/** GitHub's status for a failure, or undefined when it is not an HTTP failure. */
export function httpStatus(error: unknown): number | undefined {
  return isHttpFailure(error) ? error.status : undefined;
}

/** True for a 422 whose message or errors say the thing already exists. */
export function alreadyExists(error: unknown): boolean {
  if (!isHttpFailure(error) || error.status !== 422) return false;
  return /already[ _]exists/i.test(serviceMessage(error, ""));
}

/** Refuses a name GitHub would store verbatim when it would carry PHI (a name is never silently rewritten). */
function refuseIdentifiers(kind: string, value: string): void {
  if (redact(value) !== value)
    throw new InputError(`${kind} "${redact(value)}" contains what looks like patient information`, [], {
      hint: `Choose a ${kind} made of project names, dates of the run or hashes only.`,
    });
}

/** A branch name git and GitHub accept (git check-ref-format) that carries no PHI. */
export function validateBranch(branch: string, kind = "branch name"): string {
  const bad =
    branch.length === 0 ||
    branch.length > 200 ||
    /[\p{Cc}\s~^:?*[\\]/u.test(branch) ||
    branch.includes("..") ||
    branch.includes("@{") ||
    branch === "@" ||
    branch.startsWith("/") ||
    branch.endsWith("/") ||
    branch.endsWith(".") ||
    branch.includes("//") ||
    branch.split("/").some((part) => part.startsWith(".") || part.endsWith(".lock"));
  if (bad)
    throw new InputError(`${kind} "${branch}" is not a valid git branch name`, [], {
      hint: "Use letters, digits, '-', '_', '.' and '/' separators, e.g. cft/config-sepsis-v2.",
    });
  refuseIdentifiers(kind, branch);
  return branch;
}

/** A repository-relative file path (no '..', no leading '/') that carries no PHI. */
export function validatePath(path: string): string {
  const parts = path.split("/");
  const bad =
    path.length === 0 ||
    path.length > 1000 ||
    /[\p{Cc}\\]/u.test(path) ||
    parts.some((part) => part === "" || part === "." || part === "..") ||
    parts[0] === ".git";
  if (bad)
    throw new InputError(`file path "${path}" is not a valid repository path`, [], {
      hint: "Use a relative path inside the repository, e.g. configs/training.yaml.",
    });
  refuseIdentifiers("file path", path);
  return path;
}

/** A label name (GitHub's limit is 50 characters) that carries no PHI. */
export function validateLabel(label: string): string {
  if (label.trim() === "" || label.length > 50 || label.includes(","))
    throw new InputError(`label "${label}" is not a valid GitHub label`, [], {
      hint: "Use a non-empty name of at most 50 characters without commas.",
    });
  refuseIdentifiers("label", label);
  return label;
}
