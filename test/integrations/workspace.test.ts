/**
 * The workspace layer end to end, with a real ledger and the four services as local fakes driven through
 * the real SDKs: every milestone recorded locally and delivered where configured, the action policy
 * honoured (ask waits, auto sends, never keeps), failures waiting for the next send without duplicates,
 * and planted PHI in no byte that reaches Slack, GitHub, Sheets or Docs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { heading, paragraph } from "../../src/docs/document.js";
import type { EvaluationSummary } from "../../src/eval/types.js";
import { createGitHubTracker } from "../../src/integrations/github.js";
import { publishDocument } from "../../src/integrations/google-docs.js";
import { announce, type Milestone } from "../../src/integrations/milestones.js";
import {
  decide,
  enqueue,
  flushOutbox,
  getEntry,
  listOutbox,
  undeliveredEntries,
} from "../../src/integrations/outbox.js";
import { createSenders } from "../../src/integrations/senders.js";
import { createSheetsTracker } from "../../src/integrations/sheets.js";
import { openWorkspace, type WorkspaceOptions } from "../../src/integrations/workspace.js";
import type { DatasetRow } from "../../src/ledger/datasets.js";
import { documentLinks } from "../../src/ledger/document-links.js";
import { type Db, openLedger } from "../../src/ledger/ledger.js";
import { listLocalIssues } from "../../src/ledger/local-issues.js";
import type { RunView } from "../../src/ledger/runs.js";
import { listTrackerRows } from "../../src/ledger/tracker-rows.js";
import type { RegressionReport } from "../../src/regression/types.js";
import { type FakeServices, startFakeServices } from "../fakes/services.js";
import { tempDir } from "../helpers.js";

const PHI = "Patient John Smith, MRN 12345678, called 617-555-0142";
const PHI_PIECES = ["John Smith", "12345678", "617-555-0142", "555-0142"];
const FAST: WorkspaceOptions["senders"] = {
  slack: { retryMinTimeoutMs: 1, maxRetries: 1 },
  github: { retries: 1, retryAfterBaseMs: 1, paceWrites: false },
};
const SHA = "a".repeat(64);
const NOW = "2026-12-03T10:00:00.000Z";

const dataset: DatasetRow = {
  id: "ds-1",
  createdAt: NOW,
  name: `claims for ${PHI}`,
  task: "claims",
  source: "synthetic",
  sourceFile: null,
  sourceSha256: null,
  trainCount: 90,
  testCount: 10,
  filteredCount: 0,
  trainTokens: 9000,
  testTokens: 1000,
  trainSha256: SHA,
  testSha256: "b".repeat(64),
  manifestSha256: "c".repeat(64),
  labels: { approve: 50, deny: 50 },
  generatorVersion: "1",
  seed: 7,
  outDir: "/tmp/x",
};

const run: RunView = {
  id: "run-20261203-0001",
  confirmationId: "conf-1",
  provider: "openai",
  baseModel: "gpt-4.1-mini",
  target: "api.openai.com",
  datasetKey: SHA,
  configSha256: SHA,
  trainSha256: SHA,
  validationSha256: null,
  runDir: "/tmp/run",
  createdAt: NOW,
  status: "succeeded",
  jobId: "ftjob-1",
  providerStatus: "succeeded",
  fineTunedModel: `ft:gpt-4.1-mini:acme:${PHI}`,
  trainedTokens: 27_000,
  error: null,
  progress: null,
  updatedAt: NOW,
};

const evaluation = {
  evalId: "eval-1",
  suite: {
    path: "/tmp/test.jsonl",
    name: `suite of ${PHI}`,
    sha256: SHA,
    task: "claims",
    format: "chat",
    items: 10,
  },
  model: `model ${PHI}`,
  source: "http://127.0.0.1:1/v1",
  runId: run.id,
  createdAt: NOW,
  metrics: [
    {
      name: "accuracy",
      label: "Accuracy",
      direction: "higher",
      kind: "rate",
      critical: false,
      value: 0.9,
      interval: { low: 0.6, high: 0.98, level: 0.95 },
      n: 10,
    },
  ],
  counts: { items: 10, scored: 10, noAnswer: 0, errors: 0 },
  latencyMs: null,
} as unknown as EvaluationSummary;

const regression = {
  regressionId: "reg-1",
  task: "claims",
  suite: { name: "suite", sha256: SHA },
  candidate: { evalId: "eval-1", model: `model ${PHI}` },
  baseline: { evalId: "eval-0", model: "base" },
  sharedItems: 10,
  verdict: "FAIL",
  recommendation: "rollback",
  metrics: [{ name: "accuracy", label: `Accuracy ${PHI}`, verdict: "FAIL", delta: -0.2 }],
  regressedItems: [],
  trend: [],
  thresholdsSource: "defaults for claims",
  seed: 1,
  draws: 100,
  createdAt: NOW,
} as unknown as RegressionReport;

const milestones: Milestone[] = [
  { kind: "data_prep_plan", dataset },
  {
    kind: "audit",
    report: {
      verdict: "FAIL",
      files: [{ path: `/data/${PHI}.jsonl`, sha256: SHA, records: 100, duplicateRecords: 0 }],
      countsByIdentifier: { NAME: 1 } as never,
      countsBySeverity: { CRITICAL: 0, HIGH: 1, MEDIUM: 0, LOW: 0 },
      failingIdentifiers: ["NAME"],
      findings: [],
      findingsTotal: 1,
      remediation: {},
      attestation: null,
      scannerVersion: "test",
    },
    auditId: "audit-1",
    datasets: [dataset],
  },
  { kind: "job_started", run: { ...run, status: "running" }, estimate: null },
  { kind: "job_finished", run, actualUsd: 1.25 },
  { kind: "evaluation", evaluation },
  { kind: "regression", report: regression },
];

let services: FakeServices;
let home: string;
let db: Db;

beforeAll(async () => {
  services = await startFakeServices();
});
afterAll(async () => {
  await services?.close();
});
beforeEach(() => {
  home = tempDir();
  db = openLedger(home);
  services.slack.reset();
  services.github.reset();
  services.google.reset();
  return () => db.close();
});

const configured = (policy: string) =>
  loadConfig({
    env: { ...services.env, CFT_ACTION_POLICY: policy, CFT_PROJECT: "claims-adjudication" },
    home,
  });

async function announceAll(options: WorkspaceOptions, policy: string) {
  const ws = openWorkspace(configured(policy), db, { senders: FAST, ...options });
  const outcomes = [];
  for (const m of milestones) outcomes.push(...(await announce(ws, m)));
  const doc = { title: `Model card ${PHI}`, blocks: [heading(2, "Data"), paragraph(`Notes on ${PHI}`)] };
  outcomes.push(
    await ws.createDocument({
      subject: `run:${run.id}`,
      kind: "model_card",
      path: "/w/card.md",
      document: doc,
    }),
  );
  outcomes.push(await ws.createIssue({ title: `Issue about ${PHI}`, body: PHI, labels: ["data-prep"] }));
  outcomes.push(await ws.act("notify_team", "slack", "notify", { text: `Heads up: ${PHI}` }));
  return { ws, outcomes };
}

describe("the workspace without any service configured", () => {
  it("records every milestone locally: ledger rows, the outbox, the local issue log, Markdown links", async () => {
    const ws = openWorkspace(loadConfig({ env: { CFT_ACTION_POLICY: "*=auto" }, home }), db);
    const outcomes = [];
    for (const m of milestones) outcomes.push(...(await announce(ws, m)));
    expect(outcomes.every((o) => o.status === "not_configured")).toBe(true);
    expect(listTrackerRows(db, "datasets")).toHaveLength(2);
    expect(listTrackerRows(db, "runs").map((r) => r.cells[8])).toEqual(["running", "succeeded"]);
    expect(listTrackerRows(db, "costs").map((r) => r.cells[8])).toEqual([1.25]);
    expect(listTrackerRows(db, "evaluations")).toHaveLength(1);
    expect(listTrackerRows(db, "regressions")[0]!.cells.slice(5, 7)).toEqual(["FAIL", "rollback"]);
    const [tracking] = listLocalIssues(db);
    expect(tracking).toMatchObject({ project: "clinical-fine-tune", title: "[cft] clinical-fine-tune" });
    expect(tracking!.comments.map((c) => c.body.split("\n")[0])).toEqual([
      "### Data prepared: claims for [NAME], MRN [MRN], called [PHONE]",
      "### HIPAA audit: FAIL",
      `### Fine-tune started: ${run.id}`,
      `### Fine-tune succeeded: ${run.id}`,
      "### Evaluation: eval-1",
      "### Regression test: FAIL",
    ]);
    // Slack messages (audit FAIL adds a compliance concern) and sheet rows wait in the outbox.
    const entries = listOutbox(db, 100);
    expect(entries.filter((e) => e.channel === "slack")).toHaveLength(7);
    expect(entries.filter((e) => e.channel === "sheets")).toHaveLength(7);
    expect(JSON.stringify(entries) + JSON.stringify(listLocalIssues(db))).not.toMatch(
      /John Smith|12345678|0142/,
    );
    const doc = await ws.createDocument({
      subject: "run:r",
      kind: "model_card",
      path: "/w/card.md",
      document: { title: "t", blocks: [] },
    });
    expect(doc).toMatchObject({ status: "not_configured", ref: "/w/card.md" });
    expect(documentLinks(db, "run:r")).toEqual([expect.objectContaining({ path: "/w/card.md", url: null })]);
  });

  it("announces a milestone once, however often it is announced", async () => {
    const ws = openWorkspace(loadConfig({ env: {}, home }), db);
    const first = await announce(ws, milestones[3]!);
    const again = await announce(ws, milestones[3]!);
    expect(first.length).toBeGreaterThan(1);
    expect(again.map((o) => o.status)).toEqual(["recorded", "recorded"]); // the run row and the cost row
    expect(listTrackerRows(db, "runs")).toHaveLength(1);
  });
});

describe("the workspace with Slack, GitHub, Sheets and Docs", () => {
  it("sends everything under auto, and no planted PHI reaches any service", async () => {
    const { outcomes } = await announceAll({}, "*=auto");
    expect(outcomes.filter((o) => o.status !== "sent")).toEqual([]);
    expect(services.slack.messages).toHaveLength(8);
    expect(services.slack.messages[2]!.text).toMatch(/^Compliance concern/);
    const issues = services.github.state.issues;
    expect(issues.map((i) => i.title)).toEqual([
      "[cft] claims-adjudication",
      "Issue about [NAME], MRN [MRN], called [PHONE]",
    ]);
    expect(services.github.state.comments).toHaveLength(6);
    const rows = services.google.rows(services.spreadsheetId, "Regression Tests");
    expect(rows.at(-1)!.slice(5, 7)).toEqual(["FAIL", "rollback"]);
    expect(services.google.rows(services.spreadsheetId, "Fine-Tuning Runs").at(-1)![1]).toBe(NOW);
    expect(services.google.documents.size).toBe(1);
    const [link] = documentLinks(db, `run:${run.id}`);
    expect(link!.url).toMatch(/^https:\/\/docs\.google\.com\/document\/d\//);

    const wire = services.wire();
    expect(wire.length).toBeGreaterThan(1000);
    for (const piece of PHI_PIECES) expect(wire).not.toContain(piece);
    expect(undeliveredEntries(db)).toEqual([]);
  });

  it("under ask, waits for approval; a person's answer is recorded and delivered; never keeps it local", async () => {
    // The fakes keep repository and spreadsheet content across tests: count from here.
    const comments = services.github.state.comments.length;
    const datasetRows = services.google.rows(services.spreadsheetId, "Datasets").length;
    const asked: string[] = [];
    const { ws, outcomes } = await announceAll(
      {
        approver: async (r) => {
          asked.push(r.action);
          return r.action === "notify_team"
            ? { answer: "approved", method: "test:approver" }
            : { answer: "deferred", method: "test:approver" };
        },
      },
      "tracker_append_row=never",
    );
    expect(asked).not.toContain("tracker_append_row");
    expect(
      outcomes.filter((o) => o.action === "tracker_append_row").every((o) => o.status === "declined"),
    ).toBe(true);
    expect(outcomes.filter((o) => o.action === "notify_team").every((o) => o.status === "sent")).toBe(true);
    expect(services.github.state.comments).toHaveLength(comments);
    expect(services.google.rows(services.spreadsheetId, "Datasets")).toHaveLength(datasetRows);
    const waiting = undeliveredEntries(db).filter((e) => e.status === "awaiting_approval");
    expect(new Set(waiting.map((e) => e.channel))).toEqual(new Set(["github", "docs"]));

    const delivered = await ws.deliver("test:later");
    expect(delivered.every((o) => o.status === "sent")).toBe(true);
    expect(services.github.state.comments).toHaveLength(comments + 6);
    expect(listOutbox(db, 100).find((e) => e.channel === "docs")).toMatchObject({ decidedBy: "test:later" });
    expect(services.google.rows(services.spreadsheetId, "Datasets")).toHaveLength(datasetRows);
  });

  it("announces rollout steps (a promotion, a traffic change) on Slack and the tracking issue, redacted", async () => {
    const ws = openWorkspace(configured("*=auto"), db, { senders: FAST });
    const before = { slack: services.slack.messages.length, comments: services.github.state.comments.length };
    const promotion: Milestone = {
      kind: "promotion",
      promotion: {
        id: "p1",
        family: "claims-adjudication",
        versionId: "v-id",
        version: "v1.2",
        action: "promote",
        regressionId: "reg-9",
        verdict: "WARN",
        overrideBy: "Dr. Rivera",
        overrideReason: `reviewed with ${PHI}`,
        createdAt: NOW,
      },
    };
    const route: Milestone = {
      kind: "route",
      route: {
        id: "route-1",
        family: "claims-adjudication",
        action: "set",
        config: {
          family: "claims-adjudication",
          timeoutMs: 120_000,
          variants: [
            {
              name: "baseline",
              version: "v1.1",
              backend: { url: "http://127.0.0.1:8081/v1", model: "m1", kind: "openai-compatible" },
              weight: 90,
            },
            {
              name: "candidate",
              version: "v1.2",
              backend: { url: "http://127.0.0.1:8082/v1", model: "m2", kind: "openai-compatible" },
              weight: 10,
            },
          ],
        },
        sha256: SHA,
        restoresId: null,
        promotionId: null,
        by: "J. Park",
        note: `after a complaint from ${PHI}`,
        createdAt: NOW,
      },
    };
    const outcomes = [...(await announce(ws, promotion)), ...(await announce(ws, route))];
    expect(outcomes.map((o) => o.status)).toEqual(["sent", "sent", "sent", "sent"]);
    const slack = services.slack.messages.slice(before.slack);
    expect(slack.map((m) => m.text.split("\n")[0])).toEqual([
      expect.stringMatching(/^Model in production/),
      expect.stringMatching(/^Traffic routing/),
    ]);
    expect(JSON.stringify(slack)).toContain("baseline v1.1 90% · candidate v1.2 10%");
    const comments = services.github.state.comments.slice(before.comments);
    expect(comments.map((c) => c.body.split("\n")[0])).toEqual([
      "### claims-adjudication@v1.2 promoted to production",
      "### Traffic for claims-adjudication: traffic split changed",
    ]);
    const wire = services.wire();
    for (const piece of PHI_PIECES) expect(wire).not.toContain(piece);
  });

  it("after a crash between Google's answer and the ledger's record, finds the row instead of appending it again", async () => {
    const config = configured("*=auto");
    const tab = "Evaluations";
    const cells = (id: string) => [id, NOW, "model", "suite", 10, "accuracy", 0.9, null];
    // The crashed flush: it claimed the entry, Google appended the row, and the process died before recording.
    const crashed = enqueue(
      db,
      "sheets",
      "append_row",
      { sheet: "evaluations", cells: cells("eval-crash") },
      { keepTimestamps: true },
    );
    decide(db, crashed.id, "approved", "policy:auto");
    const longAgo = new Date(Date.now() - 10 * 60_000);
    const claimRow = db.prepare(
      "INSERT INTO outbox_claims (outbox_id, claimant, expires_at, created_at) VALUES (?, 'crashed:1', ?, ?)",
    );
    claimRow.run(crashed.id, new Date(longAgo.getTime() + 120_000).toISOString(), longAgo.toISOString());
    await createSheetsTracker(config)!.appendRows("evaluations", [cells("eval-crash")]);
    // Another entry whose flush crashed before Google took it: it must still be appended.
    const lost = enqueue(
      db,
      "sheets",
      "append_row",
      { sheet: "evaluations", cells: cells("eval-lost") },
      { keepTimestamps: true },
    );
    decide(db, lost.id, "approved", "policy:auto");
    claimRow.run(lost.id, new Date(longAgo.getTime() + 120_000).toISOString(), longAgo.toISOString());

    const before = services.google.rows(services.spreadsheetId, tab).length;
    const result = await flushOutbox(db, await createSenders(config));
    expect(result).toEqual({ sent: 2, failed: 0, left: 0 });
    const rows = services.google.rows(services.spreadsheetId, tab);
    expect(rows.filter((r) => r[0] === "eval-crash")).toHaveLength(1);
    expect(rows.filter((r) => r[0] === "eval-lost")).toHaveLength(1);
    expect(rows.length).toBe(before + 1);
    expect(getEntry(db, crashed.id)).toMatchObject({
      status: "sent",
      ref: expect.stringMatching(/^'Evaluations'!A\d+:/),
    });
  });

  it("after such a crash, finds the tracking-issue comment GitHub already posted instead of posting it twice", async () => {
    const config = configured("*=auto");
    const body = "### Regression test: PASS\n\n- **verdict**: PASS (reg-crash-1)";
    const payload = {
      project: "claims-adjudication",
      opening: "Tracking issue",
      body,
      labels: ["regression-test"],
    };
    const entry = enqueue(db, "github", "tracking_comment", payload);
    decide(db, entry.id, "approved", "policy:auto");
    const longAgo = new Date(Date.now() - 10 * 60_000);
    db.prepare(
      "INSERT INTO outbox_claims (outbox_id, claimant, expires_at, created_at) VALUES (?, 'crashed:2', ?, ?)",
    ).run(entry.id, new Date(longAgo.getTime() + 120_000).toISOString(), longAgo.toISOString());
    // GitHub took the comment before the crash.
    const github = createGitHubTracker(config)!;
    const issue = await github.trackingIssue(payload.project, payload.opening, payload.labels);
    const posted = await github.comment(issue.number, body);

    expect(await flushOutbox(db, await createSenders(config))).toEqual({ sent: 1, failed: 0, left: 0 });
    expect(services.github.state.comments.filter((c) => c.body === body)).toHaveLength(1);
    expect(getEntry(db, entry.id)).toMatchObject({ status: "sent", ref: posted.url });
  });

  it("after such a crash, finds the Google Doc by the key it carries instead of creating another", async () => {
    const config = configured("*=auto");
    const document = {
      title: "Model card: claims v1.3",
      blocks: [heading(2, "Data"), paragraph("Synthetic only.")],
    };
    const entry = enqueue(db, "docs", "document_create", {
      subject: "run:r-crash",
      kind: "model_card",
      path: "/w/card.md",
      document,
    });
    decide(db, entry.id, "approved", "policy:auto");
    const longAgo = new Date(Date.now() - 10 * 60_000);
    db.prepare(
      "INSERT INTO outbox_claims (outbox_id, claimant, expires_at, created_at) VALUES (?, 'crashed:3', ?, ?)",
    ).run(entry.id, new Date(longAgo.getTime() + 120_000).toISOString(), longAgo.toISOString());
    // Google made the document, with its key, before the crash.
    const made = (await publishDocument(config, document, { key: entry.id }))!;
    expect(services.google.files.get(made.documentId)?.appProperties).toEqual({ cftKey: entry.id });
    const documents = services.google.documents.size;

    expect(await flushOutbox(db, await createSenders(config))).toEqual({ sent: 1, failed: 0, left: 0 });
    expect(services.google.documents.size).toBe(documents);
    expect(getEntry(db, entry.id)).toMatchObject({ status: "sent", ref: made.url });
  });

  it("leaves a failed delivery waiting, sends it on the next delivery, and never twice", async () => {
    services.slack.fail({ apiMethod: "chat.postMessage", error: "channel_not_found", times: 5 });
    const ws = openWorkspace(configured("*=auto"), db, { senders: FAST });
    const first = await ws.act("notify_team", "slack", "notify", { text: "audit PASS" });
    expect(first.status).toBe("failed");
    expect(first.summary).toMatch(/waits in the outbox/);
    services.slack.reset();
    const [again] = await ws.deliver("test:retry");
    expect(again).toMatchObject({ status: "sent" });
    expect(await ws.deliver("test:retry")).toEqual([]);
    expect(services.slack.messages.map((m) => m.text)).toEqual(["audit PASS"]);
  });
});
