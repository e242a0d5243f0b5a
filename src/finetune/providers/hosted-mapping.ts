/**
 * The hosted services' wire objects (jobs, events, checkpoints) mapped onto our shared vocabulary. OpenAI
 * and Azure use mostly the same names; Azure also says `pending`, `notRunning`, `canceled` and a few
 * pause states. A word we do not know is kept as `providerStatus` with status `unknown`, never guessed.
 */
import type { Checkpoint, JobEvent, JobProgress, JobSnapshot, JobStatus } from "../types.js";

/** The fields we read from a job; typed loosely because Azure and older API versions differ. */
export interface WireJob {
  id: string;
  status?: string | null;
  created_at?: number | null;
  finished_at?: number | null;
  fine_tuned_model?: string | null;
  trained_tokens?: number | null;
  error?: { message?: string | null; code?: string | null } | null;
  result_files?: string[] | null;
  metadata?: Record<string, string> | null;
  suffix?: string | null;
  user_provided_suffix?: string | null;
}

export interface WireEvent {
  id: string;
  created_at: number;
  level?: string | null;
  message?: string | null;
  type?: string | null;
  data?: unknown;
}

export interface WireCheckpoint {
  id: string;
  step_number: number;
  fine_tuned_model_checkpoint: string;
  metrics?: Record<string, unknown> | null;
}

const STATUSES: Record<string, JobStatus> = {
  validating_files: "validating_files",
  queued: "queued",
  pending: "queued",
  notrunning: "queued",
  created: "queued",
  running: "running",
  pausing: "running",
  resuming: "running",
  succeeded: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
  canceled: "cancelled",
};

export function mapJobStatus(raw: string | null | undefined): JobStatus {
  return STATUSES[(raw ?? "").toLowerCase()] ?? "unknown";
}

export function isoFromUnix(seconds: number | null | undefined): string | null {
  return typeof seconds === "number" && Number.isFinite(seconds)
    ? new Date(seconds * 1000).toISOString()
    : null;
}

export function toSnapshot(job: WireJob, progress: JobProgress | null = null): JobSnapshot {
  const status = mapJobStatus(job.status);
  const message = job.error?.message;
  return {
    jobId: job.id,
    status,
    providerStatus: job.status ?? "",
    fineTunedModel: job.fine_tuned_model ?? null,
    trainedTokens: job.trained_tokens ?? null,
    error: message ? message : status === "failed" && job.error?.code ? job.error.code : null,
    createdAt: isoFromUnix(job.created_at),
    finishedAt: isoFromUnix(job.finished_at),
    progress,
    resultFiles: job.result_files ?? [],
  };
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function eventMetrics(data: unknown): JobEvent["metrics"] {
  const d = (data ?? {}) as Record<string, unknown>;
  const metrics: NonNullable<JobEvent["metrics"]> = {};
  const step = num(d.step);
  const totalSteps = num(d.total_steps);
  const trainLoss = num(d.train_loss);
  const validLoss = num(d.valid_loss) ?? num(d.full_valid_loss);
  if (step !== undefined) metrics.step = step;
  if (totalSteps !== undefined) metrics.totalSteps = totalSteps;
  if (trainLoss !== undefined) metrics.trainLoss = trainLoss;
  if (validLoss !== undefined) metrics.validLoss = validLoss;
  return metrics;
}

// Message events carry no machine-readable kind; these phrases are the ones both services use, and a
// miss only costs the display a nicer label.
function messageKind(message: string, level: JobEvent["level"]): JobEvent["kind"] {
  if (level === "error") return "error";
  if (/checkpoint/i.test(message)) return "checkpoint";
  if (/\bjob (has )?started|fine-tuning job started|training started/i.test(message)) return "start";
  if (/successfully completed|job (has )?succeeded/i.test(message)) return "done";
  return "message";
}

function level(raw: string | null | undefined): JobEvent["level"] {
  const l = (raw ?? "info").toLowerCase();
  if (l === "error") return "error";
  if (l === "warn" || l === "warning") return "warn";
  return "info";
}

export function toJobEvent(event: WireEvent): JobEvent {
  const lvl = level(event.level);
  const message = event.message ?? "";
  const base = { id: event.id, createdAt: isoFromUnix(event.created_at) ?? "", level: lvl, message };
  if (event.type === "metrics") return { ...base, kind: "progress", metrics: eventMetrics(event.data) };
  return { ...base, kind: messageKind(message, lvl) };
}

/** Progress from the newest metrics event among `newestFirst`, if any. */
export function progressFrom(newestFirst: WireEvent[]): JobProgress | null {
  const latest = newestFirst.find((e) => e.type === "metrics");
  if (!latest) return null;
  const m = eventMetrics(latest.data) ?? {};
  if (m.step === undefined) return null;
  return { step: m.step, totalSteps: m.totalSteps ?? null, trainLoss: m.trainLoss ?? null };
}

export function toCheckpoint(checkpoint: WireCheckpoint): Checkpoint {
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(checkpoint.metrics ?? {})) {
    const n = num(value);
    if (n !== undefined) metrics[key] = n;
  }
  return {
    id: checkpoint.id,
    step: checkpoint.step_number,
    model: checkpoint.fine_tuned_model_checkpoint,
    metrics,
  };
}
