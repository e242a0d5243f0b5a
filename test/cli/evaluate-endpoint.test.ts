/**
 * `cft evaluate` against a model endpoint: the real bin/cft and the official SDK talking to a local server
 * that speaks the chat completions wire format. A second evaluation of the same model reuses every cached
 * answer and calls nothing; a refused key stops with exit 4 after one request.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeChatServer, startFakeChatServer } from "../fakes/chat-server.js";
import { cft, cftAsync, tempDir } from "../helpers.js";

let server: FakeChatServer;
let home: string;
let suite: string;

beforeAll(async () => {
  // A model that answers every claim APPROVED: right on approvals, a false approval on every denial.
  server = await startFakeChatServer({
    answer: () => "Decision: APPROVED\nRationale: covered service with a supporting diagnosis.",
    latencyMs: 2,
  });
  const work = tempDir("cft-eval-endpoint-");
  home = join(work, "ws");
  expect(
    cft(["prepare", "--task", "claims", "--synthetic", "400", "--out", join(work, "claims"), "--home", home])
      .code,
  ).toBe(0);
  suite = join(work, "claims", "test.jsonl");
});
afterAll(() => server.close());

const evaluate = (extra: string[] = [], env: Record<string, string> = {}) =>
  cftAsync(
    [
      "evaluate",
      "--suite",
      suite,
      "--model",
      "claims-model",
      "--base-url",
      server.openaiBaseURL,
      "--concurrency",
      "4",
      "--draws",
      "1000",
      "--home",
      home,
      "--json",
      ...extra,
    ],
    { env },
  );

describe("cft evaluate --model --base-url", () => {
  it("calls the endpoint once per item with deterministic decoding, and scores the answers", async () => {
    const run = await evaluate();
    expect(run.code).toBe(0);
    const summary = run.json();
    expect(server.served).toBe(40);
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
    const body = server.requests[0]!.body as { temperature: number; seed: number; messages: unknown[] };
    expect(body.temperature).toBe(0);
    expect(typeof body.seed).toBe("number");
    expect(summary.source).toBe(server.openaiBaseURL);
    expect(summary.latencyMs.p50).toBeGreaterThan(0);
    const metric = (name: string) => summary.metrics.find((m: { name: string }) => m.name === name);
    expect(metric("falseApprovalRate").value).toBe(1);
    expect(metric("recallApproved").value).toBe(1);
  });

  it("reuses the cached answers on a second evaluation and calls nothing", async () => {
    const before = server.served;
    const run = await evaluate();
    expect(run.code).toBe(0);
    expect(server.served).toBe(before);
    expect(run.stderr).toContain("40 answers reused from the cache");
  });

  it("stops with exit 4 and the service's reason when the key is refused", async () => {
    server.fail({ status: 401, times: 1, message: "Incorrect API key provided" });
    const before = server.served;
    const run = await evaluate(["--model", "another-model"]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/key/i);
    expect(server.served - before).toBe(1);
  });
});
