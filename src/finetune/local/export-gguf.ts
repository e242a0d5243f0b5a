/**
 * Turning a trained adapter into GGUF files for llama.cpp: runs gpu-runner/merge_and_convert.py
 * (PROTOCOL.md), passes each of its JSON-line events on as it comes, and resolves with the files of its
 * `done` event. Its `error` event (llama.cpp not found, a merge that failed) becomes a ServiceError with
 * the runner's own sentence.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Config } from "../../config/config.js";
import { InputError, ServiceError } from "../../errors.js";
import { MERGE_SCRIPT, pythonCommand, runnerScript } from "./runner-path.js";
import { missingProgram, tail } from "./subprocess.js";

/** The usual choices (8B sizes ≈ 4.6 / 5.3 / 6.1 / 8.0 GiB); the runner accepts a few more. */
export const GGUF_QUANTIZATIONS = ["Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0"] as const;

export interface ExportGgufInput {
  baseModel: string;
  adapterDir: string;
  outputDir: string;
  /** Quantized files to make besides the f16 GGUF, e.g. ["Q4_K_M"]; empty for none. */
  quantize: readonly string[];
  /** A llama.cpp checkout (otherwise $LLAMA_CPP_DIR, or its tools on PATH). */
  llamaCpp?: string | undefined;
  /** Precision of the merged model (never 4-bit: llama.cpp converts from a full-precision merge). */
  dtype?: "float16" | "bfloat16" | undefined;
  /** Reuse a merge already in outputDir. */
  skipMerge?: boolean;
}

/** One event of merge_and_convert.py (start, merged, converted, quantized, done, error). */
export interface GgufEvent {
  event: string;
  time?: string;
  path?: string;
  type?: string;
  bytes?: number;
  sha256?: string;
  message?: string;
  files?: unknown;
  [field: string]: unknown;
}

export interface GgufFile {
  path: string;
  type?: string;
  bytes?: number;
  sha256?: string;
}

export interface ExportOptions {
  env?: NodeJS.ProcessEnv;
  runnerDir?: string;
  /** Default 6 hours: merging and converting a large model is slow on a CPU. */
  timeoutMs?: number;
}

/** merge_and_convert.py's flags; the runner itself checks the quantization names it knows. */
export function exportArgs(input: ExportGgufInput, runnerDir?: string): string[] {
  return [
    runnerScript(MERGE_SCRIPT, runnerDir),
    "--base_model",
    input.baseModel,
    "--adapter",
    input.adapterDir,
    "--output_dir",
    input.outputDir,
    ...(input.dtype ? ["--dtype", input.dtype] : []),
    ...(input.quantize.length > 0 ? ["--quantize", input.quantize.join(",")] : []),
    ...(input.llamaCpp ? ["--llama_cpp", input.llamaCpp] : []),
    ...(input.skipMerge ? ["--skip_merge"] : []),
  ];
}

/** The `done` event's files, as paths with whatever the runner said about them. */
function filesOf(done: GgufEvent, quantized: GgufFile[]): GgufFile[] {
  if (!Array.isArray(done.files)) return quantized;
  return done.files.flatMap((f): GgufFile[] => {
    if (typeof f === "string") return [quantized.find((q) => q.path === f) ?? { path: f }];
    if (f && typeof f === "object" && typeof (f as GgufEvent).path === "string") {
      const { path, type, bytes, sha256 } = f as GgufEvent;
      return [
        {
          path: path!,
          ...(type ? { type } : {}),
          ...(bytes ? { bytes } : {}),
          ...(sha256 ? { sha256 } : {}),
        },
      ];
    }
    return [];
  });
}

export function exportGguf(
  input: ExportGgufInput,
  config: Config,
  onEvent: (event: GgufEvent) => void = () => undefined,
  options: ExportOptions = {},
): Promise<GgufFile[]> {
  const args = exportArgs(input, options.runnerDir);
  const python = pythonCommand(config);
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, {
      env: { ...(options.env ?? process.env), PYTHONUNBUFFERED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let done: GgufEvent | undefined;
    let failure: GgufEvent | undefined;
    const quantized: GgufFile[] = [];
    const timer = setTimeout(() => child.kill("SIGTERM"), options.timeoutMs ?? 6 * 3600_000);
    child.stderr.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString("utf8")).slice(-64 * 1024);
    });
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      let event: GgufEvent;
      try {
        event = JSON.parse(line) as GgufEvent;
      } catch {
        return; // not an event: library chatter that reached stdout
      }
      if (!event || typeof event.event !== "string") return;
      if (event.event === "done") done = event;
      if (event.event === "error") failure = event;
      if (event.event === "quantized" && typeof event.path === "string")
        quantized.push({
          path: event.path,
          ...(event.type ? { type: event.type } : {}),
          ...(typeof event.bytes === "number" ? { bytes: event.bytes } : {}),
          ...(event.sha256 ? { sha256: event.sha256 } : {}),
        });
      onEvent(event);
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === "ENOENT" ? missingProgram(python) : error);
    });
    // "close" waits for stdout to end, so every event has been read by then.
    child.on("close", (code) => {
      clearTimeout(timer);
      // Exit 2 is the runner refusing its input (an adapter folder without adapter_config.json…).
      const Failure = code === 2 ? InputError : ServiceError;
      if (failure)
        return reject(new Failure(`GGUF export: ${failure.message ?? "the runner reported an error"}`));
      if (done && code === 0) return resolve(filesOf(done, quantized));
      if (code === 2) return reject(new InputError(`GGUF export: ${tail(stderr, 4) || "bad arguments"}`));
      reject(
        new ServiceError(
          `GGUF export stopped (exit ${code}) without a done event: ${tail(stderr) || "no message"}`,
        ),
      );
    });
  });
}
