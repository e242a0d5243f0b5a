/**
 * One chat-completions request through the router: pick the variant (sticky by key), forward the body with
 * the variant's model to its backend, pass the answer back as it arrives (a streamed answer chunk by
 * chunk), and record the request — variant, status, timings, token counts — whatever happens: a backend
 * that is down, slow or cut off mid-stream, or a client that goes away.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { assign, hashKey } from "./assign.js";
import { backendTarget, usageOf } from "./backend-call.js";
import type { RequestError, RoutedRequest } from "./request-log.js";
import { newRequestId } from "./request-log.js";
import type { RouteRecord } from "./route-store.js";

export interface ProxyContext {
  live: RouteRecord;
  secret: Buffer;
  env: NodeJS.ProcessEnv;
  record: (r: RoutedRequest) => void;
}

/** The sticky key: the x-cft-route-key header, else x-session-id, else the body's OpenAI `user` field. */
export function stickyKey(req: IncomingMessage, body: Record<string, unknown>): string | null {
  const header = (name: string) => {
    const v = req.headers[name];
    return typeof v === "string" && v.trim() ? v.trim() : null;
  };
  const user = typeof body.user === "string" && body.user.trim() ? body.user.trim() : null;
  return header("x-cft-route-key") ?? header("x-session-id") ?? user;
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { "content-type": "application/json", ...extra });
  res.end(JSON.stringify({ error: { message, type: "router_error", code } }));
}

const TAIL = 8192;

export async function proxyChat(
  req: IncomingMessage,
  res: ServerResponse,
  body: Record<string, unknown>,
  ctx: ProxyContext,
): Promise<void> {
  const started = performance.now();
  const { config } = ctx.live;
  const key = stickyKey(req, body);
  const keyHash = key ? hashKey(ctx.secret, config.family, key) : null;
  const variant = assign(config, keyHash);
  const stream = body.stream === true;
  const r: RoutedRequest = {
    id: newRequestId(),
    family: config.family,
    configId: ctx.live.id,
    variant: variant.name,
    version: variant.version ?? null,
    keyHash,
    stream,
    status: 0,
    error: null,
    latencyMs: 0,
    firstByteMs: null,
    promptTokens: null,
    completionTokens: null,
    createdAt: new Date().toISOString(),
  };
  const tags = {
    "x-cft-request-id": r.id,
    "x-cft-variant": variant.name,
    ...(variant.version ? { "x-cft-version": variant.version } : {}),
  };
  const abort = new AbortController();
  let why: RequestError | null = null;
  const stop = (reason: RequestError) => {
    why ??= reason;
    abort.abort();
  };
  const timer = setTimeout(() => stop("backend_timeout"), config.timeoutMs);
  res.on("close", () => {
    if (!res.writableFinished) stop("client_closed");
  });
  try {
    const target = backendTarget(variant.backend, ctx.env);
    let answer: Response;
    try {
      answer = await fetch(target.url, {
        method: "POST",
        headers: { ...target.headers, accept: stream ? "text/event-stream" : "application/json" },
        body: JSON.stringify({ ...body, model: variant.backend.model }),
        signal: abort.signal,
      });
    } catch {
      // `why` is set by the timer or the client's close, which TypeScript cannot see from here.
      r.error = (why as RequestError | null) ?? "backend_unreachable";
      r.status = r.error === "backend_timeout" ? 504 : r.error === "client_closed" ? 499 : 502;
      sendError(
        res,
        r.status,
        r.error,
        r.error === "backend_timeout"
          ? `variant ${variant.name}'s backend did not answer within ${config.timeoutMs} ms`
          : `variant ${variant.name}'s backend is unreachable`,
        tags,
      );
      return;
    }
    r.status = answer.status;
    if (answer.status >= 400) r.error = "backend_status";
    const type = answer.headers.get("content-type") ?? "application/json";
    // What a client's retry logic reads (Retry-After, rate-limit state) passes through with the status.
    const passed = Object.fromEntries(
      [...answer.headers].filter(([name]) => name === "retry-after" || name.startsWith("x-ratelimit-")),
    );
    res.writeHead(answer.status, {
      ...passed,
      "content-type": type,
      ...(type.includes("event-stream") ? { "cache-control": "no-cache" } : {}),
      ...tags,
    });
    let tail = "";
    const decoder = new TextDecoder();
    try {
      for await (const chunk of answer.body ?? []) {
        r.firstByteMs ??= performance.now() - started;
        res.write(chunk);
        // A streamed answer's usage comes in its last event; a whole answer is parsed as one JSON body.
        tail += decoder.decode(chunk as Uint8Array, { stream: true });
        if (stream && tail.length > 2 * TAIL) tail = tail.slice(-TAIL);
      }
      res.end();
    } catch {
      r.error = (why as RequestError | null) ?? "stream_broken";
      res.destroy();
      return;
    }
    const usage = usageOf(tail, stream);
    r.promptTokens = usage.prompt;
    r.completionTokens = usage.completion;
  } finally {
    clearTimeout(timer);
    r.latencyMs = performance.now() - started;
    ctx.record(r);
  }
}
