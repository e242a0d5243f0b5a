/**
 * The data-plane routes of the fake: files and fine-tuning jobs, in OpenAI's wire format and Azure's
 * variant of it. Lists are newest first and page with `after`/`limit`/`has_more`; OpenAI filters jobs by
 * `metadata[k]=v`, Azure's job list (api-version 2025-04-01-preview) has no filter and ignores it, and
 * Azure's file list has no `has_more`. Job creation is checked the way the services check it.
 */
import type { DataSurface, FakeStore, StoredFile, StoredJob } from "./openai-store.js";

export type Surface = DataSurface | "arm";

export interface FakeRequest {
  surface: Surface;
  method: string;
  route: string;
  query: URLSearchParams;
  json?: unknown;
  form?: FormData;
}

export interface FakeReply {
  status: number;
  json?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

export interface DataPlaneSettings {
  knownModels: Set<string>;
  fileProcessingPolls: number;
  azureEchoesMetadata: boolean;
  /** Largest page served whatever `limit` asks for, so tests can exercise paging with few items. */
  maxPageSize: number;
}

const AZURE_TRAINING_TYPES = new Set(["Standard", "GlobalStandard", "developerTier"]);

export function apiError(
  status: number,
  message: string,
  extra: { code?: string; type?: string; param?: string } = {},
) {
  const type =
    extra.type ??
    (status === 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error");
  return { status, json: { error: { message, type, param: extra.param ?? null, code: extra.code ?? null } } };
}

function page<T extends { id: string }>(
  newestFirst: T[],
  query: URLSearchParams,
  max: number,
  hasMoreField = true,
) {
  const limit = Math.min(Number(query.get("limit") ?? 20), max);
  const after = query.get("after");
  let start = 0;
  if (after) {
    const at = newestFirst.findIndex((item) => item.id === after);
    start = at < 0 ? newestFirst.length : at + 1;
  }
  const data = newestFirst.slice(start, start + limit);
  return { object: "list", data, ...(hasMoreField ? { has_more: start + limit < newestFirst.length } : {}) };
}

async function uploadFile(
  store: FakeStore,
  settings: DataPlaneSettings,
  req: FakeRequest,
): Promise<FakeReply> {
  const file = req.form?.get("file");
  const purpose = req.form?.get("purpose");
  if (!file || typeof file === "string")
    return apiError(400, "Missing file: send it as multipart field 'file'");
  if (purpose !== "fine-tune")
    return apiError(400, `Invalid purpose '${String(purpose)}'`, { param: "purpose" });
  if (!file.name.endsWith(".jsonl"))
    return apiError(400, "Fine-tuning files must be .jsonl", { param: "file" });
  const content = Buffer.from(await file.arrayBuffer());
  const stored = store.addFile(
    req.surface as DataSurface,
    file.name,
    purpose,
    content,
    settings.fileProcessingPolls,
  );
  return { status: req.surface === "azure" ? 201 : 200, json: store.viewFile(stored, false) };
}

function listFiles(store: FakeStore, settings: DataPlaneSettings, req: FakeRequest): FakeReply {
  const purpose = req.query.get("purpose");
  const files = [...store.files.values()]
    .filter((f) => f.surface === req.surface && (!purpose || f.purpose === purpose))
    .reverse()
    .map((f) => ({ ...store.viewFile(f, false), id: f.id }));
  return { status: 200, json: page(files, req.query, settings.maxPageSize, req.surface === "openai") };
}

function createJob(store: FakeStore, settings: DataPlaneSettings, req: FakeRequest): FakeReply {
  const body = (req.json ?? {}) as Record<string, unknown>;
  const surface = req.surface as DataSurface;
  const model = body.model;
  if (typeof model !== "string" || !model)
    return apiError(400, "Missing required parameter: 'model'", { param: "model" });
  // Like OpenAI, a fine-tuned model of this account may be trained further.
  const owned = [...store.jobs.values()].some(
    (j) => j.surface === surface && j.wire.status === "succeeded" && j.wire.fine_tuned_model === model,
  );
  if (!settings.knownModels.has(model) && !owned)
    return apiError(404, `The model '${model}' does not exist or is not available for fine-tuning`, {
      code: "model_not_found",
      param: "model",
    });
  for (const field of ["training_file", "validation_file"] as const) {
    const id = body[field];
    if (id === undefined && field === "validation_file") continue;
    const file = typeof id === "string" ? store.files.get(id) : undefined;
    if (!file || file.surface !== surface)
      return apiError(400, `Invalid file ${String(id)}`, { param: field });
    if (file.status !== "processed")
      return apiError(400, "The specified file reference must point to a completed file import.", {
        param: field,
      });
  }
  const suffix = body.suffix;
  const limit = surface === "azure" ? 40 : 64;
  if (
    suffix !== undefined &&
    (typeof suffix !== "string" || suffix.length > limit || !/^[A-Za-z0-9_-]*$/.test(suffix))
  )
    return apiError(400, `suffix must be at most ${limit} characters of a-z A-Z 0-9 - _`, {
      param: "suffix",
    });
  const metadata = body.metadata as Record<string, string> | undefined;
  if (metadata && Object.keys(metadata).length > 16)
    return apiError(400, "Invalid 'metadata': too many properties (at most 16)", { param: "metadata" });
  if (
    surface === "azure" &&
    body.trainingType !== undefined &&
    !AZURE_TRAINING_TYPES.has(String(body.trainingType))
  )
    return apiError(400, `Unknown trainingType '${String(body.trainingType)}'`, { param: "trainingType" });
  const job = store.createJob(surface, body, settings.azureEchoesMetadata);
  return { status: surface === "azure" ? 201 : 200, json: job.wire };
}

function listJobs(store: FakeStore, settings: DataPlaneSettings, req: FakeRequest): FakeReply {
  const filters: [string, string][] = [];
  if (req.surface === "openai")
    for (const [key, value] of req.query) {
      const m = /^metadata\[(.+)\]$/.exec(key);
      if (m) filters.push([m[1]!, value]);
    }
  const jobs = [...store.jobs.values()]
    .filter((j) => j.surface === req.surface)
    .filter((j) =>
      filters.every(([k, v]) => (j.request.metadata as Record<string, string> | undefined)?.[k] === v),
    )
    .reverse()
    .map((j) => j.wire);
  return { status: 200, json: page(jobs, req.query, settings.maxPageSize) };
}

function jobRoute(
  store: FakeStore,
  settings: DataPlaneSettings,
  req: FakeRequest,
  job: StoredJob,
  action: string | undefined,
): FakeReply {
  if (action === undefined && req.method === "GET") return { status: 200, json: job.wire };
  if (action === "cancel" && req.method === "POST") {
    if (["succeeded", "failed", "cancelled"].includes(job.wire.status))
      return apiError(400, `Job ${job.wire.id} has already ${job.wire.status}; it cannot be cancelled`);
    job.wire.status = "cancelled";
    store.event(job, "Fine-tuning job cancelled");
    return { status: 200, json: job.wire };
  }
  if (action === "events" && req.method === "GET")
    return { status: 200, json: page([...job.events].reverse(), req.query, settings.maxPageSize) };
  if (action === "checkpoints" && req.method === "GET")
    return {
      status: 200,
      json: page([...job.checkpoints].reverse() as { id: string }[], req.query, settings.maxPageSize),
    };
  return apiError(404, `Unknown route ${req.method} ${req.route}`);
}

function fileRoute(
  store: FakeStore,
  req: FakeRequest,
  file: StoredFile,
  action: string | undefined,
): FakeReply {
  if (action === undefined && req.method === "GET") return { status: 200, json: store.viewFile(file, true) };
  if (action === "content" && req.method === "GET")
    return { status: 200, raw: file.content, headers: { "content-type": "application/octet-stream" } };
  if (action === undefined && req.method === "DELETE") {
    store.files.delete(file.id);
    return { status: 200, json: { object: "file", id: file.id, deleted: true } };
  }
  return apiError(404, `Unknown route ${req.method} ${req.route}`);
}

/** Answers one data-plane request (files and fine-tuning jobs). */
export async function dataPlane(
  store: FakeStore,
  settings: DataPlaneSettings,
  req: FakeRequest,
): Promise<FakeReply> {
  const parts = req.route.split("/").filter(Boolean);
  if (parts[0] === "files") {
    if (parts.length === 1 && req.method === "POST") return uploadFile(store, settings, req);
    if (parts.length === 1 && req.method === "GET") return listFiles(store, settings, req);
    const file = store.files.get(parts[1] ?? "");
    if (!file || file.surface !== req.surface) return apiError(404, `No such File object: ${parts[1]}`);
    return fileRoute(store, req, file, parts[2]);
  }
  if (parts[0] === "fine_tuning" && parts[1] === "jobs") {
    if (parts.length === 2 && req.method === "POST") return createJob(store, settings, req);
    if (parts.length === 2 && req.method === "GET") return listJobs(store, settings, req);
    const job = store.jobs.get(parts[2] ?? "");
    if (!job || job.surface !== req.surface)
      return apiError(404, `Could not find fine-tune job: ${parts[2]}`);
    return jobRoute(store, settings, req, job, parts[3]);
  }
  return apiError(404, `Unknown route ${req.method} ${req.route}`);
}
