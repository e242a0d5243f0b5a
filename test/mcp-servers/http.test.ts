/**
 * The streamable HTTP transport, in process on an ephemeral port: the bearer token (401 without it), the
 * loopback Host check, sessions ended by DELETE, and a whole start_fine_tune with elicitation answered over
 * the session's stream.
 */
import { request } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type CallToolResult, ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFinetuneServer } from "../../mcp-servers/finetune/server.js";
import { type HttpHandle, serveHttp } from "../../mcp-servers/transports/index.js";
import { LOCAL_MODEL, structured, textOf, type Workspace, workspace } from "./harness.js";

const TOKEN = "test-token-0123456789abcdef";
let ws: Workspace;
let http: HttpHandle;
const logged: string[] = [];

beforeAll(async () => {
  ws = workspace();
  http = await serveHttp(() => createFinetuneServer(ws.config, { createProvider: ws.createProvider }), {
    port: 0,
    token: TOKEN,
    log: (line) => logged.push(line),
  });
});
afterAll(async () => {
  await http?.close();
  ws?.box.cleanup();
});

async function connectHttp(options: { elicitation?: boolean } = {}) {
  const client = new Client(
    { name: "http-host", version: "1.0.0" },
    { capabilities: options.elicitation ? { elicitation: { form: {} } } : {} },
  );
  if (options.elicitation)
    client.setRequestHandler(ElicitRequestSchema, async () => ({
      action: "accept",
      content: { confirm: true },
    }));
  const transport = new StreamableHTTPClientTransport(new URL(http.url), {
    requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
  });
  await client.connect(transport);
  return { client, transport };
}

const initialize = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};

describe("cft mcp over streamable HTTP", () => {
  it("listens on an ephemeral loopback port and says where", () => {
    expect(http.port).toBeGreaterThan(0);
    expect(http.url).toBe(`http://127.0.0.1:${http.port}/mcp`);
    expect(logged).toContain(`listening on ${http.url}`);
  });

  it("answers 401 with a JSON error to a request without the bearer token, or with a wrong one", async () => {
    for (const authorization of [undefined, "Bearer wrong-token", `Basic ${TOKEN}`]) {
      const response = await fetch(http.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify(initialize),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/Authorization: Bearer/);
    }
  });

  it("refuses a request addressed to a name that is not loopback (DNS rebinding)", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: http.port,
          path: "/mcp",
          method: "GET",
          headers: { host: "evil.example" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it("serves the tools to a client with the token, and ends the session on DELETE", async () => {
    const { client, transport } = await connectHttp();
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(7);
    const validated = (await client.callTool({
      name: "validate_dataset",
      arguments: { path: ws.train },
    })) as CallToolResult;
    expect(structured(validated).ok).toBe(true);

    const sessionId = transport.sessionId!;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await transport.terminateSession();
    const after = await fetch(http.url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${TOKEN}`,
        "mcp-session-id": sessionId,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }),
    });
    expect(after.status).toBe(404);
    await client.close();
  });

  it("asks for consent over the session's stream and starts the run once accepted", async () => {
    const { client } = await connectHttp({ elicitation: true });
    try {
      const audited = (await client.callTool({
        name: "audit_dataset",
        arguments: { path: ws.train },
      })) as CallToolResult;
      expect(structured(audited).verdict).toBe("PASS");
      const started = (await client.callTool({
        name: "start_fine_tune",
        arguments: {
          provider: "local",
          base_model: LOCAL_MODEL,
          train: ws.train,
          hyperparameters: { use_4bit: true },
        },
      })) as CallToolResult;
      expect(started.isError, textOf(started)).toBeFalsy();
      expect(structured(started)).toMatchObject({ existing: false, confirmationMethod: "mcp-elicitation" });
      const cancelled = (await client.callTool({
        name: "cancel_fine_tune",
        arguments: { run_id: structured(started).run.id },
      })) as CallToolResult;
      expect(structured(cancelled).cancelled).toBe(true);
    } finally {
      await client.close();
    }
  });
});
