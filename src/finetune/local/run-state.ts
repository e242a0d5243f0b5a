/**
 * A local run's folder (`<home>/runs/<runId>`): `job.json` says where the run was started and is written
 * once, atomically, never rewritten; `events.jsonl` holds the runner's events (for remote runs, a copy of
 * the host's file); `runner.log` its stderr; `cancelled` gets a line each time someone cancels.
 */
import { randomBytes } from "node:crypto";
import { appendFile, link, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { CftError, InputError } from "../../errors.js";
import { withExclusiveLock } from "../../io/exclusive-lock.js";

export const JOB_FILE = "job.json";
export const EVENTS_FILE = "events.jsonl";
export const LOG_FILE = "runner.log";
export const CANCELLED_FILE = "cancelled";
const LOCK_DIR = ".submitting";

export const PLACEMENTS = ["machine", "ssh", "slurm"] as const;
export type PlacementKind = (typeof PLACEMENTS)[number];

const JobRecordSchema = z.object({
  version: z.literal(1),
  runId: z.string(),
  placement: z.enum(PLACEMENTS),
  createdAt: z.string(),
  /** Where the runner works: this run folder, a folder on the GPU host, or the cluster's stage folder. */
  workDir: z.string(),
  /** CFT_GPU_HOST for SSH runs and for SLURM driven through a login host; null otherwise. */
  host: z.string().nullable(),
  pid: z.number().int().nullable(),
  slurmJobId: z.string().nullable(),
  numGpus: z.number().int(),
  command: z.array(z.string()),
});

export type JobRecord = z.infer<typeof JobRecordSchema>;

/** Run ids become folder names here and on GPU hosts, so only plain characters are accepted. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function runDirFor(home: string, runId: string): string {
  if (!RUN_ID.test(runId))
    throw new InputError(`"${runId}" is not a run id: use letters, digits, '.', '_' and '-' (at most 128)`);
  return join(home, "runs", runId);
}

export async function readJob(runDir: string): Promise<JobRecord | undefined> {
  let text: string;
  try {
    text = await readFile(join(runDir, JOB_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = JobRecordSchema.safeParse(json);
  if (!parsed.success) throw new CftError(`${join(runDir, JOB_FILE)} is damaged and cannot be read`);
  return parsed.data;
}

/** Writes job.json through a temporary file and a hard link, so it appears whole or not at all, and never replaces one. */
export async function writeJob(runDir: string, record: JobRecord): Promise<void> {
  const temp = join(runDir, `.${JOB_FILE}.${process.pid}.${randomBytes(4).toString("hex")}`);
  await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`, { flag: "wx" });
  try {
    await link(temp, join(runDir, JOB_FILE));
  } finally {
    await unlink(temp);
  }
}

/** Records a cancellation (a line per request; the first one's time is the run's end). */
export async function markCancelled(runDir: string): Promise<void> {
  await appendFile(join(runDir, CANCELLED_FILE), `${JSON.stringify({ time: new Date().toISOString() })}\n`);
}

export async function cancelledAt(runDir: string): Promise<string | null> {
  try {
    const first = (await readFile(join(runDir, CANCELLED_FILE), "utf8")).split("\n")[0] ?? "";
    return (JSON.parse(first) as { time?: string }).time ?? null;
  } catch {
    return null;
  }
}

/**
 * Keeps a copy of a remote run's events in the run folder, so the record survives the GPU host. Events
 * only grow, so a longer text replaces the copy (whole, through a rename) and a shorter one is ignored.
 */
export async function mirrorEvents(runDir: string, text: string): Promise<void> {
  const path = join(runDir, EVENTS_FILE);
  const current = await readFile(path, "utf8").catch(() => "");
  if (text.length <= current.length) return;
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

/**
 * Runs FN while holding the run's submit lock, so two `cft finetune` for the same run id cannot both
 * start a job. A lock left by a killed process of this host is taken over; any other is reported.
 */
export async function withSubmitLock<T>(runDir: string, fn: () => Promise<T>): Promise<T> {
  return withExclusiveLock(join(runDir, LOCK_DIR), "another submission of this run", fn);
}
