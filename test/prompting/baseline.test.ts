/**
 * The prompt-only baseline against the local OpenAI-compatible fake: every test item is sent with the
 * clinical system prompt and the few-shot examples in front, the run is recorded in the ledger like any
 * evaluation, answers cached without the prompt are not reused for it, and a later evaluation of the same
 * test split regresses against it item by item.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatClient } from "../../src/eval/chat-client.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { type LoadedSuite, loadSuite } from "../../src/eval/suite.js";
import { evaluationsOfSuite, getEvaluation, latestEvaluationOf } from "../../src/ledger/evaluations.js";
import { type Db, openLedger } from "../../src/ledger/ledger.js";
import { measurePromptBaseline } from "../../src/prompting/baseline.js";
import { selectFewShot } from "../../src/prompting/few-shot.js";
import { runRegression } from "../../src/regression/run-regression.js";
import { type FakeChatMessage, type FakeChatServer, startFakeChatServer } from "../fakes/chat-server.js";
import { configWith } from "../fakes/submissions.js";
import { cftAsync, tempDir } from "../helpers.js";

const KEY = "sk-baseline-test-key-0123456789";
const work = tempDir("cft-prompt-baseline-");
const home = join(work, "ws");
const suitePath = join(work, "claims", "test.jsonl");
const trainPath = join(work, "claims", "train.jsonl");
let server: FakeChatServer;
let db: Db;

/** With the clinical prompt the fake "model" approves everything; without it, it denies everything. */
const prompted = (messages: FakeChatMessage[]) =>
  String(messages[0]?.content).includes("Rules you always follow");

beforeAll(async () => {
  server = await startFakeChatServer({
    apiKey: KEY,
    answer: (messages) =>
      prompted(messages)
        ? "Decision: APPROVED\nRationale: All criteria met."
        : "Decision: DENIED\nRationale: Excluded service.",
  });
  const run = await cftAsync([
    ...["prepare", "--task", "claims", "--synthetic", "200", "--seed", "4"],
    ...["--out", join(work, "claims"), "--home", home, "--json"],
  ]);
  expect(run.code, run.stderr).toBe(0);
  db = openLedger(home);
});
afterAll(async () => {
  db?.close();
  await server.close();
});

const config = () => configWith({ CFT_HOME: home });
const endpoint = () => ({ baseUrl: server.openaiBaseURL, model: "llama3.1:8b", apiKey: KEY });

/** An ordinary evaluation of MODEL at the fake endpoint: the messages as they are, no prompt added. */
const evaluatePlainly = (suite: LoadedSuite, model: string) =>
  evaluate(db, {
    suite,
    source: {
      kind: "endpoint",
      concurrency: 4,
      client: createChatClient(configWith({ OPENAI_API_KEY: KEY }), { model, baseUrl: server.openaiBaseURL }),
    },
    runId: null,
    metricOptions: { draws: 200 },
  });

describe("measurePromptBaseline", () => {
  it("sends each item behind the system prompt and examples, and records a regular evaluation", async () => {
    const suite = await loadSuite(suitePath);
    // The same model evaluated plainly first: its cached answers must not count for the baseline.
    const plain = await evaluatePlainly(suite, "llama3.1:8b");
    expect(plain.summary.metrics.find((m) => m.name === "recallApproved")?.value).toBe(0);
    server.reset();
    const before = server.served;

    const baseline = await measurePromptBaseline({
      db,
      config: config(),
      endpoint: endpoint(),
      suite: suitePath,
      train: trainPath,
      k: 3,
      seed: 2,
      concurrency: 4,
      metricOptions: { draws: 200 },
    });
    const items = suite.items.length;
    expect(server.served - before).toBe(items);
    expect(baseline.cached).toBe(0);
    expect(baseline.fewShot).toHaveLength(3);
    for (const request of server.requests) {
      const messages = request.body.messages as FakeChatMessage[];
      expect(request.body.temperature).toBe(0);
      expect(messages[0]?.role).toBe("system");
      expect(prompted(messages)).toBe(true);
      expect(messages.filter((m) => m.role === "system")).toHaveLength(1);
      expect(messages.map((m) => m.role)).toEqual([
        "system",
        ...["user", "assistant", "user", "assistant", "user", "assistant"],
        "user",
      ]);
    }

    const summary = baseline.summary;
    expect(summary.model).toMatch(
      /^llama3\.1:8b \(prompt-only: clinical-claims-system@[0-9a-f]{8}, 3-shot\)$/,
    );
    expect(summary.metrics.find((m) => m.name === "recallApproved")?.value).toBe(1);
    expect(baseline.primary).toMatchObject({ metric: "accuracy", evalId: summary.evalId, n: items });
    expect(getEvaluation(db, summary.evalId)).toEqual(summary);
    expect(evaluationsOfSuite(db, suite.sha256).map((e) => e.evalId)).toContain(summary.evalId);
    expect(latestEvaluationOf(db, "no-such-run", summary.model)?.evalId).toBe(summary.evalId);

    // A second measurement reuses every cached answer and calls nothing.
    const served = server.served;
    const again = await measurePromptBaseline({
      db,
      config: config(),
      endpoint: endpoint(),
      suite: suitePath,
      train: trainPath,
      k: 3,
      seed: 2,
      metricOptions: { draws: 200 },
    });
    expect(again.cached).toBe(items);
    expect(server.served).toBe(served);

    // A later evaluation of the same split (a "fine-tuned" model) regresses against the baseline.
    const candidate = await evaluatePlainly(suite, "ft:llama3.1:8b:claims");
    const regression = runRegression(db, home, {
      candidate: candidate.summary.evalId,
      baseline: summary.evalId,
      draws: 200,
      out: join(work, "regression"),
    });
    expect(regression.baseline.evalId).toBe(summary.evalId);
    expect(regression.report.sharedItems).toBe(items);
  });

  it("refuses few-shot examples taken from the test split itself", async () => {
    const fromTest = await selectFewShot(suitePath, { task: "claims", k: 2, seed: 0 });
    await expect(
      measurePromptBaseline({
        db,
        config: config(),
        endpoint: endpoint(),
        suite: suitePath,
        fewShot: fromTest.examples,
      }),
    ).rejects.toThrow(/few-shot examples are also test items/);
  });
});
