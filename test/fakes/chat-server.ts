/**
 * A local stand-in for a chat completions endpoint, on 127.0.0.1 at a random port, so evaluation tests
 * drive the real openai SDK without the network. It speaks OpenAI's wire format at
 * `POST /v1/chat/completions` (Bearer key, or none) and Azure OpenAI's at
 * `POST /openai/deployments/{deployment}/chat/completions?api-version=…` (`api-key` header or an Entra
 * bearer token). Answers come from a function of the messages; a latency can be set per request so tests
 * can make calls overlap, and the peak of concurrent requests is kept to assert a concurrency bound.
 * Faults (429, 5xx, 401…) are injected for the next requests; every request is recorded, secrets
 * redacted.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface FakeChatMessage {
  role: string;
  content: string | null;
  [field: string]: unknown;
}

export interface ChatRequestRecord {
  method: string;
  /** Path without the query: "/v1/chat/completions", "/openai/deployments/{d}/chat/completions". */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary request fields
  body: any;
  /** Lower-cased names; authorization and api-key values replaced by "[redacted]". */
  headers: Record<string, string>;
  /** The status answered; 499 when the client went away before the answer (an aborted call). */
  status: number;
  /** The client went away before the answer: the call was aborted, the request was not answered. */
  aborted: boolean;
  /** performance.now() when the request arrived. */
  at: number;
}

export interface ChatFault {
  status: number;
  /** How many of the next requests fail (default 1). */
  times?: number;
  /** Retry-After in seconds, sent as is. When absent, `retry-after-ms: 1` is sent so the SDK retries at once. */
  retryAfter?: number | string;
  message?: string;
  code?: string;
}

export interface FakeChatServerOptions {
  /** The answer to a request's messages; MODEL is the body's model (the deployment on Azure). */
  answer: (messages: FakeChatMessage[], model: string) => string;
  /** Milliseconds before answering: fixed, or a function of the request's ordinal (0, 1, 2…). */
  latencyMs?: number | ((n: number) => number);
  /** OpenAI surface: the Bearer key required (default: any key, or none, is accepted). */
  apiKey?: string;
  /** Azure surface: the api-key required (default azure-fake-chat-key-0123456789). */
  azureKey?: string;
  /** Azure surface: a bearer token accepted as Entra ID sign-in (default entra-fake-chat-token). */
  entraToken?: string;
  /** Models (OpenAI) or deployments (Azure) that exist; any name does when absent. */
  models?: string[];
  /** Keep no request records (the benchmark sends thousands). */
  record?: boolean;
}

export interface FakeChatServer {
  url: string;
  /** For OPENAI_BASE_URL or --base-url. */
  openaiBaseURL: string;
  /** For AZURE_OPENAI_ENDPOINT (the SDK appends /openai). */
  azureEndpoint: string;
  azureKey: string;
  entraToken: string;
  requests: ChatRequestRecord[];
  /** Peak of requests being handled at the same time. */
  readonly maxInFlight: number;
  readonly inFlight: number;
  /** Chat completions answered or refused so far (counted even when records are off). */
  readonly served: number;
  /** The next `times` chat requests fail with STATUS. */
  fail(fault: ChatFault): void;
  /** Clears records, faults and the in-flight peak. */
  reset(): void;
  /** Resolves once no request has been in flight for QUIET_MS (default 15): stragglers of aborted calls are in. */
  idle(quietMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
  /** With `stream: true` in the request: the completion sent as server-sent events, word by word. */
  stream?: { id: string; model: string; content: string };
}

const SECRET_HEADERS = new Set(["authorization", "api-key", "cookie"]);
const AZURE_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

function error(status: number, message: string, code: string | null = null, type?: string): Reply {
  const kind =
    type ??
    (status === 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error");
  return { status, json: { error: { message, type: kind, param: null, code } } };
}

/** A rough token count (4 characters a token), enough for a plausible `usage`. */
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export async function startFakeChatServer(options: FakeChatServerOptions): Promise<FakeChatServer> {
  const azureKey = options.azureKey ?? "azure-fake-chat-key-0123456789";
  const entraToken = options.entraToken ?? "entra-fake-chat-token";
  const models = options.models ? new Set(options.models) : undefined;
  const keepRecords = options.record ?? true;
  const requests: ChatRequestRecord[] = [];
  const faults: (ChatFault & { times: number })[] = [];
  const latency = options.latencyMs ?? 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let served = 0;
  let ordinal = 0;
  let completionId = 0;
  let lastActive = performance.now();

  function takeFault(): ChatFault | undefined {
    const fault = faults[0];
    if (!fault) return undefined;
    if (--fault.times <= 0) faults.shift();
    return fault;
  }

  function complete(body: { model?: unknown; messages?: unknown }, model: string): Reply {
    if (!Array.isArray(body.messages) || body.messages.length === 0)
      return error(400, "'messages' must be a non-empty array", "invalid_value");
    const messages = body.messages as FakeChatMessage[];
    const content = options.answer(messages, model);
    const prompt = messages.reduce((sum, m) => sum + tokens(String(m.content ?? "")), 0);
    const completion = tokens(content);
    const id = `chatcmpl-fake${(++completionId).toString(36).padStart(8, "0")}`;
    if ((body as { stream?: unknown }).stream === true)
      return { status: 200, json: null, stream: { id, model, content } };
    return {
      status: 200,
      json: {
        id,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model,
        system_fingerprint: "fp_fake",
        choices: [
          {
            index: 0,
            message: { role: "assistant", content, refusal: null, annotations: [] },
            logprobs: null,
            finish_reason: "stop",
          },
        ],
        usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
      },
    };
  }

  function route(req: IncomingMessage, url: URL, body: unknown): Reply {
    const json = (body ?? {}) as { model?: unknown; messages?: unknown };
    if (url.pathname === "/v1/chat/completions") {
      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        const given = (req.headers.authorization ?? "").replace(/^Bearer /, "");
        const masked = `${given.slice(0, 3)}${"*".repeat(Math.max(0, given.length - 7))}${given.slice(-4)}`;
        return error(401, `Incorrect API key provided: ${masked}.`, "invalid_api_key");
      }
      const model = typeof json.model === "string" ? json.model : "";
      if (!model) return error(400, "you must provide a model parameter", "missing_model");
      if (models && !models.has(model))
        return error(
          404,
          `The model \`${model}\` does not exist or you do not have access to it.`,
          "model_not_found",
        );
      return complete(json, model);
    }
    const azure = AZURE_PATH.exec(url.pathname);
    if (azure) {
      if (!url.searchParams.get("api-version"))
        return { status: 404, json: { error: { code: "404", message: "Resource not found" } } };
      if (req.headers["api-key"] !== azureKey && req.headers.authorization !== `Bearer ${entraToken}`)
        return {
          status: 401,
          json: {
            error: {
              code: "401",
              message:
                "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.",
            },
          },
        };
      const deployment = decodeURIComponent(azure[1]!);
      if (models && !models.has(deployment))
        return {
          status: 404,
          json: {
            error: {
              code: "DeploymentNotFound",
              message:
                "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.",
            },
          },
        };
      return complete(json, deployment);
    }
    return error(404, `Unknown path ${url.pathname}`, "unknown_url");
  }

  async function handle(req: IncomingMessage): Promise<{ reply: Reply; record?: ChatRequestRecord }> {
    const at = performance.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return { reply: error(400, "We could not parse the JSON body of your request.") };
    }
    const pause = typeof latency === "function" ? latency(ordinal++) : latency;
    if (pause > 0) await sleep(pause);
    const headers: Record<string, string> = {};
    if (keepRecords)
      for (const [name, value] of Object.entries(req.headers))
        headers[name] = SECRET_HEADERS.has(name) ? "[redacted]" : String(value);
    const record: ChatRequestRecord = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      headers,
      status: 0,
      aborted: false,
      at,
    };
    if (method !== "POST") return { record, reply: error(405, `Method ${method} not allowed`) };
    const fault = takeFault();
    if (fault)
      return {
        record,
        reply: {
          ...error(fault.status, fault.message ?? `Injected ${fault.status}`, fault.code ?? null),
          headers:
            fault.retryAfter === undefined
              ? { "retry-after-ms": "1" }
              : { "retry-after": String(fault.retryAfter) },
        },
      };
    return { record, reply: route(req, url, body) };
  }

  const send = (res: ServerResponse, reply: Reply) => {
    if (reply.stream) return sendStream(res, reply.stream);
    res.writeHead(reply.status, {
      "content-type": "application/json",
      "x-request-id": `req-${served}`,
      ...reply.headers,
    });
    res.end(JSON.stringify(reply.json));
  };

  /** The OpenAI streaming wire format: `data: {chunk}` lines, the content in word deltas, then `[DONE]`. */
  const sendStream = (res: ServerResponse, { id, model, content }: NonNullable<Reply["stream"]>) => {
    res.writeHead(200, { "content-type": "text/event-stream", "x-request-id": `req-${served}` });
    const chunk = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      })}\n\n`;
    res.write(chunk({ role: "assistant", content: "" }, null));
    for (const word of content.match(/\S+\s*|\s+/g) ?? []) res.write(chunk({ content: word }, null));
    res.write(chunk({}, "stop"));
    res.end("data: [DONE]\n\n");
  };

  const server = createServer((req, res) => {
    inFlight++;
    lastActive = performance.now();
    if (inFlight > maxInFlight) maxInFlight = inFlight;
    // A client that gives up (an aborted call) must not count as in flight any longer.
    let open = true;
    const leave = () => {
      if (open) {
        inFlight--;
        lastActive = performance.now();
      }
      open = false;
    };
    res.on("close", leave);
    handle(req).then(
      ({ reply, record }) => {
        served++;
        const gone = res.destroyed || !open;
        if (record && keepRecords)
          requests.push({ ...record, status: gone ? 499 : reply.status, aborted: gone });
        leave();
        if (!gone) send(res, reply);
      },
      (failure: Error) => {
        leave();
        if (!res.destroyed) send(res, error(500, `fake server bug: ${failure.message}`));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    openaiBaseURL: `${url}/v1`,
    azureEndpoint: url,
    azureKey,
    entraToken,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
    get served() {
      return served;
    },
    fail: (fault) => faults.push({ ...fault, times: fault.times ?? 1 }),
    reset() {
      requests.length = 0;
      faults.length = 0;
      maxInFlight = inFlight;
    },
    async idle(quietMs = 15) {
      while (inFlight > 0 || performance.now() - lastActive < quietMs) await sleep(2);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((failure) => (failure ? reject(failure) : resolve()));
      }),
  };
}
