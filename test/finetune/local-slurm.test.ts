import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { createLocalProvider } from "../../src/finetune/local/local-provider.js";
import { mapSlurmState, parseSbatch, slurmScript } from "../../src/finetune/local/slurm-job.js";
import { clearedSubmission, FAKE_PYTHON, type Sandbox, sandbox, waitFor } from "./local-harness.js";

let boxes: Sandbox[] = [];
afterEach(() => {
  for (const box of boxes) box.cleanup();
  boxes = [];
});

function setup(cftEnv: Record<string, string> = {}, env: Record<string, string> = {}, slurm = {}) {
  const box = sandbox(env);
  box.env.FAKE_SLURM_HOLD = box.holdFile;
  boxes.push(box);
  const config = box.config({ CFT_SLURM_PARTITION: "gpu-a100", ...cftEnv });
  return { box, provider: createLocalProvider(config, { home: box.home, env: box.env, slurm }) };
}

describe("SLURM batch script and states", () => {
  it("writes partition, GPUs, time limit, job name, output files and the srun command", () => {
    const script = slurmScript({
      runId: "run-7",
      partition: "gpu-a100",
      gpus: 2,
      timeLimit: "12:00:00",
      command: [
        "python3",
        "-m",
        "accelerate.commands.launch",
        "--num_processes",
        "2",
        "gpu-runner/train.py",
        "--base_model",
        "a b",
      ],
    });
    expect(script.startsWith("#!/bin/bash\n")).toBe(true);
    for (const line of [
      "#SBATCH --job-name=cft-run-7",
      "#SBATCH --partition=gpu-a100",
      "#SBATCH --gres=gpu:2",
      "#SBATCH --time=12:00:00",
      "#SBATCH --output=events.jsonl",
      "#SBATCH --error=runner.log",
      "srun python3 -m accelerate.commands.launch --num_processes 2 gpu-runner/train.py --base_model 'a b'",
    ])
      expect(script.split("\n")).toContain(line);
    expect(() =>
      slurmScript({ runId: "r", partition: "gpu\n#SBATCH --x", gpus: 1, timeLimit: "1", command: [] }),
    ).toThrow(InputError);
  });

  it("maps SLURM states to job states", () => {
    expect(mapSlurmState("PENDING").phase).toBe("queued");
    expect(mapSlurmState("RUNNING").phase).toBe("running");
    expect(mapSlurmState("COMPLETING").phase).toBe("running");
    expect(mapSlurmState(" COMPLETED ")).toMatchObject({ phase: "ended", providerStatus: "COMPLETED" });
    expect(mapSlurmState("CANCELLED by 1000")).toMatchObject({ phase: "ended", endedAs: "cancelled" });
    for (const state of ["FAILED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL"])
      expect(mapSlurmState(state)).toMatchObject({
        phase: "ended",
        endedAs: "failed",
        providerStatus: state,
      });
    expect(mapSlurmState("TIMEOUT").reason).toMatch(/time limit/);
    expect(mapSlurmState("")).toMatchObject({ phase: "unknown" });
    expect(mapSlurmState("WEIRD_NEW_STATE")).toMatchObject({
      phase: "unknown",
      providerStatus: "WEIRD_NEW_STATE",
    });
    expect(parseSbatch("4242\n")).toBe("4242");
    expect(parseSbatch("4242;cluster\n")).toBe("4242");
    expect(parseSbatch("sbatch: error")).toBeUndefined();
  });
});

describe("local provider on a SLURM cluster", () => {
  it("submits a batch job, follows it from queued to succeeded", async () => {
    const { box, provider } = setup();
    expect(provider.target).toBe("SLURM partition gpu-a100");
    const submission = await clearedSubmission(box, "run-slurm");
    const first = await provider.submit(submission);
    expect(first.status).toBe("queued");
    expect(first.providerStatus).toBe("PENDING");

    // Without CFT_GPU_WORKDIR the run folder itself is the stage folder.
    const runDir = submission.runDir;
    const job = JSON.parse(readFileSync(join(runDir, "job.json"), "utf8"));
    expect(job).toMatchObject({
      placement: "slurm",
      slurmJobId: "1001",
      workDir: runDir,
      pid: null,
      host: null,
    });
    const script = readFileSync(join(runDir, "job.sbatch"), "utf8");
    expect(script).toContain("#SBATCH --partition=gpu-a100");
    expect(script).toContain("#SBATCH --gres=gpu:1");
    expect(script).toContain("#SBATCH --job-name=cft-run-slurm");
    expect(script).toContain(
      `srun ${FAKE_PYTHON} gpu-runner/train.py --base_model meta-llama/Llama-3.1-8B-Instruct`,
    );
    expect(existsSync(join(runDir, "gpu-runner", "PROTOCOL.md"))).toBe(true);
    expect(box.calls()).toContain("sbatch --parsable job.sbatch");

    box.release();
    // The done event means success even while SLURM still lists the job as RUNNING.
    const done = await waitFor(
      () => provider.status("run-slurm"),
      (s) => s.status === "succeeded",
    );
    expect(done.fineTunedModel).toBe(join(runDir, "output", "adapter"));
    // Once the job has left the queue, sacct tells its final state.
    const gone = await waitFor(
      () => provider.status("run-slurm"),
      (s) => s.providerStatus === "COMPLETED",
    );
    expect(gone.status).toBe("succeeded");
    expect(box.calls()).toContain("sacct -j 1001");
    expect((await provider.metrics("run-slurm"))?.final?.trainLoss).toBe(1.25);
  });

  it("cancels with scancel", async () => {
    const { box, provider } = setup();
    await provider.submit(await clearedSubmission(box, "run-slurm-cancel"));
    const cancelled = await provider.cancel("run-slurm-cancel");
    expect(cancelled.status).toBe("cancelled");
    expect(box.calls()).toContain("scancel 1001");
    expect(readFileSync(join(box.slurmDir, "1001.state"), "utf8").trim()).toBe("CANCELLED");
  });

  it("fails with SLURM's reason when the job ends without a final event (TIMEOUT)", async () => {
    const { box, provider } = setup({}, { FAKE_RUNNER_MODE: "crash", FAKE_SLURM_FINAL: "TIMEOUT" });
    const submission = await clearedSubmission(box, "run-slurm-timeout");
    await provider.submit(submission);
    box.release();
    const failed = await waitFor(
      () => provider.status("run-slurm-timeout"),
      (s) => s.status === "failed",
    );
    expect(failed.providerStatus).toBe("TIMEOUT");
    expect(failed.error).toBe(
      `the SLURM job reached its time limit (TIMEOUT); see ${join(submission.runDir, "runner.log")}`,
    );
  });

  it("stages in CFT_GPU_WORKDIR and drives SLURM through a login host over SSH", async () => {
    const { box, provider } = setup(
      { CFT_GPU_HOST: "me@login01", CFT_GPU_WORKDIR: "~/scratch/cft" },
      {},
      { gpus: 2, timeLimit: "02:00:00" },
    );
    expect(provider.target).toBe("SLURM partition gpu-a100 via me@login01");
    const submission = await clearedSubmission(box, "run-slurm-ssh");
    await provider.submit(submission);
    const stage = join(box.remoteHome, "scratch", "cft", "run-slurm-ssh");
    const script = readFileSync(join(stage, "job.sbatch"), "utf8");
    expect(script).toContain("#SBATCH --gres=gpu:2");
    expect(script).toContain("#SBATCH --time=02:00:00");
    expect(script).toContain(
      "srun python3 -m accelerate.commands.launch --num_processes 2 gpu-runner/train.py",
    );
    expect(existsSync(join(stage, "data", "train.jsonl"))).toBe(true);
    expect(
      box.calls().some((c) => c.startsWith("ssh me@login01\t") && c.includes("sbatch --parsable job.sbatch")),
    ).toBe(true);

    box.release();
    const done = await waitFor(
      () => provider.status("run-slurm-ssh"),
      (s) => s.status === "succeeded",
    );
    expect(done.fineTunedModel).toBe(`me@login01:${stage}/output/adapter`);
    expect(readFileSync(join(submission.runDir, "events.jsonl"), "utf8")).toContain('"event":"done"');
  });
});
