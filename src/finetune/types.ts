/**
 * The fine-tune stage's shared vocabulary: what a provider is asked to do (a cleared submission) and what
 * it reports back (job snapshots, events, checkpoints, training metrics). Providers are OpenAI, Azure
 * OpenAI and the self-hosted gpu-runner; they all speak these shapes so `cft jobs` needs no special cases.
 */
import type { ClearedSubmission } from "./clearance.js";

export const PROVIDERS = ["openai", "azure", "local"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** OpenAI's job states, which Azure and the runner map onto; anything else is kept raw as `unknown`. */
export type JobStatus =
  | "validating_files"
  | "queued"
  | "running"
  | "succeeded"
  | "failed"
  | "cancelled"
  | "unknown";

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(["succeeded", "failed", "cancelled"]);

/** A dataset file as the gate saw it: its bytes hashed right before submission and attested by an audit. */
export interface TrainingFile {
  role: "train" | "validation";
  path: string;
  sha256: string;
  bytes: number;
  records: number;
  /** The PASS audit whose attestation covers these exact bytes. */
  auditId: string;
}

/**
 * Training settings. Hosted providers use epochs, batchSize and learningRateMultiplier (each may be left
 * to the provider's "auto"); the runner uses the rest. Unset fields take the provider's defaults.
 */
export interface Hyperparameters {
  epochs?: number;
  batchSize?: number;
  learningRateMultiplier?: number;
  learningRate?: number;
  gradAccum?: number;
  loraR?: number;
  loraAlpha?: number;
  loraDropout?: number;
  targetModules?: string;
  maxSeqLen?: number;
  use4bit?: boolean;
  packing?: boolean;
  seed?: number;
  /** Local only: continue training this LoRA adapter folder (the previous version's) instead of a fresh one. */
  initAdapter?: string;
}

export type AzureTrainingType = "standard" | "globalstandard" | "developer";

/** Everything a provider needs to start one run. Only the gate turns it into a ClearedSubmission. */
export interface Submission {
  /** Our id for the run; stored in the provider's job metadata so a retried submit finds the job. */
  runId: string;
  provider: ProviderName;
  baseModel: string;
  files: TrainingFile[];
  hyperparameters: Hyperparameters;
  /** Model-name suffix (OpenAI ≤ 64 characters, Azure ≤ 40). */
  suffix: string;
  trainingType?: AzureTrainingType;
  /** Sent as job metadata (OpenAI allows 16 pairs); always holds cft_run_id. */
  metadata: Record<string, string>;
  confirmationId: string;
  /** The run's folder in the workspace (`<home>/runs/<runId>`), for logs, events and local outputs. */
  runDir: string;
}

export interface JobProgress {
  step: number;
  totalSteps: number | null;
  trainLoss: number | null;
}

export interface JobSnapshot {
  /** The provider's id for the job (ftjob-…, or the run id for local runs). */
  jobId: string;
  status: JobStatus;
  /** The provider's own word for the state, kept when it is not one we know. */
  providerStatus: string;
  /** Hosted: the fine-tuned model id. Local: the adapter folder. Null until succeeded. */
  fineTunedModel: string | null;
  trainedTokens: number | null;
  error: string | null;
  createdAt: string | null;
  finishedAt: string | null;
  progress: JobProgress | null;
  /** Provider ids of result files (OpenAI's metrics CSV). */
  resultFiles: string[];
}

export interface JobEvent {
  id: string;
  createdAt: string;
  level: "info" | "warn" | "error";
  message: string;
  kind: "start" | "progress" | "eval" | "checkpoint" | "done" | "error" | "message";
  metrics?: {
    step?: number;
    totalSteps?: number;
    trainLoss?: number;
    validLoss?: number;
    tokensPerSecond?: number;
  };
}

export interface Checkpoint {
  id: string;
  step: number;
  /** Hosted: a model id usable for inference. Local: a folder. */
  model: string;
  metrics: Record<string, number>;
}

/** One row of the training log (OpenAI's result CSV, or the runner's progress/eval events). */
export interface MetricsRow {
  step: number;
  trainLoss: number | null;
  trainAccuracy: number | null;
  validLoss: number | null;
  validMeanTokenAccuracy: number | null;
}

export interface TrainingMetrics {
  rows: MetricsRow[];
  final: MetricsRow | null;
}

/**
 * A place that trains models. Every method that talks to a service throws ServiceError (exit 4) with the
 * service's own message; 429 and 5xx are retried with backoff inside the provider.
 */
export interface Provider {
  readonly name: ProviderName;
  /** Where jobs go, in words: "api.openai.com", "Azure OpenAI at https://x.openai.azure.com", "gpu01 over SSH". */
  readonly target: string;
  /** The job created for this run id, if one exists (idempotent submission looks here first). */
  findRun(runId: string): Promise<JobSnapshot | undefined>;
  /** Uploads the files and starts the job. Refuses anything the gate did not clear. */
  submit(submission: ClearedSubmission, onProgress?: (message: string) => void): Promise<JobSnapshot>;
  status(jobId: string): Promise<JobSnapshot>;
  /** Events in chronological order, only those after the event id `after` when given. */
  events(jobId: string, after?: string): Promise<JobEvent[]>;
  cancel(jobId: string): Promise<JobSnapshot>;
  checkpoints(jobId: string): Promise<Checkpoint[]>;
  /** The training log, once the job has one. */
  metrics(jobId: string): Promise<TrainingMetrics | undefined>;
}
