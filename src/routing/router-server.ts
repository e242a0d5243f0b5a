/**
 * `cft serve router`: an OpenAI-compatible HTTP proxy in front of a model family's variants.
 *   POST /v1/chat/completions   routed by weight, sticky per key, streaming passed through
 *   POST /v1/outcomes           outcome labels fed back: {"request_id", "label"} or {"outcomes": [...]}
 *   GET  /v1/models, /healthz   the family as one model; the live configuration
 * It polls the ledger for the family's live configuration and swaps it in between requests: a request
 * keeps the configuration it started with, so a reload never drops or re-routes one in flight. A new
 * configuration that cannot serve (a backend key not set) is refused and the old one kept. Closing stops
 * new connections and waits for the requests in flight.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CftError, InputError } from "../errors.js";
import type { Db } from "../ledger/ledger.js";
import { keySecret } from "./assign.js";
import { checkBackendKeys } from "./backend-call.js";
import { proxyChat, sendError } from "./proxy-chat.js";
import { type OutcomeInput, recordOutcomes, requestRecorder } from "./request-log.js";
import { describeSplit } from "./route-config.js";
import { liveRouteId, type RouteRecord, requireLiveRoute, routeById } from "./route-store.js";

export interface RouterOptions {
  db: Db;
  home: string;
  family: string;
  host?: string;
  /** 0 (default) takes a free port. */
  port?: number;
  /** When set, every request but /healthz needs `Authorization: Bearer TOKEN`. */
  token?: string;
  /** How often the ledger is checked for a new configuration (ms; default 1000). */
  reloadMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Start-up, reload and failure lines (never request content). */
  log?: (line: string) => void;
}

export interface RunningRouter {
  url: string;
  port: number;
  live(): RouteRecord;
  /** Checks the ledger now; true when a new configuration was taken. */
  reload(): boolean;
  inFlight(): number;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpProblem(413, "body_too_large", `the body is over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpProblem(400, "invalid_json", "the body is not JSON");
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new HttpProblem(400, "invalid_body", "the body must be a JSON object");
  return value as Record<string, unknown>;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function outcomesOf(body: Record<string, unknown>): OutcomeInput[] {
  const list = Array.isArray(body.outcomes) ? body.outcomes : [body];
  return list.map((o, i) => {
    const x = (o ?? {}) as Record<string, unknown>;
    if (typeof x.request_id !== "string" || typeof x.label !== "string")
      throw new HttpProblem(
        400,
        "invalid_outcome",
        `outcome ${i}: expected {"request_id": "req-…", "label": "overturned"}`,
      );
    return { requestId: x.request_id, label: x.label, source: "api" };
  });
}

export async function startRouter(o: RouterOptions): Promise<RunningRouter> {
  const env = o.env ?? process.env;
  const log = o.log ?? (() => {});
  let live = requireLiveRoute(o.db, o.family);
  checkBackendKeys(live.config, env);
  const secret = keySecret(o.home);
  const record = requestRecorder(o.db);
  const safeRecord = (r: Parameters<typeof record>[0]) => {
    try {
      record(r);
    } catch (error) {
      log(`could not record request ${r.id}: ${(error as Error).message}`);
    }
  };
  let inFlight = 0;

  const reload = (): boolean => {
    const id = liveRouteId(o.db, o.family);
    if (!id || id === live.id) return false;
    const next = routeById(o.db, id)!;
    try {
      checkBackendKeys(next.config, env);
    } catch (error) {
      log(`configuration ${id} refused, still serving ${live.id}: ${(error as Error).message}`);
      return false;
    }
    live = next;
    log(`reloaded ${o.family}: ${describeSplit(live.config)} (${live.action} ${live.id})`);
    return true;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ ok: true, family: o.family, config: live.id, split: describeSplit(live.config) }),
      );
      return;
    }
    if (o.token && req.headers.authorization !== `Bearer ${o.token}`)
      return sendError(res, 401, "unauthorized", "missing or wrong bearer token");
    if (req.method === "GET" && path === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ object: "list", data: [{ id: o.family, object: "model", owned_by: "cft-router" }] }),
      );
      return;
    }
    if (req.method === "POST" && path === "/v1/chat/completions") {
      const body = await readJson(req);
      return proxyChat(req, res, body, { live, secret, env, record: safeRecord });
    }
    if (req.method === "POST" && path === "/v1/outcomes") {
      const outcomes = outcomesOf(await readJson(req));
      const done = recordOutcomes(o.db, outcomes);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(done));
      return;
    }
    sendError(res, 404, "not_found", `no route ${req.method} ${path}`);
  };

  const server = createServer((req, res) => {
    inFlight++;
    res.on("close", () => inFlight--);
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpProblem) return sendError(res, error.status, error.code, error.message);
      if (error instanceof CftError)
        return sendError(res, error instanceof InputError ? 400 : 500, error.code, error.message);
      log(`router error: ${(error as Error).message}`);
      sendError(res, 500, "router_error", "the router failed on this request");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new InputError(`cannot listen on ${o.host ?? "127.0.0.1"}:${o.port ?? 0}: ${error.message}`, [], {
          hint: error.code === "EADDRINUSE" ? "Choose another --port." : undefined,
        }),
      ),
    );
    server.listen(o.port ?? 0, o.host ?? "127.0.0.1", resolve);
  });
  const timer = setInterval(reload, o.reloadMs ?? 1000);
  timer.unref();
  const port = (server.address() as AddressInfo).port;
  const host = o.host ?? "127.0.0.1";
  log(`router for ${o.family} on http://${host}:${port}/v1: ${describeSplit(live.config)}`);
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/v1`,
    port,
    live: () => live,
    reload,
    inFlight: () => inFlight,
    close: async () => {
      clearInterval(timer);
      // Requests in flight finish; keep-alive connections are closed as each falls idle; after 30 s, all.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), 30_000);
      await closed;
      clearInterval(sweep);
      clearTimeout(deadline);
    },
  };
}
