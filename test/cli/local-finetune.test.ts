/**
 * The self-hosted path as a user drives it: `cft finetune --provider local` (the plan from the real
 * gpu-runner, then a run through the runner stand-in with a stand-in nvidia-smi on PATH), `cft jobs
 * watch` to the adapter, and `cft export gguf`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { chatLines } from "../fakes/submissions.js";
import { FAKE_PYTHON, FAKES } from "../finetune/local-harness.js";
import { cft, tempDir, writeFile } from "../helpers.js";

const MODEL = "meta-llama/Llama-3.1-8B-Instruct";
let home: string;
let train: string;
let validation: string;
const withGpu = () => ({
  PATH: `${FAKES}:${process.env.PATH ?? ""}`,
  CFT_PYTHON: FAKE_PYTHON,
  FAKE_GPUS: "NVIDIA H100 80GB HBM3, 81559",
});
const launch = (extra: string[], env: Record<string, string>) =>
  cft(
    [
      "finetune",
      "--provider",
      "local",
      "--base-model",
      MODEL,
      "--train",
      train,
      "--validation",
      validation,
      "--use-4bit",
      "--home",
      home,
      "--json",
      ...extra,
    ],
    { env },
  );

beforeAll(() => {
  home = tempDir("cft-local-cli-");
  const dir = tempDir("cft-local-data-");
  train = writeFile(dir, "train.jsonl", chatLines(40));
  validation = writeFile(dir, "validation.jsonl", chatLines(12, "v"));
  expect(cft(["audit", train, validation, "--home", home]).code).toBe(0);
});

describe("cft finetune --provider local", () => {
  it("prints the runner's plan with the peak GPU memory, on a machine with no GPU", () => {
    const run = launch(["--plan"], {});
    expect(run.code).toBe(0);
    const { plan } = run.json();
    const estimate = plan.estimate;
    expect(estimate.kind).toBe("local");
    expect(estimate.plan.method).toBe("qlora");
    expect(estimate.plan.peakMemoryGb).toBeGreaterThan(4);
    expect(estimate.plan.peakMemoryGb).toBeLessThan(80);
    expect(estimate.plan.command).toContain("train.py");
    expect(estimate.plan.command).toContain("--use_4bit");
  });

  it("explains what it needs when there is no GPU and no remote target (exit 4), and starts nothing", () => {
    const run = launch(["--yes"], { PATH: `${FAKES}:${process.env.PATH ?? ""}`, CFT_PYTHON: FAKE_PYTHON });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/GPU/);
    expect(run.stderr).toMatch(/CFT_GPU_HOST/);
  });

  it("trains, is watched to its adapter, and exports GGUF files", () => {
    const env = withGpu();
    const started = launch(["--yes"], env);
    expect(started.code).toBe(0);
    const { runId } = started.json();

    const watched = cft(["jobs", "watch", runId, "--interval", "0.05", "--home", home, "--json"], { env });
    expect(watched.code).toBe(0);
    const final = watched.json().run;
    expect(final.status).toBe("succeeded");
    expect(final.fineTunedModel).toMatch(/adapter$/);
    expect(existsSync(final.fineTunedModel)).toBe(true);
    const status = cft(["jobs", "status", runId, "--home", home, "--json"], { env }).json();
    expect(status.checkpoints.map((c: { step: number }) => c.step)).toEqual([2]);
    expect(status.metrics.final).toMatchObject({ step: 3, trainLoss: 1.25 });
    expect(status.events.map((e: { kind: string }) => e.kind)).toContain("eval");

    // The estimate was the plan's H100 figure; once done, the actual GPU time (seconds here) replaces it.
    const { costs } = cft(["jobs", "list", "--home", home, "--json"], { env }).json();
    expect(costs.estimatedUsd).toBe(0.17);
    expect(costs.cumulativeUsd).toBe(costs.actualUsd);
    expect(costs.actualUsd).toBeLessThan(0.17);

    const exported = cft(["export", "gguf", runId, "--quantize", "Q4_K_M,Q8_0", "--home", home, "--json"], {
      env,
    });
    expect(exported.code).toBe(0);
    const result = exported.json();
    expect(result.adapter).toBe(final.fineTunedModel);
    expect(result.files.map((f: { path: string }) => f.path.split("/").pop())).toEqual([
      "model-f16.gguf",
      "model-Q4_K_M.gguf",
      "model-Q8_0.gguf",
    ]);
    expect(result.files[0].path.startsWith(join(home))).toBe(true);

    const noLlama = cft(["export", "gguf", runId, "--home", home], {
      env: { ...env, FAKE_RUNNER_MODE: "no-llama" },
    });
    expect(noLlama.code).toBe(4);
    expect(noLlama.stderr).toMatch(/llama\.cpp not found/);

    const badType = cft(["export", "gguf", runId, "--quantize", "Q4-ish", "--home", home], { env });
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/--quantize/);
  });

  it("refuses to export a run it does not know, or without an adapter to start from", () => {
    expect(cft(["export", "gguf", "run-20990101-00000000", "--home", home]).code).toBe(2);
    const bare = cft(["export", "gguf", "--home", home]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/--adapter/);
  });
});
