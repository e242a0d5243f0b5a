import { describe, expect, it } from "vitest";
import { detectGpus, parseNvidiaSmi } from "../../src/finetune/local/gpu-detect.js";
import { FAKES, H100 } from "./local-harness.js";

const env = (gpus?: string) => ({
  ...process.env,
  PATH: `${FAKES}:${process.env.PATH ?? ""}`,
  ...(gpus ? { FAKE_GPUS: gpus } : {}),
});

describe("GPU detection", () => {
  it("parses nvidia-smi's CSV, names with commas included", () => {
    expect(parseNvidiaSmi("NVIDIA H100 80GB HBM3, 81559\nNVIDIA L4, 23034\n\ngarbage\n")).toEqual([
      { name: "NVIDIA H100 80GB HBM3", memoryGb: 79.6 },
      { name: "NVIDIA L4", memoryGb: 22.5 },
    ]);
  });

  it("lists the GPUs nvidia-smi shows", async () => {
    expect(await detectGpus({ env: env(`${H100};${H100}`) })).toHaveLength(2);
  });

  it("finds none when nvidia-smi fails or is not installed", async () => {
    expect(await detectGpus({ env: env() })).toEqual([]);
    expect(await detectGpus({ env: { PATH: "/nonexistent" } })).toEqual([]);
  });
});
