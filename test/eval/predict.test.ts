/**
 * Predicting a suite through the real openai SDK against the local fake: every item answered, the
 * concurrency bound, the prediction cache (cached items are not asked again; an interrupted run resumes
 * with only the missing items and ends where a clean run does), per-item failures recorded while the rest
 * go on, and failures that doom every call stopping the run after one request.
 */
import { getEventListeners } from "node:events";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CftError, InputError, ServiceError } from "../../src/errors.js";
import { type ChatClient, createChatClient } from "../../src/eval/chat-client.js";
import { type PredictionResult, predictSuite } from "../../src/eval/predict.js";
import type { SuiteItem } from "../../src/eval/types.js";
import { type Db, openLedger } from "../../src/ledger/ledger.js";
import { cachedPredictions } from "../../src/ledger/predictions.js";
import { type FakeChatServer, startFakeChatServer } from "../fakes/chat-server.js";
import { configWith } from "../fakes/submissions.js";
import { tempDir } from "../helpers.js";

const KEY = "sk-test-predict-key-0123456789abcdef";
const MODEL = "ft:gpt-4.1-mini:acme::abc123";

/** Numbers the tests, so that each one's prompts are its own. */
let testNo = 0;

function suiteItems(n: number): SuiteItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `item-${String(i).padStart(4, "0")}`,
    line: i + 1,
    messages: [
      { role: "system", content: "You code synthetic claims." },
      { role: "user", content: `Synthetic claim ${i} of test ${testNo}` },
    ],
    reference: "APPROVE",
  }));
}

const expected = (item: SuiteItem) => `answer to ${item.messages.at(-1)!.content}`;

let server: FakeChatServer;
let latency = 0;

beforeAll(async () => {
  server = await startFakeChatServer({
    apiKey: KEY,
    models: [MODEL],
    latencyMs: () => latency,
    answer: (messages) => `answer to ${messages.at(-1)?.content}`,
  });
});
afterAll(() => server.close());
beforeEach(async () => {
  await server.idle();
  server.reset();
  latency = 0;
  testNo++;
});

/** This test's requests: on a busy machine a call an earlier test aborted may reach the server late. */
const sent = () =>
  server.requests.filter((r) => String(r.body?.messages?.at(-1)?.content).endsWith(` of test ${testNo}`));

const ledger = (): Db => openLedger(tempDir("cft-predict-"));
const client = (env: Record<string, string> = {}, model = MODEL): ChatClient =>
  createChatClient(configWith({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.openaiBaseURL, ...env }), {
    model,
    maxRetries: 2,
    timeoutMs: 5000,
  });

const predictions = (results: Map<string, PredictionResult>) =>
  new Map([...results].map(([id, r]) => [id, r.prediction]));

describe("predictSuite", () => {
  it("answers every item, caches each answer, and reports progress", async () => {
    const db = ledger();
    const items = suiteItems(25);
    const progress: [number, number, number][] = [];
    const results = await predictSuite(db, client(), items, {
      concurrency: 4,
      onProgress: (done, total, cached) => progress.push([done, total, cached]),
    });
    expect(results.size).toBe(25);
    for (const item of items) {
      const result = results.get(item.id)!;
      expect(result).toMatchObject({ prediction: expected(item), error: null, cached: false });
      expect(result.latencyMs).toBeGreaterThan(0);
    }
    expect(sent()).toHaveLength(25);
    expect(sent().every((r) => r.body.temperature === 0 && r.body.seed === 0)).toBe(true);
    expect(progress[0]).toEqual([0, 25, 0]);
    expect(progress.at(-1)).toEqual([25, 25, 0]);
    expect(
      cachedPredictions(
        db,
        client().key,
        items.map((i) => i.id),
      ).size,
    ).toBe(25);
  });

  it("keeps at most `concurrency` calls in flight", async () => {
    latency = 25;
    await predictSuite(ledger(), client(), suiteItems(30), { concurrency: 5 });
    expect(server.maxInFlight).toBe(5);
    server.reset();
    await predictSuite(ledger(), client(), suiteItems(6), { concurrency: 1 });
    expect(server.maxInFlight).toBe(1);
  });

  it("does not ask again for cached answers", async () => {
    const db = ledger();
    const items = suiteItems(10);
    await predictSuite(db, client(), items.slice(0, 6));
    server.reset();
    const results = await predictSuite(db, client(), items);
    expect(sent()).toHaveLength(4);
    expect([...results.values()].filter((r) => r.cached)).toHaveLength(6);
    expect(results.get(items[0]!.id)).toMatchObject({ prediction: expected(items[0]!), cached: true });
    server.reset();
    await predictSuite(db, client(), items);
    expect(sent()).toHaveLength(0);
  });

  it("asks once for an id that appears twice", async () => {
    const items = suiteItems(3);
    const results = await predictSuite(ledger(), client(), [...items, items[0]!]);
    expect(results.size).toBe(3);
    expect(sent()).toHaveLength(3);
  });

  it("resumes an interrupted run with only the missing items, ending where a clean run does", async () => {
    latency = 5;
    const items = suiteItems(40);
    const clean = await predictSuite(ledger(), client(), items, { concurrency: 4 });

    const db = ledger();
    server.reset();
    const controller = new AbortController();
    const interrupted = await predictSuite(db, client(), items, {
      concurrency: 4,
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 12) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((interrupted as Error).name).toBe("AbortError");
    const kept = cachedPredictions(
      db,
      client().key,
      items.map((i) => i.id),
    ).size;
    expect(kept).toBeGreaterThanOrEqual(12);
    expect(kept).toBeLessThan(40);

    await server.idle();
    server.reset();
    const resumed = await predictSuite(db, client(), items, { concurrency: 4 });
    // Counted: requests answered. A request of the interrupted run may reach the server late, as a
    // request the client had already given up on (aborted: true).
    expect(sent().filter((r) => !r.aborted)).toHaveLength(40 - kept);
    expect([...resumed.values()].filter((r) => r.cached)).toHaveLength(kept);
    expect(predictions(resumed)).toEqual(predictions(clean));
  });

  it("records an item that fails after the SDK's retries and goes on with the rest", async () => {
    const db = ledger();
    const items = suiteItems(8);
    // The first call goes alone, so the first item meets all three 500s (one try and two retries).
    server.fail({ status: 500, times: 3, message: "The server had an error processing your request." });
    const results = await predictSuite(db, client(), items, { concurrency: 4 });
    const failed = results.get(items[0]!.id)!;
    expect(failed.prediction).toBeNull();
    expect(failed.cached).toBe(false);
    expect(failed.error).toContain("HTTP 500");
    expect(failed.error).toContain("The server had an error processing your request.");
    expect([...results.values()].filter((r) => r.error === null)).toHaveLength(7);

    // Failed calls are not cached: the next run asks for that item only.
    server.reset();
    const again = await predictSuite(db, client(), items);
    expect(sent()).toHaveLength(1);
    expect(again.get(items[0]!.id)).toMatchObject({ prediction: expected(items[0]!), error: null });
  });

  it("stops after too many failures in a row rather than failing every item", async () => {
    server.fail({ status: 503, times: 1000, message: "Service Unavailable" });
    const error = await predictSuite(ledger(), client(), suiteItems(200), {
      concurrency: 4,
      maxConsecutiveErrors: 5,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).message).toContain("calls failed in a row");
    expect((error as ServiceError).message).toContain("Service Unavailable");
    // 5 items failed (3 requests each), plus at most the calls already in flight.
    expect(sent().length).toBeLessThanOrEqual((5 + 3) * 3);
  });

  it("stops at the first refused key: one request, not one per item (exit 4)", async () => {
    const db = ledger();
    const items = suiteItems(50);
    const wrong = client({ OPENAI_API_KEY: "sk-proj-WRONGkey-abcdefghijklmnop1234" });
    const error = await predictSuite(db, wrong, items, { concurrency: 8 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).exitCode).toBe(4);
    expect((error as ServiceError).message).toContain("key was refused");
    expect((error as ServiceError).hint).toContain("OPENAI_API_KEY");
    expect(sent()).toHaveLength(1);
    expect(
      cachedPredictions(
        db,
        wrong.key,
        items.map((i) => i.id),
      ).size,
    ).toBe(0);
  });

  it("stops at an unknown model after one request", async () => {
    const error = await predictSuite(ledger(), client({}, "ft:gpt-4.1-mini:acme::typo"), suiteItems(20), {
      concurrency: 8,
    }).catch((e: unknown) => e);
    expect((error as ServiceError).message).toContain("not found");
    expect(sent()).toHaveLength(1);
  });

  it("stops quickly when the key is refused in the middle of a run", async () => {
    latency = 5;
    const db = ledger();
    const items = suiteItems(200);
    let injected = false;
    const error = await predictSuite(db, client(), items, {
      concurrency: 8,
      onProgress: (done) => {
        if (done === 10 && !injected) {
          injected = true;
          server.fail({ status: 401, times: 1000, message: "Incorrect API key provided." });
        }
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).message).toContain("HTTP 401");
    // The answers received before it are kept; the calls after it are at most those already in flight.
    const kept = cachedPredictions(
      db,
      client().key,
      items.map((i) => i.id),
    ).size;
    expect(kept).toBeGreaterThanOrEqual(10);
    expect(sent().filter((r) => r.status === 401).length).toBeLessThanOrEqual(8 + 1);
  });

  it("leaves no listener on the caller's signal, and no leak warning, however many calls", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      await predictSuite(ledger(), client(), suiteItems(120), { concurrency: 16, signal: controller.signal });
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("stops when the ledger refuses the answers, saying so", async () => {
    const db = ledger();
    const error = await predictSuite(db, client(), suiteItems(10), {
      onProgress: (done) => {
        if (done === 0) db.pragma("query_only = ON");
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CftError);
    expect((error as CftError).message).toContain("cannot write answers to the prediction cache");
    expect((error as CftError).hint).toContain("writable");
  });

  it("refuses a concurrency below 1 (exit 2)", async () => {
    await expect(predictSuite(ledger(), client(), suiteItems(2), { concurrency: 0 })).rejects.toThrow(
      InputError,
    );
    expect(sent()).toHaveLength(0);
  });

  it("does nothing when every item is cached, and nothing at all for an already aborted signal", async () => {
    const db = ledger();
    const items = suiteItems(3);
    await predictSuite(db, client(), items);
    server.reset();
    const progress: number[][] = [];
    const results = await predictSuite(db, client(), items, {
      onProgress: (...args) => progress.push(args),
    });
    expect(progress).toEqual([[3, 3, 3]]);
    expect([...results.values()].every((r) => r.cached)).toBe(true);
    const controller = new AbortController();
    controller.abort();
    await expect(predictSuite(ledger(), client(), items, { signal: controller.signal })).rejects.toThrow();
    expect(sent()).toHaveLength(0);
  });
});
