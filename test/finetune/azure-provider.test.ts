/**
 * The Azure OpenAI provider through the real AzureOpenAI client against the local fake: api-version and
 * api-key on every call, the BOM on uploads (exactly once), the 40-character suffix with the run tag,
 * trainingType as Azure spells it, finding a job without a metadata filter, Azure's status words, and
 * Entra ID auth through an injected token provider.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InputError, ServiceError } from "../../src/errors.js";
import {
  AZURE_DEFAULT_API_VERSION,
  createAzureProvider,
} from "../../src/finetune/providers/azure-provider.js";
import type { TrainingFile } from "../../src/finetune/types.js";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../fakes/openai-server.js";
import { chatLines, cleared, configWith, dataset, FAST } from "../fakes/submissions.js";
import { tempDir } from "../helpers.js";

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
let server: FakeOpenAIServer;
let train: TrainingFile;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  train = dataset(tempDir(), "train", chatLines(12));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const env = (extra: Record<string, string> = {}) => ({
  AZURE_OPENAI_ENDPOINT: server.azureEndpoint,
  AZURE_OPENAI_API_KEY: server.azureKey,
  ...extra,
});
const provider = (extra: Record<string, string> = {}) => createAzureProvider(configWith(env(extra)), FAST);
let runCounter = 0;
const newRunId = () => `run-20260202-${(++runCounter).toString(16).padStart(8, "0")}`;
const jobPosts = () => server.requests.filter((r) => r.method === "POST" && r.route === "/fine_tuning/jobs");

describe("Azure provider: submit", () => {
  it("sends api-version and api-key on every call and uploads UTF-8 with one BOM", async () => {
    const runId = newRunId();
    const snapshot = await provider().submit(cleared({ provider: "azure", files: [train], runId }));
    expect(snapshot.status).toBe("queued");
    expect(snapshot.providerStatus).toBe("pending");
    expect(server.requests.length).toBeGreaterThan(3);
    for (const r of server.requests) {
      expect(r.query["api-version"]).toBe(AZURE_DEFAULT_API_VERSION);
      expect(r.headers["api-key"]).toBe("[redacted]");
      expect(r.headers.authorization).toBeUndefined();
    }
    const uploaded = server.uploads().find((f) => f.filename === `train-${train.sha256.slice(0, 12)}.jsonl`)!;
    expect(uploaded.content.subarray(0, 3).equals(BOM)).toBe(true);
    expect(uploaded.content.subarray(3).equals(Buffer.from(chatLines(12)))).toBe(true);
  });

  it("does not add a second BOM to a file that has one", async () => {
    const withBom = dataset(tempDir(), "train", Buffer.concat([BOM, Buffer.from(chatLines(10, "bom"))]));
    await provider().submit(cleared({ provider: "azure", files: [withBom], runId: newRunId() }));
    const uploaded = server
      .uploads()
      .find((f) => f.filename === `train-${withBom.sha256.slice(0, 12)}.jsonl`)!;
    expect(uploaded.content.equals(Buffer.concat([BOM, Buffer.from(chatLines(10, "bom"))]))).toBe(true);
  });

  it("sends trainingType as Azure spells it and a suffix of at most 40 characters ending in the run tag", async () => {
    const runId = "run-20260202-a1b2c3d4";
    await provider().submit(
      cleared({
        provider: "azure",
        files: [train],
        runId,
        suffix: "clinical claims coder for the billing team",
        trainingType: "developer",
        hyperparameters: { epochs: 2 },
      }),
    );
    const body = jobPosts()[0]!.body as Record<string, unknown>;
    expect(body.trainingType).toBe("developerTier");
    expect((body.suffix as string).length).toBeLessThanOrEqual(40);
    expect(body.suffix).toBe("clinical-claims-coder-for-the-b-a1b2c3d4");
    expect(body.metadata).toEqual({ cft_run_id: runId });
    expect(body.method).toEqual({ type: "supervised", supervised: { hyperparameters: { n_epochs: 2 } } });
  });

  it("finds an existing job by its suffix tag, paging through a job list it cannot filter", async () => {
    const runId = newRunId();
    const first = await provider().submit(
      cleared({ provider: "azure", files: [train], runId, suffix: "claims" }),
    );
    for (let i = 0; i < 5; i++)
      await provider().submit(cleared({ provider: "azure", files: [train], runId: newRunId() }));
    server.requests.length = 0;
    const p = createAzureProvider(configWith(env()), { ...FAST });
    const found = await p.findRun(runId);
    expect(found?.jobId).toBe(first.jobId);
    expect(server.requests.every((r) => !Object.keys(r.query).some((k) => k.startsWith("metadata")))).toBe(
      true,
    );
    server.requests.length = 0;
    const again = await p.submit(cleared({ provider: "azure", files: [train], runId, suffix: "claims" }));
    expect(again.jobId).toBe(first.jobId);
    expect(server.requests.filter((r) => r.method === "POST")).toEqual([]);
    expect(await p.findRun("run-20260202-ffffffff")).toBeUndefined();
  });

  it("pages through the job list when the job is not on the first page", async () => {
    const small = await startFakeOpenAIServer({ maxPageSize: 2 });
    try {
      const p = createAzureProvider(
        configWith({ AZURE_OPENAI_ENDPOINT: small.azureEndpoint, AZURE_OPENAI_API_KEY: small.azureKey }),
        FAST,
      );
      const runId = newRunId();
      const first = await p.submit(cleared({ provider: "azure", files: [train], runId }));
      for (let i = 0; i < 4; i++)
        await p.submit(cleared({ provider: "azure", files: [train], runId: newRunId() }));
      small.requests.length = 0;
      expect((await p.findRun(runId))?.jobId).toBe(first.jobId);
      const pages = small.requests.filter((r) => r.route === "/fine_tuning/jobs");
      expect(pages.length).toBe(3);
      expect(pages[1]!.query.after).toMatch(/^ftjob-/);
    } finally {
      await small.close();
    }
  });
});

describe("Azure provider: status words and auth", () => {
  it("maps pending, notRunning and canceled", async () => {
    const p = provider();
    const snapshot = await p.submit(cleared({ provider: "azure", files: [train], runId: newRunId() }));
    const wire = server.job(snapshot.jobId).wire;
    for (const [word, status] of [
      ["pending", "queued"],
      ["notRunning", "queued"],
      ["canceled", "cancelled"],
      ["paused", "unknown"],
    ] as const) {
      wire.status = word;
      expect(await p.status(snapshot.jobId)).toMatchObject({ status, providerStatus: word });
    }
  });

  it("runs a job to success with Azure's model name and a result file", async () => {
    const p = provider();
    const snapshot = await p.submit(
      cleared({ provider: "azure", files: [train], runId: newRunId(), suffix: "scribe" }),
    );
    server.advance(snapshot.jobId, "succeeded");
    const done = await p.status(snapshot.jobId);
    expect(done.status).toBe("succeeded");
    expect(done.fineTunedModel).toMatch(/^gpt-4o-mini-2024-07-18\.ft-.*-scribe-/);
    expect((await p.metrics(snapshot.jobId))?.rows).toHaveLength(3);
    expect((await p.events(snapshot.jobId)).at(-1)?.kind).toBe("done");
  });

  it("authenticates with Entra ID when no key is set", async () => {
    let asked = 0;
    const p = createAzureProvider(configWith({ AZURE_OPENAI_ENDPOINT: server.azureEndpoint }), {
      ...FAST,
      azureADTokenProvider: async () => {
        asked++;
        return server.entraToken;
      },
    });
    expect(await p.findRun(newRunId())).toBeUndefined();
    expect(asked).toBeGreaterThan(0);
    expect(server.requests[0]!.headers.authorization).toBe("[redacted]");
    expect(server.requests[0]!.headers["api-key"]).toBeUndefined();
  });

  it("names AZURE_OPENAI_API_KEY on a 401, without the key", async () => {
    const wrong = "0123456789abcdef0123456789abcdef";
    const error = (await provider({ AZURE_OPENAI_API_KEY: wrong })
      .status("ftjob-x")
      .catch((e: unknown) => e)) as ServiceError;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.hint).toContain("AZURE_OPENAI_API_KEY");
    expect(`${error.message} ${error.hint}`).not.toContain(wrong);
  });

  it("uses OPENAI_API_VERSION when set", async () => {
    await provider({ OPENAI_API_VERSION: "2025-06-01-preview" }).findRun(newRunId());
    expect(server.requests[0]!.query["api-version"]).toBe("2025-06-01-preview");
  });

  it("needs AZURE_OPENAI_ENDPOINT, named in the error (exit 2)", () => {
    expect(() => createAzureProvider(configWith({ AZURE_OPENAI_API_KEY: "k" }))).toThrow(InputError);
    try {
      createAzureProvider(configWith({}));
    } catch (e) {
      expect((e as InputError).problems[0]?.field).toBe("AZURE_OPENAI_ENDPOINT");
    }
  });
});
