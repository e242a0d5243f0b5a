import { createHash } from "node:crypto";
import { Client } from "langsmith";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Config } from "../../src/config/config.js";
import { datasetName, type ExperimentInput, recordExperiment } from "../../src/eval/langsmith-experiment.js";
import { anonymizeMetadata, anonymizePhi } from "../../src/eval/phi-anonymizer.js";
import type { MetricValue } from "../../src/eval/types.js";
import { redactDeep } from "../../src/phi/redact-deep.js";
import { type FakeLangSmithServer, startFakeLangSmithServer } from "../fakes/langsmith-server.js";

const PHI = ["John Smith", "12345678", "617-555-0142"];
const PATIENT = "Patient John Smith, MRN 12345678, called 617-555-0142 about the denied claim.";

function sha(text: string): string {
  // A suite hash that cannot contain a planted identifier by chance.
  let h = createHash("sha256").update(text).digest("hex");
  while (PHI.some((p) => h.includes(p))) h = createHash("sha256").update(h).digest("hex");
  return h;
}

const METRICS: MetricValue[] = [
  {
    name: "accuracy",
    label: "accuracy",
    direction: "higher",
    kind: "rate",
    critical: false,
    value: 0.5,
    interval: { low: 0.09, high: 0.91, method: "wilson", level: 0.95 },
    n: 2,
  },
  {
    name: "falseApprovalRate",
    label: "false-approval rate",
    direction: "lower",
    kind: "rate",
    critical: true,
    value: null,
    interval: null,
    n: 0,
  },
];

function input(suiteName = "claims-test"): ExperimentInput {
  return {
    suite: { name: suiteName, sha256: sha(suiteName), task: "claims" },
    model: "ft:gpt-4o-mini-2024-07-18:acme::abc123",
    evalId: "eval-0001",
    metrics: METRICS,
    items: [
      {
        item: {
          id: "item-a",
          line: 1,
          messages: [
            { role: "system", content: "You adjudicate claims. Answer APPROVED or DENIED." },
            { role: "user", content: PATIENT },
          ],
          reference: "DENIED. John Smith's plan excludes the procedure.",
        },
        prediction: "APPROVED: John Smith (MRN 12345678) may call back at 617-555-0142.",
        score: { extracted: "APPROVED", gold: "DENIED", correct: false, values: { falseApproval: 1 } },
      },
      {
        item: {
          id: "item-b",
          line: 2,
          messages: [{ role: "user", content: "Claim 2: routine follow-up visit, in network." }],
          reference: "APPROVED",
        },
        prediction: "APPROVED",
        score: { extracted: "APPROVED", gold: "APPROVED", correct: true, values: { falseApproval: 0 } },
      },
      {
        item: {
          id: "item-c",
          line: 3,
          messages: [{ role: "user", content: "Claim 3: out-of-network imaging." }],
          reference: "DENIED",
        },
        prediction: null,
        score: null,
      },
    ],
  };
}

function configFor(server: FakeLangSmithServer | null, env: Config["env"] = {}): Config {
  return {
    home: "/tmp/cft-langsmith-test",
    env: server ? { LANGSMITH_API_KEY: server.apiKey, LANGSMITH_ENDPOINT: server.url, ...env } : env,
  };
}

function expectNoPhi(server: FakeLangSmithServer): void {
  const everything = server.everything();
  expect(everything.length).toBeGreaterThan(1000);
  for (const phi of PHI) expect(everything).not.toContain(phi);
  // Every body was readable: nothing escaped the search by being compressed.
  expect(server.requests.every((r) => r.decoded)).toBe(true);
}

describe("recordExperiment against a fake LangSmith", () => {
  let server: FakeLangSmithServer;
  beforeEach(async () => {
    // The SDK prints progress and upload warnings; keep test output quiet.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    server = await startFakeLangSmithServer();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it("creates the dataset and the experiment, and uploads runs and feedback", async () => {
    const result = await recordExperiment(configFor(server), input());
    expect(result?.warning).toBeUndefined();
    expect(result?.experiment).toMatch(/^cft-ft:gpt-4o-mini-2024-07-18:acme::abc123-/);

    const [dataset, ...otherDatasets] = [...server.datasets.values()];
    expect(otherDatasets).toEqual([]);
    expect(dataset?.name).toBe(datasetName(input().suite));
    expect(dataset?.name).toMatch(/^cft-claims-test-[0-9a-f]{8}$/);
    const examples = [...server.examples.values()];
    expect(examples.map((e) => e.metadata?.itemId).sort()).toEqual(["item-a", "item-b", "item-c"]);
    const a = examples.find((e) => e.metadata?.itemId === "item-a")!;
    expect(a.inputs).toEqual({
      itemId: "item-a",
      messages: [
        { role: "system", content: "You adjudicate claims. Answer APPROVED or DENIED." },
        { role: "user", content: "Patient [NAME], MRN [MRN], called [PHONE] about the denied claim." },
      ],
    });
    expect(a.outputs).toEqual({ reference: "DENIED. [NAME]'s plan excludes the procedure." });

    const session = [...server.sessions.values()].find((s) => s.name === result?.experiment);
    expect(session?.reference_dataset_id).toBe(dataset?.id);
    expect(session?.extra?.metadata).toMatchObject({
      evalId: "eval-0001",
      model: "ft:gpt-4o-mini-2024-07-18:acme::abc123",
      suiteSha256: input().suite.sha256,
    });
    expect(result?.url).toContain(`/datasets/${dataset?.id}/compare?selectedSessions=${session?.id}`);

    // One run per item, linked to its example, in the experiment, replaying the stored prediction.
    const runs = [...server.runs.values()];
    expect(runs).toHaveLength(3);
    for (const run of runs) {
      expect(run.session_name).toBe(result?.experiment);
      expect(server.examples.has(String(run.reference_example_id))).toBe(true);
    }
    const runOf = (itemId: string) =>
      runs.find((r) => server.examples.get(String(r.reference_example_id))?.metadata?.itemId === itemId)!;
    expect(runOf("item-a").outputs).toEqual({
      prediction: "APPROVED: [NAME] (MRN [MRN]) may call back at [PHONE].",
    });
    expect(runOf("item-b").outputs).toEqual({ prediction: "APPROVED" });
    expect(runOf("item-c").outputs).toEqual({ prediction: null });
    expect(runOf("item-a").extra).toMatchObject({ metadata: { evalId: "eval-0001" } });
    // The SDK's example_version is a clock reading: the metadata anonymizer keeps it.
    expect(
      String((runOf("item-a").extra as { metadata: Record<string, unknown> }).metadata.example_version),
    ).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // Per-item feedback (the stored figures) on each scored run; none for the unscored one.
    const onRun = (itemId: string) =>
      Object.fromEntries(
        server.feedback.filter((f) => f.run_id === runOf(itemId).id).map((f) => [f.key, f.score]),
      );
    expect(onRun("item-a")).toEqual({ correct: 0, falseApproval: 1 });
    expect(onRun("item-b")).toEqual({ correct: 1, falseApproval: 0 });
    expect(onRun("item-c")).toEqual({});
    // Metrics become the experiment's summary feedback; an undefined one (null) is left out.
    const summary = server.feedback.filter((f) => f.run_id === null || f.run_id === undefined);
    expect(summary.map((f) => [f.key, f.score])).toEqual([["accuracy", 0.5]]);
    expect(summary[0]?.session_id).toBe(session?.id);
    expect(summary[0]?.comment).toContain("95% CI [0.09, 0.91]");

    expect(server.requests.filter((r) => r.unhandled)).toEqual([]);
    expect(
      new Set(server.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ":id")}`)),
    ).toEqual(
      new Set([
        "GET /info",
        "GET /datasets",
        "POST /datasets",
        "GET /datasets/:id",
        "GET /examples",
        "POST /v1/platform/datasets/:id/examples",
        "POST /sessions",
        "GET /sessions",
        "PATCH /sessions/:id",
        "POST /runs/multipart",
        "POST /feedback",
      ]),
    );
  });

  it("sends no planted PHI in any request, raw or decoded", async () => {
    const result = await recordExperiment(configFor(server), input());
    expect(result?.experiment).not.toBe("");
    expect(server.feedback.length).toBeGreaterThan(0);
    expectNoPhi(server);
  });

  it("decodes gzip-compressed run batches, and they carry no PHI either", async () => {
    await server.close();
    server = await startFakeLangSmithServer({ instanceFlags: { gzip_body_enabled: true } });
    const result = await recordExperiment(configFor(server), input());
    expect(result?.warning).toBeUndefined();
    const ingests = server.requests.filter((r) => r.path === "/runs/multipart");
    expect(ingests.some((r) => r.headers["content-encoding"] === "gzip")).toBe(true);
    expect(server.runs.size).toBe(3);
    expectNoPhi(server);
  });

  it("creates the dataset once: a second evaluation of the suite reuses it and its examples", async () => {
    const first = await recordExperiment(configFor(server), input());
    const second = await recordExperiment(configFor(server), input());
    expect(first?.warning).toBeUndefined();
    expect(second?.warning).toBeUndefined();
    expect(second?.experiment).not.toBe(first?.experiment);
    expect(server.requests.filter((r) => r.method === "POST" && r.path === "/datasets")).toHaveLength(1);
    expect(server.requests.filter((r) => r.path.endsWith("/examples") && r.method === "POST")).toHaveLength(
      1,
    );
    expect(server.examples.size).toBe(3);
    expect(server.runs.size).toBe(6);
  });

  it("adds only the missing examples when the suite grew a new evaluated item", async () => {
    const small = input();
    small.items = small.items.slice(0, 2);
    await recordExperiment(configFor(server), small);
    expect(server.examples.size).toBe(2);
    const result = await recordExperiment(configFor(server), input());
    expect(result?.warning).toBeUndefined();
    expect(server.examples.size).toBe(3);
    const uploads = server.requests.filter((r) => r.path.endsWith("/examples") && r.method === "POST");
    expect(uploads[1]?.parts?.filter((p) => !p.name.includes("."))).toHaveLength(1);
  });

  it("sends nothing and returns null without LANGSMITH_API_KEY", async () => {
    const result = await recordExperiment(configFor(null, { LANGSMITH_ENDPOINT: server.url }), input());
    expect(result).toBeNull();
    expect(server.requests).toEqual([]);
  });

  it("sends nothing and returns null when LANGSMITH_TRACING is false", async () => {
    const result = await recordExperiment(configFor(server, { LANGSMITH_TRACING: "false" }), input());
    expect(result).toBeNull();
    expect(server.requests).toEqual([]);
  });

  it("turns a failing LangSmith (500) into a redacted warning, not a throw", async () => {
    server.fail({ route: /.*/, status: 500, message: `database error near '${PATIENT}'` });
    const started = Date.now();
    const result = await recordExperiment(configFor(server), input(), { deadlineMs: 300 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result).toMatchObject({ experiment: "", url: null });
    expect(result?.warning).toMatch(/^LangSmith experiment not recorded: .*500/);
    for (const phi of PHI) expect(result?.warning).not.toContain(phi);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.sessions.size).toBe(0);
  });

  it("warns when the example upload fails midway", async () => {
    server.fail({ route: /\/examples$/, method: "POST", status: 400, message: "bad example" });
    const result = await recordExperiment(configFor(server), input(), { deadlineMs: 5_000 });
    expect(result).toMatchObject({ experiment: "", url: null });
    expect(result?.warning).toContain("400");
    expect(server.runs.size).toBe(0);
  });

  it("reports a recorded but incomplete experiment when run uploads fail", async () => {
    server.fail({ route: "/runs/multipart", status: 400, message: "rejected batch" });
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const result = await recordExperiment(configFor(server), input());
    expect(result?.experiment).toMatch(/^cft-/);
    expect(result?.warning).toMatch(/may be incomplete: \d+ upload problem\(s\)/);
    expect(server.runs.size).toBe(0);
  });

  it("uses a client given by the caller", async () => {
    const client = new Client({ apiUrl: server.url, apiKey: server.apiKey, anonymizer: anonymizePhi });
    const result = await recordExperiment(
      configFor(null, { LANGSMITH_API_KEY: server.apiKey, LANGSMITH_ENDPOINT: "http://127.0.0.1:9" }),
      input(),
      { client },
    );
    expect(result?.warning).toBeUndefined();
    expect(server.runs.size).toBe(3);
    expectNoPhi(server);
  });
});

describe("the PHI anonymizer", () => {
  it("redacts every string, deep, and keeps numbers, booleans, null and keys", () => {
    const value = {
      messages: [
        { role: "user", content: PATIENT },
        { role: "assistant", content: null, weight: 0 },
      ],
      nested: { deeper: [[`call 617-555-0142`]], score: 0.5, ok: true, none: null },
      "John Smith": "key stays",
    };
    expect(redactDeep(value)).toEqual({
      messages: [
        { role: "user", content: "Patient [NAME], MRN [MRN], called [PHONE] about the denied claim." },
        { role: "assistant", content: null, weight: 0 },
      ],
      nested: { deeper: [["call [PHONE]"]], score: 0.5, ok: true, none: null },
      "John Smith": "key stays",
    });
    // A copy: the input is untouched.
    expect(value.messages[0]?.content).toBe(PATIENT);
  });

  it("fits the client's anonymizer option and always returns a map", () => {
    const client = new Client({ apiUrl: "http://127.0.0.1:9", apiKey: "k", anonymizer: anonymizePhi });
    expect(client).toBeInstanceOf(Client);
    expect(anonymizePhi({ text: PATIENT }).text).not.toContain("John Smith");
  });

  it("survives cycles, deep nesting, huge strings and odd values", () => {
    const cyclic: Record<string, unknown> = { name: "John Smith called 617-555-0142" };
    cyclic.self = cyclic;
    expect(redactDeep(cyclic)).toEqual({ name: "[NAME] called [PHONE]", self: "[CIRCULAR]" });

    let deep: unknown = "John Smith called 617-555-0142";
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const flat = JSON.stringify(redactDeep(deep));
    expect(flat).toContain("[TRUNCATED]");
    expect(flat).not.toContain("617-555-0142");

    const huge = `${"routine visit. ".repeat(10_000)}Patient John Smith, MRN 12345678.`;
    expect(huge.length).toBeGreaterThan(100_000);
    const cut = redactDeep({ huge }) as { huge: string };
    expect(cut.huge.length).toBeLessThanOrEqual(100_000 + "[TRUNCATED]".length);
    expect(cut.huge.endsWith("[TRUNCATED]")).toBe(true);
    expect(cut.huge).not.toContain("John");

    const odd = redactDeep({
      when: new Date("2024-03-05T10:00:00Z"),
      fn: () => "John Smith",
      bytes: new Uint8Array([1, 2, 3]),
      big: 10n,
      map: new Map([["who", "John Smith called 617-555-0142"]]),
    }) as Record<string, unknown>;
    expect(odd.when).not.toContain("2024-03-05");
    expect("fn" in odd).toBe(false);
    expect(odd.bytes).toBe("[BINARY]");
    expect(odd.big).toBe(10n);
    expect(odd.map).toEqual({ who: "[NAME] called [PHONE]" });

    const throwing = {
      get boom(): string {
        throw new Error("John Smith");
      },
    };
    expect(JSON.stringify(redactDeep(throwing))).not.toContain("John");
  });

  it("keeps machine timestamps in metadata only", () => {
    const stamp = "2026-01-02T03:04:05.678Z";
    expect(anonymizeMetadata({ example_version: stamp, who: "John Smith called 617-555-0142" })).toEqual({
      example_version: stamp,
      who: "[NAME] called [PHONE]",
    });
    expect(anonymizePhi({ example_version: stamp }).example_version).not.toBe(stamp);
  });
});
