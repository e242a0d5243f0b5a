/**
 * Training on this machine: the runner is started detached (its own process group, so it outlives the
 * CLI and can be stopped as a whole), with stdout into events.jsonl and stderr into runner.log. Several
 * visible GPUs are used through accelerate.
 */
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import type { Config } from "../../config/config.js";
import { ServiceError } from "../../errors.js";
import { detectGpus } from "./gpu-detect.js";
import { LocalHost } from "./host.js";
import type { Observation, Placement, Started, StartRequest } from "./placement.js";
import { EVENTS_FILE, type JobRecord, LOG_FILE } from "./run-state.js";
import { launchArgv, trainArgs } from "./runner-args.js";
import { pythonCommand, runnerScript, TRAIN_SCRIPT } from "./runner-path.js";
import { stageData } from "./staging.js";
import { missingProgram } from "./subprocess.js";

export interface MachineOptions {
  env?: NodeJS.ProcessEnv;
  runnerDir?: string;
}

export const NO_GPU_MESSAGE =
  "no GPU is visible on this machine: training needs an NVIDIA GPU that nvidia-smi can see";
export const NO_GPU_HINT =
  "Train on a GPU host over SSH (set CFT_GPU_HOST=user@host) or on a SLURM cluster (set CFT_SLURM_PARTITION). " +
  "`cft finetune --provider local --plan` works anywhere and shows the memory, time and cost a run needs.";

/**
 * True while the process exists (EPERM: it exists but belongs to someone else). A zombie (Linux: state Z
 * in /proc) has ended and only waits for its parent to collect it.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (macOS): kill(0) is all we can know
  }
}

/** Starts ARGV detached with stdout and stderr in files; resolves with its pid once it is running. */
function spawnDetached(argv: string[], cwd: string, env: NodeJS.ProcessEnv | undefined): Promise<number> {
  const out = openSync(join(cwd, EVENTS_FILE), "w");
  const err = openSync(join(cwd, LOG_FILE), "w");
  const [command, ...args] = argv;
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command!, args, {
      cwd,
      detached: true,
      stdio: ["ignore", out, err],
      // Events must reach the file as they happen, not when Python's buffer fills.
      env: { ...(env ?? process.env), PYTHONUNBUFFERED: "1" },
    });
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? missingProgram(command!) : error),
    );
    child.once("spawn", () => {
      child.unref();
      resolve(child.pid!);
    });
  }).finally(() => {
    closeSync(out);
    closeSync(err);
  });
}

export function machinePlacement(config: Config, options: MachineOptions = {}): Placement {
  const host = new LocalHost(options.env);
  return {
    kind: "machine",
    target: "this machine",

    async start({ submission, runDir, onProgress }: StartRequest): Promise<Started> {
      const gpus = await detectGpus({ env: options.env });
      if (gpus.length === 0) throw new ServiceError(NO_GPU_MESSAGE, { hint: NO_GPU_HINT });
      onProgress(`found ${gpus.length} GPU(s): ${gpus.map((g) => g.name).join(", ")}`);
      const data = await stageData(host, runDir, submission.files);
      const args = trainArgs({
        baseModel: submission.baseModel,
        train: join(runDir, data.train),
        validation: data.validation === undefined ? undefined : join(runDir, data.validation),
        outputDir: join(runDir, "output"),
        hyperparameters: submission.hyperparameters,
      });
      const script = runnerScript(TRAIN_SCRIPT, options.runnerDir);
      const command = launchArgv(pythonCommand(config), script, args, gpus.length);
      const pid = await spawnDetached(command, runDir, options.env);
      onProgress(`runner started (pid ${pid}); events in ${join(runDir, EVENTS_FILE)}`);
      return { workDir: runDir, host: null, pid, slurmJobId: null, numGpus: gpus.length, command };
    },

    async observe(job: JobRecord): Promise<Observation> {
      // Liveness first, events second: a runner that ends in between has already written its last event.
      const alive = job.pid !== null && processAlive(job.pid);
      const eventsText = await this.readEvents(job);
      return { phase: alive ? "running" : "ended", providerStatus: alive ? "running" : "exited", eventsText };
    },

    readEvents(job: JobRecord): Promise<string> {
      return readFile(join(job.workDir, EVENTS_FILE), "utf8").catch(() => "");
    },

    async cancel(job: JobRecord): Promise<void> {
      if (job.pid === null) return;
      for (const target of [-job.pid, job.pid]) {
        try {
          process.kill(target, "SIGTERM");
          return;
        } catch {
          // The group may be gone while the leader lingers, or the other way round: try the next.
        }
      }
    },

    locate(job: JobRecord, path: string): string {
      return isAbsolute(path) ? path : join(job.workDir, path);
    },

    logLocation(job: JobRecord): string {
      return join(job.workDir, LOG_FILE);
    },
  };
}
