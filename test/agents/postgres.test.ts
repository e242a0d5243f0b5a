/**
 * The PostgreSQL checkpointer (CFT_CHECKPOINT_URL) against a real PostgreSQL server started here on a
 * free loopback port in a temporary folder: a thread checkpointed by one checkpointer is resumed by
 * another (as by a new process). PostgreSQL's binaries come from the PATH or /usr/lib/postgresql/VERSION/bin
 * (.ci/run installs them when missing); without them the test says so and is skipped.
 */

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, realpathSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { Command } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCheckpointer } from "../../agents/checkpointer.js";
import { graphDeps } from "../../agents/deps.js";
import { buildGraph } from "../../agents/graph.js";
import { threadReport } from "../../agents/thread-status.js";
import { loadConfig } from "../../src/config/config.js";
import { tempDir } from "../helpers.js";

function binDir(): string | null {
  // Debian's own folder first: a symlink on the PATH can hide where the server's share files are.
  const root = "/usr/lib/postgresql";
  const version = existsSync(root) ? readdirSync(root).sort().at(-1) : undefined;
  if (version && existsSync(join(root, version, "bin", "postgres"))) return join(root, version, "bin");
  const onPath = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  return onPath ? realpathSync(join(onPath, "..")) : null;
}

const bin = binDir();
if (!bin) console.warn("PostgreSQL not installed: the PostgreSQL checkpointer test is skipped");
/** PostgreSQL refuses to run as root: run it as nobody then. */
const asServer = (command: string, args: string[]) =>
  process.getuid?.() === 0
    ? (["runuser", ["-u", "nobody", "--", command, ...args]] as const)
    : ([command, args] as const);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let server: ChildProcess | undefined;
let url = "";

beforeAll(async () => {
  if (!bin) return;
  const dir = tempDir("cft-pg-");
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const [initCmd, initArgs] = asServer(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "cft"]);
  const init = spawnSync(initCmd, initArgs, { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const [cmd, args] = asServer(join(bin, "postgres"), [
    "-D",
    data,
    "-p",
    String(port),
    "-k",
    dir,
    "-c",
    "listen_addresses=127.0.0.1",
  ]);
  server = spawn(cmd, args, { stdio: "ignore" });
  url = `postgres://cft@127.0.0.1:${port}/postgres`;
  for (let i = 0; i < 100; i++) {
    const ready = spawnSync(join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port)]);
    if (ready.status === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("PostgreSQL did not start");
}, 60_000);

afterAll(() => {
  server?.kill("SIGINT");
});

describe.skipIf(!bin)("the PostgreSQL checkpointer", () => {
  it("keeps a thread that another checkpointer (a new process) resumes", async () => {
    const home = tempDir();
    const config = loadConfig({ env: { CFT_CHECKPOINT_URL: url }, home });
    const thread = { configurable: { thread_id: "pg-thread" } };
    const request = {
      task: "claims",
      source: { kind: "synthetic", count: 40, seed: 7 },
      provider: "local",
      baseModel: "meta-llama/Llama-3.1-8B-Instruct",
      outDir: join(home, "data"),
      testFraction: 0.25,
      use4bit: true,
    };
    const first = await openCheckpointer(config);
    expect(first.where).toBe(url.replace("cft@", "…@"));
    await buildGraph(graphDeps(config), first.saver).invoke({ request } as never, thread);
    await first.close();

    const second = await openCheckpointer(config);
    const graph = buildGraph(graphDeps(config), second.saver);
    expect(threadReport("pg-thread", await graph.getState(thread))).toMatchObject({ stage: "data_plan" });
    await graph.invoke(new Command({ resume: { approved: true } }) as never, thread);
    expect(threadReport("pg-thread", await graph.getState(thread))).toMatchObject({
      status: "interrupted",
      stage: "fine_tune",
      audit: { verdict: "PASS" },
    });
    await second.close();
  });
});
