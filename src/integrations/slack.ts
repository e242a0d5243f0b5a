/**
 * Slack notifications through `@slack/web-api`: a notifier that posts to SLACK_CHANNEL_ID with the bot
 * token, at SLACK_API_URL when set (Enterprise Grid proxies, a local server in tests). Every message is
 * redacted and cut to Slack's limits inside `post`, the last step before the wire, so no caller can skip
 * it. The SDK's logger writes nothing to stdout (stdout belongs to `--json`): warnings go to stderr,
 * redacted. Failures become ServiceErrors carrying Slack's error code and what to fix, never the token.
 *
 * Rate limits: the SDK is told to reject a 429 at once (`rejectRateLimitedCalls`) instead of pausing its
 * queue for Retry-After and then adding its own backoff on top; `post` waits exactly the Retry-After
 * Slack asked for and retries, up to `maxRetries` times, and gives up at once when Slack asks for a wait
 * longer than a command should block. Network failures and 5xx answers are retried by the SDK's
 * `retryConfig` with exponential backoff.
 */
import { setTimeout as sleep } from "node:timers/promises";
import {
  type Logger,
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from "@slack/web-api";
import type { Config } from "../config/config.js";
import { ServiceError } from "../errors.js";
import { redact } from "../phi/redact.js";
import { prepareForSlack, type SlackMessage } from "./slack-messages.js";

export {
  type MilestoneFields,
  type MilestoneKind,
  milestoneMessage,
  prepareForSlack,
  SLACK_LIMITS,
  type SlackMessage,
} from "./slack-messages.js";

export interface SlackNotifier {
  channel: string;
  post(message: SlackMessage): Promise<{ channel: string; ts: string }>;
}

export interface SlackNotifierOptions {
  /** Backoff before the first retry of a network failure or 5xx, in milliseconds (default 1000). */
  retryMinTimeoutMs?: number;
  /** Retries after a rate limit, a network failure or a 5xx (default 3). */
  maxRetries?: number;
}

/** The longest Retry-After (seconds) that `post` waits out; past it, it fails at once. */
const MAX_RETRY_AFTER_S = 60;
const REQUEST_TIMEOUT_MS = 20_000;
const DEFAULT_API_URL = "https://slack.com/api/";

const AUTH_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "no_permission",
  "team_access_not_granted",
  "not_allowed_token_type",
]);
const CHANNEL_ERRORS = new Set(["channel_not_found", "not_in_channel"]);
const MESSAGE_ERRORS = new Set([
  "msg_too_long",
  "no_text",
  "invalid_blocks",
  "invalid_blocks_format",
  "too_many_attachments",
  "invalid_arguments",
]);

/** A logger that writes warnings and errors to stderr (redacted) and nothing at all to stdout. */
function stderrLogger(scrub: (text: string) => string): Logger {
  let level = LogLevel.WARN;
  let name = "slack";
  const write = (severity: "warn" | "error", parts: unknown[]) =>
    process.stderr.write(`${name} ${severity}: ${scrub(parts.map(String).join(" "))}\n`);
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts: unknown[]) => {
      if (level !== LogLevel.ERROR) write("warn", parts);
    },
    error: (...parts: unknown[]) => write("error", parts),
    setLevel: (next: LogLevel) => {
      // Never more verbose than warn: debug output would carry request bodies.
      level = next === LogLevel.ERROR ? LogLevel.ERROR : LogLevel.WARN;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}

/** The notifier for CONFIG's channel, or null when SLACK_BOT_TOKEN or SLACK_CHANNEL_ID is unset. */
export function createSlackNotifier(config: Config, opts: SlackNotifierOptions = {}): SlackNotifier | null {
  const { SLACK_BOT_TOKEN: token, SLACK_CHANNEL_ID: channel, SLACK_API_URL: apiUrl } = config.env;
  if (!token || !channel) return null;
  const maxRetries = Math.max(0, Math.floor(opts.maxRetries ?? 3));
  const minTimeout = Math.max(0, opts.retryMinTimeoutMs ?? 1000);
  const hideToken = (text: string) =>
    text
      .split(token)
      .join("[token]")
      .replace(/\bxox[a-z]-[A-Za-z0-9-]+/g, "[token]");
  const slackApiUrl = apiUrl ? `${apiUrl.replace(/\/+$/, "")}/` : DEFAULT_API_URL;
  const client = new WebClient(token, {
    slackApiUrl,
    logger: stderrLogger((text) => redact(hideToken(text))),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: maxRetries, factor: 2, minTimeout, maxTimeout: Math.max(minTimeout, 10_000) },
    timeout: REQUEST_TIMEOUT_MS,
    allowAbsoluteUrls: false,
  });
  const where = { channel, apiUrl: apiUrl ? slackApiUrl : undefined, hideToken };

  /** The bot's name for the /invite hint, or "bot" when it cannot be had. */
  async function botName(): Promise<string> {
    try {
      const who = await client.auth.test();
      return who.user ?? "bot";
    } catch {
      return "bot";
    }
  }

  return {
    channel,
    async post(message) {
      const prepared = prepareForSlack(message);
      for (let attempt = 0; ; attempt++) {
        try {
          const result = await client.chat.postMessage({
            channel,
            text: prepared.text,
            ...(prepared.blocks === undefined ? {} : { blocks: prepared.blocks as never }),
            unfurl_links: false,
            unfurl_media: false,
          });
          if (!result.ts)
            throw new ServiceError(`Slack accepted the message for channel ${channel} but returned no ts`, {
              hint: "Check SLACK_API_URL: it should point at the Slack Web API (https://slack.com/api/).",
            });
          return { channel: result.channel ?? channel, ts: result.ts };
        } catch (error) {
          if (error instanceof ServiceError) throw error;
          const wait = rateLimitWait(error);
          if (wait === undefined) {
            const bot = isChannelError(error) ? await botName() : "bot";
            throw slackFailure(error, { ...where, bot });
          }
          if (attempt >= maxRetries || wait > MAX_RETRY_AFTER_S)
            throw new ServiceError(
              `Slack rate-limited chat.postMessage to channel ${channel} (ratelimited) after ${attempt + 1} attempt${attempt === 0 ? "" : "s"}; it asks to retry after ${wait} s`,
              {
                hint: `Try again in ${Math.max(1, Math.ceil(wait))} s; Slack allows about one message per second per channel.`,
                cause: error,
              },
            );
          await sleep(wait > 0 ? wait * 1000 : minTimeout * 2 ** attempt);
        }
      }
    },
  };
}

/** Seconds Slack asked to wait when ERROR is a rate limit (0 when it named none), else undefined. */
function rateLimitWait(error: unknown): number | undefined {
  if (error instanceof WebAPIRateLimitedError) return error.retryAfter;
  if (error instanceof WebAPIPlatformError && error.data.error === "ratelimited")
    return error.data.response_metadata?.retryAfter ?? 0;
  // A 429 without a usable Retry-After: the SDK gives up with a plain error.
  if (error instanceof Error && error.message.startsWith("Retry header did not contain a valid timeout"))
    return 0;
  return undefined;
}

const isChannelError = (error: unknown) =>
  error instanceof WebAPIPlatformError && CHANNEL_ERRORS.has(error.data.error);

interface Where {
  channel: string;
  apiUrl: string | undefined;
  bot: string;
  /** Masks the token (and anything shaped like a Slack token). */
  hideToken: (text: string) => string;
}

/** ERROR as a ServiceError that says what failed, with Slack's own code or message, and what to fix. */
function slackFailure(error: unknown, where: Where): ServiceError {
  const { channel, bot, hideToken } = where;
  // What Slack or the network said is redacted; our own words (channel, URL, variable names) are not.
  const fail = (message: string, hint: string) =>
    new ServiceError(hideToken(message), { hint: hideToken(hint), cause: error });
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    const details = redact((error.data.response_metadata?.messages ?? []).join("; "));
    const said = `Slack refused chat.postMessage to channel ${channel}: ${redact(code)}${details ? ` (${details})` : ""}`;
    if (code === "channel_not_found")
      return fail(
        said,
        `Check SLACK_CHANNEL_ID (a channel ID such as C0123456789, from the channel's details) and invite the bot to the channel: /invite @${bot}`,
      );
    if (code === "not_in_channel")
      return fail(said, `Invite the bot to the channel: /invite @${bot} (in channel ${channel})`);
    if (code === "is_archived")
      return fail(said, "Unarchive the channel, or set SLACK_CHANNEL_ID to a channel that is in use.");
    if (AUTH_ERRORS.has(code))
      return fail(
        `Slack rejected SLACK_BOT_TOKEN: ${code}`,
        "Check SLACK_BOT_TOKEN: use the app's Bot User OAuth Token (xoxb-…) from OAuth & Permissions, and reinstall the app to the workspace if it was removed or the token revoked.",
      );
    if (code === "missing_scope") {
      const needed = redact((error.data as { needed?: string }).needed ?? "chat:write");
      return fail(
        `${said} (needs ${needed})`,
        `Add the ${needed} scope to the Slack app's bot token scopes and reinstall it, then update SLACK_BOT_TOKEN.`,
      );
    }
    if (MESSAGE_ERRORS.has(code))
      return fail(said, "The message was malformed for Slack; this is a bug in cft, please report it.");
    return fail(
      said,
      "See https://docs.slack.dev/reference/methods/chat.postMessage for what this error means.",
    );
  }
  const target = where.apiUrl ?? DEFAULT_API_URL;
  if (error instanceof WebAPIHTTPError)
    return fail(
      `Slack answered HTTP ${error.statusCode} ${error.statusMessage} for chat.postMessage at ${target}`,
      where.apiUrl
        ? "Check SLACK_API_URL: it should point at the Slack Web API (ending in /api/)."
        : "Slack may be having trouble (https://slack-status.com); try again later.",
    );
  if (error instanceof WebAPIRequestError) {
    const original = error.original as Error & { cause?: { code?: string; message?: string } };
    const reason = redact(original.cause?.code ?? original.cause?.message ?? original.message);
    return fail(
      `Slack could not be reached at ${target} (${reason})`,
      where.apiUrl
        ? "Check SLACK_API_URL and the network (proxy, firewall)."
        : "Check the network connection (proxy, firewall), then try again.",
    );
  }
  const message = redact(error instanceof Error ? error.message : String(error));
  return fail(`Slack chat.postMessage to channel ${channel} failed: ${message}`, "Try again later.");
}
