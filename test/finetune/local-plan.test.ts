import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { InputError, ServiceError } from "../../src/errors.js";
import { parsePlan, planArgs, planLocal, runnerArgs } from "../../src/finetune/local/plan.js";
import { launchArgv } from "../../src/finetune/local/runner-args.js";
import { RUNNER_DIR } from "../../src/finetune/local/runner-path.js";
import { tempDir, writeFile } from "../helpers.js";
import { FAKE_PYTHON } from "./local-harness.js";

const input = (dir: string) => ({
  baseModel: "meta-llama/Llama-3.1-8B-Instruct",
  train: writeFile(
    dir,
    "train.jsonl",
    '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"ok"}]}\n',
  ),
  outputDir: join(dir, "out"),
  hyperparameters: { epochs: 2, loraR: 8, use4bit: true },
});

const fakeConfig = (dir: string) => loadConfig({ env: { CFT_PYTHON: FAKE_PYTHON }, cwd: dir, home: dir });

describe("runner flags", () => {
  it("maps every hyperparameter to its train.py flag, leaving unset ones to the runner", () => {
    expect(
      runnerArgs({
        epochs: 3,
        batchSize: 4,
        gradAccum: 2,
        learningRate: 0.0002,
        loraR: 16,
        loraAlpha: 32,
        loraDropout: 0.05,
        targetModules: "q_proj,v_proj",
        maxSeqLen: 1024,
        use4bit: true,
        packing: true,
        seed: 7,
        learningRateMultiplier: 2,
      }),
    ).toEqual([
      "--epochs",
      "3",
      "--batch_size",
      "4",
      "--grad_accum",
      "2",
      "--learning_rate",
      "0.0002",
      "--lora_r",
      "16",
      "--lora_alpha",
      "32",
      "--lora_dropout",
      "0.05",
      "--max_seq_len",
      "1024",
      "--seed",
      "7",
      "--target_modules",
      "q_proj,v_proj",
      "--use_4bit",
      "--packing",
    ]);
    expect(runnerArgs({ use4bit: false, packing: false })).toEqual([]);
    expect(() => runnerArgs({ epochs: Number.NaN })).toThrow(InputError);
  });

  it("launches through accelerate only for more than one GPU", () => {
    expect(launchArgv("python3", "t.py", ["--x"], 1)).toEqual(["python3", "t.py", "--x"]);
    expect(launchArgv("python3", "t.py", ["--x"], 4)).toEqual([
      "python3",
      "-m",
      "accelerate.commands.launch",
      "--num_processes",
      "4",
      "t.py",
      "--x",
    ]);
  });

  it("adds the plan-only flags", () => {
    const args = planArgs({ ...input(tempDir()), gpu: "H100-80GB", numGpus: 2, datasetTokens: 1000 });
    expect(args[0]).toBe(join(RUNNER_DIR, "train.py"));
    expect(args.slice(-8)).toEqual([
      "--plan",
      "--json",
      "--gpu",
      "H100-80GB",
      "--num_gpus",
      "2",
      "--dataset_tokens",
      "1000",
    ]);
  });
});

describe("planLocal with the stand-in runner", () => {
  it("returns the plan camelCased", async () => {
    const dir = tempDir();
    const plan = await planLocal({ ...input(dir), datasetTokens: 5000, gpu: "H100-80GB" }, fakeConfig(dir));
    expect(plan.peakMemoryGb).toBe(10.2);
    expect(plan.memoryGb.peak).toBe(10.2);
    expect(plan.method).toBe("qlora");
    expect(plan.lora.r).toBe(8);
    expect(plan.training.epochs).toBe(2);
    expect(plan.dataset).toEqual({
      examples: 900,
      validationExamples: 100,
      tokens: 5000,
      tokensSource: "given",
    });
    expect(plan.gpus).toEqual([
      expect.objectContaining({ gpu: "H100-80GB", vramGb: 80, fits: true, costUsd: 0.17, usdPerHour: 2.5 }),
    ]);
    expect(plan.recommendedGpu).toBe("H100-80GB");
    expect(plan.command).toContain("--base_model meta-llama/Llama-3.1-8B-Instruct");
  });

  it("reports the runner's refusal of its input as bad input (exit 2)", async () => {
    const dir = tempDir();
    const error = await planLocal(input(dir), fakeConfig(dir), {
      env: { ...process.env, FAKE_RUNNER_MODE: "bad-input" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(2);
    expect((error as Error).message).toContain("--dataset missing.jsonl: no such file");
  });

  it("says to install Python or set CFT_PYTHON when the interpreter is missing (exit 4)", async () => {
    const dir = tempDir();
    const config = loadConfig({ env: { CFT_PYTHON: join(dir, "no-such-python") }, cwd: dir, home: dir });
    const error = await planLocal(input(dir), config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).exitCode).toBe(4);
    expect((error as ServiceError).hint).toMatch(/Python ≥ 3\.9.*CFT_PYTHON/);
  });

  it("reports another failure with the end of the runner's stderr (exit 4)", async () => {
    const dir = tempDir();
    const script = writeFile(dir, "boom", "#!/bin/sh\necho 'Traceback: something broke' >&2\nexit 1\n");
    const { chmodSync } = await import("node:fs");
    chmodSync(script, 0o755);
    const config = loadConfig({ env: { CFT_PYTHON: script }, cwd: dir, home: dir });
    await expect(planLocal(input(dir), config)).rejects.toThrow(/exit 1.*something broke/s);
  });

  it("refuses a plan it cannot read instead of guessing", () => {
    expect(() => parsePlan("not json")).toThrow(ServiceError);
    expect(() => parsePlan('{"event":"plan","base_model":"m"}')).toThrow(/cannot read \(model/);
  });
});

const REAL_TRAIN = join(RUNNER_DIR, "train.py");

describe.skipIf(!existsSync(REAL_TRAIN))("planLocal with the real gpu-runner", () => {
  it("reads the real --plan --json", async () => {
    const dir = tempDir();
    const config = loadConfig({ env: {}, cwd: dir, home: dir });
    const plan = await planLocal({ ...input(dir), datasetTokens: 20_000, numGpus: 1 }, config);
    expect(plan.baseModel).toBe("meta-llama/Llama-3.1-8B-Instruct");
    expect(plan.dataset.tokensSource).toBe("given");
    expect(plan.dataset.tokens).toBe(20_000);
    expect(plan.training.epochs).toBe(2);
    expect(plan.lora.r).toBe(8);
    expect(plan.peakMemoryGb).toBeGreaterThan(0);
    expect(plan.gpus.length).toBeGreaterThan(0);
    expect(plan.command).toContain("train.py");
    expect(plan.command).toContain("--lora_r 8");
    expect(Array.isArray(plan.warnings)).toBe(true);
  });

  it("turns the real runner's refusal (an unreadable dataset) into bad input", async () => {
    const dir = tempDir();
    const config = loadConfig({ env: {}, cwd: dir, home: dir });
    const error = await planLocal({ ...input(dir), train: join(dir, "missing.jsonl") }, config).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain("missing.jsonl");
  });
});
