/**
 * The SLURM side of a run: the batch script cft writes (submitted from the run's stage folder, so the
 * relative --output and --error land beside it) and what SLURM's job states mean for our status.
 */
import { InputError } from "../../errors.js";
import type { Observation } from "./placement.js";
import { EVENTS_FILE, LOG_FILE } from "./run-state.js";
import { shellCommand } from "./shell-quote.js";

export const SCRIPT_FILE = "job.sbatch";
export const DEFAULT_TIME_LIMIT = "24:00:00";

export interface SlurmScriptInput {
  runId: string;
  partition: string;
  gpus: number;
  /** SLURM's time format: MM, HH:MM:SS, D-HH:MM… */
  timeLimit: string;
  /** The runner command, run under srun from the stage folder. */
  command: string[];
}

/** #SBATCH lines are read by sbatch, not by a shell: only plain values may go there. */
function plain(name: string, value: string, pattern: RegExp, example: string): string {
  if (!pattern.test(value))
    throw new InputError(`${name} "${value}" is not valid (expected something like ${example})`);
  return value;
}

export function slurmScript(input: SlurmScriptInput): string {
  const partition = plain("CFT_SLURM_PARTITION", input.partition, /^[A-Za-z0-9_.,-]+$/, "gpu");
  const time = plain("SLURM time limit", input.timeLimit, /^[0-9][0-9:-]*$/, DEFAULT_TIME_LIMIT);
  if (!Number.isInteger(input.gpus) || input.gpus < 1)
    throw new InputError(`SLURM GPU count must be a whole number ≥ 1, got ${input.gpus}`);
  return [
    "#!/bin/bash",
    `# Written by cft for run ${input.runId}; submitted from this folder with \`sbatch --parsable ${SCRIPT_FILE}\`.`,
    `#SBATCH --job-name=cft-${input.runId}`,
    `#SBATCH --partition=${partition}`,
    "#SBATCH --nodes=1",
    "#SBATCH --ntasks=1",
    `#SBATCH --gres=gpu:${input.gpus}`,
    `#SBATCH --time=${time}`,
    `#SBATCH --output=${EVENTS_FILE}`,
    `#SBATCH --error=${LOG_FILE}`,
    "export PYTHONUNBUFFERED=1",
    `srun ${shellCommand(input.command)}`,
    "",
  ].join("\n");
}

/** The job id from `sbatch --parsable` ("12345" or "12345;cluster"). */
export function parseSbatch(stdout: string): string | undefined {
  const id = stdout.trim().split("\n").pop()?.split(";")[0]?.trim() ?? "";
  return /^\d+(_\d+)?$/.test(id) ? id : undefined;
}

const QUEUED = new Set([
  "PENDING",
  "CONFIGURING",
  "REQUEUED",
  "REQUEUE_HOLD",
  "REQUEUE_FED",
  "RESV_DEL_HOLD",
  "SUSPENDED",
]);
const RUNNING = new Set(["RUNNING", "COMPLETING", "STAGE_OUT", "SIGNALING", "RESIZING", "STOPPED"]);
const FAILED: Record<string, string> = {
  FAILED: "the SLURM job failed (FAILED)",
  TIMEOUT: "the SLURM job reached its time limit (TIMEOUT)",
  OUT_OF_MEMORY: "the SLURM job ran out of memory (OUT_OF_MEMORY)",
  NODE_FAIL: "the node running the SLURM job failed (NODE_FAIL)",
  BOOT_FAIL: "the node for the SLURM job failed to boot (BOOT_FAIL)",
  DEADLINE: "the SLURM job missed its deadline (DEADLINE)",
  PREEMPTED: "the SLURM job was preempted (PREEMPTED)",
  REVOKED: "the SLURM job was revoked (REVOKED)",
  SPECIAL_EXIT: "the SLURM job ended in SPECIAL_EXIT",
};

/**
 * What a SLURM state (from squeue or sacct; "CANCELLED by 1000" counts as CANCELLED) says about a run.
 * COMPLETED is an end without a verdict: the runner's done event decides success.
 */
export function mapSlurmState(raw: string): Omit<Observation, "eventsText"> {
  const state = raw.trim().split(/\s+/)[0]?.replace(/\+$/, "").toUpperCase() ?? "";
  if (!state) return { phase: "unknown", providerStatus: "unknown" };
  if (QUEUED.has(state)) return { phase: "queued", providerStatus: state };
  if (RUNNING.has(state)) return { phase: "running", providerStatus: state };
  if (state === "COMPLETED")
    return { phase: "ended", providerStatus: state, reason: "the SLURM job completed without a done event" };
  if (state === "CANCELLED") return { phase: "ended", providerStatus: state, endedAs: "cancelled" };
  const reason = FAILED[state];
  if (reason) return { phase: "ended", providerStatus: state, endedAs: "failed", reason };
  return { phase: "unknown", providerStatus: state };
}
