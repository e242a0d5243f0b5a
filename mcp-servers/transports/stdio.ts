/**
 * MCP over stdio: the host starts `cft mcp …` and speaks JSON-RPC on its stdin and stdout. stdout carries
 * the protocol and nothing else, so anything that would log there is sent to stderr first. The session
 * ends when the host closes stdin.
 */
import type { Readable, Writable } from "node:stream";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

/** Builds a fresh server: one per connection (stdio has one; HTTP one per session). */
export type ServerFactory = () => McpServer;

/** Points console.log, .info and .debug at stderr: a stray log line on stdout would break the protocol. */
export function keepStdoutForProtocol(): void {
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

/** Serves one session on stdin/stdout; resolves when the host closes stdin (or the server closes). */
export async function serveStdio(
  createServer: ServerFactory,
  io: { stdin?: Readable; stdout?: Writable } = {},
): Promise<void> {
  const stdin = io.stdin ?? process.stdin;
  const stdout = io.stdout ?? process.stdout;
  if (stdout === process.stdout) keepStdoutForProtocol();
  const server = createServer();
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  await server.connect(new StdioServerTransport(stdin, stdout));
  stdin.once("end", () => void server.close());
  await closed;
}
