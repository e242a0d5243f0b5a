/**
 * Picks the transport for `cft mcp <server>`: stdio by default (the host starts the process), streamable
 * HTTP with `--http PORT` (a long-running server; Ctrl-C or SIGTERM stops it).
 */
import { serveHttp } from "./http.js";
import { type ServerFactory, serveStdio } from "./stdio.js";

export type { HttpHandle, HttpOptions } from "./http.js";
export { serveHttp } from "./http.js";
export type { ServerFactory } from "./stdio.js";
export { serveStdio } from "./stdio.js";

export interface ServeOptions {
  /** Serve streamable HTTP on this port (0: any free one) instead of stdio. */
  http?: number;
  host?: string;
  token?: string;
}

/** Resolves once the first of the signals arrives. */
function untilSignal(signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM"]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      for (const s of signals) process.off(s, on);
      resolve(signal);
    };
    for (const s of signals) process.once(s, on);
  });
}

/** Serves until the session ends (stdio) or the process is told to stop (HTTP). */
export async function serve(createServer: ServerFactory, options: ServeOptions = {}): Promise<void> {
  if (options.http === undefined) return serveStdio(createServer);
  const handle = await serveHttp(createServer, {
    port: options.http,
    host: options.host,
    token: options.token,
  });
  await untilSignal();
  await handle.close();
}
