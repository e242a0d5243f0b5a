/**
 * A local stand-in for the Slack Web API, on 127.0.0.1 at a random port, so tests drive the real
 * `@slack/web-api` client without the network. It speaks Slack's wire format at `POST /api/{method}` for
 * `chat.postMessage`, `auth.test` and `conversations.info`: bodies as `application/x-www-form-urlencoded`
 * (what the SDK sends, with `blocks` as a JSON string) or `application/json`, a Bearer token (or a `token`
 * form field), and answers as Slack gives them: HTTP 200 with `{ok: false, error}` for API errors
 * (`invalid_auth`, `channel_not_found`, `invalid_blocks`…), HTTP 429 with `Retry-After` when rate limited.
 * Message limits are enforced (40,000 characters of text, 3,000 per section text, 150 per header, 50
 * blocks), so a client that does not truncate is refused here as it would be there. Faults are injected
 * for the next requests; every request is recorded with its raw body, the token redacted.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackRequestRecord {
  /** HTTP method. */
  method: string;
  /** e.g. "/api/chat.postMessage". */
  path: string;
  /** The Web API method: "chat.postMessage". */
  apiMethod: string;
  /** Lower-cased names; the authorization value replaced by "[redacted]". */
  headers: Record<string, string>;
  /** The content-type as sent ("" when none). */
  contentType: string;
  /** The body exactly as received (a `token` field in it is not masked: the SDK sends none). */
  raw: string;
  /**
   * The arguments as Slack reads them: form fields as strings, with `blocks`, `attachments` and `metadata`
   * decoded from their JSON strings; a JSON body as is; query parameters merged in. `token` masked.
   */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary request fields
  body: Record<string, any>;
  /** HTTP status answered. */
  status: number;
  /** The Slack error code answered, or null for ok:true. */
  error: string | null;
}

export interface SlackFault {
  /** Slack error code for an `ok:false` answer (default "ratelimited" for 429, "internal_error" for 5xx). */
  error?: string;
  /** HTTP status (default 200, as Slack answers API errors; 429 for rate limits). */
  status?: number;
  /** Retry-After in seconds, sent as is (a 429 without it is what the SDK refuses to retry). */
  retryAfter?: number | string;
  /** How many of the next requests fail (default 1). */
  times?: number;
  /** Only requests to this API method fail (default: any). */
  apiMethod?: string;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[] | undefined;
}

export interface FakeSlackServerOptions {
  /** The bot token accepted (default FAKE_SLACK_TOKEN). */
  token?: string;
  /** Channel IDs that exist and the bot is a member of (default ["C0CFTNOTIFY"]). */
  channels?: string[];
}

export interface FakeSlackServer {
  url: string;
  /** For SLACK_API_URL; ends with "/api/". */
  apiUrl: string;
  token: string;
  channels: string[];
  requests: SlackRequestRecord[];
  /** Messages accepted by chat.postMessage, in order. */
  messages: PostedMessage[];
  fail(fault: SlackFault): void;
  /** Clears records, messages and faults. */
  reset(): void;
  close(): Promise<void>;
}

/** Shaped like a token but matching no real token pattern, so no secret scanner flags it. */
export const FAKE_SLACK_TOKEN = "xoxb-fake-cft-test-bot-token";

const TEAM = { id: "T0CFTTEAM", name: "CFT Fake Workspace", domain: "cft-fake" };
const BOT = { userId: "U0CFTBOT", botId: "B0CFTBOT", appId: "A0CFTAPP", name: "cft-bot" };
const JSON_FIELDS = new Set(["blocks", "attachments", "metadata"]);
const SCOPES = "chat:write,channels:read,groups:read";
const ACCEPTED_SCOPES: Record<string, string> = {
  "chat.postMessage": "chat:write",
  "conversations.info": "channels:read,groups:read,mpim:read,im:read",
  "auth.test": "",
};

interface Reply {
  status: number;
  json: Record<string, unknown>;
  headers?: Record<string, string>;
}

const ok = (fields: Record<string, unknown> = {}): Reply => ({ status: 200, json: { ok: true, ...fields } });
const slackError = (error: string, fields: Record<string, unknown> = {}): Reply => ({
  status: 200,
  json: { ok: false, error, ...fields },
});

/** Per-block text limits Slack enforces (characters), and the message-wide ones. */
const LIMITS = { text: 40_000, blocks: 50, section: 3_000, field: 2_000, fields: 10, header: 150 };

/** Why Slack would refuse BLOCKS, as its `response_metadata.messages` say it, or null. */
function blockProblems(blocks: unknown): string[] | null {
  if (!Array.isArray(blocks)) return ["[ERROR] must provide an array [json-pointer:/blocks]"];
  const problems: string[] = [];
  if (blocks.length > LIMITS.blocks)
    problems.push(`[ERROR] no more than ${LIMITS.blocks} items allowed [json-pointer:/blocks]`);
  const tooLong = (text: unknown, max: number, pointer: string) => {
    if (typeof text !== "string" || text.length === 0)
      problems.push(`[ERROR] must be more than 0 characters [json-pointer:${pointer}]`);
    else if (text.length > max)
      problems.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${pointer}]`);
  };
  blocks.forEach((block: unknown, i) => {
    const b = (block ?? {}) as { type?: unknown; text?: { text?: unknown }; fields?: unknown };
    if (typeof b.type !== "string") {
      problems.push(`[ERROR] missing required field: type [json-pointer:/blocks/${i}]`);
      return;
    }
    if (b.type === "header") tooLong(b.text?.text, LIMITS.header, `/blocks/${i}/text/text`);
    if (b.type === "section") {
      if (b.text !== undefined) tooLong(b.text?.text, LIMITS.section, `/blocks/${i}/text/text`);
      if (Array.isArray(b.fields)) {
        if (b.fields.length > LIMITS.fields)
          problems.push(
            `[ERROR] no more than ${LIMITS.fields} items allowed [json-pointer:/blocks/${i}/fields]`,
          );
        b.fields.forEach((f: { text?: unknown } | null, j) => {
          tooLong(f?.text, LIMITS.field, `/blocks/${i}/fields/${j}/text`);
        });
      } else if (b.text === undefined)
        problems.push(`[ERROR] must provide either text or fields [json-pointer:/blocks/${i}]`);
    }
  });
  return problems.length ? problems : null;
}

export async function startFakeSlackServer(options: FakeSlackServerOptions = {}): Promise<FakeSlackServer> {
  const token = options.token ?? FAKE_SLACK_TOKEN;
  const channels = options.channels ?? ["C0CFTNOTIFY"];
  const requests: SlackRequestRecord[] = [];
  const messages: PostedMessage[] = [];
  const faults: (SlackFault & { times: number })[] = [];
  let lastTs = 0;
  let reqId = 0;

  /** Realistic, strictly increasing message timestamps: "seconds.microseconds". */
  function nextTs(): string {
    lastTs = Math.max(lastTs + 1, Date.now() * 1000);
    return `${Math.floor(lastTs / 1e6)}.${String(lastTs % 1e6).padStart(6, "0")}`;
  }

  function takeFault(apiMethod: string): SlackFault | undefined {
    const index = faults.findIndex((f) => !f.apiMethod || f.apiMethod === apiMethod);
    const fault = faults[index];
    if (!fault) return undefined;
    if (--fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  function faultReply(fault: SlackFault): Reply {
    const status = fault.status ?? 200;
    const error =
      fault.error ?? (status === 429 ? "ratelimited" : status >= 500 ? "internal_error" : "fatal_error");
    return {
      status,
      json: { ok: false, error },
      headers: fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) },
    };
  }

  function postMessage(args: Record<string, unknown>): Reply {
    const channel = typeof args.channel === "string" ? args.channel : "";
    if (!channels.includes(channel)) return slackError("channel_not_found");
    const text = typeof args.text === "string" ? args.text : "";
    const blocks = args.blocks;
    if (typeof blocks === "string") return slackError("invalid_blocks_format");
    if (blocks !== undefined) {
      const problems = blockProblems(blocks);
      if (problems) return slackError("invalid_blocks", { response_metadata: { messages: problems } });
    }
    if (!text && (blocks === undefined || (blocks as unknown[]).length === 0)) return slackError("no_text");
    if (text.length > LIMITS.text) return slackError("msg_too_long");
    const ts = nextTs();
    messages.push({ channel, ts, text, blocks: blocks as unknown[] | undefined });
    return ok({
      channel,
      ts,
      message: {
        user: BOT.userId,
        type: "message",
        ts,
        bot_id: BOT.botId,
        app_id: BOT.appId,
        text,
        team: TEAM.id,
        bot_profile: { id: BOT.botId, app_id: BOT.appId, name: BOT.name, deleted: false, team_id: TEAM.id },
        ...(blocks === undefined ? {} : { blocks }),
      },
    });
  }

  function route(apiMethod: string, args: Record<string, unknown>): Reply {
    switch (apiMethod) {
      case "chat.postMessage":
        return postMessage(args);
      case "auth.test":
        return ok({
          url: `https://${TEAM.domain}.slack.com/`,
          team: TEAM.name,
          user: BOT.name,
          team_id: TEAM.id,
          user_id: BOT.userId,
          bot_id: BOT.botId,
          is_enterprise_install: false,
        });
      case "conversations.info": {
        const id = typeof args.channel === "string" ? args.channel : "";
        if (!channels.includes(id)) return slackError("channel_not_found");
        return ok({
          channel: {
            id,
            name: id.toLowerCase(),
            is_channel: true,
            is_private: false,
            is_archived: false,
            is_member: true,
            created: 1_700_000_000,
          },
        });
      }
      default:
        return slackError("unknown_method", { req_method: apiMethod });
    }
  }

  /** The arguments of a request, or a Slack error for a body it cannot read. */
  function readArgs(
    contentType: string,
    raw: string,
    query: URLSearchParams,
  ): { args: Record<string, unknown> } | { refused: Reply } {
    const args: Record<string, unknown> = Object.fromEntries(query);
    if (!raw) return { args };
    if (contentType === "application/json") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return { refused: slackError("invalid_json") };
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
        return { refused: slackError("json_not_object") };
      return { args: { ...args, ...(parsed as Record<string, unknown>) } };
    }
    if (contentType === "application/x-www-form-urlencoded" || contentType === "") {
      for (const [key, value] of new URLSearchParams(raw)) {
        if (!JSON_FIELDS.has(key)) args[key] = value;
        else
          try {
            args[key] = JSON.parse(value);
          } catch {
            args[key] = value; // kept as a string: chat.postMessage answers invalid_blocks_format
          }
      }
      return { args };
    }
    return { refused: slackError("invalid_form_data") };
  }

  async function handle(req: IncomingMessage): Promise<{ reply: Reply; record: SlackRequestRecord }> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const fullType = String(req.headers["content-type"] ?? "");
    const contentType = fullType.split(";")[0]!.trim().toLowerCase();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      headers[name] = name === "authorization" ? "[redacted]" : String(value);
    const apiMethod = url.pathname.startsWith("/api/") ? url.pathname.slice("/api/".length) : "";
    const record: SlackRequestRecord = {
      method,
      path: url.pathname,
      apiMethod,
      headers,
      contentType,
      raw,
      body: {},
      status: 0,
      error: null,
    };
    if (!apiMethod) return { record, reply: { status: 404, json: { ok: false, error: "not_found" } } };
    const read = readArgs(contentType, raw, url.searchParams);
    if ("refused" in read) return { record, reply: read.refused };
    const { args } = read;
    record.body = { ...args, ...(args.token === undefined ? {} : { token: "[redacted]" }) };
    const fault = takeFault(apiMethod);
    if (fault) return { record, reply: faultReply(fault) };
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
    const given = bearer ?? (typeof args.token === "string" ? args.token : undefined);
    if (!given) return { record, reply: slackError("not_authed") };
    if (given !== token) return { record, reply: slackError("invalid_auth") };
    const reply = route(apiMethod, args);
    // Slack warns about a JSON body without a charset, and still serves the call.
    if (contentType === "application/json" && !/charset=/i.test(fullType) && reply.json.ok === true)
      reply.json = {
        ...reply.json,
        warning: "missing_charset",
        response_metadata: { warnings: ["missing_charset"] },
      };
    return { record, reply };
  }

  const send = (res: ServerResponse, reply: Reply, apiMethod: string) => {
    res.writeHead(reply.status, {
      "content-type": "application/json; charset=utf-8",
      "x-slack-req-id": `fake-${(++reqId).toString(16).padStart(8, "0")}`,
      "x-oauth-scopes": SCOPES,
      "x-accepted-oauth-scopes": ACCEPTED_SCOPES[apiMethod] ?? "",
      ...reply.headers,
    });
    res.end(JSON.stringify(reply.json));
  };

  const server = createServer((req, res) => {
    handle(req).then(
      ({ reply, record }) => {
        requests.push({
          ...record,
          status: reply.status,
          error: reply.json.ok === true ? null : String(reply.json.error ?? "unknown"),
        });
        send(res, reply, record.apiMethod);
      },
      (failure: Error) =>
        send(res, { status: 500, json: { ok: false, error: `fake_server_bug: ${failure.message}` } }, ""),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    token,
    channels,
    requests,
    messages,
    fail: (fault) => faults.push({ ...fault, times: fault.times ?? 1 }),
    reset() {
      requests.length = 0;
      messages.length = 0;
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((failure) => (failure ? reject(failure) : resolve()));
      }),
  };
}
