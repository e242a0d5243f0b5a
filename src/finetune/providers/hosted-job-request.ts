/**
 * The body of a fine-tuning job request, built and checked before anything is sent: the suffix fitted to
 * the service's limit and character set, the metadata within OpenAI's 16 pairs and always carrying
 * cft_run_id, and the supervised hyperparameters with unset ones left out (the service's "auto").
 */
import { InputError, type InputProblem } from "../../errors.js";
import type { ClearedSubmission } from "../clearance.js";
import type { Hyperparameters } from "../types.js";

export const RUN_ID_KEY = "cft_run_id";
const MAX_METADATA_PAIRS = 16;
const MAX_METADATA_KEY = 64;
const MAX_METADATA_VALUE = 512;
const SUFFIX_CHARS = /^[A-Za-z0-9_-]*$/;

export interface JobRequestRules {
  /** Longest suffix the service accepts (OpenAI 64, Azure 40). */
  suffixLimit: number;
  /** End the suffix with the run's tag, for services whose job list cannot be filtered by metadata. */
  runTagInSuffix: boolean;
  /** Send metadata (cft_run_id and the submission's pairs). */
  sendMetadata: boolean;
  /** Extra top-level body fields for the service (Azure's trainingType). */
  extraFields?: (submission: ClearedSubmission) => Record<string, unknown>;
}

/** A short, stable tag of the run id, used where a job can only be recognised by its suffix. */
export function runTag(runId: string): string {
  return runId
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(-8)
    .toLowerCase();
}

/**
 * Fits the suffix to the service: separators people type (spaces, dots, colons, slashes) become dashes;
 * anything else outside a-z A-Z 0-9 - _ is refused rather than silently changed. Cut at the limit on
 * a clean boundary, keeping the run tag at the end when asked for.
 */
export function fitSuffix(raw: string, limit: number, tag?: string): string {
  const normalized = raw
    .trim()
    .replace(/[\s./:\\]+/g, "-")
    .replace(/-{2,}/g, "-");
  if (!SUFFIX_CHARS.test(normalized)) {
    const bad = [...new Set(normalized.replace(/[A-Za-z0-9_-]/g, ""))].join(" ");
    throw new InputError(`suffix "${raw}" has characters the service does not accept: ${bad}`, [
      { field: "suffix", message: "use only letters, digits, - and _" },
    ]);
  }
  const trimEnds = (s: string) => s.replace(/^[-_]+|[-_]+$/g, "");
  let base = trimEnds(normalized);
  if (tag && base.toLowerCase().endsWith(tag)) base = base.slice(0, -tag.length);
  const room = tag ? limit - tag.length - 1 : limit;
  base = trimEnds(base.slice(0, Math.max(0, room)));
  if (!tag) return base;
  return base ? `${base}-${tag}` : tag;
}

export function jobMetadata(submission: ClearedSubmission): Record<string, string> {
  const problems: InputProblem[] = [];
  const given = submission.metadata[RUN_ID_KEY];
  if (given !== undefined && given !== submission.runId)
    problems.push({ field: `metadata.${RUN_ID_KEY}`, message: `must equal the run id ${submission.runId}` });
  const metadata: Record<string, string> = { ...submission.metadata, [RUN_ID_KEY]: submission.runId };
  const keys = Object.keys(metadata);
  if (keys.length > MAX_METADATA_PAIRS)
    problems.push({
      field: "metadata",
      message: `${keys.length} pairs; the service allows ${MAX_METADATA_PAIRS}`,
    });
  for (const key of keys) {
    if (key.length > MAX_METADATA_KEY)
      problems.push({ field: `metadata.${key}`, message: `key longer than ${MAX_METADATA_KEY} characters` });
    if ((metadata[key] ?? "").length > MAX_METADATA_VALUE)
      problems.push({
        field: `metadata.${key}`,
        message: `value longer than ${MAX_METADATA_VALUE} characters`,
      });
  }
  if (problems.length) throw new InputError("job metadata does not fit the service's limits", problems);
  return metadata;
}

export function supervisedHyperparameters(hp: Readonly<Hyperparameters>): Record<string, number> {
  const problems: InputProblem[] = [];
  const out: Record<string, number> = {};
  const check = (
    value: number | undefined,
    wire: string,
    field: string,
    ok: (v: number) => boolean,
    what: string,
  ) => {
    if (value === undefined) return;
    if (ok(value)) out[wire] = value;
    else problems.push({ field: `hyperparameters.${field}`, message: `${value} is not ${what}` });
  };
  check(
    hp.epochs,
    "n_epochs",
    "epochs",
    (v) => Number.isInteger(v) && v >= 1 && v <= 50,
    "a whole number 1–50",
  );
  check(hp.batchSize, "batch_size", "batchSize", (v) => Number.isInteger(v) && v >= 1, "a whole number ≥ 1");
  check(
    hp.learningRateMultiplier,
    "learning_rate_multiplier",
    "learningRateMultiplier",
    (v) => Number.isFinite(v) && v > 0,
    "a number > 0",
  );
  if (hp.seed !== undefined && !(Number.isInteger(hp.seed) && hp.seed >= 0 && hp.seed <= 2 ** 31 - 1))
    problems.push({
      field: "hyperparameters.seed",
      message: `${hp.seed} is not a whole number 0–2147483647`,
    });
  if (problems.length) throw new InputError("hyperparameters the service would refuse", problems);
  return out;
}

export interface JobRequest {
  model: string;
  suffix: string;
  /** The request body once the files are uploaded. */
  body(trainingFile: string, validationFile?: string): Record<string, unknown>;
}

/** Checks everything about the job request that can be checked without the network. */
export function buildJobRequest(submission: ClearedSubmission, rules: JobRequestRules): JobRequest {
  const tag = rules.runTagInSuffix ? runTag(submission.runId) : undefined;
  const suffix = fitSuffix(submission.suffix, rules.suffixLimit, tag);
  const metadata = jobMetadata(submission);
  const hyperparameters = supervisedHyperparameters(submission.hyperparameters);
  const seed = submission.hyperparameters.seed;
  const extra = rules.extraFields?.(submission) ?? {};
  return {
    model: submission.baseModel,
    suffix,
    body: (trainingFile, validationFile) => ({
      model: submission.baseModel,
      training_file: trainingFile,
      ...(validationFile ? { validation_file: validationFile } : {}),
      ...(suffix ? { suffix } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(rules.sendMetadata ? { metadata } : {}),
      method: { type: "supervised", supervised: { hyperparameters } },
      ...extra,
    }),
  };
}
