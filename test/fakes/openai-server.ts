/**
 * A local stand-in for three APIs the hosted providers talk to, on 127.0.0.1 at a random port, so tests
 * drive the real openai SDK (and our fetch calls) without the network:
 * - OpenAI under `/v1` (Bearer key), - Azure OpenAI under `/openai` (`api-key` header or an Entra bearer
 *   token, `?api-version=` required), - Azure Resource Manager deployments under `/subscriptions`.
 * Uploads are parsed as real multipart and kept byte for byte. Every request is recorded (secrets
 * redacted) so tests can assert what was sent, or that nothing was; faults can be injected per route.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { armPlane, type FakeDeployment } from "./arm-routes.js";
import { authorized, missingApiVersion, unauthorized } from "./fake-auth.js";
import { apiError, dataPlane, type FakeReply, type FakeRequest, type Surface } from "./openai-routes.js";
import { FakeStore, type StoredFile, type StoredJob } from "./openai-store.js";

export type { Surface } from "./openai-routes.js";

export interface RecordedRequest {
  surface: Surface;
  method: string;
  /** Path after the surface prefix: "/files", "/fine_tuning/jobs/ftjob-…", or the full ARM path. */
  route: string;
  query: Record<string, string>;
  /** Lower-cased names; authorization and api-key values replaced by "[redacted]". */
  headers: Record<string, string>;
  /** Parsed JSON; for uploads { purpose, filename, size }. */
  body?: unknown;
  status: number;
}

export interface FaultSpec {
  route: string | RegExp;
  method?: string;
  surface?: Surface;
  status: number;
  message?: string;
  code?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Retry-After in seconds (default "0"; a 1 ms retry-after-ms is sent too, so the SDK retries at once). */
  retryAfter?: string;
  /** Handle the request first (a job is created) and then fail: a response lost on the way back. */
  afterHandling?: boolean;
}

export interface FakeServerOptions {
  apiKey?: string;
  azureKey?: string;
  entraToken?: string;
  armToken?: string;
  /** Base models that can be fine-tuned (default gpt-4o-mini-2024-07-18, gpt-4.1-mini-2025-04-14). */
  knownModels?: string[];
  /** Retrievals that still report a new upload as processing (default 1). */
  fileProcessingPolls?: number;
  /** Echo metadata on Azure jobs (the 2025-04-01-preview spec does not; default false). */
  azureEchoesMetadata?: boolean;
  /** Serve result files base64-encoded, as OpenAI has done at times. */
  resultEncoding?: "csv" | "base64";
  /** GETs before a deployment settles (default 2). */
  armPollsToSettle?: number;
  /** Largest page any list serves, whatever `limit` asks (default 100). */
  maxPageSize?: number;
}

export interface FakeOpenAIServer {
  url: string;
  /** For OPENAI_BASE_URL. */
  openaiBaseURL: string;
  /** For AZURE_OPENAI_ENDPOINT (the SDK appends /openai). */
  azureEndpoint: string;
  /** For AZURE_MANAGEMENT_URL. */
  armURL: string;
  apiKey: string;
  azureKey: string;
  entraToken: string;
  armToken: string;
  store: FakeStore;
  deployments: Map<string, FakeDeployment>;
  /** Deployment names that should end Failed. */
  failingDeployments: Set<string>;
  /** Extra model ids that may be deployed, besides the fine-tuned models of succeeded jobs. */
  deployableModels: Set<string>;
  requests: RecordedRequest[];
  fail(spec: FaultSpec): void;
  job(jobId: string): StoredJob;
  /** Moves the job along its lifecycle until it reaches `until` (default: one step). */
  advance(jobId: string, until?: string): StoredJob;
  /** Uploaded training files (purpose fine-tune), oldest first. */
  uploads(): StoredFile[];
  close(): Promise<void>;
}

const SECRET_HEADERS = new Set(["authorization", "api-key", "cookie"]);

function route(path: string): { surface: Surface; route: string } | undefined {
  if (path.startsWith("/v1/")) return { surface: "openai", route: path.slice(3) };
  if (path.startsWith("/openai/")) return { surface: "azure", route: path.slice(7) };
  if (path.startsWith("/subscriptions/")) return { surface: "arm", route: path };
  return undefined;
}

function send(res: ServerResponse, reply: FakeReply): void {
  const headers: Record<string, string> = { "x-request-id": `req-${Date.now()}`, ...reply.headers };
  if (reply.json !== undefined) {
    res.writeHead(reply.status, { ...headers, "content-type": "application/json" });
    res.end(JSON.stringify(reply.json));
  } else {
    res.writeHead(reply.status, headers);
    res.end(reply.raw ?? undefined);
  }
}

export async function startFakeOpenAIServer(options: FakeServerOptions = {}): Promise<FakeOpenAIServer> {
  const apiKey = options.apiKey ?? "sk-test-fake-openai-key-0123456789";
  const azureKey = options.azureKey ?? "azure-fake-key-0123456789abcdef";
  const entraToken = options.entraToken ?? "entra-fake-token";
  const armToken = options.armToken ?? "arm-fake-token";
  const credentials = { apiKey, azureKey, entraToken, armToken };
  const store = new FakeStore(options.resultEncoding);
  const deployments = new Map<string, FakeDeployment>();
  const failingDeployments = new Set<string>();
  const deployableModels = new Set<string>();
  const requests: RecordedRequest[] = [];
  const faults: (FaultSpec & { times: number })[] = [];
  const data = {
    knownModels: new Set(options.knownModels ?? ["gpt-4o-mini-2024-07-18", "gpt-4.1-mini-2025-04-14"]),
    fileProcessingPolls: options.fileProcessingPolls ?? 1,
    azureEchoesMetadata: options.azureEchoesMetadata ?? false,
    maxPageSize: options.maxPageSize ?? 100,
  };
  const arm = {
    pollsToSettle: options.armPollsToSettle ?? 2,
    failing: failingDeployments,
    deployableModels: () => {
      const models = new Set(deployableModels);
      for (const job of store.jobs.values())
        if (job.wire.fine_tuned_model) models.add(String(job.wire.fine_tuned_model));
      return models;
    },
  };

  function takeFault(surface: Surface, method: string, path: string): FaultSpec | undefined {
    const i = faults.findIndex(
      (f) =>
        (!f.surface || f.surface === surface) &&
        (!f.method || f.method.toUpperCase() === method) &&
        (typeof f.route === "string" ? f.route === path : f.route.test(path)),
    );
    if (i < 0) return undefined;
    const fault = faults[i]!;
    if (--fault.times <= 0) faults.splice(i, 1);
    return fault;
  }

  async function handle(req: IncomingMessage): Promise<{ reply: FakeReply; record?: RecordedRequest }> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const where = route(url.pathname);
    if (!where) return { reply: apiError(404, `Unknown path ${url.pathname}`) };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      headers[name] = SECRET_HEADERS.has(name) ? "[redacted]" : String(value);
    const request: FakeRequest = {
      surface: where.surface,
      method,
      route: where.route,
      query: url.searchParams,
    };
    const type = req.headers["content-type"] ?? "";
    let body: unknown;
    if (type.includes("application/json") && raw.length)
      body = request.json = JSON.parse(raw.toString("utf8"));
    if (type.includes("multipart/form-data")) {
      request.form = await new Request(url, {
        method,
        headers: { "content-type": type },
        body: raw,
      }).formData();
      const file = request.form.get("file");
      body = {
        purpose: request.form.get("purpose"),
        filename: typeof file === "string" ? undefined : file?.name,
        size: typeof file === "string" ? undefined : file?.size,
      };
    }
    const record: RecordedRequest = {
      surface: where.surface,
      method,
      route: where.route,
      query: Object.fromEntries(url.searchParams),
      headers,
      ...(body !== undefined ? { body } : {}),
      status: 0,
    };
    const fault = takeFault(where.surface, method, where.route);
    if (fault?.afterHandling) await dataPlane(store, data, request);
    if (fault) {
      const reply = apiError(fault.status, fault.message ?? `Injected ${fault.status}`, { code: fault.code });
      return {
        record,
        reply: { ...reply, headers: { "retry-after": fault.retryAfter ?? "0", "retry-after-ms": "1" } },
      };
    }
    if (where.surface !== "openai" && !url.searchParams.get("api-version"))
      return { record, reply: missingApiVersion(where.surface) };
    if (!authorized(credentials, where.surface, req.headers))
      return { record, reply: unauthorized(where.surface, req.headers) };
    const reply =
      where.surface === "arm" ? armPlane(deployments, arm, request) : await dataPlane(store, data, request);
    return { record, reply };
  }

  const server = createServer((req, res) => {
    handle(req).then(
      ({ reply, record }) => {
        if (record) requests.push({ ...record, status: reply.status });
        send(res, reply);
      },
      (error: Error) => send(res, apiError(500, `fake server bug: ${error.message}`)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const job = (jobId: string) => {
    const found = store.jobs.get(jobId);
    if (!found) throw new Error(`fake server: no job ${jobId}`);
    return found;
  };
  return {
    url,
    openaiBaseURL: `${url}/v1`,
    azureEndpoint: url,
    armURL: url,
    apiKey,
    azureKey,
    entraToken,
    armToken,
    store,
    deployments,
    failingDeployments,
    deployableModels,
    requests,
    fail: (spec) => faults.push({ ...spec, times: spec.times ?? 1 }),
    job,
    advance(jobId, until) {
      const j = job(jobId);
      for (let i = 0; i < 10; i++) {
        const before = j.wire.status;
        store.advance(j);
        if (!until || j.wire.status === until || j.wire.status === before) break;
      }
      return j;
    },
    uploads: () => [...store.files.values()].filter((f) => f.purpose === "fine-tune"),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
