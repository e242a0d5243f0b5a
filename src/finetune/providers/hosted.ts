/**
 * The one Provider over the openai SDK, shared by OpenAI and Azure OpenAI: the two speak the same
 * fine-tuning wire format, and what differs (client and auth, the BOM on uploads, the suffix limit, job
 * lookup without a metadata filter, Azure's trainingType) comes in through a HostedProfile. Submission is
 * idempotent: a job already created for the run id is returned without uploading anything, and an
 * earlier upload of the same bytes is reused. Job creation is retried by hand, looking the run up first:
 * after a timeout or a 5xx the job may exist although its response was lost, and a blind retry (what the
 * SDK would do) could start, and bill, a second training run. Nothing is sent for an uncleared submission.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { APIConnectionError, APIError, type OpenAI } from "openai";
import { InputError } from "../../errors.js";
import { assertCleared, type ClearedSubmission } from "../clearance.js";
import type { Checkpoint, JobEvent, JobSnapshot, Provider, TrainingMetrics } from "../types.js";
import { type CallInfo, callService, type ErrorContext } from "./hosted-errors.js";
import { buildJobRequest, type JobRequestRules, RUN_ID_KEY, runTag } from "./hosted-job-request.js";
import {
  progressFrom,
  toCheckpoint,
  toJobEvent,
  toSnapshot,
  type WireCheckpoint,
  type WireEvent,
  type WireJob,
} from "./hosted-mapping.js";
import { parseResultCsv } from "./hosted-metrics.js";
import { ensureUploaded, type UploadSettings } from "./hosted-uploads.js";

/** Client settings both factories accept; tests use a tiny timeout, few retries and a 1 ms poll. */
export interface HostedClientOptions {
  /** Retries the SDK makes on 408/409/429/5xx and connection errors, with backoff (default 3). */
  maxRetries?: number;
  /** Per-request timeout in milliseconds (default 10 minutes: uploads can be large). */
  timeoutMs?: number;
  /** How often to poll an uploaded file until it is processed (default 2 s). */
  pollIntervalMs?: number;
  /** How long to wait for an upload to be processed (default 10 minutes). */
  fileProcessingTimeoutMs?: number;
  /** Upper bound on pages read when scanning a list (jobs, files, events; default 20). */
  maxListPages?: number;
}

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_TIMEOUT_MS = 10 * 60_000;

export interface HostedProfile {
  name: "openai" | "azure";
  target: string;
  client: OpenAI;
  errors: ErrorContext;
  job: JobRequestRules;
  /** The service filters the job list by `metadata[cft_run_id]`; otherwise pages are scanned. */
  serverMetadataFilter: boolean;
  /** Bytes as the service wants them (Azure adds a BOM); identity when absent. */
  uploadTransform?: (bytes: Buffer) => Buffer;
  options?: HostedClientOptions;
}

const PAGE = 100;
const STATUS_EVENTS = 20;

interface Page<T> {
  data: T[];
  hasNextPage(): boolean;
  getNextPage(): Promise<Page<T>>;
}

export class HostedProvider implements Provider {
  readonly name: "openai" | "azure";
  readonly target: string;
  private readonly client: OpenAI;
  private readonly maxPages: number;
  private readonly uploads: UploadSettings;

  constructor(private readonly profile: HostedProfile) {
    this.name = profile.name;
    this.target = profile.target;
    this.client = profile.client;
    const o = profile.options ?? {};
    this.maxPages = o.maxListPages ?? 20;
    this.uploads = {
      transform: profile.uploadTransform ?? ((b) => b),
      pollIntervalMs: o.pollIntervalMs ?? 2000,
      processingTimeoutMs: o.fileProcessingTimeoutMs ?? 10 * 60_000,
      maxListPages: this.maxPages,
    };
  }

  private call<T>(info: CallInfo, fn: () => Promise<T>): Promise<T> {
    return callService(this.profile.errors, info, fn);
  }

  /** Items of every page, newest first as the service lists them, stopping at `stop` or the page bound. */
  private async collect<T>(first: Promise<Page<T>>, stop?: (item: T) => boolean): Promise<T[]> {
    const items: T[] = [];
    let page = await first;
    for (let pages = 1; ; pages++) {
      for (const item of page.data) {
        if (stop?.(item)) return items;
        items.push(item);
      }
      if (pages >= this.maxPages || !page.hasNextPage()) return items;
      page = await page.getNextPage();
    }
  }

  async findRun(runId: string): Promise<JobSnapshot | undefined> {
    const tag = this.profile.job.runTagInSuffix ? runTag(runId) : undefined;
    const belongs = (job: WireJob) => {
      const owner = job.metadata?.[RUN_ID_KEY];
      if (owner !== undefined) return owner === runId;
      const suffix = job.suffix ?? job.user_provided_suffix;
      return tag !== undefined && typeof suffix === "string" && suffix.toLowerCase().endsWith(tag);
    };
    const query = {
      limit: PAGE,
      ...(this.profile.serverMetadataFilter ? { metadata: { [RUN_ID_KEY]: runId } } : {}),
    };
    let found: WireJob | undefined;
    // Scan even when the server filters: an OpenAI-compatible server may ignore the filter.
    await this.call({ action: `looking up the job for ${runId}` }, () =>
      this.collect(this.client.fineTuning.jobs.list(query) as unknown as Promise<Page<WireJob>>, (job) => {
        if (belongs(job)) found = job;
        return found !== undefined;
      }),
    );
    return found ? toSnapshot(found) : undefined;
  }

  async submit(submission: ClearedSubmission, onProgress: (message: string) => void = () => {}) {
    assertCleared(submission);
    if (submission.provider !== this.name)
      throw new InputError(`this submission is for ${submission.provider}, not ${this.name}`, [
        { field: "provider", message: `expected ${this.name}` },
      ]);
    const request = buildJobRequest(submission, this.profile.job);
    const train = submission.files.find((f) => f.role === "train");
    if (!train)
      throw new InputError("the submission has no training file", [{ field: "files", message: "no train" }]);
    const validation = submission.files.find((f) => f.role === "validation");

    const existing = await this.findRun(submission.runId);
    if (existing) {
      onProgress(`found ${existing.jobId} already created for ${submission.runId}; nothing uploaded`);
      return existing;
    }
    const call = this.call.bind(this);
    const trainingFile = await ensureUploaded(this.client, train, this.uploads, call, onProgress);
    const validationFile = validation
      ? await ensureUploaded(this.client, validation, this.uploads, call, onProgress)
      : undefined;
    const body = request.body(trainingFile, validationFile) as unknown as OpenAI.FineTuning.JobCreateParams;
    const snapshot = await this.call({ action: "creating the fine-tuning job", model: request.model }, () =>
      this.createJob(body, submission.runId),
    );
    onProgress(`created ${snapshot.jobId}`);
    return snapshot;
  }

  private async createJob(body: OpenAI.FineTuning.JobCreateParams, runId: string): Promise<JobSnapshot> {
    const retries = this.profile.options?.maxRetries ?? DEFAULT_MAX_RETRIES;
    for (let attempt = 0; ; attempt++) {
      try {
        return toSnapshot((await this.client.fineTuning.jobs.create(body, { maxRetries: 0 })) as WireJob);
      } catch (error) {
        const status = error instanceof APIError ? (error.status ?? 0) : 0;
        const lostResponse = error instanceof APIConnectionError || status >= 500 || status === 408;
        if (attempt >= retries || !(lostResponse || status === 429)) throw error;
        if (lostResponse) {
          const created = await this.findRun(runId);
          if (created) return created;
        }
        const hinted = Number((error as APIError).headers?.get("retry-after-ms") ?? Number.NaN);
        await sleep(Number.isFinite(hinted) && hinted >= 0 ? hinted : Math.min(500 * 2 ** attempt, 8000));
      }
    }
  }

  async status(jobId: string): Promise<JobSnapshot> {
    return this.call({ action: `reading job ${jobId}` }, async () => {
      const job = (await this.client.fineTuning.jobs.retrieve(jobId)) as WireJob;
      const snapshot = toSnapshot(job);
      if (snapshot.status !== "running") return snapshot;
      // The job object has no step counter; the newest metrics event does.
      const page = await this.client.fineTuning.jobs.listEvents(jobId, { limit: STATUS_EVENTS });
      return { ...snapshot, progress: progressFrom(page.data as WireEvent[]) };
    });
  }

  async events(jobId: string, after?: string): Promise<JobEvent[]> {
    const newestFirst = await this.call({ action: `reading the events of ${jobId}` }, () =>
      this.collect(
        this.client.fineTuning.jobs.listEvents(jobId, { limit: PAGE }) as unknown as Promise<Page<WireEvent>>,
        after === undefined ? undefined : (event) => event.id === after,
      ),
    );
    return newestFirst.reverse().map(toJobEvent);
  }

  async cancel(jobId: string): Promise<JobSnapshot> {
    const job = await this.call({ action: `cancelling job ${jobId}` }, () =>
      this.client.fineTuning.jobs.cancel(jobId),
    );
    return toSnapshot(job as WireJob);
  }

  async checkpoints(jobId: string): Promise<Checkpoint[]> {
    const items = await this.call({ action: `reading the checkpoints of ${jobId}` }, () =>
      this.collect(
        this.client.fineTuning.jobs.checkpoints.list(jobId, { limit: PAGE }) as unknown as Promise<
          Page<WireCheckpoint>
        >,
      ),
    );
    return items.map(toCheckpoint).sort((a, b) => a.step - b.step);
  }

  async metrics(jobId: string): Promise<TrainingMetrics | undefined> {
    return this.call({ action: `reading the training log of ${jobId}` }, async () => {
      const job = (await this.client.fineTuning.jobs.retrieve(jobId)) as WireJob;
      const fileId = job.result_files?.[0];
      if (!fileId) return undefined;
      const response = await this.client.files.content(fileId);
      return parseResultCsv(await response.text());
    });
  }
}
