/**
 * LangSmith tracing of the chat through the PHI anonymizer, against the local LangSmith fake: runs arrive,
 * and identifiers planted in a chat message (and echoed by the model) appear in no request body. The
 * environment's own tracing switch points at the same fake, so an un-anonymized default tracer would be
 * caught too.
 */
import { join } from "node:path";
import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildChatGraph } from "../../agents/chat-graph.js";
import { pipelineRunner } from "../../agents/tools/pipeline-runner.js";
import { tracingFor } from "../../agents/tracing.js";
import { loadConfig } from "../../src/config/config.js";
import { type FakeLangSmithServer, startFakeLangSmithServer } from "../fakes/langsmith-server.js";
import { tempDir } from "../helpers.js";
import { ScriptedChatModel } from "./chat-fakes.js";

const PHI = ["John Smith", "12345678", "617-555-0142"];
const MESSAGE = "Patient John Smith, MRN 12345678, called 617-555-0142 about the denied claim. What next?";

let server: FakeLangSmithServer;
const saved = { ...process.env };
beforeEach(async () => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  server = await startFakeLangSmithServer();
});
afterEach(async () => {
  vi.restoreAllMocks();
  process.env = { ...saved };
  await server.close();
});

describe("tracing through the PHI anonymizer", () => {
  it("sends the chat's runs to LangSmith with no identifier from the message in any request", async () => {
    const env = {
      LANGSMITH_TRACING: "true",
      LANGSMITH_API_KEY: server.apiKey,
      LANGSMITH_ENDPOINT: server.url,
      LANGSMITH_PROJECT: "cft-chat-test",
    };
    // The default tracer would read these and send runs as they are.
    Object.assign(process.env, env, { LANGCHAIN_TRACING_V2: "true" });
    const home = tempDir("cft-trace-");
    const config = loadConfig({ env, home });
    const tracing = tracingFor(config);
    expect(process.env.LANGSMITH_TRACING).toBeUndefined();
    expect(process.env.LANGCHAIN_TRACING_V2).toBeUndefined();
    expect(tracing.callbacks).toHaveLength(1);

    const saver = SqliteSaver.fromConnString(join(home, "checkpoints.sqlite"));
    const model = new ScriptedChatModel([
      new AIMessage(
        `I will not use ${PHI[0]}'s record (MRN ${PHI[1]}, phone ${PHI[2]}); please use synthetic data.`,
      ),
      new AIMessage(`Noted about ${PHI[0]}.`),
    ]);
    const graph = buildChatGraph({
      config,
      model,
      runner: pipelineRunner(config, saver),
      checkpointer: saver,
    });
    await graph.invoke(
      { messages: [new HumanMessage(MESSAGE)] },
      { configurable: { thread_id: "chat-trace" }, callbacks: tracing.callbacks },
    );
    // A model call outside the chat's callbacks (as a worker's would be): no default tracer picks it up.
    await model.invoke([new HumanMessage(MESSAGE)]);
    await awaitAllCallbacks();
    await tracing.flush();
    saver.db.close();

    expect(server.runs.size).toBeGreaterThan(0);
    const sessions = [...server.sessions.values()].map((s) => s.name);
    expect(sessions).toContain("cft-chat-test");
    const everything = server.everything();
    for (const phi of PHI) expect(everything).not.toContain(phi);
    expect(everything).toContain("[NAME]");
    expect(server.requests.every((r) => r.decoded)).toBe(true);
  });

  it("is off without LANGSMITH_TRACING=true or without a key, and still silences the default tracer", () => {
    process.env.LANGCHAIN_TRACING_V2 = "true";
    const off = tracingFor(loadConfig({ env: { LANGSMITH_API_KEY: "lsv2-key" }, home: tempDir() }));
    expect(off.callbacks).toEqual([]);
    expect(process.env.LANGCHAIN_TRACING_V2).toBeUndefined();
    expect(tracingFor(loadConfig({ env: { LANGSMITH_TRACING: "true" }, home: tempDir() })).callbacks).toEqual(
      [],
    );
  });
});
