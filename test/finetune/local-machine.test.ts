import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GateError, ServiceError } from "../../src/errors.js";
import type { ClearedSubmission } from "../../src/finetune/clearance.js";
import { createLocalProvider } from "../../src/finetune/local/local-provider.js";
import { RUNNER_DIR } from "../../src/finetune/local/runner-path.js";
import { clearedSubmission, H100, type Sandbox, sandbox, waitFor } from "./local-harness.js";

let boxes: Sandbox[] = [];
afterEach(() => {
  for (const box of boxes) box.cleanup();
  boxes = [];
});

function setup(env: Record<string, string> = {}) {
  const box = sandbox({ FAKE_GPUS: H100, FAKE_RUNNER_HOLD: "", ...env });
  box.env.FAKE_RUNNER_HOLD = box.holdFile;
  boxes.push(box);
  const provider = createLocalProvider(box.config(), { home: box.home, env: box.env });
  return { box, provider };
}

describe("local provider on this machine", () => {
  it("refuses without a visible GPU, saying what it needs and that --plan works anywhere (exit 4)", async () => {
    const box = sandbox();
    boxes.push(box);
    const provider = createLocalProvider(box.config(), { home: box.home, env: box.env });
    const error = await provider.submit(await clearedSubmission(box, "run-nogpu")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).exitCode).toBe(4);
    expect((error as ServiceError).message).toMatch(/NVIDIA GPU.*nvidia-smi/);
    expect((error as ServiceError).hint).toMatch(
      /CFT_GPU_HOST.*CFT_SLURM_PARTITION.*--provider local --plan/s,
    );
    expect(box.runnerCalls()).toEqual([]);
    expect(existsSync(join(box.home, "runs", "run-nogpu", "job.json"))).toBe(false);
  });

  it("trains through the runner: running, then succeeded with the adapter, events and metrics", async () => {
    const { box, provider } = setup();
    const submission = await clearedSubmission(box, "run-1");
    const progress: string[] = [];
    const first = await provider.submit(submission, (m) => progress.push(m));
    expect(first.jobId).toBe("run-1");
    expect(provider.target).toBe("this machine");
    expect(progress.join("\n")).toContain("NVIDIA H100");

    const running = await waitFor(
      () => provider.status("run-1"),
      (s) => s.progress !== null,
    );
    expect(running.status).toBe("running");
    expect(running.progress).toEqual({ step: 1, totalSteps: 3, trainLoss: 2.5 });

    box.release();
    const done = await waitFor(
      () => provider.status("run-1"),
      (s) => s.status === "succeeded",
    );
    const runDir = submission.runDir;
    expect(done.fineTunedModel).toBe(join(runDir, "output", "adapter"));
    expect(done.trainedTokens).toBe(4321);
    expect(done.error).toBeNull();
    expect(existsSync(join(runDir, "output", "adapter"))).toBe(true);

    // The runner got the staged copies of the audited files and the hyperparameters as flags.
    const [call] = box.runnerCalls();
    expect(call?.cwd).toBe(runDir);
    expect(call?.argv).toEqual(
      expect.arrayContaining([
        "--dataset",
        join(runDir, "data", "train.jsonl"),
        "--lora_r",
        "8",
        "--use_4bit",
      ]),
    );
    expect(readFileSync(join(runDir, "data", "train.jsonl"), "utf8")).toBe(
      readFileSync(submission.files[0]!.path, "utf8"),
    );

    const job = JSON.parse(readFileSync(join(runDir, "job.json"), "utf8"));
    expect(job).toMatchObject({ placement: "machine", runId: "run-1", numGpus: 1, host: null });
    expect(job.pid).toBeGreaterThan(0);
    expect(job.command[1]).toMatch(/gpu-runner\/train\.py$/);
    expect(readFileSync(join(runDir, "runner.log"), "utf8")).toContain("fake training");

    const events = await provider.events("run-1");
    expect(events.map((e) => e.kind)).toEqual([
      "start",
      "progress",
      "progress",
      "eval",
      "checkpoint",
      "progress",
      "done",
    ]);
    expect(events.map((e) => Number(e.id))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await provider.events("run-1", "5")).map((e) => e.kind)).toEqual(["progress", "done"]);

    const metrics = await provider.metrics("run-1");
    expect(metrics?.rows.map((r) => [r.step, r.trainLoss, r.validLoss])).toEqual([
      [1, 2.5, null],
      [2, 1.75, 1.9],
      [3, 1.25, null],
    ]);
    // A run is followed where it started, even once the configuration points elsewhere.
    const elsewhere = createLocalProvider(box.config({ CFT_GPU_HOST: "gpu99" }), {
      home: box.home,
      env: box.env,
    });
    expect((await elsewhere.status("run-1")).status).toBe("succeeded");
    expect(box.calls().some((c) => c.startsWith("ssh"))).toBe(false);

    expect(await provider.checkpoints("run-1")).toEqual([
      {
        id: "checkpoint-2",
        step: 2,
        model: join(runDir, "output", "checkpoint-2"),
        metrics: { trainLoss: 1.75, validLoss: 1.9 },
      },
    ]);
  });

  it("is idempotent: a second submit of the run returns the job without starting another", async () => {
    const { box, provider } = setup();
    const submission = await clearedSubmission(box, "run-twice");
    await provider.submit(submission);
    const again = await provider.submit(submission);
    expect(again.jobId).toBe("run-twice");
    // Starting a run begins with GPU detection, done before submit returns: once means one start.
    expect(box.calls().filter((c) => c.startsWith("nvidia-smi"))).toHaveLength(1);
    await waitFor(
      () => provider.status("run-twice"),
      (s) => s.progress !== null,
    );
    expect(box.runnerCalls()).toHaveLength(1);
    expect((await provider.findRun("run-twice"))?.jobId).toBe("run-twice");
    expect(await provider.findRun("never-started")).toBeUndefined();
  });

  it("cancels: stops the runner's process group and records the cancellation", async () => {
    const { box, provider } = setup();
    const submission = await clearedSubmission(box, "run-cancel");
    await provider.submit(submission);
    await waitFor(
      () => provider.status("run-cancel"),
      (s) => s.progress !== null,
    );
    const pid = JSON.parse(readFileSync(join(submission.runDir, "job.json"), "utf8")).pid as number;
    const cancelled = await provider.cancel("run-cancel");
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.finishedAt).not.toBeNull();
    expect(readFileSync(join(submission.runDir, "cancelled"), "utf8")).toMatch(/"time"/);
    await waitFor(
      async () => {
        try {
          process.kill(pid, 0);
          return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
        } catch {
          return false;
        }
      },
      (alive) => !alive,
    );
    expect((await provider.status("run-cancel")).status).toBe("cancelled");
    // Cancelling a finished run changes nothing.
    expect((await provider.cancel("run-cancel")).status).toBe("cancelled");
  });

  it("fails with the runner's message when it reports an error", async () => {
    const { box, provider } = setup({ FAKE_RUNNER_MODE: "error" });
    await provider.submit(await clearedSubmission(box, "run-error"));
    const failed = await waitFor(
      () => provider.status("run-error"),
      (s) => s.status === "failed",
    );
    expect(failed.error).toBe("CUDA out of memory: lower --batch_size or use --use_4bit");
    expect((await provider.events("run-error")).at(-1)).toMatchObject({ kind: "error", level: "error" });
  });

  it("fails pointing at runner.log when the runner stops without a final event", async () => {
    const { box, provider } = setup({ FAKE_RUNNER_MODE: "crash" });
    const submission = await clearedSubmission(box, "run-crash");
    await provider.submit(submission);
    box.release();
    const failed = await waitFor(
      () => provider.status("run-crash"),
      (s) => s.status === "failed",
    );
    expect(failed.error).toBe(
      `the runner stopped without a final event; see ${join(submission.runDir, "runner.log")}`,
    );
  });

  it("uses accelerate across several visible GPUs", async () => {
    const { box, provider } = setup({ FAKE_GPUS: `${H100};${H100}` });
    await provider.submit(await clearedSubmission(box, "run-multi"));
    box.release();
    await waitFor(
      () => provider.status("run-multi"),
      (s) => s.status === "succeeded",
    );
    expect(box.runnerCalls()[0]?.argv.slice(0, 4)).toEqual([
      "-m",
      "accelerate.commands.launch",
      "--num_processes",
      "2",
    ]);
  });

  it("refuses a submission the gate did not issue, before any program runs", async () => {
    const { box, provider } = setup();
    const cleared = await clearedSubmission(box, "run-forged");
    const forged = { ...cleared } as ClearedSubmission;
    await expect(provider.submit(forged)).rejects.toBeInstanceOf(GateError);
    expect(box.calls()).toEqual([]);
    expect(existsSync(cleared.runDir)).toBe(false);
  });

  it("refuses a dataset edited after its audit", async () => {
    const { box, provider } = setup();
    const submission = await clearedSubmission(box, "run-edited");
    writeFileSync(submission.files[0]!.path, '{"messages":[]}\n');
    await expect(provider.submit(submission)).rejects.toThrow(/changed after its audit/);
    expect(box.runnerCalls()).toEqual([]);
    expect(existsSync(join(submission.runDir, "job.json"))).toBe(false);
  });

  it("says which run is unknown", async () => {
    const { provider } = setup();
    await expect(provider.status("nope")).rejects.toThrow(/no local run "nope"/);
    await expect(provider.status("../etc")).rejects.toThrow(/not a run id/);
  });
});

// The real train.py, on a machine without PyTorch (the stand-in nvidia-smi claims a GPU): it must answer
// with one error event that the provider reports. Skipped where torch is installed, where it would train.
const realRunner = existsSync(join(RUNNER_DIR, "train.py"));
const hasTorch = spawnSync("python3", ["-c", "import torch"]).status === 0;

describe.skipIf(!realRunner || hasTorch)("local provider with the real gpu-runner", () => {
  it("reports the runner's own refusal to train without PyTorch", async () => {
    const box = sandbox({ FAKE_GPUS: H100 });
    boxes.push(box);
    const provider = createLocalProvider(box.config({ CFT_PYTHON: "python3" }), {
      home: box.home,
      env: box.env,
    });
    await provider.submit(await clearedSubmission(box, "run-real"));
    const failed = await waitFor(
      () => provider.status("run-real"),
      (s) => s.status === "failed",
    );
    expect(failed.error).toMatch(/PyTorch is not installed/);
    expect((await provider.events("run-real")).map((e) => e.kind)).toEqual(["error"]);
  });
});
