/**
 * The OpenAI provider through the real openai SDK against the local fake server: what is uploaded and
 * sent, idempotent submission (lost responses and retried uploads included), the job lifecycle, events,
 * checkpoints and metrics. Errors and retries are in openai-provider-errors.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GateError, InputError, ServiceError } from "../../src/errors.js";
import type { ClearedSubmission } from "../../src/finetune/clearance.js";
import { createOpenAIProvider } from "../../src/finetune/providers/openai-provider.js";
import type { TrainingFile } from "../../src/finetune/types.js";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../fakes/openai-server.js";
import { chatLines, cleared, configWith, dataset, FAST, submission } from "../fakes/submissions.js";
import { tempDir, writeFile } from "../helpers.js";

let server: FakeOpenAIServer;
let train: TrainingFile;
let validation: TrainingFile;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  const dir = tempDir();
  train = dataset(dir, "train", chatLines(12));
  validation = dataset(dir, "validation", chatLines(4, "v"));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const provider = (key = server.apiKey) =>
  createOpenAIProvider(configWith({ OPENAI_API_KEY: key, OPENAI_BASE_URL: server.openaiBaseURL }), FAST);
let runCounter = 0;
const newRunId = () => `run-20260101-${(++runCounter).toString(16).padStart(8, "0")}`;
const posts = (route: string) => server.requests.filter((r) => r.method === "POST" && r.route === route);

async function submitted(overrides: Parameters<typeof cleared>[0] = { files: [train, validation] }) {
  const runId = overrides.runId ?? newRunId();
  const messages: string[] = [];
  const snapshot = await provider().submit(cleared({ ...overrides, runId }), (m) => messages.push(m));
  return { runId, snapshot, messages };
}

describe("OpenAI provider: submit", () => {
  it("refuses a submission the gate did not issue, before any request", async () => {
    const forged = {
      ...submission({ files: [train] }),
      clearance: { confirmationId: "x", checkedAt: "now" },
    };
    await expect(provider().submit(forged as ClearedSubmission)).rejects.toBeInstanceOf(GateError);
    expect(server.requests).toEqual([]);
  });

  it("uploads the exact bytes as multipart and creates the job with method.supervised", async () => {
    const { runId, snapshot, messages } = await submitted({
      files: [train, validation],
      hyperparameters: { epochs: 3, learningRateMultiplier: 0.5, seed: 7 },
      metadata: { dataset: "claims-v1" },
    });
    const uploads = server.uploads().filter((f) => f.filename === `train-${train.sha256.slice(0, 12)}.jsonl`);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.content.equals(Buffer.from(chatLines(12)))).toBe(true);
    expect(posts("/files")[0]!.body).toMatchObject({ purpose: "fine-tune", size: train.bytes });
    const body = posts("/fine_tuning/jobs")[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      model: "gpt-4o-mini-2024-07-18",
      suffix: `cft-${runId.slice(-8)}`,
      seed: 7,
      metadata: { dataset: "claims-v1", cft_run_id: runId },
      method: {
        type: "supervised",
        supervised: { hyperparameters: { n_epochs: 3, learning_rate_multiplier: 0.5 } },
      },
    });
    expect(body.training_file).toBe(uploads[0]!.id);
    expect(body.validation_file).toMatch(/^file-/);
    expect(
      "batch_size" in (body.method as { supervised: { hyperparameters: object } }).supervised.hyperparameters,
    ).toBe(false);
    expect(snapshot).toMatchObject({ status: "validating_files", providerStatus: "validating_files" });
    expect(messages[0]).toMatch(/^uploading train-[0-9a-f]{12}\.jsonl \(\d+(\.\d)? kB\)$/);
    expect(messages.at(-1)).toBe(`created ${snapshot.jobId}`);
    // The file was polled until processed before the job was created.
    expect(server.requests.some((r) => r.method === "GET" && /^\/files\/file-/.test(r.route))).toBe(true);
  });

  it("is idempotent: a second submit for the same run uploads nothing and creates nothing", async () => {
    const { runId, snapshot } = await submitted();
    server.requests.length = 0;
    const again = await provider().submit(cleared({ files: [train, validation], runId }));
    expect(again.jobId).toBe(snapshot.jobId);
    expect(posts("/files")).toEqual([]);
    expect(posts("/fine_tuning/jobs")).toEqual([]);
    expect(server.requests[0]!.query).toMatchObject({ "metadata[cft_run_id]": runId });
  });

  it("reuses an upload from a submit that failed after uploading", async () => {
    const dir = tempDir();
    const fresh = dataset(dir, "train", chatLines(15, "retry"));
    server.fail({
      route: "/fine_tuning/jobs",
      method: "POST",
      status: 400,
      message: "Temporary validation hiccup",
    });
    const runId = newRunId();
    await expect(provider().submit(cleared({ files: [fresh], runId }))).rejects.toBeInstanceOf(ServiceError);
    const messages: string[] = [];
    await provider().submit(cleared({ files: [fresh], runId }), (m) => messages.push(m));
    expect(posts("/files")).toHaveLength(1);
    expect(messages[0]).toMatch(/^reusing train-/);
    expect(posts("/fine_tuning/jobs")).toHaveLength(2);
  });

  it("does not create a second job when the response to the first was lost", async () => {
    server.fail({
      route: "/fine_tuning/jobs",
      method: "POST",
      status: 502,
      message: "Bad gateway",
      afterHandling: true,
    });
    const { runId, snapshot } = await submitted({ files: [train] });
    expect(posts("/fine_tuning/jobs")).toHaveLength(1);
    const jobs = [...server.store.jobs.values()].filter(
      (j) => (j.request.metadata as { cft_run_id: string }).cft_run_id === runId,
    );
    expect(jobs.map((j) => j.wire.id)).toEqual([snapshot.jobId]);
  });

  it("retries a job creation that was throttled", async () => {
    server.fail({ route: "/fine_tuning/jobs", method: "POST", status: 429, message: "Rate limit reached" });
    await submitted({ files: [train] });
    expect(posts("/fine_tuning/jobs").map((r) => r.status)).toEqual([429, 200]);
  });

  it("fits the suffix to 64 characters and refuses characters the service rejects, before sending", async () => {
    const long = `${"clinical claims coder ".repeat(5)}v2`;
    await submitted({ files: [train], suffix: long });
    const suffix = (posts("/fine_tuning/jobs")[0]!.body as { suffix: string }).suffix;
    expect(suffix.length).toBeLessThanOrEqual(64);
    expect(suffix).toMatch(/^clinical-claims-coder-clinical[A-Za-z0-9_-]*[A-Za-z0-9]$/);
    server.requests.length = 0;
    await expect(
      provider().submit(cleared({ files: [train], suffix: 'naïve"quote' })),
    ).rejects.toBeInstanceOf(InputError);
    expect(server.requests).toEqual([]);
  });

  it("refuses a file changed since the gate hashed it, uploading nothing", async () => {
    const dir = tempDir();
    const file = dataset(dir, "train", chatLines(11, "changed"));
    writeFile(dir, "train.jsonl", chatLines(11, "tampered"));
    await expect(provider().submit(cleared({ files: [file] }))).rejects.toBeInstanceOf(GateError);
    expect(posts("/files")).toEqual([]);
  });
});

describe("OpenAI provider: a job's life", () => {
  it("follows the lifecycle, with progress, chronological events and after-filtering", async () => {
    const p = provider();
    const { snapshot } = await submitted();
    const id = snapshot.jobId;
    server.advance(id, "queued");
    expect((await p.status(id)).status).toBe("queued");
    server.advance(id, "running");
    const running = await p.status(id);
    expect(running).toMatchObject({ status: "running", progress: { step: 3, totalSteps: 3 } });
    const events = await p.events(id);
    const times = events.map((e) => e.createdAt);
    expect([...times].sort()).toEqual(times);
    expect(events[0]!.message).toMatch(/^Created fine-tuning job/);
    expect(events.find((e) => e.kind === "start")).toBeDefined();
    const metrics = events.filter((e) => e.kind === "progress");
    expect(metrics.map((e) => e.metrics?.step)).toEqual([1, 2, 3]);
    expect(metrics[0]!.metrics).toMatchObject({ totalSteps: 3, trainLoss: 1.7 });
    const cursor = events.at(-1)!.id;
    expect(await p.events(id, cursor)).toEqual([]);
    server.advance(id, "succeeded");
    const newer = await p.events(id, cursor);
    expect(newer.map((e) => e.kind)).toEqual(["message", "done"]);
    const done = await p.status(id);
    expect(done).toMatchObject({ status: "succeeded", trainedTokens: 12345 });
    expect(done.fineTunedModel).toMatch(/^ft:gpt-4o-mini-2024-07-18:/);
    expect(done.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("lists checkpoints by step and reads the training log", async () => {
    const p = provider();
    const { snapshot } = await submitted();
    expect(await p.metrics(snapshot.jobId)).toBeUndefined();
    server.advance(snapshot.jobId, "succeeded");
    const checkpoints = await p.checkpoints(snapshot.jobId);
    expect(checkpoints.map((c) => c.step)).toEqual([1, 2]);
    expect(checkpoints[0]!.model).toMatch(/ckpt-step-1$/);
    expect(checkpoints[0]!.metrics.train_loss).toBeCloseTo(1.7);
    const metrics = await p.metrics(snapshot.jobId);
    expect(metrics?.rows).toHaveLength(3);
    expect(metrics?.rows[0]).toEqual({
      step: 1,
      trainLoss: 1.5,
      trainAccuracy: 0.6,
      validLoss: null,
      validMeanTokenAccuracy: null,
    });
    expect(metrics?.final).toEqual({
      step: 3,
      trainLoss: 0.9,
      trainAccuracy: 0.8,
      validLoss: 1.1,
      validMeanTokenAccuracy: 0.7,
    });
  });

  it("reads a base64-encoded result file", async () => {
    const b64 = await startFakeOpenAIServer({ resultEncoding: "base64" });
    try {
      const p = createOpenAIProvider(
        configWith({ OPENAI_API_KEY: b64.apiKey, OPENAI_BASE_URL: b64.openaiBaseURL }),
        FAST,
      );
      const snapshot = await p.submit(cleared({ files: [train] }));
      b64.advance(snapshot.jobId, "succeeded");
      expect((await p.metrics(snapshot.jobId))?.final?.step).toBe(3);
    } finally {
      await b64.close();
    }
  });

  it("cancels, and keeps a status word it does not know", async () => {
    const p = provider();
    const { snapshot } = await submitted();
    expect(await p.cancel(snapshot.jobId)).toMatchObject({
      status: "cancelled",
      providerStatus: "cancelled",
    });
    server.job(snapshot.jobId).wire.status = "paused_for_review";
    expect(await p.status(snapshot.jobId)).toMatchObject({
      status: "unknown",
      providerStatus: "paused_for_review",
    });
  });
});
