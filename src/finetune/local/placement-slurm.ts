/**
 * Training on a SLURM cluster (CFT_SLURM_PARTITION). The run is staged on the cluster's shared file
 * system (CFT_GPU_WORKDIR/<runId>; without it, the run folder itself, which must then be on a shared file
 * system) and submitted with `sbatch --parsable`; squeue, then sacct once the job has left the queue, say
 * where it is; the job's stdout is the events file. When CFT_GPU_HOST is also set, that host is the login
 * node: every command and copy goes through it over SSH (staging defaults to ~/cft-runs there).
 */
import type { Config } from "../../config/config.js";
import { ServiceError } from "../../errors.js";
import { type Host, LocalHost } from "./host.js";
import type { Observation, Placement, Started, StartRequest } from "./placement.js";
import { DEFAULT_WORKDIR, REMOTE_PYTHON, remoteRunDir } from "./placement-ssh.js";
import { EVENTS_FILE, type JobRecord, LOG_FILE } from "./run-state.js";
import { launchArgv } from "./runner-args.js";
import { pythonCommand, TRAIN_SCRIPT } from "./runner-path.js";
import { DEFAULT_TIME_LIMIT, mapSlurmState, parseSbatch, SCRIPT_FILE, slurmScript } from "./slurm-job.js";
import { SshHost } from "./ssh-host.js";
import { stageRemoteRun } from "./staging.js";
import { tail } from "./subprocess.js";

export interface SlurmOptions {
  partition: string;
  /** A login host reached over SSH; absent: the slurm commands run here. */
  host?: string | undefined;
  workdir?: string | undefined;
  /** GPUs per job (default 1): --gres=gpu:N, and accelerate across them when more than one. */
  gpus?: number;
  timeLimit?: string;
  env?: NodeJS.ProcessEnv;
  runnerDir?: string;
}

export function slurmPlacement(config: Config, options: SlurmOptions): Placement {
  const host: Host = options.host ? new SshHost(options.host, options.env) : new LocalHost(options.env);
  const gpus = options.gpus ?? 1;
  // Through a login host the job runs that cluster's python3; here, CFT_PYTHON is on the shared file system.
  const python = options.host ? REMOTE_PYTHON : pythonCommand(config);

  function stageDir(runId: string, runDir: string): string {
    if (options.workdir) return remoteRunDir(options.workdir, runId);
    return options.host ? remoteRunDir(DEFAULT_WORKDIR, runId) : runDir;
  }

  async function slurm(argv: string[], what: string): Promise<string> {
    const result = await host.run(argv);
    if (result.code !== 0)
      throw new ServiceError(`${what} failed (exit ${result.code}): ${tail(result.stderr, 4)}`);
    return result.stdout;
  }

  return {
    kind: "slurm",
    target: `SLURM partition ${options.partition}${options.host ? ` via ${options.host}` : ""}`,

    async start({ submission, runDir, onProgress }: StartRequest): Promise<Started> {
      const dir = await host.makeDir(stageDir(submission.runId, runDir));
      onProgress(`staging gpu-runner/ and the datasets in ${host.display(dir)}`);
      const args = await stageRemoteRun(host, dir, submission, options.runnerDir);
      const command = launchArgv(python, host.join("gpu-runner", TRAIN_SCRIPT), args, gpus);
      const script = slurmScript({
        runId: submission.runId,
        partition: options.partition,
        gpus,
        timeLimit: options.timeLimit ?? DEFAULT_TIME_LIMIT,
        command,
      });
      await host.writeText(host.join(dir, SCRIPT_FILE), script);
      const result = await host.run(["sbatch", "--parsable", SCRIPT_FILE], { cwd: dir });
      const jobId = parseSbatch(result.stdout);
      if (result.code !== 0 || jobId === undefined)
        throw new ServiceError(`sbatch refused the job: ${tail(result.stderr, 4) || result.stdout.trim()}`);
      onProgress(`submitted SLURM job ${jobId} to partition ${options.partition}`);
      return {
        workDir: dir,
        host: options.host ?? null,
        pid: null,
        slurmJobId: jobId,
        numGpus: gpus,
        command,
      };
    },

    async observe(job: JobRecord): Promise<Observation> {
      const id = job.slurmJobId ?? "";
      const queue = await host.run(["squeue", "-h", "-j", id, "-o", "%T"]);
      // squeue forgets a job some minutes after it ends ("Invalid job id"); sacct remembers it.
      if (queue.code !== 0 && !/invalid job id/i.test(queue.stderr))
        throw new ServiceError(`squeue failed (exit ${queue.code}): ${tail(queue.stderr, 4)}`);
      let state = queue.code === 0 ? queue.stdout.trim() : "";
      if (!state) {
        const acct = await host.run(["sacct", "-n", "-X", "-j", id, "-o", "State"]);
        // Without accounting sacct says nothing useful; the events alone then decide.
        state = acct.code === 0 ? (acct.stdout.trim().split("\n")[0]?.trim() ?? "") : "";
      }
      const mapped = mapSlurmState(state);
      const eventsText = await this.readEvents(job);
      return { ...mapped, eventsText };
    },

    async readEvents(job: JobRecord): Promise<string> {
      return (await host.readText(host.join(job.workDir, EVENTS_FILE))) ?? "";
    },

    async cancel(job: JobRecord): Promise<void> {
      await slurm(["scancel", job.slurmJobId ?? ""], `scancel ${job.slurmJobId}`);
    },

    locate(job: JobRecord, path: string): string {
      return host.display(path.startsWith("/") ? path : host.join(job.workDir, path));
    },

    logLocation(job: JobRecord): string {
      return host.display(host.join(job.workDir, LOG_FILE));
    },
  };
}
