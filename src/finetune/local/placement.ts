/**
 * Where a local run trains: this machine, a GPU host over SSH, or a SLURM cluster. Each placement starts
 * the runner, says whether it is still queued or running, hands back its events file and stops it; the
 * provider (local-provider.ts) turns that into job snapshots the same way for all three.
 */
import type { ClearedSubmission } from "../clearance.js";
import type { JobRecord, PlacementKind } from "./run-state.js";

export interface StartRequest {
  submission: ClearedSubmission;
  /** The run folder in the workspace (exists). */
  runDir: string;
  onProgress: (message: string) => void;
}

/** What a placement records about a started run (job.json adds the run id and time). */
export type Started = Pick<JobRecord, "workDir" | "host" | "pid" | "slurmJobId" | "numGpus" | "command">;

/** A look at a run: what the place says about it, and the events so far. */
export interface Observation {
  /** "ended" when the process or SLURM job is gone; "unknown" when the place cannot tell. */
  phase: "queued" | "running" | "ended" | "unknown";
  /** The place's own word: "running", "exited", or a SLURM state such as TIMEOUT. */
  providerStatus: string;
  /** For an end the place itself reports (SLURM's FAILED, TIMEOUT, CANCELLED…), whatever the events say. */
  endedAs?: "failed" | "cancelled";
  reason?: string;
  eventsText: string;
}

export interface Placement {
  readonly kind: PlacementKind;
  /** Where jobs go, in words (Provider.target). */
  readonly target: string;
  start(request: StartRequest): Promise<Started>;
  observe(job: JobRecord): Promise<Observation>;
  readEvents(job: JobRecord): Promise<string>;
  /** Asks the runner to stop (SIGTERM / scancel); the provider records the cancellation. */
  cancel(job: JobRecord): Promise<void>;
  /** A path the runner printed (adapter, checkpoint), written so a user can find it. */
  locate(job: JobRecord, path: string): string;
  /** Where the runner's stderr is kept, for messages. */
  logLocation(job: JobRecord): string;
}
