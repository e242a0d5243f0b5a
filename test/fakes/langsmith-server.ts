/**
 * A local stand-in for the LangSmith REST API, on 127.0.0.1 at a random port, so tests drive the real
 * `langsmith` SDK (`Client`, `evaluate()`) without the network. It speaks what langsmith 0.12 calls during an
 * experiment (found by running the SDK against a server that logged every request):
 *
 * - `GET /info` — server flags: multipart example upload on, run compression off (the SDK gzips or zstd-
 *   compresses run batches only when the server says it accepts them; gzip is decoded here anyway);
 * - `POST /datasets`, `GET /datasets?name=…`, `GET /datasets/{id}`;
 * - `POST /v1/platform/datasets/{id}/examples` (multipart), `GET /examples?dataset=…`;
 * - `POST /sessions` (the experiment), `GET /sessions?…`, `GET /sessions/{id}`, `PATCH /sessions/{id}`;
 * - `POST /runs/multipart` (runs and feedback in one multipart body), `POST /runs/batch`, `POST /runs`,
 *   `PATCH /runs/{id}`; `POST /feedback`.
 *
 * Every request is recorded with its raw bytes and its decoded text (gunzipped, multipart parts split out)
 * so tests can search everything that left the client; the API key header is recorded as "[redacted]".
 * Unknown routes answer 404 and are recorded as `unhandled`. Faults (a status for matching requests) can be
 * injected.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as zlib from "node:zlib";
import { gunzipSync, inflateSync } from "node:zlib";

export interface MultipartPart {
  name: string;
  contentType: string;
  text: string;
}

export interface RecordedLangSmithRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names; x-api-key and authorization values replaced by "[redacted]". */
  headers: Record<string, string>;
  /** The body exactly as received. */
  raw: Buffer;
  /** The body decompressed (Content-Encoding) and read as UTF-8; "" when it could not be decoded. */
  text: string;
  /** Whether the body could be decompressed (false for an encoding Node cannot read). */
  decoded: boolean;
  /** Parsed JSON bodies. */
  json?: unknown;
  /** Multipart bodies, split into parts. */
  parts?: MultipartPart[];
  status: number;
  /** No route matched. */
  unhandled?: boolean;
}

export interface LangSmithFault {
  /** Matched against the path (a string matches exactly or as a prefix ending in "/"). */
  route: string | RegExp;
  method?: string;
  status: number;
  message?: string;
  /** How many matching requests fail (default: all of them). */
  times?: number;
}

export interface StoredDataset {
  id: string;
  name: string;
  description: string | null;
  data_type: string;
  created_at: string;
  modified_at: string;
  tenant_id: string;
  example_count: number;
  session_count: number;
  metadata: Record<string, unknown> | null;
}

export interface StoredExample {
  id: string;
  dataset_id: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown> | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
  modified_at: string;
}

export interface StoredSession {
  id: string;
  name: string;
  description: string | null;
  reference_dataset_id: string | null;
  extra: Record<string, unknown> | null;
  start_time: string;
  end_time: string | null;
  tenant_id: string;
}

export interface StoredFeedback {
  id: string;
  run_id: string | null;
  trace_id?: string | null;
  session_id?: string | null;
  key: string;
  score?: number | boolean | null;
  value?: unknown;
  comment?: string | null;
  [field: string]: unknown;
}

export interface FakeLangSmithOptions {
  apiKey?: string;
  /** Merged into /info's instance_flags (e.g. { gzip_body_enabled: true } to have runs gzipped). */
  instanceFlags?: Record<string, unknown>;
}

export interface FakeLangSmithServer {
  url: string;
  apiKey: string;
  tenantId: string;
  requests: RecordedLangSmithRequest[];
  datasets: Map<string, StoredDataset>;
  examples: Map<string, StoredExample>;
  sessions: Map<string, StoredSession>;
  /** Runs by id, creation and later patches merged. */
  runs: Map<string, Record<string, unknown>>;
  feedback: StoredFeedback[];
  fail(fault: LangSmithFault): void;
  /** Every request body, raw (latin1, so bytes survive) and decoded, with each part: for leak searches. */
  everything(): string;
  close(): Promise<void>;
}

const SECRET_HEADERS = new Set(["x-api-key", "authorization", "cookie"]);

interface Reply {
  status: number;
  json?: unknown;
}

const error = (status: number, detail: string): Reply => ({ status, json: { detail } });

function decompress(raw: Buffer, encoding: string | undefined): Buffer | undefined {
  if (!encoding || encoding === "identity") return raw;
  if (encoding === "gzip") return gunzipSync(raw);
  if (encoding === "deflate") return inflateSync(raw);
  if (encoding === "zstd") {
    // node:zlib reads zstd from Node 22.15 on; on older Nodes the body is kept raw and marked undecoded.
    const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Buffer) => Buffer }).zstdDecompressSync;
    return zstd ? zstd(raw) : undefined;
  }
  return undefined;
}

/** Splits a multipart/form-data body into its parts (text only: the SDK sends JSON parts). */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!mark) return [];
  const delimiter = Buffer.from(`--${mark}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF, then the next delimiter.
    const chunk = body.subarray(start + 2, next - 2);
    const split = chunk.indexOf("\r\n\r\n");
    const head = chunk.subarray(0, split < 0 ? chunk.length : split).toString("utf8");
    const content = split < 0 ? Buffer.alloc(0) : chunk.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(head)?.[1] ?? "";
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? "";
    parts.push({ name, contentType: type.trim(), text: content.toString("utf8") });
    at = next;
  }
  return parts;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export async function startFakeLangSmithServer(
  options: FakeLangSmithOptions = {},
): Promise<FakeLangSmithServer> {
  const apiKey = options.apiKey ?? "lsv2_pt_fake0123456789abcdef";
  const tenantId = randomUUID();
  const requests: RecordedLangSmithRequest[] = [];
  const datasets = new Map<string, StoredDataset>();
  const examples = new Map<string, StoredExample>();
  const sessions = new Map<string, StoredSession>();
  const runs = new Map<string, Record<string, unknown>>();
  const feedback: StoredFeedback[] = [];
  const faults: (LangSmithFault & { left: number })[] = [];

  const now = () => new Date().toISOString();

  function takeFault(method: string, path: string): LangSmithFault | undefined {
    const i = faults.findIndex(
      (f) =>
        (!f.method || f.method.toUpperCase() === method) &&
        (typeof f.route === "string"
          ? f.route === path || (f.route.endsWith("/") && path.startsWith(f.route))
          : f.route.test(path)),
    );
    if (i < 0) return undefined;
    const fault = faults[i]!;
    if (--fault.left <= 0) faults.splice(i, 1);
    return fault;
  }

  function createDataset(body: Record<string, unknown>): Reply {
    const name = String(body.name ?? "");
    if (!name) return error(422, "name is required");
    if ([...datasets.values()].some((d) => d.name === name))
      return error(409, `Dataset with this name already exists.`);
    const dataset: StoredDataset = {
      id: randomUUID(),
      name,
      description: typeof body.description === "string" ? body.description : null,
      data_type: typeof body.data_type === "string" ? body.data_type : "kv",
      created_at: now(),
      modified_at: now(),
      tenant_id: tenantId,
      example_count: 0,
      session_count: 0,
      metadata: body.metadata ? asRecord(body.metadata) : null,
    };
    datasets.set(dataset.id, dataset);
    return { status: 200, json: dataset };
  }

  function datasetView(dataset: StoredDataset): StoredDataset {
    const count = [...examples.values()].filter((e) => e.dataset_id === dataset.id).length;
    return { ...dataset, example_count: count };
  }

  function uploadExamples(datasetId: string, parts: MultipartPart[]): Reply {
    const dataset = datasets.get(datasetId);
    if (!dataset) return error(404, "Dataset not found");
    const byId = new Map<string, Partial<StoredExample>>();
    for (const part of parts) {
      const [id, field] = part.name.split(".", 2) as [string, string | undefined];
      const entry = byId.get(id) ?? {};
      const value = parseJson(part.text);
      if (field === undefined) entry.metadata = (asRecord(value).metadata as Record<string, unknown>) ?? null;
      else if (field === "inputs") entry.inputs = asRecord(value);
      else if (field === "outputs") entry.outputs = asRecord(value);
      byId.set(id, entry);
    }
    const ids: string[] = [];
    for (const [id, entry] of byId) {
      examples.set(id, {
        id,
        dataset_id: datasetId,
        inputs: entry.inputs ?? {},
        outputs: entry.outputs ?? null,
        metadata: entry.metadata ?? null,
        created_at: now(),
        modified_at: now(),
      });
      ids.push(id);
    }
    dataset.modified_at = now();
    return { status: 200, json: { example_ids: ids, count: ids.length } };
  }

  function createSession(body: Record<string, unknown>): Reply {
    const name = String(body.name ?? "");
    if ([...sessions.values()].some((s) => s.name === name))
      return error(409, "Session with this name already exists.");
    const session: StoredSession = {
      id: typeof body.id === "string" ? body.id : randomUUID(),
      name,
      description: typeof body.description === "string" ? body.description : null,
      reference_dataset_id: typeof body.reference_dataset_id === "string" ? body.reference_dataset_id : null,
      extra: body.extra ? asRecord(body.extra) : null,
      start_time: typeof body.start_time === "string" ? body.start_time : now(),
      end_time: null,
      tenant_id: tenantId,
    };
    sessions.set(session.id, session);
    return { status: 200, json: session };
  }

  function sessionNamed(name: string): StoredSession {
    const found = [...sessions.values()].find((s) => s.name === name);
    if (found) return found;
    // Runs sent to a project by name create it, as LangSmith does.
    const session = createSession({ name }).json as StoredSession;
    return session;
  }

  function upsertRun(run: Record<string, unknown>, patch: boolean): void {
    const id = String(run.id ?? randomUUID());
    const before = runs.get(id) ?? {};
    const merged: Record<string, unknown> = { ...before, ...run, id };
    if (!patch && typeof merged.session_name === "string" && !merged.session_id)
      merged.session_id = sessionNamed(merged.session_name).id;
    runs.set(id, merged);
  }

  function addFeedback(body: Record<string, unknown>): StoredFeedback {
    const stored = {
      ...body,
      id: String(body.id ?? randomUUID()),
      key: String(body.key ?? ""),
    } as StoredFeedback;
    feedback.push(stored);
    return stored;
  }

  function ingestMultipart(parts: MultipartPart[]): Reply {
    const pending = new Map<string, { method: "post" | "patch"; run: Record<string, unknown> }>();
    for (const part of parts) {
      const [kind, id, field] = part.name.split(".", 3) as [string, string, string | undefined];
      const value = parseJson(part.text);
      if (kind === "feedback") {
        addFeedback(asRecord(value));
        continue;
      }
      if (kind !== "post" && kind !== "patch") continue;
      const entry = pending.get(`${kind}.${id}`) ?? { method: kind, run: { id } };
      if (field === undefined) Object.assign(entry.run, asRecord(value));
      else entry.run[field] = value;
      pending.set(`${kind}.${id}`, entry);
    }
    for (const { method, run } of pending.values()) upsertRun(run, method === "patch");
    return { status: 202, json: {} };
  }

  function list<T>(items: T[], query: URLSearchParams): T[] {
    const offset = Number(query.get("offset") ?? 0);
    const limit = Number(query.get("limit") ?? 100);
    return items.slice(offset, offset + limit);
  }

  function handleRoute(
    method: string,
    path: string,
    query: URLSearchParams,
    record: RecordedLangSmithRequest,
  ): Reply | undefined {
    const body = asRecord(record.json);
    const parts = record.parts ?? [];
    const match = (pattern: RegExp): string | undefined => pattern.exec(path)?.[1];
    const datasetId = match(/^\/datasets\/([^/]+)$/);
    const uploadTo = match(/^\/(?:v1\/platform\/)?datasets\/([^/]+)\/examples$/);
    const exampleId = match(/^\/examples\/([^/]+)$/);
    const sessionId = match(/^\/sessions\/([^/]+)$/);
    const runId = match(/^\/runs\/([^/]+)$/);
    if (method === "GET" && path === "/info")
      return {
        status: 200,
        json: {
          version: "0.12.0",
          license_expiration_time: null,
          batch_ingest_config: {
            use_multipart_endpoint: true,
            size_limit: 100,
            size_limit_bytes: 20_971_520,
          },
          instance_flags: {
            dataset_examples_multipart_enabled: true,
            gzip_body_enabled: false,
            zstd_compression_enabled: false,
            ...options.instanceFlags,
          },
        },
      };
    if (path === "/datasets" && method === "POST") return createDataset(body);
    if (path === "/datasets" && method === "GET") {
      const names = query.getAll("name");
      const ids = query.getAll("id");
      const found = [...datasets.values()].filter(
        (d) => (names.length === 0 || names.includes(d.name)) && (ids.length === 0 || ids.includes(d.id)),
      );
      return { status: 200, json: list(found.map(datasetView), query) };
    }
    if (datasetId && method === "GET") {
      const dataset = datasets.get(datasetId);
      return dataset ? { status: 200, json: datasetView(dataset) } : error(404, "Dataset not found");
    }
    if (uploadTo && method === "POST") return uploadExamples(uploadTo, parts);
    if (exampleId && method === "GET") {
      const example = examples.get(exampleId);
      return example ? { status: 200, json: example } : error(404, "Example not found");
    }
    if (path === "/examples" && method === "GET") {
      const datasetId = query.get("dataset");
      const ids = query.getAll("id");
      const found = [...examples.values()].filter(
        (e) => (!datasetId || e.dataset_id === datasetId) && (ids.length === 0 || ids.includes(e.id)),
      );
      return { status: 200, json: list(found, query) };
    }
    if (path === "/sessions" && method === "POST") return createSession(body);
    if (path === "/sessions" && method === "GET") {
      const names = query.getAll("name");
      const found = [...sessions.values()].filter((s) => names.length === 0 || names.includes(s.name));
      // The SDK reads the tenant from the first project; a fresh workspace has a default one.
      const all = found.length || names.length ? found : [sessionNamed("default")];
      return { status: 200, json: list(all, query) };
    }
    if (sessionId) {
      const session = sessions.get(sessionId);
      if (!session) return error(404, "Session not found");
      if (method === "GET") return { status: 200, json: session };
      if (method === "PATCH") {
        if (typeof body.name === "string") session.name = body.name;
        if (typeof body.description === "string") session.description = body.description;
        if (body.extra !== undefined) session.extra = asRecord(body.extra);
        if (typeof body.end_time === "string") session.end_time = body.end_time;
        return { status: 200, json: session };
      }
    }
    if (path === "/runs/multipart" && method === "POST") return ingestMultipart(parts);
    if (path === "/runs/batch" && method === "POST") {
      for (const run of (body.post as unknown[]) ?? []) upsertRun(asRecord(run), false);
      for (const run of (body.patch as unknown[]) ?? []) upsertRun(asRecord(run), true);
      return { status: 202, json: {} };
    }
    if (path === "/runs" && method === "POST") {
      upsertRun(body, false);
      return { status: 202, json: {} };
    }
    if (runId && method === "PATCH") {
      upsertRun({ ...body, id: runId }, true);
      return { status: 202, json: {} };
    }
    if (path === "/feedback" && method === "POST") return { status: 200, json: addFeedback(body) };
    return undefined;
  }

  async function handle(req: IncomingMessage): Promise<{ reply: Reply; record: RecordedLangSmithRequest }> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      headers[name] = SECRET_HEADERS.has(name) ? "[redacted]" : String(value);
    let body: Buffer | undefined;
    try {
      body = decompress(raw, req.headers["content-encoding"]);
    } catch {
      body = undefined;
    }
    const text = body ? body.toString("utf8") : "";
    const type = req.headers["content-type"] ?? "";
    const record: RecordedLangSmithRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      raw,
      text,
      decoded: body !== undefined,
      status: 0,
    };
    if (body && type.includes("multipart/form-data")) record.parts = parseMultipart(body, type);
    else if (body && text) {
      const json = parseJson(text);
      if (json !== undefined) record.json = json;
    }
    const fault = takeFault(method, url.pathname);
    if (fault) return { record, reply: error(fault.status, fault.message ?? `Injected ${fault.status}`) };
    if (url.pathname !== "/info" && req.headers["x-api-key"] !== apiKey)
      return { record, reply: error(401, "Invalid API key") };
    const reply = handleRoute(method, url.pathname, url.searchParams, record);
    if (reply) return { record, reply };
    record.unhandled = true;
    return { record, reply: error(404, `Not found: ${method} ${url.pathname}`) };
  }

  function send(res: ServerResponse, reply: Reply): void {
    res.writeHead(reply.status, { "content-type": "application/json" });
    res.end(reply.json === undefined ? "" : JSON.stringify(reply.json));
  }

  const server = createServer((req, res) => {
    handle(req).then(
      ({ reply, record }) => {
        record.status = reply.status;
        requests.push(record);
        send(res, reply);
      },
      (e: Error) => send(res, error(500, `fake server bug: ${e.message}`)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiKey,
    tenantId,
    requests,
    datasets,
    examples,
    sessions,
    runs,
    feedback,
    fail(fault) {
      faults.push({ ...fault, left: fault.times ?? Number.POSITIVE_INFINITY });
    },
    everything() {
      return requests
        .map((r) =>
          [
            r.path,
            JSON.stringify(r.query),
            r.raw.toString("latin1"),
            r.raw.toString("utf8"),
            r.text,
            ...(r.parts ?? []).map((p) => `${p.name}\n${p.text}`),
          ].join("\n"),
        )
        .join("\n");
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
