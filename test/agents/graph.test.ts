/**
 * The supervisor graph in guided mode (no chat model), with a fresh SQLite checkpointer per test and the
 * OpenAI fine-tuning API and a chat-completions endpoint as local fakes: the interrupts at the data plan
 * and the fine-tune confirmation answered with Command, the job created exactly once, "running" until the
 * job ends, the evaluation and the model card; a PHI dataset blocked for good; a process that dies right
 * after the job was created resumed without a second job.
 */

import { existsSync } from "node:fs";
import { join } from "node:path";
import { Command } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphDeps } from "../../agents/deps.js";
import { buildGraph } from "../../agents/graph.js";
import type { RunRequest } from "../../agents/request.js";
import { threadReport } from "../../agents/thread-status.js";
import { loadConfig } from "../../src/config/config.js";
import { createProvider } from "../../src/finetune/provider-factory.js";
import type { Provider } from "../../src/finetune/types.js";
import { getConfirmation } from "../../src/ledger/confirmations.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { listRuns } from "../../src/ledger/runs.js";
import { type FakeChatServer, startFakeChatServer } from "../fakes/chat-server.js";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../fakes/openai-server.js";
import { startFakeSlackServer } from "../fakes/slack-server.js";
import { tempDir, writeFile } from "../helpers.js";

let openai: FakeOpenAIServer;
let chat: FakeChatServer;
beforeAll(async () => {
  openai = await startFakeOpenAIServer({ fileProcessingPolls: 0 });
  // The tuned model (ft:…) approves every claim; the untuned baseline pends every one.
  chat = await startFakeChatServer({
    answer: (_messages, model) =>
      model.startsWith("ft:")
        ? "Decision: APPROVED\nRationale: covered service."
        : "Decision: PENDING\nRationale: unsure.",
  });
});
afterAll(async () => {
  await Promise.all([openai?.close(), chat?.close()]);
});

function setup(overrides: { createProvider?: typeof createProvider } = {}, env: Record<string, string> = {}) {
  const home = tempDir("cft-graph-");
  const config = loadConfig({
    env: { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.openaiBaseURL, ...env },
    home,
  });
  const saver = SqliteSaver.fromConnString(join(home, "checkpoints.sqlite"));
  const graph = buildGraph(graphDeps(config, overrides), saver);
  const thread = { configurable: { thread_id: `t-${Math.random().toString(36).slice(2)}` } };
  const report = async () => threadReport(thread.configurable.thread_id, await graph.getState(thread));
  return { home, config, graph, thread, report, close: () => saver.db.close() };
}

const request = (home: string, source?: RunRequest["source"]): RunRequest => ({
  task: "claims",
  source: source ?? { kind: "synthetic", count: 60, seed: 7 },
  provider: "openai",
  baseModel: "gpt-4.1-mini-2025-04-14",
  outDir: join(home, "data"),
  testFraction: 0.2,
  evaluateAt: `${chat.url}/v1`,
});

/** A resume value for the pending interrupt (typed loosely: the graph's node names are its own). */
const answer = (value: object) => new Command({ resume: value }) as never;
const yes = answer({ approved: true });

describe("the graph in guided mode", () => {
  it("stops at the plan and the confirmation, trains once, waits while running, evaluates and writes the card", async () => {
    const g = setup();
    await g.graph.invoke({ request: request(g.home) }, g.thread);
    let r = await g.report();
    expect(r).toMatchObject({ status: "interrupted", stage: "data_plan", question: { gate: "data_plan" } });
    expect(r.resume).toBe(`cft resume ${g.thread.configurable.thread_id} --approve`);

    await g.graph.invoke(yes, g.thread);
    r = await g.report();
    expect(r).toMatchObject({
      status: "interrupted",
      question: { gate: "fine_tune" },
      audit: { verdict: "PASS" },
    });
    expect(r.estimate!.token).toMatch(/^cft-confirm-/);
    expect(r.dataset!.records).toEqual({ train: 48, test: 12 });
    const jobsBefore = openai.store.jobs.size;

    await g.graph.invoke(yes, g.thread);
    r = await g.report();
    expect(r).toMatchObject({ status: "running", question: { gate: "job_running" } });
    expect(openai.store.jobs.size).toBe(jobsBefore + 1);
    const db = openLedger(g.home);
    const [run] = listRuns(db);
    expect(getConfirmation(db, run!.confirmationId)!.method).toBe("graph-interrupt");
    db.close();

    // Still training: looking again changes nothing and creates nothing.
    await g.graph.invoke(answer({ poll: true }), g.thread);
    expect((await g.report()).status).toBe("running");
    openai.advance(run!.jobId!, "succeeded");
    await g.graph.invoke(answer({ poll: true }), g.thread);
    r = await g.report();
    expect(r.status).toBe("completed");
    expect(openai.store.jobs.size).toBe(jobsBefore + 1);
    expect(r.run).toMatchObject({ status: "succeeded" });
    expect(r.evaluation).toMatchObject({ metric: "accuracy" });
    const card = r.documents.find((d) => d.kind === "model_card");
    expect(card && existsSync(card.path)).toBe(true);
    expect(r.regression).toBeNull(); // no baseline yet: regression does not run
    g.close();
  });

  it("measures the prompt-only baseline first, and regression-tests the tuned model against it", async () => {
    const g = setup();
    const withBaseline = { ...request(g.home), baseline: { model: "base-model", baseUrl: `${chat.url}/v1` } };
    await g.graph.invoke({ request: withBaseline }, g.thread);
    await g.graph.invoke(yes, g.thread);
    let r = await g.report();
    expect(r.question?.gate).toBe("fine_tune");
    expect(r.baseline).toMatchObject({
      model: expect.stringMatching(/^base-model \(prompt-only/),
      metric: "accuracy",
    });
    expect(r.question!.summary).toMatch(/^Prompt assessment: (fine-tune|measure-first|prompt-only)/);
    await g.graph.invoke(yes, g.thread);
    openai.advance((await g.report()).run!.jobId!, "succeeded");
    await g.graph.invoke(answer({ poll: true }), g.thread);
    r = await g.report();
    expect(r.status).toBe("completed");
    expect(r.evaluation!.value!).toBeGreaterThan(r.baseline!.value!);
    expect(r.regression).toMatchObject({ verdict: expect.stringMatching(/PASS|WARN|FAIL/) });
    expect(r.documents.map((d) => d.kind)).toContain("regression_report");
    g.close();
  });

  it("blocks a dataset that carries PHI, and it stays blocked whatever the answer", async () => {
    const g = setup();
    const record = (i: number) =>
      JSON.stringify({
        messages: [
          { role: "system", content: "Adjudicate the claim." },
          { role: "user", content: `Claim ${i} for John Smith, SSN 123-45-6789, phone 617-555-0142.` },
          { role: "assistant", content: i % 2 ? "Decision: APPROVED" : "Decision: DENIED" },
        ],
      });
    const file = writeFile(
      tempDir(),
      "claims.jsonl",
      `${Array.from({ length: 30 }, (_, i) => record(i)).join("\n")}\n`,
    );
    await g.graph.invoke({ request: request(g.home, { kind: "chat-jsonl", file }) }, g.thread);
    await g.graph.invoke(yes, g.thread);
    let r = await g.report();
    expect(r).toMatchObject({
      status: "blocked",
      stage: "audit",
      audit: { verdict: "FAIL" },
      blocked: { kind: "gate" },
    });
    expect(JSON.stringify(r)).not.toMatch(/John Smith|123-45-6789|617-555-0142/);
    await g.graph.invoke(yes, g.thread);
    r = await g.report();
    expect(r.status).toBe("blocked");
    expect(r.run).toBeNull();
    g.close();
  });

  it("resumes a process that died right after the job was created without creating a second job", async () => {
    let crash = true;
    const crashing = (
      name: Parameters<typeof createProvider>[0],
      config: Parameters<typeof createProvider>[1],
    ) => {
      const real = createProvider(name, config);
      const provider: Provider = Object.create(real);
      provider.submit = async (...args) => {
        const made = await real.submit(...args);
        if (crash) {
          crash = false;
          throw new Error("killed after the job was created");
        }
        return made;
      };
      return provider;
    };
    const g = setup({ createProvider: crashing });
    await g.graph.invoke({ request: request(g.home) }, g.thread);
    await g.graph.invoke(yes, g.thread);
    const jobsBefore = openai.store.jobs.size;
    await expect(g.graph.invoke(yes, g.thread)).rejects.toThrow(/killed after the job was created/);
    expect(openai.store.jobs.size).toBe(jobsBefore + 1);
    // A new process continues from the checkpoint: the launch finds the job instead of submitting again.
    await g.graph.invoke(null, g.thread);
    const r = await g.report();
    expect(r.status).toBe("running");
    expect(openai.store.jobs.size).toBe(jobsBefore + 1);
    g.close();
  });

  it("blocks the thread when the training job fails, and tells why", async () => {
    const g = setup();
    await g.graph.invoke({ request: request(g.home) }, g.thread);
    await g.graph.invoke(yes, g.thread);
    await g.graph.invoke(yes, g.thread);
    const { run } = await g.report();
    const job = openai.job(run!.jobId!);
    job.wire.status = "failed";
    (job.wire as { error?: unknown }).error = {
      code: "invalid_training_file",
      message: "bad line 3",
      param: null,
    };
    await g.graph.invoke(answer({ poll: true }), g.thread);
    const r = await g.report();
    expect(r).toMatchObject({
      status: "blocked",
      blocked: { kind: "failed", stage: "fine-tune" },
      run: { status: "failed" },
    });
    expect(r.evaluation).toBeNull();
    g.close();
  });

  it("asks before team updates go to Slack under the ask policy: yes sends them, no keeps them", async () => {
    const slack = await startFakeSlackServer({ channels: ["C0CFT"] });
    const env = { SLACK_BOT_TOKEN: slack.token, SLACK_CHANNEL_ID: "C0CFT", SLACK_API_URL: slack.apiUrl };
    try {
      const g = setup({}, env);
      await g.graph.invoke({ request: request(g.home) }, g.thread);
      await g.graph.invoke(yes, g.thread); // the plan: prepare, then the data-prep message waits for approval
      let r = await g.report();
      expect(r).toMatchObject({ status: "interrupted", question: { gate: "external_actions" } });
      expect(r.question!.summary).toMatch(/post a message to Slack: Data-prep plan ready/);
      expect(slack.messages).toHaveLength(0);
      await g.graph.invoke(yes, g.thread);
      expect(slack.messages.map((m) => m.text.split("\n")[0])).toEqual(["Data-prep plan ready"]);
      r = await g.report();
      expect(r.question?.gate).toBe("external_actions"); // the audit's message, asked about in turn
      await g.graph.invoke(answer({ approved: false }), g.thread);
      expect(slack.messages).toHaveLength(1);
      r = await g.report();
      // The estimate is told to the team before the user is asked to spend it.
      expect(r.question).toMatchObject({
        gate: "external_actions",
        summary: expect.stringMatching(/Cost estimate/),
      });
      await g.graph.invoke(answer({ approved: false }), g.thread);
      r = await g.report();
      expect(r).toMatchObject({ status: "interrupted", question: { gate: "fine_tune" } });
      expect(slack.messages).toHaveLength(1);
      g.close();
    } finally {
      await slack.close();
    }
  });

  it("ends the thread when the user rejects the fine-tune, with nothing started", async () => {
    const g = setup();
    await g.graph.invoke({ request: request(g.home) }, g.thread);
    await g.graph.invoke(yes, g.thread);
    const jobsBefore = openai.store.jobs.size;
    await g.graph.invoke(answer({ approved: false, note: "too expensive" }), g.thread);
    const r = await g.report();
    expect(r).toMatchObject({ status: "blocked", blocked: { kind: "declined", stage: "fine-tune" } });
    expect(r.blocked!.reason).toMatch(/too expensive/);
    expect(openai.store.jobs.size).toBe(jobsBefore);
    g.close();
  });
});
