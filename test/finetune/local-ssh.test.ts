import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InputError, ServiceError } from "../../src/errors.js";
import { createLocalProvider } from "../../src/finetune/local/local-provider.js";
import { startScript } from "../../src/finetune/local/placement-ssh.js";
import { clearedSubmission, H100, type Sandbox, sandbox, waitFor } from "./local-harness.js";

let boxes: Sandbox[] = [];
afterEach(() => {
  for (const box of boxes) box.cleanup();
  boxes = [];
});

function setup(cftEnv: Record<string, string> = {}, env: Record<string, string> = {}) {
  const box = sandbox({ FAKE_GPUS: H100, ...env });
  box.env.FAKE_RUNNER_HOLD = box.holdFile;
  boxes.push(box);
  const config = box.config({ CFT_GPU_HOST: "trainer@gpu01", ...cftEnv });
  return { box, provider: createLocalProvider(config, { home: box.home, env: box.env }) };
}

const sshCalls = (box: Sandbox) => box.calls().filter((c) => c.startsWith("ssh "));

describe("local provider on a GPU host over SSH", () => {
  it("copies the runner and data, starts it remotely and follows it to success", async () => {
    const { box, provider } = setup();
    expect(provider.target).toBe("trainer@gpu01 over SSH");
    const submission = await clearedSubmission(box, "run-ssh");
    const first = await provider.submit(submission);
    expect(first.status).toBe("running");

    const remote = join(box.remoteHome, "cft-runs", "run-ssh");
    expect(readFileSync(join(remote, "data", "train.jsonl"), "utf8")).toBe(
      readFileSync(submission.files[0]!.path, "utf8"),
    );
    expect(existsSync(join(remote, "data", "validation.jsonl"))).toBe(true);
    expect(existsSync(join(remote, "gpu-runner", "PROTOCOL.md"))).toBe(true);

    const job = JSON.parse(readFileSync(join(submission.runDir, "job.json"), "utf8"));
    expect(job).toMatchObject({ placement: "ssh", host: "trainer@gpu01", workDir: remote });
    expect(job.command.slice(0, 2)).toEqual(["python3", "gpu-runner/train.py"]);

    box.release();
    const done = await waitFor(
      () => provider.status("run-ssh"),
      (s) => s.status === "succeeded",
    );
    expect(done.fineTunedModel).toBe(`trainer@gpu01:${remote}/output/adapter`);
    expect(existsSync(join(remote, "output", "adapter"))).toBe(true);
    const [call] = box.runnerCalls();
    expect(call?.cwd).toBe(remote);
    expect(call?.argv).toEqual(
      expect.arrayContaining(["--dataset", "data/train.jsonl", "--output_dir", "output"]),
    );

    // Every ssh call is non-interactive and goes to the configured host.
    expect(sshCalls(box).every((c) => c.startsWith("ssh trainer@gpu01\t"))).toBe(true);
    // The run folder keeps a copy of the remote events.
    expect(readFileSync(join(submission.runDir, "events.jsonl"), "utf8")).toContain('"event":"done"');
    expect((await provider.events("run-ssh")).map((e) => e.kind).at(-1)).toBe("done");
    expect((await provider.checkpoints("run-ssh"))[0]?.model).toBe(
      `trainer@gpu01:${remote}/output/checkpoint-2`,
    );
  });

  it("quotes paths with spaces, quotes and dollars on the way through the remote shell", async () => {
    const workdir = `~/runs with 'single' "double" $HOME \`x\``;
    const { box, provider } = setup({ CFT_GPU_WORKDIR: workdir });
    const dataDir = join(box.dir, `my data 'v1' "final" $(x)`);
    const submission = await clearedSubmission(box, "run-quoted", {
      dataDir,
      hyperparameters: { targetModules: "q_proj, v_proj" },
    });
    await provider.submit(submission);
    box.release();
    const done = await waitFor(
      () => provider.status("run-quoted"),
      (s) => s.status === "succeeded",
    );

    const remote = join(box.remoteHome, `runs with 'single' "double" $HOME \`x\``, "run-quoted");
    expect(readFileSync(join(remote, "data", "train.jsonl"), "utf8")).toBe(
      readFileSync(submission.files[0]!.path, "utf8"),
    );
    expect(done.fineTunedModel).toBe(`trainer@gpu01:${remote}/output/adapter`);
    const [call] = box.runnerCalls();
    expect(call?.cwd).toBe(remote);
    expect(call?.argv).toEqual(expect.arrayContaining(["--target_modules", "q_proj, v_proj"]));
  });

  it("cancels by signalling the remote runner", async () => {
    const { box, provider } = setup();
    await provider.submit(await clearedSubmission(box, "run-ssh-cancel"));
    await waitFor(
      () => provider.status("run-ssh-cancel"),
      (s) => s.progress !== null,
    );
    const cancelled = await provider.cancel("run-ssh-cancel");
    expect(cancelled.status).toBe("cancelled");
    expect(sshCalls(box).some((c) => /\tkill -TERM -\d+ /.test(c))).toBe(true);
    const gone = await waitFor(
      () => provider.status("run-ssh-cancel"),
      (s) => s.providerStatus === "exited",
    );
    expect(gone.status).toBe("cancelled");
  });

  it("refuses when the host shows no GPU", async () => {
    const { box, provider } = setup({}, { FAKE_GPUS: "" });
    const error = await provider
      .submit(await clearedSubmission(box, "run-ssh-nogpu"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toBe("trainer@gpu01 shows no GPU to nvidia-smi");
  });

  it("reports an unreachable host as a service failure with what to check", async () => {
    const { box, provider } = setup({}, { FAKE_SSH_FAIL: "1" });
    const error = await provider
      .submit(await clearedSubmission(box, "run-ssh-down"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).message).toMatch(/ssh to trainer@gpu01 failed: .*Connection refused/);
    expect((error as ServiceError).hint).toContain("ssh -o BatchMode=yes trainer@gpu01 true");
  });

  it("refuses a host that ssh would read as an option", () => {
    const box = sandbox();
    boxes.push(box);
    for (const host of ["-oProxyCommand=touch /tmp/pwned", "gpu01 -v"])
      expect(() =>
        createLocalProvider(box.config({ CFT_GPU_HOST: host }), { home: box.home, env: box.env }),
      ).toThrow(InputError);
  });

  it("starts the runner in the background and prints its pid", () => {
    expect(startScript("/w/a b", ["python3", "gpu-runner/train.py", "--base_model", "x y"])).toBe(
      "cd '/w/a b' || exit 1; export PYTHONUNBUFFERED=1; " +
        "if command -v setsid > /dev/null 2>&1; then " +
        "setsid nohup python3 gpu-runner/train.py --base_model 'x y' > events.jsonl 2> runner.log < /dev/null & " +
        "else nohup python3 gpu-runner/train.py --base_model 'x y' > events.jsonl 2> runner.log < /dev/null & fi; echo $!",
    );
  });
});
