import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { ServiceError } from "../../src/errors.js";
import {
  createSlackNotifier,
  milestoneMessage,
  SLACK_LIMITS,
  type SlackNotifier,
  type SlackNotifierOptions,
} from "../../src/integrations/slack.js";
import { type FakeSlackServer, startFakeSlackServer } from "../fakes/slack-server.js";
import { tempDir } from "../helpers.js";

const PHI = "Patient John Smith, MRN 12345678, DOB 03/14/1952, called 617-555-0142";
const PHI_PIECES = ["John Smith", "Smith", "12345678", "03/14/1952", "617-555-0142", "5550142"];
const CHANNEL = "C0CFTNOTIFY";
const FAST: SlackNotifierOptions = { retryMinTimeoutMs: 1, maxRetries: 2 };

let server: FakeSlackServer;
const cwd = tempDir("cft-slack-");

function notifier(env: Record<string, string> = {}, opts = FAST): SlackNotifier {
  const config = loadConfig({
    env: { SLACK_BOT_TOKEN: server.token, SLACK_CHANNEL_ID: CHANNEL, SLACK_API_URL: server.apiUrl, ...env },
    cwd,
  });
  const made = createSlackNotifier(config, opts);
  if (!made) throw new Error("expected a notifier");
  return made;
}

async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  }
  throw new Error("expected a failure");
}

/** A form body as Slack reads it: percent-decoded, `+` as space. */
const decoded = (raw: string) => decodeURIComponent(raw.replace(/\+/g, " "));
const posts = () => server.requests.filter((r) => r.apiMethod === "chat.postMessage");

beforeAll(async () => {
  server = await startFakeSlackServer({ channels: [CHANNEL] });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("createSlackNotifier", () => {
  it("is null unless both the bot token and the channel are set", () => {
    const make = (env: Record<string, string>) => createSlackNotifier(loadConfig({ env, cwd }));
    expect(make({})).toBeNull();
    expect(make({ SLACK_BOT_TOKEN: server.token })).toBeNull();
    expect(make({ SLACK_CHANNEL_ID: CHANNEL, SLACK_API_URL: server.apiUrl })).toBeNull();
    expect(make({ SLACK_BOT_TOKEN: server.token, SLACK_CHANNEL_ID: CHANNEL })?.channel).toBe(CHANNEL);
  });
});

describe("post", () => {
  it("delivers the message to the channel through the SDK's wire format", async () => {
    const sent = await notifier().post({ text: "Regression test: PASS" });
    expect(sent.channel).toBe(CHANNEL);
    expect(sent.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(server.messages).toEqual([
      { channel: CHANNEL, ts: sent.ts, text: "Regression test: PASS", blocks: undefined },
    ]);
    const [request] = posts();
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/api/chat.postMessage");
    expect(request?.contentType).toBe("application/x-www-form-urlencoded");
    expect(request?.headers.authorization).toBe("[redacted]");
    expect(request?.body).toMatchObject({
      channel: CHANNEL,
      text: "Regression test: PASS",
      unfurl_links: "false",
    });
    expect(request?.raw).not.toContain(server.token);
  });

  it("works with SLACK_API_URL given without its trailing slash", async () => {
    const sent = await notifier({ SLACK_API_URL: server.apiUrl.replace(/\/$/, "") }).post({ text: "hello" });
    expect(sent.ts).toBeTruthy();
    expect(posts()[0]?.path).toBe("/api/chat.postMessage");
  });

  it("never sends planted PHI: text and every string in the blocks are redacted", async () => {
    const blocks = [
      { type: "header", text: { type: "plain_text", text: PHI } },
      {
        type: "section",
        text: { type: "mrkdwn", text: `Note: ${PHI}` },
        fields: [{ type: "mrkdwn", text: PHI }],
      },
      { type: "context", elements: [{ type: "mrkdwn", text: PHI }], block_id: "John Smith" },
    ];
    await notifier().post({ text: PHI, blocks });
    expect(server.requests.length).toBeGreaterThan(0);
    for (const request of server.requests)
      for (const piece of PHI_PIECES) {
        expect(request.raw).not.toContain(piece);
        expect(decoded(request.raw)).not.toContain(piece);
      }
    const [message] = server.messages;
    expect(message?.text).toBe("Patient [NAME], MRN [MRN], DOB [DATE], called [PHONE]");
    expect(JSON.stringify(message?.blocks)).toContain("[PHONE]");
    expect(blocks[0]?.text?.text).toBe(PHI); // the caller's object is left as it was
  });

  it("cuts text and block texts to Slack's limits with an ellipsis", async () => {
    const long = "word ".repeat(20_000);
    await notifier().post({
      text: long,
      blocks: [
        { type: "header", text: { type: "plain_text", text: long } },
        { type: "section", text: { type: "mrkdwn", text: long }, fields: [{ type: "mrkdwn", text: long }] },
      ],
    });
    const [message] = server.messages;
    expect(message?.text).toHaveLength(SLACK_LIMITS.text);
    expect(message?.text.endsWith("…")).toBe(true);
    // biome-ignore lint/suspicious/noExplicitAny: reading the blocks as posted
    const [header, section] = (message?.blocks ?? []) as any[];
    expect(header.text.text).toHaveLength(150);
    expect(section.text.text).toHaveLength(3000);
    expect(section.text.text.endsWith("…")).toBe(true);
    expect(section.fields[0].text).toHaveLength(2000);
  });

  it("honours Retry-After on a 429 and then succeeds", async () => {
    server.fail({ status: 429, retryAfter: 1 });
    const started = performance.now();
    const sent = await notifier().post({ text: "Cost estimate" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(sent.ts).toBeTruthy();
    expect(posts().map((r) => r.status)).toEqual([429, 200]);
  });

  it("retries a 429 without Retry-After (which the SDK itself refuses to retry) after a backoff", async () => {
    server.fail({ status: 429 });
    await notifier().post({ text: "Evaluation ready" });
    expect(posts().map((r) => r.status)).toEqual([429, 200]);
  });

  it("gives up with a ServiceError when Slack keeps rate limiting", async () => {
    server.fail({ status: 429, retryAfter: 0, times: 10 });
    const error = await failure(notifier().post({ text: "x" }));
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain("ratelimited");
    expect(error.message).toContain(CHANNEL);
    expect(posts()).toHaveLength(3); // the first try and maxRetries = 2
  });

  it("fails at once when Slack asks for a longer wait than a command should block", async () => {
    server.fail({ status: 429, retryAfter: 3600 });
    const error = await failure(notifier().post({ text: "x" }));
    expect(error.message).toContain("3600");
    expect(posts()).toHaveLength(1);
  });

  it("retries a 5xx with backoff", async () => {
    server.fail({ status: 503, times: 1 });
    await notifier().post({ text: "Evaluation ready" });
    expect(posts().map((r) => r.status)).toEqual([503, 200]);
  });

  it("channel_not_found names the channel and says to invite the bot, without the token", async () => {
    const error = await failure(notifier({ SLACK_CHANNEL_ID: "C0NOSUCH" }).post({ text: "x" }));
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain("C0NOSUCH");
    expect(error.message).toContain("channel_not_found");
    expect(error.hint).toContain("SLACK_CHANNEL_ID");
    expect(error.hint).toContain("/invite @cft-bot");
    expect(JSON.stringify(error.toJSON())).not.toContain(server.token);
    expect(`${error.message} ${error.hint}`).not.toContain(server.token);
  });

  it("not_in_channel says to invite the bot", async () => {
    server.fail({ error: "not_in_channel", apiMethod: "chat.postMessage" });
    const error = await failure(notifier().post({ text: "x" }));
    expect(error.message).toContain("not_in_channel");
    expect(error.hint).toContain("/invite @");
  });

  it("invalid_auth names SLACK_BOT_TOKEN and never shows the token", async () => {
    const wrong = "xoxb-wrong-token-for-cft-tests";
    const error = await failure(notifier({ SLACK_BOT_TOKEN: wrong }).post({ text: "x" }));
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain("SLACK_BOT_TOKEN");
    expect(error.message).toContain("invalid_auth");
    expect(error.hint).toContain("SLACK_BOT_TOKEN");
    const shown = JSON.stringify(error.toJSON());
    expect(shown).not.toContain(wrong);
    expect(shown).not.toContain("wrong-token");
  });

  it("account_inactive is reported as a token problem", async () => {
    server.fail({ error: "account_inactive" });
    const error = await failure(notifier().post({ text: "x" }));
    expect(error.message).toContain("account_inactive");
    expect(error.hint).toContain("SLACK_BOT_TOKEN");
  });

  it("an unreachable SLACK_API_URL is a ServiceError naming it", async () => {
    const gone = await startFakeSlackServer();
    await gone.close();
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    let error: ServiceError;
    try {
      error = await failure(notifier({ SLACK_API_URL: gone.apiUrl }, { maxRetries: 0 }).post({ text: "x" }));
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining("http request failed"));
    } finally {
      stderr.mockRestore();
    }
    expect(error.message).toContain(gone.apiUrl);
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.hint).toContain("SLACK_API_URL");
  });

  it("writes nothing to stdout, whatever happens", async () => {
    const stdout = vi.spyOn(process.stdout, "write");
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      server.fail({ status: 503 });
      server.fail({ status: 429, retryAfter: 0 });
      await notifier().post({ text: "Fine-tune job started" });
      await failure(notifier({ SLACK_CHANNEL_ID: "C0NOSUCH" }).post({ text: "x" }));
      expect(stdout).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });
});

describe("the fake Slack server", () => {
  it("also reads JSON bodies, as Slack does", async () => {
    const response = await fetch(`${server.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({
        channel: CHANNEL,
        text: "json",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "b" } }],
      }),
    });
    expect(response.status).toBe(200);
    const json = (await response.json()) as {
      ok: boolean;
      channel: string;
      ts: string;
      message: { text: string };
    };
    expect(json).toMatchObject({ ok: true, channel: CHANNEL, message: { text: "json" } });
    expect(server.requests[0]?.contentType).toBe("application/json");
    expect(server.requests[0]?.body.blocks).toHaveLength(1);
  });
});

describe("milestoneMessage", () => {
  it("regression: verdict in the header, recommendation and failing metrics first", () => {
    const message = milestoneMessage("regression", {
      candidate: "eval-42",
      baseline: "eval-17",
      verdict: "fail",
      failMetrics: "exact_match (-4.1 pts), f1 (-3.0 pts)",
      recommendation: "Do not deploy; retrain with more claims examples",
    });
    expect(message.text).toBe(
      [
        "Regression test: FAIL",
        "Recommendation: Do not deploy; retrain with more claims examples",
        "Fail metrics: exact_match (-4.1 pts), f1 (-3.0 pts)",
        "Baseline: eval-17",
        "Candidate: eval-42",
      ].join("\n"),
    );
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Regression test: FAIL", emoji: false },
    });
    expect(message.blocks[1]).toMatchObject({
      type: "section",
      fields: [
        { type: "mrkdwn", text: "*Recommendation*\nDo not deploy; retrain with more claims examples" },
        { type: "mrkdwn", text: "*Fail metrics*\nexact_match (-4.1 pts), f1 (-3.0 pts)" },
        { type: "mrkdwn", text: "*Baseline*\neval-17" },
        { type: "mrkdwn", text: "*Candidate*\neval-42" },
      ],
    });
  });

  it("estimate: formats money, counts and missing values; no header verdict without one", () => {
    const message = milestoneMessage("estimate", {
      tokens: 1234567,
      cost_usd: 12.3456,
      hours: 1.23456,
      provider: "openai",
      base_model: "gpt-4o-mini-2024-07-18",
      notes: null,
    });
    expect(message.text).toBe(
      [
        "Cost estimate",
        "Provider: openai",
        "Base model: gpt-4o-mini-2024-07-18",
        "Cost (USD): $12.35",
        "Hours: 1.235",
        "Tokens: 1,234,567",
        "Notes: n/a",
      ].join("\n"),
    );
    expect(message.blocks).toHaveLength(3);
    expect(JSON.stringify(message.blocks)).not.toMatch(/:[a-z_]+:/); // no emoji shortcodes
  });

  it("escapes Slack's control characters and keeps at most 10 fields", () => {
    const fields = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`f${i}`, i === 0 ? "a < b & c" : i]),
    );
    const message = milestoneMessage("audit", { verdict: "PASS", ...fields });
    expect(message.text).toContain("F0: a &lt; b &amp; c");
    expect(message.text).toContain("2 more fields not shown");
    // biome-ignore lint/suspicious/noExplicitAny: reading the section block
    expect((message.blocks[1] as any).fields).toHaveLength(10);
  });

  it("a milestone message goes through the fake Slack unrefused", async () => {
    const sent = await notifier().post(
      milestoneMessage("compliance_concern", { concern: PHI, severity: "HIGH" }),
    );
    expect(sent.ts).toBeTruthy();
    expect(server.messages[0]?.text).toContain("Compliance concern");
    expect(server.messages[0]?.text).not.toContain("John Smith");
  });
});
