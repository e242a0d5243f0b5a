/**
 * The chat's MCP tools: the project's own workspace server (`cft mcp workspace --home HOME`, started over
 * stdio with this Node and bin/cft, so it sees the same configuration) and any servers the user lists in
 * `HOME/mcp-servers.json`, in the shape of Claude Desktop's `mcpServers`:
 *
 *   { "mcpServers": { "NAME": { "command": "…", "args": ["…"], "env": { "K": "V" } },
 *                     "OTHER": { "url": "https://…/mcp", "headers": { "Authorization": "Bearer …" } } } }
 *
 * (stdio, or streamable HTTP). The file is checked with zod and a mistake names the file and the field. A
 * server that does not start is reported and left out; the chat goes on with the others. A tool whose
 * name is already taken is left out too (the first one wins: the workspace's, then the file's order).
 *
 * `start_fine_tune` (of `cft mcp finetune`, if the user lists it) is left out: this client has no MCP
 * elicitation, so that server would take the confirmation token from the model — the model would confirm
 * a spend the person never saw. In chat, training starts through run_pipeline, where the person confirms.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { type Connection, MultiServerMCPClient } from "@langchain/mcp-adapters";
import { z } from "zod";
import type { Config } from "../src/config/config.js";
import { InputError } from "../src/errors.js";

export const SERVERS_FILE = "mcp-servers.json";
const CFT_BIN = fileURLToPath(new URL("../bin/cft", import.meta.url));
const START_TIMEOUT_MS = 30_000;
/** Tools that would let the model answer a gate that is the person's. */
const WITHHELD: Record<string, string> = {
  start_fine_tune: "in chat, fine-tunes start through run_pipeline, where you confirm the cost yourself",
};

const StdioServer = z.object({
  type: z.literal("stdio").optional(),
  command: z.string().min(1, { message: "expected the program to start" }),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().min(1).optional(),
  disabled: z.boolean().optional(),
});
const HttpServer = z.object({
  type: z.enum(["http", "streamable-http"]).optional(),
  url: z.url({ message: "expected the server's http(s) URL, e.g. https://example.com/mcp" }),
  headers: z.record(z.string(), z.string()).optional(),
  disabled: z.boolean().optional(),
});
const ServerEntry = z.union([StdioServer, HttpServer], {
  error: "expected {command, args?, env?} (stdio) or {url, headers?} (streamable HTTP)",
});
export const ServersFile = z.object({
  mcpServers: z.record(
    z.string().regex(/^[\w.-]{1,64}$/, { message: "server names are letters, digits, '.', '-' or '_'" }),
    ServerEntry,
  ),
});
export type ServerEntry = z.infer<typeof ServerEntry>;

/** The user's extra servers from HOME/mcp-servers.json ({} when there is no such file). */
export function readServersFile(home: string): Record<string, ServerEntry> {
  const file = join(home, SERVERS_FILE);
  if (!existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = ServersFile.safeParse(raw);
  if (!parsed.success)
    throw new InputError(
      `${file}: not a valid MCP server list`,
      parsed.error.issues.map((issue) => ({
        file,
        field: issue.path.join(".") || undefined,
        message: issue.message,
      })),
      {
        hint: 'Use the shape of Claude Desktop\'s config: {"mcpServers": {"NAME": {"command", "args"} or {"url"}}}.',
      },
    );
  return parsed.data.mcpServers;
}

/** The workspace server's environment: the configuration this process runs with (not LangSmith's). */
function workspaceEnv(config: Config): Record<string, string> {
  const env: Record<string, string> = { CFT_HOME: config.home };
  for (const [key, value] of Object.entries(config.env))
    if (typeof value === "string" && !key.startsWith("LANGSMITH_")) env[key] = value;
  return env;
}

function connectionOf(entry: ServerEntry): Connection {
  if ("url" in entry) return { transport: "http", url: entry.url, headers: entry.headers };
  return { transport: "stdio", command: entry.command, args: entry.args, env: entry.env, cwd: entry.cwd };
}

export interface McpTools {
  tools: StructuredToolInterface[];
  /** Servers that did not start, and tools left out, in sentences. */
  problems: string[];
  close(): Promise<void>;
}

export interface LoadMcpOptions {
  /** Start the workspace server (default true). */
  workspace?: boolean;
}

async function startServer(name: string, connection: Connection) {
  const client = new MultiServerMCPClient({ mcpServers: { [name]: connection }, onConnectionError: "throw" });
  let timer: NodeJS.Timeout | undefined;
  try {
    const tools = await Promise.race([
      client.getTools(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer in ${START_TIMEOUT_MS / 1000} s`)),
          START_TIMEOUT_MS,
        );
      }),
    ]);
    return { client, tools };
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export async function loadMcpTools(config: Config, options: LoadMcpOptions = {}): Promise<McpTools> {
  const servers: [string, Connection][] = [];
  if (options.workspace !== false)
    servers.push([
      "cft-workspace",
      {
        transport: "stdio",
        command: process.execPath,
        args: [CFT_BIN, "mcp", "workspace", "--home", config.home],
        env: workspaceEnv(config),
      },
    ]);
  for (const [name, entry] of Object.entries(readServersFile(config.home)))
    if (!entry.disabled) servers.push([name, connectionOf(entry)]);

  const started = await Promise.allSettled(servers.map(([name, c]) => startServer(name, c)));
  const problems: string[] = [];
  const tools: StructuredToolInterface[] = [];
  const clients: MultiServerMCPClient[] = [];
  const names = new Set<string>();
  started.forEach((result, i) => {
    const name = servers[i]![0];
    if (result.status === "rejected") {
      const reason = result.reason instanceof Error ? result.reason.message : String(result.reason);
      problems.push(`MCP server "${name}" did not start: ${reason.split("\n")[0]}`);
      return;
    }
    clients.push(result.value.client);
    for (const tool of result.value.tools) {
      if (WITHHELD[tool.name]) {
        problems.push(`MCP server "${name}": tool ${tool.name} left out (${WITHHELD[tool.name]})`);
        continue;
      }
      if (names.has(tool.name)) {
        problems.push(`MCP server "${name}": tool ${tool.name} left out (the name is taken)`);
        continue;
      }
      names.add(tool.name);
      tools.push(tool);
    }
  });
  return {
    tools,
    problems,
    close: async () => {
      await Promise.allSettled(clients.map((c) => c.close()));
    },
  };
}
