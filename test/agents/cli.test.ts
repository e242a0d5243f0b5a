/**
 * `cft run`, `cft resume` and `cft threads` as a user runs them (spawned bin/cft, the OpenAI fine-tuning
 * API and a chat endpoint as local fakes): the JSON contract (threadId, status, stage, the resume
 * command), exit codes (0 unless blocked: 3), the gates answered across processes, and langgraph.json
 * pointing at a graph that loads.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeChatServer, startFakeChatServer } from "../fakes/chat-server.js";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../fakes/openai-server.js";
import { cft, cftAsync, ROOT, tempDir, writeFile } from "../helpers.js";

let openai: FakeOpenAIServer;
let chat: FakeChatServer;
beforeAll(async () => {
  openai = await startFakeOpenAIServer({ fileProcessingPolls: 0 });
  chat = await startFakeChatServer({ answer: () => "Decision: DENIED\nRationale: not covered." });
});
afterAll(async () => {
  await Promise.all([openai?.close(), chat?.close()]);
});

const env = () => ({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.openaiBaseURL });
const runArgs = (home: string) => [
  "run",
  "--task",
  "claims",
  "--synthetic",
  "50",
  "--provider",
  "openai",
  "--base-model",
  "gpt-4.1-mini-2025-04-14",
  "--test-fraction",
  "0.2",
  "--evaluate-at",
  `${chat.url}/v1`,
  "--home",
  home,
  "--json",
];

describe("cft run / cft resume", () => {
  it("stops at each gate with the exact resume command, and goes to the end across processes", async () => {
    const home = tempDir();
    const started = await cftAsync(runArgs(home), { env: env() });
    expect(started.code).toBe(0);
    const first = started.json();
    expect(first).toMatchObject({ status: "interrupted", stage: "data_plan" });
    expect(first.threadId).toMatch(/^thr-\d{8}-[0-9a-f]{8}$/);
    expect(first.resume).toBe(`cft resume ${first.threadId} --approve`);

    const unanswered = await cftAsync(["resume", first.threadId, "--home", home], { env: env() });
    expect(unanswered.code).toBe(2);
    expect(unanswered.stderr).toMatch(/waits for an answer: Approve the data-preparation plan/);

    const planned = (
      await cftAsync(["resume", first.threadId, "--approve", "--home", home, "--json"], { env: env() })
    ).json();
    expect(planned).toMatchObject({
      status: "interrupted",
      question: { gate: "fine_tune" },
      audit: { verdict: "PASS" },
    });
    const confirmed = await cftAsync(["resume", first.threadId, "--approve", "--home", home, "--json"], {
      env: env(),
    });
    const running = confirmed.json();
    expect(running).toMatchObject({ status: "running", resume: `cft resume ${first.threadId}` });
    openai.advance(running.run.jobId, "succeeded");
    const done = await cftAsync(["resume", first.threadId, "--home", home, "--json"], { env: env() });
    expect(done.code).toBe(0);
    expect(done.json()).toMatchObject({
      status: "completed",
      run: { status: "succeeded" },
      evaluation: { metric: "accuracy" },
    });

    const listed = cft(["threads", "--home", home, "--json"]).json().threads;
    expect(listed).toEqual([expect.objectContaining({ threadId: first.threadId, status: "completed" })]);
  });

  it("exits 3 for a blocked thread, and keeps it blocked", async () => {
    const home = tempDir();
    const record = JSON.stringify({
      messages: [
        { role: "user", content: "Claim for Mary Johnson, MRN 48213377, born 03/14/1961." },
        { role: "assistant", content: "Decision: DENIED" },
      ],
    });
    const file = writeFile(tempDir(), "claims.jsonl", `${Array(30).fill(record).join("\n")}\n`);
    const args = runArgs(home).filter((a, i, all) => a !== "--synthetic" && all[i - 1] !== "--synthetic");
    const started = (await cftAsync([...args, "--chat-jsonl", file], { env: env() })).json();
    const blocked = await cftAsync(["resume", started.threadId, "--approve", "--home", home, "--json"], {
      env: env(),
    });
    expect(blocked.code).toBe(3);
    expect(blocked.json()).toMatchObject({ status: "blocked", stage: "audit", blocked: { kind: "gate" } });
    expect(blocked.stdout).not.toMatch(/Mary Johnson|48213377/);
    const again = await cftAsync(["resume", started.threadId, "--approve", "--home", home], { env: env() });
    expect(again.code).toBe(3);
    expect(again.stdout).toMatch(/blocked: the HIPAA audit did not attest/);
  });

  it("lets the workers write with the chat model CFT_LLM names, redacted, in their documents", async () => {
    const home = tempDir();
    const llm = { ...env(), CFT_LLM: `openai-compatible:writer@${chat.url}/v1` };
    const started = (await cftAsync(runArgs(home), { env: llm })).json();
    const plan = started.documents.find((d: { kind: string }) => d.kind === "data_plan").path;
    const text = readFileSync(plan, "utf8");
    expect(text).toContain("## Analysis");
    expect(text).toContain("not covered"); // the fake model's words
    expect(chat.requests.some((r) => r.body.model === "writer")).toBe(true);
  });

  it("names an unknown thread, a missing source and two answers as bad input", () => {
    const home = tempDir();
    expect(cft(["resume", "thr-nope", "--home", home]).code).toBe(2);
    const noSource = cft([
      "run",
      "--task",
      "claims",
      "--provider",
      "openai",
      "--base-model",
      "m",
      "--home",
      home,
    ]);
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toMatch(/exactly one data source/);
    expect(cft(["resume", "thr-x", "--approve", "--reject", "--home", home]).code).toBe(2);
  });
});

describe("the README's main job", () => {
  it("`npm run demo` runs the graph offline and stops at the fine-tune confirmation with the resume command", () => {
    const script: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.demo;
    const [bin, ...args] = script.split(" ");
    expect(bin).toBe("bin/cft");
    const work = tempDir();
    const run = cft([...args.map((a) => (a === "1000" ? "200" : a)), "--json"], { cwd: work });
    expect(run.code).toBe(0);
    const report = run.json();
    expect(report).toMatchObject({ status: "interrupted", stage: "fine_tune", audit: { verdict: "PASS" } });
    expect(report.resume).toBe(`cft resume ${report.threadId} --approve`);
    expect(report.estimate).toMatchObject({ provider: "local" });
  });
});

describe("langgraph.json", () => {
  it("registers a graph that loads, for LangGraph Studio", async () => {
    const spec = JSON.parse(readFileSync(join(ROOT, "langgraph.json"), "utf8"));
    const [file, name] = (spec.graphs.clinical_finetuner as string).split(":");
    const module = await import(join(ROOT, file!));
    const nodes = Object.keys(module[name!].getGraph().nodes);
    expect(nodes).toEqual(expect.arrayContaining(["plan_data", "run_audit", "confirm_fine_tune", "regress"]));
  });
});
