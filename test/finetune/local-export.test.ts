import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { InputError, ServiceError } from "../../src/errors.js";
import { exportArgs, exportGguf, type GgufEvent } from "../../src/finetune/local/export-gguf.js";
import { RUNNER_DIR } from "../../src/finetune/local/runner-path.js";
import { tempDir } from "../helpers.js";
import { FAKE_PYTHON } from "./local-harness.js";

const input = (dir: string) => ({
  baseModel: "meta-llama/Llama-3.1-8B-Instruct",
  adapterDir: join(dir, "adapter"),
  outputDir: join(dir, "gguf"),
  quantize: ["Q4_K_M", "Q8_0"],
  dtype: "bfloat16" as const,
  llamaCpp: "/opt/llama.cpp",
});
const config = (dir: string) => loadConfig({ env: { CFT_PYTHON: FAKE_PYTHON }, cwd: dir, home: dir });

describe("GGUF export", () => {
  it("streams the events and resolves with the done event's files", async () => {
    const dir = tempDir();
    const seen: GgufEvent[] = [];
    const files = await exportGguf(input(dir), config(dir), (e) => seen.push(e));
    expect(seen.map((e) => e.event)).toEqual([
      "start",
      "merged",
      "converted",
      "quantized",
      "quantized",
      "done",
    ]);
    expect(files).toEqual([
      { path: join(dir, "gguf", "model-f16.gguf") },
      { path: join(dir, "gguf", "model-Q4_K_M.gguf"), type: "Q4_K_M", bytes: 1234, sha256: "f".repeat(64) },
      { path: join(dir, "gguf", "model-Q8_0.gguf"), type: "Q8_0", bytes: 1234, sha256: "f".repeat(64) },
    ]);
  });

  it("throws the runner's error (llama.cpp not found) as a service failure", async () => {
    const dir = tempDir();
    const seen: string[] = [];
    const error = await exportGguf(input(dir), config(dir), (e) => seen.push(e.event), {
      env: { ...process.env, FAKE_RUNNER_MODE: "no-llama" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toMatch(/llama\.cpp not found/);
    expect(seen).toEqual(["start", "merged", "error"]);
  });

  it("passes the flags of PROTOCOL.md", () => {
    expect(exportArgs(input("/d")).slice(1)).toEqual([
      "--base_model",
      "meta-llama/Llama-3.1-8B-Instruct",
      "--adapter",
      "/d/adapter",
      "--output_dir",
      "/d/gguf",
      "--dtype",
      "bfloat16",
      "--quantize",
      "Q4_K_M,Q8_0",
      "--llama_cpp",
      "/opt/llama.cpp",
    ]);
  });
});

describe.skipIf(!existsSync(join(RUNNER_DIR, "merge_and_convert.py")))(
  "GGUF export with the real gpu-runner",
  () => {
    const realConfig = (dir: string) => loadConfig({ env: {}, cwd: dir, home: dir });

    it("reports a folder that is not an adapter as bad input, with the runner's words", async () => {
      const dir = tempDir();
      mkdirSync(join(dir, "adapter"));
      const seen: string[] = [];
      const error = await exportGguf({ ...input(dir), llamaCpp: undefined }, realConfig(dir), (e) =>
        seen.push(e.event),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(/no adapter_config\.json/);
      expect(seen.at(-1)).toBe("error");
    });

    it("leaves the quantization names to the runner", async () => {
      const dir = tempDir();
      const error = await exportGguf({ ...input(dir), quantize: ["Q99"] }, realConfig(dir)).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(/Q99/);
    });
  },
);
