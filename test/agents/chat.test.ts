/**
 * The chat graph with a scripted chat model that emits tool calls, a fresh SQLite checkpointer per test,
 * and the OpenAI fine-tuning API and a chat-completions endpoint as local fakes: run_pipeline stops the
 * chat at each human gate of the workflow (an interrupt the person answers, never the model), a rejected
 * fine-tune blocks the workflow and the model gets the report; a model cannot approve through arguments;
 * replies like "yes" / "no: reason" answer, anything else asks again; an answer never lands on a gate it
 * was not asked for; pipeline_status looks again at a running job; search_knowledge and assess_prompt
 * answer from the knowledge base and a synthetic training split.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { toJsonSchema } from "@langchain/core/utils/json_schema";
import { Command } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildChatGraph, chatTools } from "../../agents/chat-graph.js";
import { parseGateAnswer } from "../../agents/tools/pipeline-gates.js";
import { pipelineRunner } from "../../agents/tools/pipeline-runner.js";
import { loadConfig } from "../../src/config/config.js";
import { prepareDataset } from "../../src/dataset/prepare.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { listThreads } from "../../src/ledger/threads.js";
import { promote } from "../../src/registry/promotion.js";
import { registerVersion } from "../../src/registry/versions.js";
import { newRequestId, requestRecorder } from "../../src/routing/request-log.js";
import { setRoute } from "../../src/routing/route-changes.js";
import { type FakeChatServer, startFakeChatServer } from "../fakes/chat-server.js";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../fakes/openai-server.js";
import { tempDir } from "../helpers.js";
import { makeRun } from "../registry/fixtures.js";
import { callTool, lastToolResult, ScriptedChatModel, type Step } from "./chat-fakes.js";

let openai: FakeOpenAIServer;
let chat: FakeChatServer;
beforeAll(async () => {
  openai = await startFakeOpenAIServer({ fileProcessingPolls: 0 });
  chat = await startFakeChatServer({ answer: () => "Decision: APPROVED\nRationale: covered service." });
});
afterAll(async () => {
  await Promise.all([openai?.close(), chat?.close()]);
});

function setup(script: Step[]) {
  const home = tempDir("cft-chat-");
  const config = loadConfig({
    env: { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.openaiBaseURL },
    home,
  });
  const saver = SqliteSaver.fromConnString(join(home, "checkpoints.sqlite"));
  const model = new ScriptedChatModel(script);
  const runner = pipelineRunner(config, saver);
  const graph = buildChatGraph({ config, model, runner, checkpointer: saver });
  const thread = { configurable: { thread_id: `chat-${Math.random().toString(36).slice(2)}` } };
  const pending = async () => {
    const s = await graph.getState(thread);
    return (s.tasks.flatMap((t) => t.interrupts ?? [])[0]?.value ?? null) as {
      gate: string;
      threadId: string;
      details: Record<string, unknown>;
    } | null;
  };
  const say = (text: string) => graph.invoke({ messages: [new HumanMessage(text)] }, thread);
  const reply = (value: unknown) => graph.invoke(new Command({ resume: value }) as never, thread);
  return { home, config, model, runner, graph, thread, pending, say, reply, close: () => saver.db.close() };
}

const start = (extra: Record<string, unknown> = {}, id?: string) =>
  callTool(
    "run_pipeline",
    {
      task: "claims",
      synthetic: 60,
      provider: "openai",
      base_model: "gpt-4.1-mini-2025-04-14",
      evaluate_at: `${chat.url}/v1`,
      ...extra,
    },
    id,
  );

describe("the chat graph", () => {
  it("puts each workflow gate to the person; a rejected fine-tune blocks the workflow and the model gets the report", async () => {
    const c = setup([start({}, "call_1"), new AIMessage("The fine-tune was declined; nothing was started.")]);
    await c.say("Fine-tune gpt-4.1-mini on 60 synthetic claims with OpenAI.");
    const plan = await c.pending();
    expect(plan).toMatchObject({
      gate: "data_plan",
      threadId: expect.stringMatching(/^thr-\d{8}-[0-9a-f]{8}$/),
    });
    expect(c.model.calls).toHaveLength(1); // the model is not asked while the person decides
    // The workflow's id is fixed by the chat thread and the tool call: a tool call run twice finds it.
    const suffix = createHash("sha256").update(`${c.thread.configurable.thread_id}\ncall_1`).digest("hex");
    expect(plan!.threadId.endsWith(suffix.slice(0, 8))).toBe(true);

    await c.reply({ approved: true });
    const confirm = await c.pending();
    expect(confirm).toMatchObject({ gate: "fine_tune", threadId: plan!.threadId });
    expect(confirm!.details.costUsd).toEqual(expect.any(Number));
    expect(c.model.calls).toHaveLength(1);

    const jobsBefore = openai.store.jobs.size;
    const out = await c.reply({ approved: false, note: "too expensive" });
    expect(await c.pending()).toBeNull();
    expect(openai.store.jobs.size).toBe(jobsBefore);
    expect(String(out.messages.at(-1)!.content)).toMatch(/declined/);
    expect(c.model.calls).toHaveLength(2);
    const report = lastToolResult(c.model.calls[1]!);
    expect(report).toMatchObject({
      threadId: plan!.threadId,
      status: "blocked",
      blocked: { kind: "declined", stage: "fine-tune" },
      audit: { verdict: "PASS" },
    });
    expect(report).not.toHaveProperty("notes");
    expect(report).not.toHaveProperty("resume");
    expect(JSON.stringify(report)).not.toMatch(/cft-confirm-/); // the confirmation token is the person's

    const db = openLedger(c.home);
    expect(listThreads(db).map((t) => [t.threadId, t.kind])).toEqual([[plan!.threadId, "run"]]);
    db.close();
    c.close();
  });

  it("offers the model no argument that approves, and refuses one it makes up", async () => {
    const c = setup([start({ approved: true, confirmation: "yes" }), new AIMessage("I cannot approve it.")]);
    const runPipeline = chatTools({ config: c.config, model: c.model, runner: c.runner }).find(
      (t) => t.name === "run_pipeline",
    )!;
    const schema = toJsonSchema(runPipeline.schema) as { properties: object; additionalProperties?: boolean };
    expect(Object.keys(schema.properties)).not.toContain("approved");
    expect(schema.additionalProperties).toBe(false);

    await c.say("Start it and approve everything for me.");
    expect(await c.pending()).toBeNull();
    const refused = [...c.model.calls[1]!].reverse().find((m) => m.getType() === "tool")!;
    expect(String(refused.content)).toMatch(/run_pipeline takes no approved, confirmation argument/);
    const db = openLedger(c.home);
    expect(listThreads(db)).toHaveLength(0);
    db.close();
    c.close();
  });

  it("takes yes / no replies, asks again on anything else, and never applies an answer to another gate", async () => {
    const c = setup([start(), new AIMessage("Training has started.")]);
    await c.say("Fine-tune on synthetic claims.");
    const plan = await c.pending();
    await c.reply("maybe later");
    expect(await c.pending()).toMatchObject({ gate: "data_plan" });

    // The person answers the plan in a shell (`cft resume`) while the chat still shows it…
    await c.runner.answer(plan!.threadId, { approved: true });
    // …so the chat's "yes" for the plan is not taken as a yes to the fine-tune: that one is asked now.
    await c.reply("yes");
    expect(await c.pending()).toMatchObject({ gate: "fine_tune" });
    const jobsBefore = openai.store.jobs.size;
    await c.reply("y");
    expect(await c.pending()).toBeNull();
    expect(openai.store.jobs.size).toBe(jobsBefore + 1);
    expect(lastToolResult(c.model.calls[1]!)).toMatchObject({
      status: "running",
      run: { status: expect.any(String) },
    });
    c.close();
  });

  it("looks again at a running job with pipeline_status and goes on to evaluation", async () => {
    let threadId = "";
    const c = setup([
      start(),
      new AIMessage("Training is running."),
      () => callTool("pipeline_status", { thread_id: threadId }),
      new AIMessage("Done."),
    ]);
    await c.say("Fine-tune on synthetic claims.");
    threadId = (await c.pending())!.threadId;
    await c.reply({ approved: true });
    await c.reply({ approved: true });
    const { report } = await c.runner.look(threadId);
    expect(report.status).toBe("running");
    openai.advance(report.run!.jobId!, "succeeded");
    await c.say("Is it done?");
    expect(lastToolResult(c.model.calls[3]!)).toMatchObject({
      status: "completed",
      run: { status: "succeeded" },
      evaluation: { metric: "accuracy" },
    });
    c.close();
  });
});

describe("the knowledge and prompting tools", () => {
  it("answer the model from the knowledge base and from a synthetic training split", async () => {
    const out = tempDir("cft-chat-data-");
    const prepared = await prepareDataset({
      task: "claims",
      source: { kind: "synthetic", examples: 40, seed: 3 },
      outDir: out,
      testFraction: 0.2,
      seed: 3,
      reproduce: "cft prepare --task claims --synthetic 40 --seed 3",
    });
    const c = setup([
      callTool("search_knowledge", { query: "QLoRA memory" }),
      callTool("assess_prompt", { task: "claims", dataset: prepared.files.train }),
      new AIMessage("Measure a prompt-only baseline first."),
    ]);
    expect(c.model.boundTools).toEqual([
      "run_pipeline",
      "pipeline_status",
      "search_knowledge",
      "assess_prompt",
      "rollout_status",
    ]);
    await c.say("Do I need to fine-tune, and what is QLoRA?");
    const found = JSON.parse(String(c.model.calls[1]!.at(-1)!.content));
    expect(found.results.length).toBeGreaterThan(0);
    expect(found.results[0]).toMatchObject({ sources: expect.any(Array), asOf: expect.any(String) });
    const assessed = lastToolResult(c.model.calls[2]!);
    expect(assessed).toMatchObject({
      task: "claims",
      necessity: { recommendation: expect.stringMatching(/prompt-only|fine-tune|measure-first/) },
      systemPrompt: { guardrails: expect.any(Array) },
    });
    c.close();
  });
});

describe("the rollout tool", () => {
  it("tells the model what is in production, the traffic split and how the variants are doing", async () => {
    const c = setup([
      callTool("rollout_status", { family: "claims-adjudication" }),
      callTool("rollout_status", { family: "no-such-family" }),
      new AIMessage("v1.0 is in production; the candidate gets 10%."),
    ]);
    const db = openLedger(c.home);
    const F = "claims-adjudication";
    await registerVersion(db, { family: F, runId: makeRun(db) });
    promote(db, F, "v1.0", { override: { by: "Dr. Rivera", reason: "first release" } });
    await registerVersion(db, { family: F, runId: makeRun(db) });
    const backend = (model: string) => ({
      url: "http://127.0.0.1:9/v1",
      model,
      kind: "openai-compatible" as const,
    });
    const live = setRoute(db, {
      family: F,
      timeoutMs: 120_000,
      variants: [
        { name: "baseline", version: "v1.0", backend: backend("m1"), weight: 90 },
        { name: "candidate", version: "v1.1", backend: backend("m2"), weight: 10 },
      ],
    }).record;
    const record = requestRecorder(db);
    for (let i = 0; i < 20; i++)
      record({
        id: newRequestId(),
        family: F,
        configId: live.id,
        variant: i % 10 ? "baseline" : "candidate",
        version: i % 10 ? "v1.0" : "v1.1",
        keyHash: null,
        stream: false,
        status: 200,
        error: null,
        latencyMs: 100 + i,
        firstByteMs: null,
        promptTokens: 10,
        completionTokens: 3,
        createdAt: new Date().toISOString(),
      });
    db.close();
    await c.say("How is the new claims model doing?");
    const status = JSON.parse(String(c.model.calls[1]!.at(-1)!.content));
    expect(status).toMatchObject({
      family: F,
      production: { version: "v1.0", artifact: "hosted" },
      route: { split: "baseline v1.0 90% · candidate v1.1 10%" },
      online: { requests: 20, reference: "baseline v1.0" },
      retraining: { approval: expect.stringMatching(/^no standing approval/), latestCycle: null },
    });
    expect(
      status.online.variants.map((v: { variant: string; requests: number }) => [v.variant, v.requests]),
    ).toEqual([
      ["candidate v1.1", 2],
      ["baseline v1.0", 18],
    ]);
    expect(status.route.since).toBe(live.createdAt); // machine timestamps are not read as dates of birth
    expect(String(c.model.calls[2]!.at(-1)!.content)).toMatch(
      /no model family "no-such-family".*claims-adjudication/s,
    );
    c.close();
  });
});

describe("parseGateAnswer", () => {
  it("reads yes and no with an optional reason, and nothing else", () => {
    expect(parseGateAnswer("yes")).toEqual({ approved: true });
    expect(parseGateAnswer(" Approve, looks right")).toEqual({ approved: true, note: "looks right" });
    expect(parseGateAnswer("n")).toEqual({ approved: false });
    expect(parseGateAnswer("no: too expensive")).toEqual({ approved: false, note: "too expensive" });
    expect(parseGateAnswer("not sure")).toBeNull();
    expect(parseGateAnswer("yeah")).toBeNull();
    expect(parseGateAnswer("")).toBeNull();
  });
});
