/**
 * The self-hosted provider: trains with gpu-runner/train.py on this machine, on a GPU host over SSH
 * (CFT_GPU_HOST) or on a SLURM cluster (CFT_SLURM_PARTITION, through CFT_GPU_HOST when both are set).
 * The job id is the run id itself; the run folder `<home>/runs/<runId>` holds job.json (where the run
 * was started), the events and the runner's log, so any later `cft jobs` finds it without a service.
 */
import { resolve } from "node:path";
import type { Config } from "../../config/config.js";
import { CftError, InputError } from "../../errors.js";
import { assertCleared, type ClearedSubmission } from "../clearance.js";
import type { Checkpoint, JobEvent, JobSnapshot, Provider, TrainingMetrics } from "../types.js";
import { TERMINAL_STATUSES } from "../types.js";
import type { Placement } from "./placement.js";
import { machinePlacement } from "./placement-machine.js";
import { slurmPlacement } from "./placement-slurm.js";
import { sshPlacement } from "./placement-ssh.js";
import {
  cancelledAt,
  type JobRecord,
  markCancelled,
  mirrorEvents,
  type PlacementKind,
  readJob,
  runDirFor,
  withSubmitLock,
  writeJob,
} from "./run-state.js";
import { snapshotOf } from "./run-status.js";
import { parseEvents, type RunnerEvent, toCheckpoints, toJobEvents, toMetrics } from "./runner-events.js";

export interface LocalProviderOptions {
  /** The workspace (default config.home). */
  home?: string;
  /** Environment for every program started (tests put stand-in commands first on PATH). */
  env?: NodeJS.ProcessEnv;
  /** gpu-runner/ to run (default: the one in this checkout). */
  runnerDir?: string;
  /** SLURM job shape: GPUs per job (default 1) and time limit (default 24:00:00). */
  slurm?: { gpus?: number; timeLimit?: string };
}

/** Which placement the configuration selects: SLURM, then SSH, then this machine. */
export function placementKind(config: Config): PlacementKind {
  if (config.env.CFT_SLURM_PARTITION) return "slurm";
  if (config.env.CFT_GPU_HOST) return "ssh";
  return "machine";
}

function choosePlacement(config: Config, options: LocalProviderOptions): Placement {
  const { env, runnerDir } = options;
  const common = { env, ...(runnerDir ? { runnerDir } : {}) };
  switch (placementKind(config)) {
    case "slurm":
      return slurmPlacement(config, {
        partition: config.env.CFT_SLURM_PARTITION!,
        host: config.env.CFT_GPU_HOST,
        workdir: config.env.CFT_GPU_WORKDIR,
        ...options.slurm,
        ...common,
      });
    case "ssh":
      return sshPlacement({ host: config.env.CFT_GPU_HOST!, workdir: config.env.CFT_GPU_WORKDIR, ...common });
    default:
      return machinePlacement(config, common);
  }
}

export function createLocalProvider(config: Config, options: LocalProviderOptions = {}): Provider {
  const home = options.home ?? config.home;
  const placement = choosePlacement(config, options);

  /**
   * A run is followed where it was started, even if CFT_GPU_HOST or CFT_SLURM_PARTITION changed since:
   * job.json says which placement and host.
   */
  function placementFor(job: JobRecord): Placement {
    const host = job.host ?? undefined;
    if (job.placement === placement.kind && host === (config.env.CFT_GPU_HOST ?? undefined)) return placement;
    const { env, runnerDir } = options;
    if (job.placement === "ssh")
      return sshPlacement({ host: host ?? "", env, ...(runnerDir ? { runnerDir } : {}) });
    if (job.placement === "slurm") return slurmPlacement(config, { partition: "", host, env });
    return machinePlacement(config, { env });
  }

  async function jobOf(jobId: string): Promise<{ job: JobRecord; runDir: string }> {
    const runDir = runDirFor(home, jobId);
    const job = await readJob(runDir);
    if (!job)
      throw new InputError(`no local run "${jobId}" in ${resolve(home, "runs")}`, [], {
        hint: "List runs with `cft jobs list`; a run id is printed when `cft finetune` starts it.",
      });
    return { job, runDir };
  }

  /** Events from wherever the runner writes them; remote ones are also copied into the run folder. */
  async function eventsOf(job: JobRecord, runDir: string, text?: string): Promise<RunnerEvent[]> {
    const eventsText = text ?? (await placementFor(job).readEvents(job));
    if (job.host !== null || resolve(job.workDir) !== resolve(runDir)) await mirrorEvents(runDir, eventsText);
    return parseEvents(eventsText);
  }

  async function status(jobId: string): Promise<JobSnapshot> {
    const { job, runDir } = await jobOf(jobId);
    const where = placementFor(job);
    const observation = await where.observe(job);
    const events = await eventsOf(job, runDir, observation.eventsText);
    return snapshotOf({ job, observation, events, cancelledAt: await cancelledAt(runDir), placement: where });
  }

  async function findRun(runId: string): Promise<JobSnapshot | undefined> {
    const job = await readJob(runDirFor(home, runId));
    return job ? status(runId) : undefined;
  }

  return {
    name: "local",
    target: placement.target,

    findRun,

    async submit(submission: ClearedSubmission, onProgress = () => undefined): Promise<JobSnapshot> {
      assertCleared(submission);
      if (submission.provider !== "local")
        throw new CftError(`a ${submission.provider} submission was sent to the local provider`);
      const runDir = runDirFor(home, submission.runId);
      if (resolve(submission.runDir) !== resolve(runDir))
        throw new CftError(`the submission's run folder ${submission.runDir} is not ${runDir}`);
      const existing = await findRun(submission.runId);
      if (existing) return existing;
      await withSubmitLock(runDir, async () => {
        // Checked again under the lock: another submit may have started the run meanwhile.
        if (await readJob(runDir)) return;
        const started = await placement.start({ submission, runDir, onProgress });
        await writeJob(runDir, {
          version: 1,
          runId: submission.runId,
          placement: placement.kind,
          createdAt: new Date().toISOString(),
          ...started,
        });
      });
      return status(submission.runId);
    },

    status,

    async events(jobId: string, after?: string): Promise<JobEvent[]> {
      const { job, runDir } = await jobOf(jobId);
      return toJobEvents(await eventsOf(job, runDir), job.createdAt, after);
    },

    async cancel(jobId: string): Promise<JobSnapshot> {
      const current = await status(jobId);
      if (TERMINAL_STATUSES.has(current.status)) return current;
      const { job, runDir } = await jobOf(jobId);
      await placementFor(job).cancel(job);
      await markCancelled(runDir);
      return status(jobId);
    },

    async checkpoints(jobId: string): Promise<Checkpoint[]> {
      const { job, runDir } = await jobOf(jobId);
      return toCheckpoints(await eventsOf(job, runDir), (path) => placementFor(job).locate(job, path));
    },

    async metrics(jobId: string): Promise<TrainingMetrics | undefined> {
      const { job, runDir } = await jobOf(jobId);
      return toMetrics(await eventsOf(job, runDir));
    },
  };
}
