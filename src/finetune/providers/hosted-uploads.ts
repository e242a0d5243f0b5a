/**
 * Getting a gated dataset file onto the service, once. The bytes are read and re-hashed at upload time,
 * so what is sent is exactly what the audit attested (Azure's BOM aside, which the service requires and
 * which is added here, after the check). Files are named by role and hash: a retried submit finds the
 * earlier upload by name and size instead of uploading again. Then it waits, bounded, until the service
 * has processed the file, because a job created on an unprocessed file is refused.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { type OpenAI, toFile } from "openai";
import { GateError, ServiceError } from "../../errors.js";
import type { TrainingFile } from "../types.js";
import type { CallInfo } from "./hosted-errors.js";

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const PENDING_FILE_STATES = new Set(["uploaded", "pending", "running"]);
const LIST_PAGE = 100;

export type Call = <T>(info: CallInfo, fn: () => Promise<T>) => Promise<T>;

export interface UploadSettings {
  /** Turns the attested bytes into the bytes the service wants (Azure: UTF-8 with a BOM). */
  transform: (bytes: Buffer) => Buffer;
  pollIntervalMs: number;
  processingTimeoutMs: number;
  maxListPages: number;
}

/** Azure wants JSONL training files as UTF-8 with a byte-order mark; adds one unless it is there. */
export function withBom(bytes: Buffer): Buffer {
  return bytes.subarray(0, 3).equals(BOM) ? bytes : Buffer.concat([BOM, bytes]);
}

export function uploadName(file: Pick<TrainingFile, "role" | "sha256">): string {
  return `${file.role}-${file.sha256.slice(0, 12)}.jsonl`;
}

export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ["kB", "MB", "GB"];
  let value = n / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

async function attestedBytes(file: TrainingFile): Promise<Buffer> {
  const bytes = await readFile(file.path);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== file.sha256)
    throw new GateError(`${file.path}: changed since the launch gate checked it; nothing was uploaded`, {
      hint: "Audit the file again and confirm the new plan; only the attested bytes may be sent.",
    });
  return bytes;
}

interface WireFile {
  id: string;
  filename: string;
  bytes?: number | null;
  status?: string | null;
  status_details?: string | null;
}

async function findUpload(client: OpenAI, name: string, size: number, settings: UploadSettings) {
  let page = await client.files.list({ purpose: "fine-tune", limit: LIST_PAGE });
  for (let pages = 1; ; pages++) {
    const match = (page.data as WireFile[]).find(
      (f) => f.filename === name && f.bytes === size && f.status !== "error" && f.status !== "deleted",
    );
    if (match) return match;
    if (pages >= settings.maxListPages || !page.hasNextPage()) return undefined;
    page = await page.getNextPage();
  }
}

async function waitProcessed(client: OpenAI, file: WireFile, settings: UploadSettings): Promise<void> {
  const deadline = Date.now() + settings.processingTimeoutMs;
  let current = file;
  // Some OpenAI-compatible servers report no status at all: nothing to wait for then.
  while (current.status && PENDING_FILE_STATES.has(current.status)) {
    if (Date.now() > deadline)
      throw new ServiceError(`${file.filename} (${file.id}) is still "${current.status}" after upload`, {
        hint: "The service is slow to process the file; run the same submit again later: the upload is reused.",
      });
    await sleep(settings.pollIntervalMs);
    current = (await client.files.retrieve(file.id)) as WireFile;
  }
  if (current.status === "error")
    throw new ServiceError(
      `${file.filename} (${file.id}) was rejected: ${current.status_details ?? "no details"}`,
      {
        hint: "Run `cft validate` on the file; the service checks the chat format and the token limits.",
      },
    );
}

/** Returns the service's file id for these attested bytes, uploading only when no earlier upload fits. */
export async function ensureUploaded(
  client: OpenAI,
  file: TrainingFile,
  settings: UploadSettings,
  call: Call,
  onProgress: (message: string) => void,
): Promise<string> {
  const bytes = settings.transform(await attestedBytes(file));
  const name = uploadName(file);
  const existing = await call({ action: `looking for an earlier upload of ${name}` }, () =>
    findUpload(client, name, bytes.length, settings),
  );
  let uploaded: WireFile;
  if (existing) {
    onProgress(`reusing ${name} (${existing.id}), uploaded before`);
    uploaded = existing;
  } else {
    onProgress(`uploading ${name} (${formatBytes(bytes.length)})`);
    uploaded = (await call({ action: `uploading ${name}` }, async () =>
      client.files.create({
        file: await toFile(bytes, name, { type: "application/jsonl" }),
        purpose: "fine-tune",
      }),
    )) as WireFile;
  }
  await call({ action: `waiting for ${name} to be processed` }, () =>
    waitProcessed(client, uploaded, settings),
  );
  return uploaded.id;
}
