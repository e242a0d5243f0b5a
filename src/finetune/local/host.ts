/**
 * A machine where runner files are staged and commands run: this machine, or (ssh-host.ts) a GPU host or
 * SLURM login node reached over SSH. Placements speak to a Host so SLURM works the same locally and
 * through a login host.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { cp, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type RunResult, runCommand } from "./subprocess.js";

export interface Host {
  /** In words, for messages: "this machine", "user@gpu01". */
  readonly label: string;
  /** Runs a program there (in folder CWD), by argument array. */
  run(argv: string[], options?: { cwd?: string; timeoutMs?: number }): Promise<RunResult>;
  /** Creates the folder with its parents and returns its absolute path there. */
  makeDir(path: string): Promise<string>;
  /** Copies the runner folder to DIR/gpu-runner (compiled Python caches left out). */
  copyRunner(runnerDir: string, dir: string): Promise<void>;
  /** Copies a local file to DEST there and returns the SHA-256 of the bytes that were sent. */
  copyFile(source: string, dest: string): Promise<string>;
  readText(path: string): Promise<string | undefined>;
  writeText(path: string, text: string): Promise<void>;
  /** Joins path parts with that machine's separator. */
  join(...parts: string[]): string;
  /** A path there, written so a user can find it ("user@gpu01:/home/u/x" for a remote host). */
  display(path: string): string;
}

/** A pass-through stream that hashes what flows through it: the copy is checked against what was sent. */
export function hashingStream(): { stream: Transform; hash: Hash } {
  const hash = createHash("sha256");
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { stream, hash };
}

export class LocalHost implements Host {
  readonly label = "this machine";
  constructor(private readonly env?: NodeJS.ProcessEnv) {}

  run(argv: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
    const [command, ...args] = argv;
    return runCommand(command!, args, { env: this.env, cwd: options.cwd, timeoutMs: options.timeoutMs });
  }

  async makeDir(path: string): Promise<string> {
    const absolute = resolve(path);
    await mkdir(absolute, { recursive: true });
    return absolute;
  }

  async copyRunner(runnerDir: string, dir: string): Promise<void> {
    await cp(runnerDir, resolve(dir, "gpu-runner"), {
      recursive: true,
      filter: (source) => basename(source) !== "__pycache__",
    });
  }

  async copyFile(source: string, dest: string): Promise<string> {
    const { stream, hash } = hashingStream();
    // The gate's snapshot may already be the destination: hash it in place (a copy onto itself would
    // truncate it).
    if (resolve(source) === resolve(dest)) {
      await pipeline(createReadStream(source), stream, new Writable({ write: (_c, _e, done) => done() }));
      return hash.digest("hex");
    }
    await mkdir(dirname(dest), { recursive: true });
    const partial = `${dest}.part`;
    await pipeline(createReadStream(source), stream, createWriteStream(partial));
    await rename(partial, dest);
    return hash.digest("hex");
  }

  readText(path: string): Promise<string | undefined> {
    return readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
  }

  writeText(path: string, text: string): Promise<void> {
    return writeFile(path, text);
  }

  join(...parts: string[]): string {
    return join(...parts);
  }

  display(path: string): string {
    return isAbsolute(path) ? path : resolve(path);
  }
}
