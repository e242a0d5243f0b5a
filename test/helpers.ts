/** Shared test helpers: temporary folders and running the real `bin/cft`. */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const CFT = join(ROOT, "bin", "cft");

export function tempDir(prefix = "cft-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes FILE in DIR with CONTENT (string or bytes) and returns its path. */
export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws if it is not exactly one JSON value). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON output
  json: () => any;
}

/** Runs bin/cft as a user would, with a clean environment (no service credentials). */
export function cft(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    CI: "true",
  };
  const result = spawnSync(process.execPath, [CFT, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...env, ...options.env },
    encoding: "utf8",
  });
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    json: () => JSON.parse(result.stdout),
  };
}

/**
 * Like `cft`, but without blocking the event loop: needed when the test process also serves the HTTP
 * endpoints (fake OpenAI, Azure, Slack…) that the CLI talks to.
 */
export function cftAsync(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): Promise<CliRun> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    CI: "true",
  };
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CFT, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      resolvePromise({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) }),
    );
    child.stdin.end(options.input ?? "");
  });
}
