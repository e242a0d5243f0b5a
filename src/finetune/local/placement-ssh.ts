/**
 * Training on a GPU host over SSH (CFT_GPU_HOST). The run is staged in CFT_GPU_WORKDIR/<runId> (default
 * ~/cft-runs/<runId>): gpu-runner/, data/ and, as the runner writes them, events.jsonl, runner.log and
 * output/. The runner is started under nohup (and setsid where the host has it, so a cancel reaches
 * accelerate's workers too) and runs with the host's own `python3`: CFT_PYTHON names this machine's.
 */
import { posix } from "node:path";
import { ServiceError } from "../../errors.js";
import { detectGpus } from "./gpu-detect.js";
import type { Observation, Placement, Started, StartRequest } from "./placement.js";
import { EVENTS_FILE, type JobRecord, LOG_FILE } from "./run-state.js";
import { launchArgv } from "./runner-args.js";
import { TRAIN_SCRIPT } from "./runner-path.js";
import { shellCommand, shellQuote } from "./shell-quote.js";
import { SshHost } from "./ssh-host.js";
import { stageRemoteRun } from "./staging.js";
import { tail } from "./subprocess.js";

export const DEFAULT_WORKDIR = "~/cft-runs";
export const REMOTE_PYTHON = "python3";

export interface SshOptions {
  host: string;
  workdir?: string | undefined;
  env?: NodeJS.ProcessEnv;
  runnerDir?: string;
}

/** The remote folder of a run: WORKDIR/<runId>, keeping a leading ~ for the remote shell to expand. */
export function remoteRunDir(workdir: string, runId: string): string {
  return `${workdir.replace(/\/+$/, "") || "/"}/${runId}`;
}

/**
 * The shell line that starts the runner in DIR and prints its pid. `$!` is the runner itself: nohup and
 * setsid exec it in place. Every redirection is to a file so ssh returns at once.
 */
export function startScript(dir: string, argv: string[]): string {
  const run = `nohup ${shellCommand(argv)} > ${EVENTS_FILE} 2> ${LOG_FILE} < /dev/null &`;
  return [
    `cd ${shellQuote(dir)} || exit 1`,
    "export PYTHONUNBUFFERED=1",
    `if command -v setsid > /dev/null 2>&1; then setsid ${run} else ${run} fi`,
    "echo $!",
  ].join("; ");
}

export function sshPlacement(options: SshOptions): Placement {
  const host = new SshHost(options.host, options.env);
  const workdir = options.workdir ?? DEFAULT_WORKDIR;
  return {
    kind: "ssh",
    target: `${options.host} over SSH`,

    async start({ submission, onProgress }: StartRequest): Promise<Started> {
      const gpus = await detectGpus({ query: (command, args) => host.run([command, ...args]) });
      if (gpus.length === 0)
        throw new ServiceError(`${options.host} shows no GPU to nvidia-smi`, {
          hint: "Check the NVIDIA driver on that host (`nvidia-smi`), or point CFT_GPU_HOST at another one.",
        });
      onProgress(`${options.host}: ${gpus.length} GPU(s): ${gpus.map((g) => g.name).join(", ")}`);
      const dir = await host.makeDir(remoteRunDir(workdir, submission.runId));
      onProgress(`copying gpu-runner/ and the datasets to ${host.display(dir)}`);
      const args = await stageRemoteRun(host, dir, submission, options.runnerDir);
      const command = launchArgv(REMOTE_PYTHON, posix.join("gpu-runner", TRAIN_SCRIPT), args, gpus.length);
      const result = await host.script(startScript(dir, command));
      const pid = Number(result.stdout.trim().split("\n").pop());
      if (result.code !== 0 || !Number.isInteger(pid) || pid <= 0)
        throw new ServiceError(`could not start the runner on ${options.host}: ${tail(result.stderr, 4)}`);
      onProgress(`runner started on ${options.host} (pid ${pid})`);
      return { workDir: dir, host: options.host, pid, slurmJobId: null, numGpus: gpus.length, command };
    },

    async observe(job: JobRecord): Promise<Observation> {
      // One round trip: liveness on the first line, then the events (read after, so nothing is missed).
      const script = [
        `cd ${shellQuote(job.workDir)} || exit 3`,
        // A zombie (state Z) has ended: hosts in containers without an init may never reap it.
        `if kill -0 ${job.pid} 2> /dev/null && ! ps -o stat= -p ${job.pid} 2> /dev/null | grep -q Z; ` +
          "then echo running; else echo exited; fi",
        `cat ${EVENTS_FILE} 2> /dev/null; true`,
      ].join("; ");
      const result = await host.script(script);
      if (result.code !== 0)
        throw new ServiceError(`the run folder ${host.display(job.workDir)} is gone or unreadable`);
      const newline = result.stdout.indexOf("\n");
      const state = result.stdout.slice(0, newline).trim();
      const eventsText = result.stdout.slice(newline + 1);
      const alive = state === "running";
      return { phase: alive ? "running" : "ended", providerStatus: state || "unknown", eventsText };
    },

    async readEvents(job: JobRecord): Promise<string> {
      return (await host.readText(posix.join(job.workDir, EVENTS_FILE))) ?? "";
    },

    async cancel(job: JobRecord): Promise<void> {
      // The process group first (setsid made the runner its leader), the process alone where that failed.
      await host.script(`kill -TERM -${job.pid} 2> /dev/null || kill -TERM ${job.pid} 2> /dev/null; true`);
    },

    locate(job: JobRecord, path: string): string {
      return host.display(posix.isAbsolute(path) ? path : posix.join(job.workDir, path));
    },

    logLocation(job: JobRecord): string {
      return host.display(posix.join(job.workDir, LOG_FILE));
    },
  };
}
