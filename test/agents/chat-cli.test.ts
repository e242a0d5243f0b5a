/**
 * `cft chat` as a user runs it (spawned bin/cft): guided mode without CFT_LLM (exit 0, the exact cft run
 * command); one turn against an OpenAI-compatible endpoint (the local chat fake), with identifiers in the
 * message replaced before they reach the model; a workflow's gates asked and answered across processes
 * with `--thread ID --message yes|no`, the answer streamed; the same in a piped conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLedger } from "../../src/ledger/ledger.js";
import { listThreads } from "../../src/ledger/threads.js";
import { type FakeChatServer, startFakeChatServer } from "../fakes/chat-server.js";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../fakes/openai-server.js";
import { cftAsync, tempDir } from "../helpers.js";
import { type ScriptedOpenAI, startScriptedOpenAI } from "./chat-fakes.js";

let openai: FakeOpenAIServer;
let chat: FakeChatServer;
beforeAll(async () => {
  openai = await startFakeOpenAIServer({ fileProcessingPolls: 0 });
  chat = await startFakeChatServer({ answer: () => "Use synthetic data: real patient records are refused." });
});
afterAll(async () => {
  await Promise.all([openai?.close(), chat?.close()]);
});

const PHI = ["John Smith", "12345678", "617-555-0142"];

const runPipeline = {
  name: "run_pipeline",
  args: {
    task: "claims",
    synthetic: 40,
    provider: "openai",
    base_model: "gpt-4.1-mini-2025-04-14",
    evaluate_at: "http://127.0.0.1:9/v1",
  },
};

/** A workflow started, then a sentence about how it ended. */
async function scripted(): Promise<ScriptedOpenAI> {
  return startScriptedOpenAI([
    () => ({ content: "Starting the workflow. ", toolCalls: [runPipeline] }),
    () => ({ content: "Understood: the fine-tune was declined, so nothing was started." }),
  ]);
}

const envFor = (llm: ScriptedOpenAI | FakeChatServer) => ({
  CFT_LLM: `openai-compatible:test-model@${"baseURL" in llm ? llm.baseURL : `${llm.url}/v1`}`,
  OPENAI_API_KEY: openai.apiKey,
  OPENAI_BASE_URL: openai.openaiBaseURL,
});

describe("cft chat", () => {
  it("without CFT_LLM offers guided mode with the exact cft run command, exit 0", async () => {
    const home = tempDir();
    const human = await cftAsync(["chat", "--home", home]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/No chat model is configured: set CFT_LLM/);
    expect(human.stdout).toMatch(/openai-compatible:MODEL@URL/);
    const json = (await cftAsync(["chat", "--home", home, "--json", "--message", "hi"])).json();
    expect(json).toMatchObject({ mode: "guided" });
    expect(json.command).toBe(
      `cft run --task claims --synthetic 200 --provider local --base-model meta-llama/Llama-3.1-8B-Instruct --home ${home}`,
    );
  });

  it("answers one message through an OpenAI-compatible endpoint, identifiers replaced before they leave", async () => {
    const home = tempDir();
    chat.reset();
    const run = await cftAsync(
      [
        "chat",
        "--home",
        home,
        "--json",
        "--message",
        "Patient John Smith, MRN 12345678, 617-555-0142: fine-tune?",
      ],
      { env: envFor(chat) },
    );
    expect(run.code).toBe(0);
    const out = run.json();
    expect(out).toEqual({
      threadId: expect.stringMatching(/^chat-\d{8}-[0-9a-f]{8}$/),
      answer: "Use synthetic data: real patient records are refused.",
      question: null,
      resume: null,
    });
    expect(run.stderr).toMatch(/Replaced .*NAME.* placeholders/);
    const sent = JSON.stringify(chat.requests.map((r) => r.body));
    expect(sent).toContain("[NAME]");
    for (const phi of PHI) expect(sent).not.toContain(phi);
    const db = openLedger(home);
    expect(listThreads(db)).toMatchObject([{ threadId: out.threadId, kind: "chat" }]);
    expect(JSON.stringify(listThreads(db))).not.toContain("John Smith");
    db.close();
  });

  it("streams the answer to stdout as it comes, from a server that streams (SSE)", async () => {
    const home = tempDir();
    const run = await cftAsync(["chat", "--home", home, "--message", "hello"], { env: envFor(chat) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Use synthetic data: real patient records are refused.");
    expect(chat.requests.at(-1)!.body).toMatchObject({ stream: true });
  });

  it("asks each workflow gate across processes; yes and no answer it, anything else is refused", async () => {
    const llm = await scripted();
    try {
      const home = tempDir();
      const env = envFor(llm);
      const first = await cftAsync(
        ["chat", "--home", home, "--json", "--message", "Fine-tune on synthetic claims"],
        {
          env,
        },
      );
      expect(first.code).toBe(0);
      const turn = first.json();
      expect(turn).toMatchObject({
        answer: "Starting the workflow.",
        question: { gate: "data_plan", threadId: expect.stringMatching(/^thr-/) },
        resume: `cft chat --thread ${turn.threadId} --message yes`,
      });
      const thread = turn.threadId;

      const unsure = await cftAsync(
        ["chat", "--home", home, "--thread", thread, "--message", "maybe", "--json"],
        {
          env,
        },
      );
      expect(unsure.code).toBe(2);
      expect(unsure.stderr).toMatch(/waits for an answer: Approve the data-preparation plan/);

      const yes = await cftAsync(["chat", "--home", home, "--thread", thread, "--message", "yes"], { env });
      expect(yes.code).toBe(0);
      expect(yes.stdout).toMatch(/Workflow thr-\S+ asks: .*fine-tune/i);
      expect(yes.stdout).toContain("Approve? [yes/no]");
      expect(yes.stdout).toContain(`Answer: cft chat --thread ${thread} --message yes`);

      const jobsBefore = openai.store.jobs.size;
      const no = await cftAsync(
        ["chat", "--home", home, "--thread", thread, "--message", "no: too expensive"],
        {
          env,
        },
      );
      expect(no.code).toBe(0);
      expect(no.stdout).toContain("Understood: the fine-tune was declined, so nothing was started.");
      // --json turns are not streamed; the others stream tokens as they come.
      expect(llm.turns.map((t) => t.stream)).toEqual([false, true]);
      expect(openai.store.jobs.size).toBe(jobsBefore);
      const report = JSON.parse(String(llm.turns[1]!.messages.find((m) => m.role === "tool")!.content));
      expect(report).toMatchObject({ status: "blocked", blocked: { kind: "declined" } });
      expect(report.blocked.reason).toMatch(/too expensive/);
    } finally {
      await llm.close();
    }
  });

  it("runs a conversation on piped input: each gate shown with Approve? [yes/no], /exit ends it", async () => {
    const llm = await scripted();
    try {
      const home = tempDir();
      const run = await cftAsync(["chat", "--home", home], {
        env: envFor(llm),
        input: "Fine-tune on synthetic claims\nperhaps\nyes\nno\n/exit\n",
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/assistant> Starting the workflow\./);
      expect(run.stdout.match(/Approve\? \[yes\/no\]/g)?.length).toBeGreaterThanOrEqual(3);
      expect(run.stdout).toMatch(/Please answer yes or no/);
      expect(run.stdout).toMatch(/assistant> Understood: the fine-tune was declined/);
      expect(run.stdout).toMatch(/continue with `cft chat --thread chat-/);
    } finally {
      await llm.close();
    }
  });
});
