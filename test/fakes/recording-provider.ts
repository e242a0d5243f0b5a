/**
 * An in-memory Provider that records what reaches it, for tests of the launch gate and the launcher:
 * "nothing was sent" is asserted as `submits.length === 0`. It checks clearance exactly as real providers do.
 */
import { assertCleared, type ClearedSubmission } from "../../src/finetune/clearance.js";
import type { JobSnapshot, Provider } from "../../src/finetune/types.js";

export class RecordingProvider implements Provider {
  readonly name = "openai" as const;
  readonly submits: ClearedSubmission[] = [];
  readonly jobs = new Map<string, JobSnapshot>();
  /** When set, the next submit throws this error after the job was created (a crash mid-submit). */
  failAfterCreate: Error | undefined;

  constructor(readonly target = "recording provider") {}

  async findRun(runId: string): Promise<JobSnapshot | undefined> {
    return this.jobs.get(runId);
  }

  async submit(submission: ClearedSubmission): Promise<JobSnapshot> {
    assertCleared(submission);
    this.submits.push(submission);
    const snapshot: JobSnapshot = {
      jobId: `ftjob-${this.submits.length}`,
      status: "validating_files",
      providerStatus: "validating_files",
      fineTunedModel: null,
      trainedTokens: null,
      error: null,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      progress: null,
      resultFiles: [],
    };
    this.jobs.set(submission.runId, snapshot);
    if (this.failAfterCreate) {
      const error = this.failAfterCreate;
      this.failAfterCreate = undefined;
      throw error;
    }
    return snapshot;
  }

  async status(jobId: string): Promise<JobSnapshot> {
    const found = [...this.jobs.values()].find((j) => j.jobId === jobId);
    if (!found) throw new Error(`no job ${jobId}`);
    return found;
  }

  async events() {
    return [];
  }

  async cancel(jobId: string): Promise<JobSnapshot> {
    const job = await this.status(jobId);
    job.status = "cancelled";
    return job;
  }

  async checkpoints() {
    return [];
  }

  async metrics() {
    return undefined;
  }
}
