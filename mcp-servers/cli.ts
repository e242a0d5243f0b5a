/**
 * `cft mcp finetune|workspace`: the MCP servers as commands, over stdio (the host starts the process) or
 * streamable HTTP (`--http PORT`). bin/cft adds this command to the CLI; src/ knows nothing of it. The MCP
 * SDK and the servers load only when one of these commands runs.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Command } from "commander";
import { z } from "zod";
import { createContext, parseFlags, withCommonOptions } from "../src/cli/command-kit.js";
import type { Config } from "../src/config/config.js";
import { InputError } from "../src/errors.js";

const Flags = z.object({
  http: z.coerce
    .number()
    .int({ message: "expected a port number" })
    .min(0, { message: "expected a port from 0 to 65535 (0: any free port)" })
    .max(65535, { message: "expected a port from 0 to 65535 (0: any free port)" })
    .optional(),
  host: z.string().min(1).optional(),
  token: z.string().min(16, { message: "expected a token of 16 characters or more" }).optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

type ServerFactory = (config: Config) => McpServer;

const SERVERS: Record<"finetune" | "workspace", { summary: string; load: () => Promise<ServerFactory> }> = {
  finetune: {
    summary:
      "validate_dataset, audit_dataset, estimate_cost, start_fine_tune (asks the user, or takes the token from estimate_cost), get_fine_tune, list_fine_tunes, cancel_fine_tune",
    load: async () => (await import("./finetune/server.js")).createFinetuneServer,
  },
  workspace: {
    summary:
      "tracker_append_row, tracker_list_rows, document_create, notify_team, issue_create, issue_comment, pull_request_create (real services when configured, embedded defaults otherwise)",
    load: async () => (await import("./workspace/server.js")).createWorkspaceServer,
  },
};

function hostConfigHelp(name: string): string {
  return [
    "Host configuration (stdio):",
    "  Claude Desktop, claude_desktop_config.json:",
    `    { "mcpServers": { "cft-${name}": { "command": "/path/to/clinical-finetuner/bin/cft",`,
    `        "args": ["mcp", "${name}", "--home", "/path/to/workspace/.cft"] } } }`,
    "  Claude Code:",
    `    $ claude mcp add cft-${name} -- /path/to/clinical-finetuner/bin/cft mcp ${name} --home /path/to/.cft`,
    "Streamable HTTP: the endpoint is http://HOST:PORT/mcp; with a token, send Authorization: Bearer TOKEN.",
    "",
  ].join("\n");
}

async function serveCommand(name: keyof typeof SERVERS, raw: unknown): Promise<void> {
  const flags = parseFlags(Flags, raw);
  if (flags.http === undefined && (flags.host !== undefined || flags.token !== undefined))
    throw new InputError("--host and --token apply to HTTP only", [], {
      hint: "Add --http PORT, or drop them: over stdio the host that starts the process is the only client.",
    });
  const ctx = createContext(flags);
  const token = flags.token ?? ctx.config.env.CFT_MCP_TOKEN;
  const createServer = await SERVERS[name].load();
  const { serve } = await import("./transports/index.js");
  const host = flags.host ?? "127.0.0.1";
  if (flags.http !== undefined && !token && !["127.0.0.1", "localhost", "::1"].includes(host))
    ctx.out.note(
      `warning: serving on ${host} without --token: anyone who can reach it can use these tools (set --token or CFT_MCP_TOKEN)`,
    );
  await serve(() => createServer(ctx.config), {
    http: flags.http,
    host,
    token: flags.http === undefined ? undefined : token,
  });
}

export function registerMcp(program: Command): void {
  const mcp = program
    .command("mcp")
    .summary("MCP servers for Claude Desktop, Claude Code or any MCP host: finetune, workspace")
    .description(
      "Serve the pipeline as MCP tools. Over stdio by default: the host starts `cft mcp <server>` and speaks the protocol on stdin/stdout (stdout carries nothing else; notes go to stderr). With --http PORT: streamable HTTP at http://127.0.0.1:PORT/mcp (--host to bind elsewhere; --token or CFT_MCP_TOKEN to require a bearer token). The gates are the CLI's: audits attest exact bytes, and nothing trains without the user's confirmation.",
    );
  for (const name of Object.keys(SERVERS) as (keyof typeof SERVERS)[]) {
    const command = mcp
      .command(name)
      .summary(`the ${name} server: ${SERVERS[name].summary}`)
      .description(`The ${name} MCP server. Tools: ${SERVERS[name].summary}.`)
      .option("--http <port>", "serve streamable HTTP on this port (0: any free one) instead of stdio")
      .option("--host <host>", "with --http: the address to bind (default 127.0.0.1)")
      .option("--token <token>", "with --http: require Authorization: Bearer <token> (also CFT_MCP_TOKEN)");
    withCommonOptions(command, [
      `cft mcp ${name} --home ~/clinical/.cft`,
      `cft mcp ${name} --http 8765`,
      `CFT_MCP_TOKEN=$(openssl rand -hex 24) cft mcp ${name} --http 8765 --host 0.0.0.0`,
    ])
      .addHelpText("after", hostConfigHelp(name))
      .action((raw) => serveCommand(name, raw));
    // stdout is the protocol's: there is no JSON result to print, so --json stays out of the help.
    command.options.find((o) => o.long === "--json")?.hideHelp();
  }
}
