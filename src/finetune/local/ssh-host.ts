/**
 * A GPU host or SLURM login node over SSH (CFT_GPU_HOST). Every command is one string for the remote
 * shell, built with shell-quote.ts; files travel on ssh's stdin (`cat >`, `tar -x`) rather than through
 * scp, whose remote-path rules differ between its legacy and SFTP modes (a path with spaces or quotes
 * cannot be quoted right for both). BatchMode: never stop to ask for a password.
 */
import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { posix } from "node:path";
import type { Readable } from "node:stream";
import { InputError, ServiceError } from "../../errors.js";
import type { Host } from "./host.js";
import { hashingStream } from "./host.js";
import { shellCommand, shellPath } from "./shell-quote.js";
import { missingProgram, type RunResult, runCommand, tail } from "./subprocess.js";

/** ssh exits 255 when it could not connect or authenticate (the remote command's own codes pass through). */
const SSH_FAILED = 255;

/** Refuses a host that ssh could read as an option (`-oProxyCommand=…`) or that holds spaces or controls. */
export function checkHost(host: string): string {
  if (host.startsWith("-") || /[\s\p{Cc}]/u.test(host) || host === "")
    throw new InputError(`CFT_GPU_HOST "${host}" is not a host name`, [], {
      hint: "Set CFT_GPU_HOST to a host such as gpu01 or user@gpu01 (an alias from ~/.ssh/config works too).",
    });
  return host;
}

export class SshHost implements Host {
  readonly label: string;
  constructor(
    private readonly host: string,
    private readonly env?: NodeJS.ProcessEnv,
    private readonly timeoutMs = 120_000,
  ) {
    this.label = checkHost(host);
  }

  /** Runs SCRIPT with the remote user's shell; throws only when ssh itself failed. */
  async script(
    script: string,
    options: { input?: string | Readable; timeoutMs?: number } = {},
  ): Promise<RunResult> {
    const result = await runCommand("ssh", ["-o", "BatchMode=yes", "--", this.host, script], {
      env: this.env,
      input: options.input,
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
    });
    if (result.code === SSH_FAILED)
      throw new ServiceError(`ssh to ${this.host} failed: ${tail(result.stderr, 3) || "no message"}`, {
        hint: `Check that \`ssh -o BatchMode=yes ${this.host} true\` works: key-based login and a known host key.`,
      });
    return result;
  }

  /** Like script, but a non-zero exit is an error naming what was being done. */
  async must(
    what: string,
    script: string,
    options: { input?: string | Readable; timeoutMs?: number } = {},
  ): Promise<string> {
    const result = await this.script(script, options);
    if (result.code !== 0)
      throw new ServiceError(
        `${what} on ${this.host} failed (exit ${result.code}): ${tail(result.stderr, 4)}`,
      );
    return result.stdout;
  }

  run(argv: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
    const cd = options.cwd === undefined ? "" : `cd ${shellPath(options.cwd)} && `;
    return this.script(`${cd}${shellCommand(argv)}`, { timeoutMs: options.timeoutMs });
  }

  async makeDir(path: string): Promise<string> {
    const q = shellPath(path);
    const out = await this.must(`creating ${path}`, `mkdir -p ${q} && cd ${q} && pwd`);
    const absolute = out.trim().split("\n").pop() ?? "";
    if (!absolute.startsWith("/")) throw new ServiceError(`${this.host} did not report where ${path} is`);
    return absolute;
  }

  async copyRunner(runnerDir: string, dir: string): Promise<void> {
    const target = posix.join(dir, "gpu-runner");
    const tar = spawn("tar", ["-c", "-f", "-", "--exclude=__pycache__", "-C", runnerDir, "."], {
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const tarDone = new Promise<void>((resolve, reject) => {
      let stderr = "";
      tar.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      tar.on("error", (error: NodeJS.ErrnoException) =>
        reject(error.code === "ENOENT" ? missingProgram("tar") : error),
      );
      tar.on("close", (code) =>
        code === 0
          ? resolve()
          : reject(new ServiceError(`tar could not pack ${runnerDir}: ${tail(stderr, 3)}`)),
      );
    });
    const q = shellPath(target);
    await Promise.all([
      tarDone,
      this.must("copying gpu-runner/", `mkdir -p ${q} && tar -x -f - -C ${q}`, { input: tar.stdout }),
    ]);
  }

  async copyFile(source: string, dest: string): Promise<string> {
    const { stream, hash } = hashingStream();
    const file = createReadStream(source).on("error", (error) => stream.destroy(error));
    const script = `mkdir -p ${shellPath(posix.dirname(dest))} && cat > ${shellPath(dest)}`;
    await this.must(`copying ${source}`, script, {
      input: file.pipe(stream),
      timeoutMs: 60 * 60_000,
    });
    return hash.digest("hex");
  }

  async readText(path: string): Promise<string | undefined> {
    const q = shellPath(path);
    const result = await this.script(`test -f ${q} || exit 3; cat ${q}`);
    if (result.code === 3) return undefined;
    if (result.code !== 0)
      throw new ServiceError(`reading ${path} on ${this.host} failed: ${tail(result.stderr, 3)}`);
    return result.stdout;
  }

  async writeText(path: string, text: string): Promise<void> {
    await this.must(`writing ${path}`, `cat > ${shellPath(path)}`, { input: text });
  }

  join(...parts: string[]): string {
    return posix.join(...parts);
  }

  display(path: string): string {
    return `${this.host}:${path}`;
  }
}
