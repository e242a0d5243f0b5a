/**
 * A run's status, from the runner's own last word first and the place's view second: a `done` event is
 * success even if the process is still tidying up; a recorded cancel wins over the error a killed runner
 * may print; only a run with no final event is judged by whether its process or SLURM job is still there.
 */
import type { JobSnapshot, JobStatus } from "../types.js";
import type { Observation, Placement } from "./placement.js";
import type { JobRecord } from "./run-state.js";
import { finalEvent, latestProgress, num, type RunnerEvent, str } from "./runner-events.js";

export interface StatusInputs {
  job: JobRecord;
  observation: Observation;
  events: RunnerEvent[];
  cancelledAt: string | null;
  placement: Placement;
}

export function snapshotOf({ job, observation, events, cancelledAt, placement }: StatusInputs): JobSnapshot {
  const final = finalEvent(events);
  let status: JobStatus;
  let error: string | null = null;
  let finishedAt: string | null = null;
  if (final?.event === "done") {
    status = "succeeded";
    finishedAt = final.time;
  } else if (cancelledAt !== null || observation.endedAs === "cancelled") {
    status = "cancelled";
    finishedAt = cancelledAt;
  } else if (final?.event === "error") {
    status = "failed";
    error = str(final, "message") ?? "the runner reported an error without a message";
    finishedAt = final.time;
  } else if (observation.phase === "ended") {
    status = "failed";
    const why = observation.reason ?? "the runner stopped without a final event";
    error = `${why}; see ${placement.logLocation(job)}`;
  } else {
    status = observation.phase;
  }
  const adapter = final?.event === "done" ? str(final, "adapter_path") : undefined;
  return {
    jobId: job.runId,
    status,
    providerStatus: observation.providerStatus,
    fineTunedModel: adapter === undefined ? null : placement.locate(job, adapter),
    trainedTokens: final?.event === "done" ? (num(final, "trained_tokens") ?? null) : null,
    error,
    createdAt: job.createdAt,
    finishedAt,
    progress: latestProgress(events),
    resultFiles: [],
  };
}
