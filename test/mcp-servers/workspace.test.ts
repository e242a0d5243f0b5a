/**
 * `cft mcp workspace` through the SDK's client: the seven tools and their schemas; each action's embedded
 * default when nothing is configured (ledger rows, Markdown, outbox, local issue log) and the real service
 * when it is (Slack, GitHub, Google fakes); approval by elicitation under the `ask` policy, waiting when the
 * host cannot ask; refusals as isError sentences; planted PHI on no wire; and one call over streamable HTTP.
 */
import { existsSync, readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { type CallToolResult, ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveHttp } from "../../mcp-servers/transports/index.js";
import { createWorkspaceServer } from "../../mcp-servers/workspace/server.js";
import { loadConfig } from "../../src/config/config.js";
import { type FakeServices, startFakeServices } from "../fakes/services.js";
import { tempDir } from "../helpers.js";

const PHI = "Patient John Smith, MRN 12345678, called 617-555-0142";
const PHI_PIECES = ["John Smith", "12345678", "617-555-0142"];
const FAST = {
  slack: { retryMinTimeoutMs: 1, maxRetries: 1 },
  github: { retries: 1, retryAfterBaseMs: 1, paceWrites: false },
};

let services: FakeServices;
beforeAll(async () => {
  services = await startFakeServices();
});
afterAll(async () => {
  await services?.close();
});

type Answer = "accept" | "decline" | null;

async function connect(env: Record<string, string>, answer: Answer = null, home = tempDir()) {
  const config = loadConfig({ env, home });
  const server = createWorkspaceServer(config, { senders: FAST });
  const client = new Client(
    { name: "test-host", version: "1.0.0" },
    { capabilities: answer ? { elicitation: { form: {} } } : {} },
  );
  const asked: string[] = [];
  if (answer)
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params.message);
      return answer === "accept" ? { action: "accept", content: { approve: true } } : { action: "decline" };
    });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(a), client.connect(b)]);
  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { client, call, asked, home, close: () => client.close() };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary structured content
const out = (r: CallToolResult): any => r.structuredContent;
const text = (r: CallToolResult) => r.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");

describe("cft mcp workspace, nothing configured", () => {
  it("lists the seven tools, each with input and output schemas and a description", async () => {
    const { client, close } = await connect({});
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "document_create",
      "issue_comment",
      "issue_create",
      "notify_team",
      "pull_request_create",
      "tracker_append_row",
      "tracker_list_rows",
    ]);
    for (const t of tools) {
      expect(t.outputSchema, t.name).toBeDefined();
      expect(t.description!.length, t.name).toBeGreaterThan(100);
    }
    await close();
  });

  it("keeps every action in its embedded default and says so", async () => {
    const { call, home, close } = await connect({});
    const note = await call("notify_team", { text: "Audit PASS for claims-v2" });
    expect(out(note).outcome).toMatchObject({ status: "not_configured", service: null });
    expect(text(note)).toMatch(/Slack is not configured: kept in the outbox/);

    const issue = await call("issue_create", {
      title: "Regenerate the deny class",
      body: "Too few denials.",
    });
    expect(out(issue).outcome).toMatchObject({ status: "not_configured", ref: "#1" });
    expect((await call("issue_comment", { issue: 1, body: "Done." })).isError).toBeFalsy();
    const tracking = await call("issue_comment", { body: "Audit passed.", stage: "hipaa-audit" });
    expect(text(tracking)).toMatch(/local tracking issue #2/);
    const missing = await call("issue_comment", { issue: 99, body: "x" });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/no issue #99 in the local issue log/);

    const row = await call("tracker_append_row", {
      sheet: "Fine-Tuning Runs",
      row: { "Run ID": "run-ext-1", Provider: "openai", Status: "succeeded" },
    });
    expect(out(row)).toMatchObject({ sheet: "Fine-Tuning Runs", outcome: { status: "not_configured" } });
    const listed = await call("tracker_list_rows", { sheet: "runs" });
    expect(out(listed)).toMatchObject({ source: "workspace ledger" });
    expect(out(listed).rows[0].slice(0, 3)).toEqual(["run-ext-1", null, "openai"]);
    const badColumn = await call("tracker_append_row", { sheet: "runs", row: { Colour: "red" } });
    expect(badColumn.isError).toBe(true);
    expect(text(badColumn)).toMatch(/no column "Colour".*Run ID/s);
    const badSheet = await call("tracker_append_row", { sheet: "patients", row: [] });
    expect(text(badSheet)).toMatch(/no tracking sheet "patients".*datasets/s);
    expect((await call("tracker_list_rows", { sheet: "runs", from: "google" })).isError).toBe(true);

    const doc = await call("document_create", {
      title: "Data plan",
      markdown: "## Volume\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    });
    expect(readFileSync(out(doc).path, "utf8")).toContain("## Volume");
    expect(out(doc).outcome.status).toBe("not_configured");

    const pr = await call("pull_request_create", {
      branch: "cft/config-v2",
      path: "configs/train.yaml",
      content: "epochs: 3\n",
      title: "Three epochs",
      body: "Fewer epochs.",
    });
    expect(out(pr).local_file).toBe(`${home}/pull-requests/cft/config-v2/configs/train.yaml`);
    expect(existsSync(out(pr).local_file)).toBe(true);
    const traversal = await call("pull_request_create", {
      branch: "x",
      path: "../../etc/passwd",
      content: "",
      title: "t",
      body: "",
    });
    expect(traversal.isError).toBe(true);
    expect(text(traversal)).toMatch(/not a valid repository path/);
    await close();
  });
});

describe("cft mcp workspace with Slack, GitHub and Google", () => {
  it("asks the user through the host under ask: accepted goes out, declined stays, no form waits", async () => {
    const before = services.slack.messages.length;
    const yes = await connect(services.env, "accept");
    const sent = await yes.call("notify_team", { text: "Evaluation ready: accuracy 0.91" });
    expect(out(sent).outcome).toMatchObject({ status: "sent", service: "Slack" });
    expect(yes.asked[0]).toMatch(/post a message to Slack/);
    expect(services.slack.messages.length).toBe(before + 1);

    const no = await connect(services.env, "decline");
    expect(out(await no.call("notify_team", { text: "not this" })).outcome.status).toBe("declined");
    const none = await connect(services.env, null);
    const waiting = await none.call("notify_team", { text: "later" });
    expect(out(waiting).outcome.status).toBe("awaiting_approval");
    expect(text(waiting)).toMatch(/cft outbox send .*do not call the tool again/s);
    expect(services.slack.messages.length).toBe(before + 1);
    await Promise.all([yes.close(), no.close(), none.close()]);
  });

  it("sends every tool's action under auto, and no planted PHI reaches any service", async () => {
    services.slack.reset();
    services.github.reset();
    services.google.reset();
    const { call, close } = await connect({ ...services.env, CFT_ACTION_POLICY: "*=auto" });
    const results = [
      await call("notify_team", { text: `Audit FAIL: ${PHI}` }),
      await call("issue_create", { title: `Fix ${PHI}`, body: PHI, labels: ["data-prep"] }),
      await call("issue_comment", { body: `Step done for ${PHI}`, stage: "evaluation" }),
      await call("tracker_append_row", {
        sheet: "costs",
        row: ["c-1", null, "run-1", "openai", PHI, "actual", 1, null, 2.5, PHI],
      }),
      await call("document_create", { title: `Notes on ${PHI}`, markdown: `## About\n\n${PHI}\n\n- ${PHI}` }),
      await call("pull_request_create", {
        branch: "cft/config-phi",
        path: "configs/a.yaml",
        content: `note: ${PHI}\n`,
        title: `Config ${PHI}`,
        body: PHI,
      }),
    ];
    for (const r of results) expect(out(r).outcome, text(r)).toMatchObject({ status: "sent" });
    expect(out(results[1]!).outcome.ref).toMatch(/\/issues\/\d+$/);
    expect(out(results[4]!).outcome.ref).toMatch(/^https:\/\/docs\.google\.com\//);
    const wire = services.wire();
    expect(wire).toContain("chat.postMessage");
    expect(wire).toContain(":append");
    expect(wire).toContain("batchUpdate");
    for (const piece of PHI_PIECES) expect(wire).not.toContain(piece);
    const listed = await call("tracker_list_rows", { sheet: "costs", from: "google" });
    expect(out(listed)).toMatchObject({ source: "Google Sheets" });
    expect(out(listed).rows.at(-1)[0]).toBe("c-1");
    await close();
  });
});

describe("cft mcp workspace over streamable HTTP", () => {
  it("serves the same tools on a loopback port", async () => {
    const home = tempDir();
    const http = await serveHttp(() => createWorkspaceServer(loadConfig({ env: {}, home })), {
      port: 0,
      log: () => {},
    });
    try {
      const client = new Client({ name: "http-host", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
      const r = (await client.callTool({
        name: "notify_team",
        arguments: { text: "over HTTP" },
      })) as CallToolResult;
      expect(out(r).outcome.status).toBe("not_configured");
      await client.close();
    } finally {
      await http.close();
    }
  });
});
