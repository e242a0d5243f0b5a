/** Shared test helpers: temporary folders and running the real `bin/cft`. */
import { spawnSync } from "node:child_process";
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
