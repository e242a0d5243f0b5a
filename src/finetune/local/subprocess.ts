/**
 * The one way the local provider runs other programs: an argument array (never a shell string), a
 * timeout, output collected with a cap, and a missing program turned into a ServiceError (exit 4) that
 * says what to install or set. A non-zero exit is returned, not thrown: callers know what it means.
 */
import { spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { ServiceError } from "../../errors.js";

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Bytes for the program's stdin: a string, or a stream piped in (a file being copied). */
  input?: string | Readable;
  /** Default 60 s. */
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Events files grow with every step; a few hundred MB is far past any real run. */
const MAX_STDOUT = 256 * 1024 * 1024;
const MAX_STDERR = 1024 * 1024;

/** What to do when a program is not installed, by program name. */
const INSTALL_HINTS: Record<string, string> = {
  ssh: "Install an OpenSSH client, or unset CFT_GPU_HOST to train on this machine.",
  tar: "Install tar: it packs gpu-runner/ for the copy to the GPU host.",
  sbatch: "Run cft on a SLURM login node (or set CFT_GPU_HOST to one), or unset CFT_SLURM_PARTITION.",
  squeue: "Run cft on a SLURM login node (or set CFT_GPU_HOST to one), or unset CFT_SLURM_PARTITION.",
  sacct: "Run cft on a SLURM login node (or set CFT_GPU_HOST to one), or unset CFT_SLURM_PARTITION.",
  scancel: "Run cft on a SLURM login node (or set CFT_GPU_HOST to one), or unset CFT_SLURM_PARTITION.",
  "nvidia-smi": "Install the NVIDIA driver (it provides nvidia-smi).",
};

export const PYTHON_HINT = "Install Python ≥ 3.9, or set CFT_PYTHON to the interpreter's path.";

/** The ServiceError for a program that could not be started (not installed, or not on PATH). */
export function missingProgram(command: string, hint?: string): ServiceError {
  const name = command.split("/").pop() ?? command;
  const fallback = /python/.test(name) ? PYTHON_HINT : `Install ${name} or put it on PATH.`;
  return new ServiceError(`\`${command}\` was not found on this machine`, {
    hint: hint ?? INSTALL_HINTS[name] ?? fallback,
  });
}

/** The last lines of a program's stderr, for an error message that stays short. */
export function tail(text: string, lines = 8): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

function collector(cap: number): { add: (chunk: Buffer) => void; text: () => string } {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    add(chunk) {
      chunks.push(chunk);
      size += chunk.length;
      // Keep the end: for stderr the last lines say why it failed.
      while (size > cap && chunks.length > 1) size -= chunks.shift()!.length;
    },
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}

/** Runs COMMAND with ARGS and resolves with its exit code and output once it ends. */
export function runCommand(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out = collector(MAX_STDOUT);
    const err = collector(MAX_STDERR);
    let timedOut = false;
    let inputError: Error | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout?.on("data", out.add);
    child.stderr?.on("data", err.add);
    if (child.stdin) {
      // A program that exits before reading all its input is reported by its exit code, not by EPIPE.
      child.stdin.on("error", () => undefined);
      if (typeof options.input === "string") child.stdin.end(options.input);
      else if (options.input) {
        options.input.on("error", (error) => {
          inputError = error;
          child.stdin?.destroy();
        });
        options.input.pipe(child.stdin);
      }
    }
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === "ENOENT" ? missingProgram(command) : new ServiceError(`${command}: ${error.message}`),
      );
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(
          new ServiceError(
            `\`${command} ${args[0] ?? ""}\` did not finish within ${Math.round(timeoutMs / 1000)} s`,
          ),
        );
        return;
      }
      if (inputError) {
        reject(
          new ServiceError(`could not read what was being sent to \`${command}\`: ${inputError.message}`),
        );
        return;
      }
      resolve({ code: code ?? (signal ? 128 : 1), stdout: out.text(), stderr: err.text() });
    });
  });
}
