/**
 * MCP over streamable HTTP at `/mcp`: stateful sessions (the server hands out a session id on
 * initialize; one server instance per session, from the factory; DELETE ends a session). Binds
 * 127.0.0.1 unless told otherwise, and then only answers requests addressed to a loopback name, so a web
 * page cannot reach it through DNS rebinding. With a token, every request needs
 * `Authorization: Bearer <token>`; without it the answer is 401.
 */
import { randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import type { ServerFactory } from "./stdio.js";

export interface HttpOptions {
  /** 0 picks a free port (see `HttpHandle.port`). */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Bearer token every request must carry; none = no authentication (loopback use). */
  token?: string;
  /** Where the "listening on" line and request errors go (default stderr). */
  log?: (line: string) => void;
}

export interface HttpHandle {
  /** The endpoint, e.g. http://127.0.0.1:43117/mcp. */
  url: string;
  port: number;
  host: string;
  /** Ends every session and stops listening. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

function sendJson(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

function authorized(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(req.headers.authorization ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The host name of the Host header, without the port ("[::1]:80" → "[::1]"). */
const hostName = (header: string | undefined) => (header ?? "").replace(/:\d+$/, "").toLowerCase();

async function readJson(req: IncomingMessage): Promise<{ body?: unknown; problem?: [number, string] }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { problem: [413, `request body over ${MAX_BODY_BYTES} bytes`] };
    chunks.push(chunk);
  }
  try {
    return { body: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { problem: [400, "request body is not JSON"] };
  }
}

export async function serveHttp(createMcpServer: ServerFactory, options: HttpOptions): Promise<HttpHandle> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const loopbackOnly = LOOPBACK.has(host.toLowerCase());
  const sessions = new Map<string, StreamableHTTPServerTransport>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== "/mcp") return sendJson(res, 404, "not found: the MCP endpoint is /mcp");
    if (loopbackOnly && !LOOPBACK.has(hostName(req.headers.host)))
      return sendJson(res, 403, `Host ${req.headers.host ?? "(none)"} is not a loopback address`);
    if (options.token && !authorized(req, options.token))
      return sendJson(res, 401, "unauthorized: send Authorization: Bearer <token> (the server's --token)", {
        "www-authenticate": 'Bearer realm="cft-mcp"',
      });

    const sessionId = req.headers["mcp-session-id"];
    const existing = typeof sessionId === "string" ? sessions.get(sessionId) : undefined;
    if (req.method !== "POST") {
      if (!existing) return sendJson(res, sessionId ? 404 : 400, "unknown or missing Mcp-Session-Id");
      return existing.handleRequest(req, res);
    }
    const { body, problem } = await readJson(req);
    if (problem) return sendJson(res, problem[0], problem[1]);
    if (existing) return existing.handleRequest(req, res, body);
    if (sessionId) return sendJson(res, 404, "session not found: start a new one with initialize");
    if (!isInitializeRequest(body))
      return sendJson(res, 400, "no Mcp-Session-Id: the first request of a session must be initialize");

    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        sessions.set(id, transport);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await createMcpServer().connect(transport);
    await transport.handleRequest(req, res, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`mcp http: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, "internal error");
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  const url = `http://${shown}:${port}/mcp`;
  log(`listening on ${url}`);
  return {
    url,
    port,
    host,
    async close() {
      await Promise.all([...sessions.values()].map((t) => t.close()));
      sessions.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
