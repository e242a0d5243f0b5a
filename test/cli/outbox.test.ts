/**
 * The workspace from the command line: milestones of `cft prepare` and `cft audit` recorded locally and,
 * with Slack and Google configured, delivered per the action policy (`cft policy`); what waits is listed
 * by `cft outbox` and sent by `cft outbox send`; `cft sheets init` makes the tracking spreadsheet; and
 * PHI planted in a dataset reaches no service.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../../src/integrations/outbox.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { type FakeServices, startFakeServices } from "../fakes/services.js";
import { cft, cftAsync, tempDir, writeFile } from "../helpers.js";

const PHI_RECORD = {
  messages: [
    { role: "system", content: "You adjudicate claims." },
    { role: "user", content: "Claim for John Smith, SSN 123-45-6789, phone 617-555-0142." },
    { role: "assistant", content: "DENY" },
  ],
};
const PHI_PIECES = ["John Smith", "123-45-6789", "617-555-0142"];

let services: FakeServices;
beforeAll(async () => {
  services = await startFakeServices();
});
afterAll(async () => {
  await services?.close();
});

/** Slack and Google only: GitHub paces its writes (seconds apart), which the workspace tests cover. */
const slackAndGoogle = () => {
  const { GITHUB_TOKEN: _t, CFT_GITHUB_REPO: _r, GITHUB_API_URL: _u, ...env } = services.env;
  return env;
};

describe("cft outbox", () => {
  it("lists what waits, redacted, and says when there is nothing", () => {
    const home = tempDir();
    expect(cft(["outbox", "--home", home]).stdout).toContain("The outbox is empty.");
    const db = openLedger(home);
    enqueue(db, "slack", "notify", { text: "Audit FAIL for Patient John Smith, MRN 12345678" });
    db.close();
    const run = cft(["outbox", "--pending", "--home", home, "--json"]);
    expect(run.code).toBe(0);
    const [entry] = run.json().entries;
    expect(entry).toMatchObject({
      channel: "slack",
      action: "notify",
      status: "awaiting_approval",
      attempts: 0,
    });
    expect(run.stdout).not.toContain("John Smith");
    expect(run.stdout).not.toContain("12345678");
    expect(cft(["outbox", "--home", home]).stdout).toContain("kept (Slack not set)");
  });

  it("records milestones offline: tracking rows, the outbox, the local tracking issue", () => {
    const home = tempDir();
    const data = tempDir();
    expect(
      cft(["prepare", "--task", "claims", "--synthetic", "30", "--out", data, "--home", home]).code,
    ).toBe(0);
    const audit = cft(["audit", `${data}/train.jsonl`, `${data}/test.jsonl`, "--home", home]);
    expect(audit.code).toBe(0);
    expect(audit.stderr).not.toContain("Team updates"); // nothing configured, nothing to report
    const rows = cft(["sheets", "show", "datasets", "--home", home, "--json"]).json().rows;
    expect(rows.map((r: { cells: unknown[] }) => r.cells[12])).toEqual([null, "PASS"]);
    const entries = cft(["outbox", "--home", home, "--json"]).json().entries;
    expect(entries.filter((e: { channel: string }) => e.channel === "slack")).toHaveLength(2);
  });

  it("under ask, keeps Slack messages for approval; `cft outbox send --yes` sends them once", async () => {
    const home = tempDir();
    const data = tempDir();
    const env = slackAndGoogle();
    const before = services.slack.messages.length;
    const prep = await cftAsync(
      ["prepare", "--task", "claims", "--synthetic", "30", "--out", data, "--home", home],
      { env },
    );
    expect(prep.code).toBe(0);
    expect(prep.stderr).toMatch(/wait for approval: review with `cft outbox --pending`/);
    expect(services.slack.messages.length).toBe(before);

    const refused = await cftAsync(["outbox", "send", "--home", home], { env });
    expect(refused.code).toBe(3); // no terminal and no --yes: no consent
    const send = await cftAsync(["outbox", "send", "--yes", "--home", home, "--json"], { env });
    expect(send.code).toBe(0);
    expect(send.json()).toMatchObject({ sent: 3, failed: 0 }); // the Slack message, the Datasets row, the data dictionary
    expect(services.slack.messages.length).toBe(before + 1);
    expect(services.slack.messages.at(-1)!.text).toMatch(/^Data-prep plan ready/);
    const again = await cftAsync(["outbox", "send", "--yes", "--home", home, "--json"], { env });
    expect(again.json()).toMatchObject({ sent: 0 });
    expect(services.slack.messages.length).toBe(before + 1);
  });

  it("under auto, sends the audit's messages at once, and no planted PHI reaches Slack or Sheets", async () => {
    const home = tempDir();
    const env = { ...slackAndGoogle(), CFT_ACTION_POLICY: "*=auto" };
    services.slack.reset();
    services.google.reset();
    const file = writeFile(tempDir(), "claims.jsonl", `${JSON.stringify(PHI_RECORD)}\n`);
    const audit = await cftAsync(["audit", file, "--home", home], { env });
    expect(audit.code).toBe(3);
    expect(audit.stderr).toMatch(/Sent to Slack/);
    expect(services.slack.messages.map((m) => m.text.split("\n")[0])).toEqual([
      "HIPAA audit: FAIL",
      "Compliance concern",
    ]);
    const wire = services.wire();
    expect(wire).toContain("chat.postMessage");
    for (const piece of PHI_PIECES) expect(wire).not.toContain(piece);
  });

  it("`cft outbox decline` closes an entry for good", () => {
    const home = tempDir();
    const db = openLedger(home);
    const entry = enqueue(db, "slack", "notify", { text: "not this one" });
    db.close();
    expect(cft(["outbox", "decline", entry.id.slice(0, 8), "--home", home]).code).toBe(0);
    expect(cft(["outbox", "--home", home, "--json"]).json().entries[0]).toMatchObject({ status: "skipped" });
    expect(cft(["outbox", "decline", "nosuchid", "--home", home]).code).toBe(2);
  });
});

describe("cft policy", () => {
  it("shows ask by default, saves a value, and lets CFT_ACTION_POLICY override it", () => {
    const home = tempDir();
    expect(cft(["policy", "--home", home, "--json"]).json().policy.notify_team).toBe("ask");
    expect(cft(["policy", "set", "notify_team", "auto", "--home", home]).code).toBe(0);
    const shown = cft(["policy", "--home", home, "--json"]).json();
    expect(shown).toMatchObject({
      policy: { notify_team: "auto", issue_create: "ask" },
      sources: { notify_team: "policy.json" },
    });
    const env = { CFT_ACTION_POLICY: "*=never" };
    expect(cft(["policy", "--home", home, "--json"], { env }).json().policy.notify_team).toBe("never");
    const bad = cft(["policy", "set", "notify_everyone", "auto", "--home", home]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/notify_team/);
    expect(cft(["policy", "--home", home], { env: { CFT_ACTION_POLICY: "notify_team=maybe" } }).code).toBe(2);
  });
});

describe("cft sheets init", () => {
  it("creates the spreadsheet with the five tabs when consented, and records that it did", async () => {
    const home = tempDir();
    const env = {
      GOOGLE_APPLICATION_CREDENTIALS: services.env.GOOGLE_APPLICATION_CREDENTIALS!,
      GOOGLE_API_URL: services.env.GOOGLE_API_URL!,
    };
    expect((await cftAsync(["sheets", "init", "--home", home], { env })).code).toBe(3);
    const never = await cftAsync(["sheets", "init", "--yes", "--home", home], {
      env: { ...env, CFT_ACTION_POLICY: "spreadsheet_create=never" },
    });
    expect(never.code).toBe(3);
    const made = await cftAsync(
      ["sheets", "init", "--yes", "--title", "Claims tracking", "--home", home, "--json"],
      { env },
    );
    expect(made.code).toBe(0);
    const { spreadsheetId } = made.json();
    expect([...services.google.spreadsheets.get(spreadsheetId)!.tabs.keys()]).toEqual([
      "Datasets",
      "Fine-Tuning Runs",
      "Evaluations",
      "Regression Tests",
      "Cost Tracking",
    ]);
    expect(made.stderr).toContain(`export CFT_SHEET_ID=${spreadsheetId}`);
    const [entry] = cft(["outbox", "--home", home, "--json"]).json().entries;
    expect(entry).toMatchObject({ action: "spreadsheet_create", status: "sent", decidedBy: "cli:yes-flag" });
    expect(cft(["sheets", "init", "--yes", "--home", home]).code).toBe(2); // no credentials: says which variable
  });
});
