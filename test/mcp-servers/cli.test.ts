/**
 * `cft mcp` as a host starts it: the real bin/cft over stdio (stdout carries JSON-RPC and nothing else)
 * and over HTTP on a port the OS picks (read from stderr), plus the command's usage errors and help.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { chatLines } from "../fakes/submissions.js";
import { CFT, cft, ROOT, tempDir, writeFile } from "../helpers.js";

const cleanEnv = () => ({ PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", CI: "true" });

function start(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CFT, ...args], { cwd: ROOT, env: { ...cleanEnv(), ...env } });
}

function collect(child: ChildProcessWithoutNullStreams) {
  const out = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    out.stdout += d;
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    out.stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { out, exited };
}

const rpc = (id: number, method: string, params: unknown = {}) =>
  JSON.stringify({ jsonrpc: "2.0", id, method, params });

describe("cft mcp finetune over stdio", () => {
  it("answers on stdout with JSON-RPC only, and exits 0 when the host closes stdin", async () => {
    const dir = tempDir("cft-mcp-stdio-");
    const train = writeFile(dir, "train.jsonl", chatLines(20));
    const child = start(["mcp", "finetune", "--home", join(dir, "home")]);
    const { out, exited } = collect(child);
    const lines = [
      rpc(1, "initialize", {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "raw-host", version: "1" },
      }),
      JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }),
      rpc(2, "tools/list"),
      rpc(3, "tools/call", { name: "validate_dataset", arguments: { path: train } }),
      rpc(4, "tools/call", { name: "audit_dataset", arguments: { path: train } }),
      rpc(5, "tools/call", { name: "list_fine_tunes", arguments: {} }),
    ];
    // The requests go in one by one, each once the answer to the one before has come back.
    for (const [i, line] of lines.entries()) {
      child.stdin.write(`${line}\n`);
      if (i === 1) continue;
      const id = JSON.parse(line).id;
      while (!out.stdout.split("\n").some((l) => l.includes(`"id":${id}`)))
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.stdin.end();
    expect(await exited).toBe(0);

    const messages = out.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(messages.every((m) => m.jsonrpc === "2.0")).toBe(true);
    const byId = new Map(messages.map((m) => [m.id, m]));
    expect(byId.get(1).result.serverInfo.name).toBe("cft-finetune");
    expect(byId.get(2).result.tools).toHaveLength(7);
    expect(byId.get(3).result.structuredContent.ok).toBe(true);
    expect(byId.get(4).result.structuredContent.verdict).toBe("PASS");
    expect(byId.get(5).result.structuredContent.runs).toEqual([]);
  });
});

describe("cft mcp finetune --http", () => {
  it("serves on the port the OS picked, requires the token from CFT_MCP_TOKEN, and stops on SIGTERM", async () => {
    const token = "env-token-0123456789abcdef";
    const child = start(["mcp", "finetune", "--http", "0", "--home", tempDir("cft-mcp-http-")], {
      CFT_MCP_TOKEN: token,
    });
    const { out, exited } = collect(child);
    let url: string | undefined;
    while (!url) {
      url = out.stderr.match(/listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/)?.[1];
      if (child.exitCode !== null) throw new Error(`cft mcp exited: ${out.stderr}`);
      if (!url) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    try {
      const denied = await fetch(url, { method: "POST", body: "{}" });
      expect(denied.status).toBe(401);

      const client = new Client({ name: "http-host", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
      );
      expect((await client.listTools()).tools).toHaveLength(7);
      await client.close();
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(out.stdout).toBe("");
  });
});

describe("cft mcp usage", () => {
  it("lists mcp in cft --help, and explains the servers and host configuration in cft mcp finetune --help", () => {
    expect(cft(["--help"]).stdout).toMatch(/^\s+mcp\s/m);
    const help = cft(["mcp", "finetune", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/start_fine_tune/);
    expect(help.stdout).toMatch(/claude_desktop_config\.json/);
    expect(cft(["mcp", "--help"]).stdout).toMatch(/workspace/);
  });

  it("rejects --token without --http, and a port out of range (exit 2)", () => {
    const token = cft(["mcp", "finetune", "--token", "0123456789abcdef0123"]);
    expect(token.code).toBe(2);
    expect(token.stderr).toMatch(/--http/);
    const port = cft(["mcp", "finetune", "--http", "70000"]);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--http/);
  });

  it("serves the workspace tools over stdio, as a host starts it", async () => {
    const home = tempDir();
    const client = new Client({ name: "stdio-host", version: "1.0.0" });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CFT, "mcp", "workspace", "--home", home],
        env: cleanEnv(),
        stderr: "pipe",
      }),
    );
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(7);
    const result = await client.callTool({
      name: "issue_create",
      arguments: { title: "Check labels", body: "-" },
    });
    expect(result.structuredContent).toMatchObject({ outcome: { status: "not_configured", ref: "#1" } });
    await client.close();
  });
});
