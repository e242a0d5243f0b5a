/**
 * The fake OpenAI/Azure server's memory: uploaded files (with their exact bytes, so tests can check the
 * BOM and the content), jobs as received and as returned, their events and checkpoints, and a job
 * lifecycle that tests drive one step at a time. OpenAI's path is validating_files → queued → running →
 * succeeded; Azure's is pending → running → succeeded, as each service reports it.
 */
export type DataSurface = "openai" | "azure";

export interface StoredFile {
  id: string;
  object: "file";
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: string;
  /** The bytes exactly as uploaded. */
  content: Buffer;
  /** How many more retrievals report the file as still processing. */
  pendingPolls: number;
  surface: DataSurface;
}

export interface StoredEvent {
  object: "fine_tuning.job.event";
  id: string;
  created_at: number;
  level: string;
  message: string;
  type: "message" | "metrics";
  data?: Record<string, unknown>;
}

export interface StoredJob {
  surface: DataSurface;
  /** The creation body exactly as received. */
  request: Record<string, unknown>;
  /** The job object the API returns (tests may edit it, e.g. to set an unknown status). */
  wire: Record<string, unknown> & { id: string; status: string };
  /** Newest last; the API lists them newest first. */
  events: StoredEvent[];
  checkpoints: Record<string, unknown>[];
}

export const TOTAL_STEPS = 3;
export const RESULT_CSV = [
  "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy",
  "1,1.50,0.60,,",
  "2,1.20,0.70,1.30,0.65",
  "3,0.90,0.80,1.10,0.70",
  "",
].join("\n");

export class FakeStore {
  readonly files = new Map<string, StoredFile>();
  readonly jobs = new Map<string, StoredJob>();
  private counter = 0;
  private seconds = 1_760_000_000;

  constructor(readonly resultEncoding: "csv" | "base64" = "csv") {}

  id(prefix: string): string {
    this.counter++;
    return `${prefix}-${this.counter.toString(16).padStart(8, "0")}${Math.random().toString(16).slice(2, 10)}`;
  }

  /** Strictly increasing timestamps, so newest-first ordering is well defined. */
  now(): number {
    return ++this.seconds;
  }

  addFile(surface: DataSurface, filename: string, purpose: string, content: Buffer, pendingPolls: number) {
    const file: StoredFile = {
      id: this.id("file"),
      object: "file",
      bytes: content.length,
      created_at: this.now(),
      filename,
      purpose,
      status: pendingPolls > 0 ? (surface === "azure" ? "pending" : "uploaded") : "processed",
      content,
      pendingPolls,
      surface,
    };
    this.files.set(file.id, file);
    return file;
  }

  /** The file as the API shows it; each retrieval moves a pending file one poll closer to processed. */
  viewFile(file: StoredFile, retrieval: boolean): Record<string, unknown> {
    if (retrieval && file.pendingPolls > 0) {
      file.pendingPolls--;
      if (file.pendingPolls === 0) file.status = "processed";
    }
    const { content: _content, pendingPolls: _polls, surface: _surface, ...wire } = file;
    return wire;
  }

  event(
    job: StoredJob,
    message: string,
    type: "message" | "metrics" = "message",
    data?: Record<string, unknown>,
  ) {
    job.events.push({
      object: "fine_tuning.job.event",
      id: this.id("ftevent"),
      created_at: this.now(),
      level: "info",
      message,
      type,
      ...(data ? { data } : {}),
    });
  }

  createJob(surface: DataSurface, request: Record<string, unknown>, echoMetadata: boolean): StoredJob {
    const id = this.id("ftjob");
    const hp = ((request.method as { supervised?: { hyperparameters?: Record<string, unknown> } })?.supervised
      ?.hyperparameters ?? {}) as Record<string, unknown>;
    const wire: StoredJob["wire"] = {
      object: "fine_tuning.job",
      id,
      model: request.model,
      created_at: this.now(),
      finished_at: null,
      fine_tuned_model: null,
      organization_id: surface === "openai" ? "org-fake" : null,
      result_files: [],
      status: surface === "azure" ? "pending" : "validating_files",
      training_file: request.training_file,
      validation_file: request.validation_file ?? null,
      hyperparameters: {
        n_epochs: hp.n_epochs ?? "auto",
        batch_size: hp.batch_size ?? "auto",
        learning_rate_multiplier: hp.learning_rate_multiplier ?? "auto",
      },
      trained_tokens: null,
      error: null,
      seed: request.seed ?? 42,
      method: request.method ?? { type: "supervised" },
      ...(surface === "openai"
        ? { user_provided_suffix: request.suffix ?? null }
        : { suffix: request.suffix }),
      ...(surface === "openai" || echoMetadata ? { metadata: request.metadata ?? null } : {}),
    };
    const job: StoredJob = { surface, request, wire, events: [], checkpoints: [] };
    this.jobs.set(id, job);
    this.event(job, `Created fine-tuning job: ${id}`);
    this.event(job, `Validating training file: ${String(request.training_file)}`);
    return job;
  }

  private fineTunedModel(job: StoredJob): string {
    // A fine-tuned model trained further keeps its base model's name in the new id, as OpenAI's does.
    const wired = String(job.wire.model);
    const model = wired.startsWith("ft:") ? (wired.split(":")[1] ?? wired) : wired;
    const suffix = (job.request.suffix as string | undefined) ?? "";
    if (job.surface === "azure") return `${model}.ft-${job.wire.id.slice(6)}${suffix ? `-${suffix}` : ""}`;
    return `ft:${model}:cft-fake:${suffix}:${job.wire.id.slice(-8)}`;
  }

  /** Moves the job one state along its service's path; terminal jobs stay where they are. */
  advance(job: StoredJob): void {
    const w = job.wire;
    switch (w.status) {
      case "validating_files":
        w.status = "queued";
        this.event(job, "Files validated, moving job to queued state");
        return;
      case "pending":
      case "queued":
        w.status = "running";
        this.event(job, "Fine-tuning job started");
        for (let step = 1; step <= TOTAL_STEPS; step++) {
          const metrics = {
            step,
            train_loss: 2 - step * 0.3,
            valid_loss: 2.1 - step * 0.3,
            total_steps: TOTAL_STEPS,
          };
          this.event(
            job,
            `Step ${step}/${TOTAL_STEPS}: training loss=${metrics.train_loss.toFixed(2)}`,
            "metrics",
            {
              ...metrics,
              train_mean_token_accuracy: 0.5 + step * 0.1,
            },
          );
          if (step < TOTAL_STEPS) this.checkpoint(job, step, metrics);
        }
        return;
      case "running": {
        const csv = Buffer.from(RESULT_CSV);
        const body = this.resultEncoding === "base64" ? Buffer.from(csv.toString("base64")) : csv;
        const result = this.addFile(job.surface, "step_metrics.csv", "fine-tune-results", body, 0);
        w.status = "succeeded";
        w.fine_tuned_model = this.fineTunedModel(job);
        w.finished_at = this.now();
        w.trained_tokens = 12_345;
        w.result_files = [result.id];
        this.event(job, `New fine-tuned model created: ${w.fine_tuned_model}`);
        this.event(job, "The job has successfully completed");
        return;
      }
      default:
        return;
    }
  }

  private checkpoint(job: StoredJob, step: number, metrics: Record<string, number>) {
    const id = this.id("ftckpt");
    job.checkpoints.push({
      object: "fine_tuning.job.checkpoint",
      id,
      created_at: this.now(),
      fine_tuning_job_id: job.wire.id,
      fine_tuned_model_checkpoint: `${this.fineTunedModel(job)}:ckpt-step-${step}`,
      step_number: step,
      metrics: { step, train_loss: metrics.train_loss, valid_loss: metrics.valid_loss },
    });
    this.event(job, `Checkpoint created at step ${step}`);
  }
}
