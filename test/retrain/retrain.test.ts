/**
 * `cft retrain` end to end in guided mode, in process, against the fake OpenAI fine-tuning API and a fake
 * chat endpoint: a family with a production version (prepared, audited, fine-tuned, evaluated, registered,
 * promoted), a standing approval, new synthetic data → a job from the production model, left running and
 * picked up by the next call → promoted v1.1 with lineage to the new dataset version (test split frozen);
 * new data with PHI → blocked (exit 3), nothing launched; a run past the monthly cap → stopped for
 * confirmation (exit 3), no job; `--continue --yes` then trains (waiting for the job), and a regression
 * FAIL leaves production untouched.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { type FakeChatServer, startFakeChatServer } from "../fakes/chat-server.js";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../fakes/openai-server.js";
import { tempDir, writeFile } from "../helpers.js";

const F = "claims-adjudication";
let openai: FakeOpenAIServer;
let chat: FakeChatServer;
let home: string;
let evaluateAt: string;
let thresholds: string;
let productionModel: string;
let preparedId: string;
/** The reference answer of each test item, by its user message: a model that knows them scores 100%. */
const references = new Map<string, string>();
/** Models that answer nothing useful (a regression). */
const bad = new Set<string>();
const saved: Record<string, string | undefined> = {};

interface Result {
  code: number;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON output
  json: any;
}

/** Runs `cft ARGS --home HOME --json` in this process, capturing stdout and stderr. */
async function cft(...args: string[]): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = process.stdout.write.bind(process.stdout);
  const stderr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as never;
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as never;
  let code: number;
  try {
    code = await main(["node", "cft", ...args, "--home", home, "--json"]);
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
    process.exitCode = undefined;
  }
  const text = out.join("");
  return { code, stderr: err.join(""), json: text.trim() ? JSON.parse(text) : null };
}

const jobs = () => [...openai.store.jobs.values()];

beforeAll(async () => {
  openai = await startFakeOpenAIServer({ fileProcessingPolls: 0 });
  chat = await startFakeChatServer({
    answer: (messages, model) => {
      if (bad.has(model)) return "I am not sure.";
      const user = messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
      return references.get(String(user)) ?? "Decision: PENDING\nRationale: unknown.";
    },
  });
  for (const key of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "CFT_LLM", "CI"]) saved[key] = process.env[key];
  process.env.OPENAI_API_KEY = openai.apiKey;
  process.env.OPENAI_BASE_URL = openai.openaiBaseURL;
  process.env.CI = "true";
  delete process.env.CFT_LLM;
  evaluateAt = `${chat.url}/v1`;
  home = tempDir("cft-retrain-");
  thresholds = writeFile(home, "thresholds.json", JSON.stringify({ defaults: { minItems: 1 } }));

  // The family's production version, the way a team gets there.
  const data = join(home, "data");
  const ok = await cft(
    "prepare",
    "--task",
    "claims",
    "--synthetic",
    "150",
    "--seed",
    "3",
    "--test-fraction",
    "0.2",
    "--out",
    data,
  );
  expect(ok.code).toBe(0);
  preparedId = ok.json.datasetId;
  for (const line of readFileSync(join(data, "test.jsonl"), "utf8").split("\n").filter(Boolean)) {
    const messages = JSON.parse(line).messages as { role: string; content: string }[];
    references.set(messages.find((m) => m.role === "user")!.content, messages.at(-1)!.content);
  }
  const train = join(data, "train.jsonl");
  const test = join(data, "test.jsonl");
  expect((await cft("audit", train, test)).code).toBe(0);
  const tuned = await cft(
    "finetune",
    "--provider",
    "openai",
    "--base-model",
    "gpt-4.1-mini-2025-04-14",
    "--train",
    train,
    "--validation",
    test,
    "--yes",
  );
  expect(tuned.code).toBe(0);
  openai.advance(tuned.json.jobId, "succeeded");
  const status = await cft("jobs", "status", tuned.json.runId);
  productionModel = status.json.run.fineTunedModel;
  expect(
    (await cft("evaluate", "--suite", test, "--model", productionModel, "--base-url", evaluateAt)).code,
  ).toBe(0);
  expect((await cft("models", "register", tuned.json.runId, "--family", F)).code).toBe(0);
  const first = await cft(
    "models",
    "promote",
    `${F}@v1.0`,
    "--override-warn",
    "--by",
    "Dr. Rivera",
    "--reason",
    "first",
  );
  expect(first.code).toBe(0);
}, 60_000);

afterAll(async () => {
  for (const [key, value] of Object.entries(saved))
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  await Promise.all([openai?.close(), chat?.close()]);
});

describe("cft retrain", () => {
  it("trains from production under a standing approval, resumes the running job, and promotes v1.1 on PASS", async () => {
    const approved = await cft(
      "retrain",
      "approve",
      "--family",
      F,
      "--budget-usd",
      "50",
      "--by",
      "Dr. Rivera",
      "--reason",
      "monthly refresh",
    );
    expect(approved.code).toBe(0);
    const before = jobs().length;
    const started = await cft(
      "retrain",
      F,
      "--synthetic",
      "40",
      "--seed",
      "99",
      "--no-wait",
      "--evaluate-at",
      evaluateAt,
      "--thresholds",
      thresholds,
    );
    expect(started.code).toBe(0);
    expect(started.json).toMatchObject({
      family: F,
      status: "training",
      baseVersion: "v1.0",
      confirmation: { method: `standing-approval:${approved.json.id}` },
      promoted: false,
    });
    expect(started.json.dataset).toMatchObject({ added: 40, duplicates: 0 });
    expect(jobs()).toHaveLength(before + 1);
    const job = jobs().at(-1)!;
    expect(job.wire.model).toBe(productionModel); // continues from the production model
    // The test split is frozen: the same bytes as production's.
    expect(readFileSync(started.json.dataset.test)).toEqual(readFileSync(join(home, "data", "test.jsonl")));
    const trainLines = readFileSync(started.json.dataset.train, "utf8").trim().split("\n");
    expect(trainLines).toHaveLength(120 + 40);

    // Still running: the next call picks the same cycle up and starts nothing new.
    const again = await cft("retrain", F, "--no-wait");
    expect(again.json).toMatchObject({ cycleId: started.json.cycleId, status: "training" });
    expect(jobs()).toHaveLength(before + 1);

    openai.advance(job.wire.id, "succeeded");
    const done = await cft("retrain", F);
    expect(done.code).toBe(0);
    expect(done.json).toMatchObject({
      cycleId: started.json.cycleId,
      status: "promoted",
      version: "v1.1",
      verdict: "PASS",
      promoted: true,
    });
    // Lineage: v1.1's run was confirmed on the new dataset version, whose parent is the prepared dataset.
    const shown = await cft("models", "show", `${F}@v1.1`);
    expect(shown.json.production).toBe(true);
    const confirmedTrain = shown.json.confirmation.files.find((f: { role: string }) => f.role === "train");
    expect(confirmedTrain.path).toBe(done.json.dataset.train);
    expect(done.json.dataset.parentId).toBe(preparedId);
    const status = await cft("retrain", "status", F);
    expect(status.json.cycles[0]).toMatchObject({ status: "promoted", runId: done.json.runId });
    expect(status.json.approval).toMatchObject({ state: "active", budgetUsd: 50 });
    expect(status.json.spend.usd).toBeGreaterThan(0);
  });

  it("blocks new data that carries PHI: exit 3, nothing launched, no new version", async () => {
    const phi = writeFile(
      home,
      "phi.jsonl",
      `${JSON.stringify({
        messages: [
          {
            role: "user",
            content:
              "Claim for patient John Smithson, SSN 219-09-9999, phone (617) 555-0143, seen 03/14/2026 for E11.9.",
          },
          { role: "assistant", content: "Decision: APPROVED\nRationale: covered service." },
        ],
      })}\n`,
    );
    const before = jobs().length;
    const blocked = await cft("retrain", F, "--new-data", phi);
    expect(blocked.code).toBe(3);
    expect(blocked.json).toMatchObject({ status: "blocked_audit", runId: null, promoted: false });
    expect(blocked.json.auditId).toBeTruthy();
    expect(blocked.json.next).toMatch(/compliance report/);
    expect(jobs()).toHaveLength(before);
    const versions = (await cft("models", "list", F)).json.versions;
    expect(versions.map((v: { version: string }) => v.version)).toEqual(["v1.0", "v1.1"]);
  });

  it("stops at the monthly cap for confirmation; --continue --yes trains, and a regression FAIL does not promote", async () => {
    expect(
      (
        await cft(
          "retrain",
          "approve",
          "--family",
          F,
          "--budget-usd",
          "0.01",
          "--by",
          "Ops",
          "--reason",
          "tight",
        )
      ).code,
    ).toBe(0);
    const before = jobs().length;
    const stopped = await cft("retrain", F, "--synthetic", "30", "--seed", "5", "--evaluate-at", evaluateAt);
    expect(stopped.code).toBe(3);
    expect(stopped.json).toMatchObject({ status: "budget_exceeded", runId: null, budget: { capUsd: 0.01 } });
    expect(stopped.json.reason).toMatch(/exceed the monthly cap/);
    expect(stopped.json.next).toMatch(/--continue --yes/);
    expect(jobs()).toHaveLength(before);

    // A person says yes; the command waits for the job, which the provider finishes meanwhile.
    const finisher = setInterval(() => {
      for (const job of jobs())
        if (job.wire.status !== "succeeded") {
          const done = openai.advance(job.wire.id, "succeeded");
          bad.add(String(done.wire.fine_tuned_model)); // the new model answers nothing useful
        }
    }, 10);
    let result: Result;
    try {
      result = await cft(
        "retrain",
        F,
        "--continue",
        "--yes",
        "--interval",
        "0.02",
        "--thresholds",
        thresholds,
      );
    } finally {
      clearInterval(finisher);
    }
    expect(result.code).toBe(3);
    expect(result.json).toMatchObject({
      cycleId: stopped.json.cycleId,
      status: "not_promoted",
      confirmation: { method: "yes-flag" },
      verdict: "FAIL",
      version: "v1.2",
      promoted: false,
    });
    expect(jobs()).toHaveLength(before + 1);
    const list = (await cft("models", "list", F)).json.versions;
    expect(list.find((v: { production: boolean }) => v.production).version).toBe("v1.1");
  });

  it("says what is missing: no data, nothing to continue, an unknown family, a bad data file", async () => {
    const none = await cft("retrain", F);
    expect(none.code).toBe(2);
    expect(none.json.error.message).toMatch(/no new data/);
    expect((await cft("retrain", F, "--continue")).json.error.message).toMatch(
      /no retraining cycle to continue/,
    );
    expect((await cft("retrain", "no-such-family", "--synthetic", "5")).code).toBe(2);
    // New data that is not chat JSONL names the file and line; the cycle waits for usable data.
    const bad = writeFile(
      home,
      "bad.jsonl",
      '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}\n{"messages": 3}\n',
    );
    const refused = await cft("retrain", F, "--new-data", bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/bad\.jsonl:2/);
    expect((await cft("retrain", F)).json.error.message).toMatch(/has no dataset version yet/);
    expect((await cft("retrain", "revoke", "--family", F, "--by", "Ops")).code).toBe(0);
    expect((await cft("retrain", "status", F)).json.approval.state).toBe("revoked");
  });
});
