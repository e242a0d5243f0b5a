/**
 * `cft serve router FAMILY`: the A/B router as a long-running server. It logs start-up, reloads and
 * failures to stderr (never request content); with --json it prints one JSON object once it listens
 * ({url, family, config}). SIGHUP reloads now; SIGINT and SIGTERM stop accepting connections, let the
 * requests in flight finish, and exit 0.
 */
import type { Command } from "commander";
import { z } from "zod";
import { openLedger } from "../../ledger/ledger.js";
import { checkFamily } from "../../registry/versions.js";
import { describeSplit } from "../../routing/route-config.js";
import { startRouter } from "../../routing/router-server.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";

const ServeFlags = z.object({
  home: z.string().optional(),
  json: z.boolean().optional(),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default("127.0.0.1"),
  token: z.string().min(16, { message: "at least 16 characters" }).optional(),
  reloadMs: z.coerce.number().int().min(100).max(60_000).default(1000),
});

export function registerServe(program: Command): void {
  const serve = program
    .command("serve")
    .summary("serve a model family over an OpenAI-compatible API (the A/B router)")
    .description("Long-running servers. `cft serve router FAMILY` is the A/B router of `cft route`.");
  const router = serve
    .command("router")
    .description(
      "An OpenAI-compatible proxy (POST /v1/chat/completions, streaming included) that splits FAMILY's traffic between the variants of its live route (`cft route set`) by weight. Requests with a key (x-cft-route-key or x-session-id header, else the body's `user`) stick to one variant. Each request's variant, status, latency and token counts go to the ledger — never message text; the key only as a keyed hash. Responses carry x-cft-request-id and x-cft-variant; POST /v1/outcomes {request_id, label} feeds outcomes back. Route changes are picked up without dropping requests.",
    )
    .argument("<family>", "model family with a route (cft route set)")
    .option("--port <port>", "port (0 takes a free one)", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--token <token>", "require Authorization: Bearer TOKEN (default: $CFT_ROUTER_TOKEN)")
    .option("--reload-ms <ms>", "how often to check for a new route configuration", "1000");
  withCommonOptions(router, [
    "cft serve router claims-adjudication --port 8080",
    'curl -s http://127.0.0.1:8080/v1/chat/completions -H \'x-cft-route-key: session-42\' -d \'{"messages":[{"role":"user","content":"…"}]}\'',
  ]).action(async (family: string, raw: Record<string, unknown>) => {
    const flags = parseFlags(ServeFlags, { ...raw, token: raw.token ?? process.env.CFT_ROUTER_TOKEN });
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
    let running: Awaited<ReturnType<typeof startRouter>>;
    try {
      running = await startRouter({
        db,
        home: ctx.config.home,
        family: checkFamily(family),
        host: flags.host,
        port: flags.port,
        token: flags.token,
        reloadMs: flags.reloadMs,
        // Keys the configuration names come from the environment, or from .env for the known variables.
        env: { ...process.env, ...ctx.config.env },
        log,
      });
    } catch (error) {
      db.close();
      throw error;
    }
    if (!flags.token && !["127.0.0.1", "::1", "localhost"].includes(flags.host))
      log(
        `warning: listening on ${flags.host} without --token: anyone who can reach this port can use the backends' keys`,
      );
    ctx.out.result({
      url: running.url,
      family,
      config: running.live().id,
      split: describeSplit(running.live().config),
    });
    process.on("SIGHUP", () => running.reload());
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log(`${signal}: finishing ${running.inFlight()} request(s) in flight`);
        running.close().then(resolve, resolve);
      };
      process.once("SIGINT", () => stop("SIGINT"));
      process.once("SIGTERM", () => stop("SIGTERM"));
    });
    db.close();
  });
}
