/**
 * `cft models` as a user drives it, over ledger state written directly: register (a failed run exits 2),
 * promote through the gate (no regression test or a FAIL exits 3 with a JSON error, a WARN passes only
 * with --override-warn --by --reason), list, show, and rollback, each printing one JSON object.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { openLedger } from "../../src/ledger/ledger.js";
import { cft, tempDir } from "../helpers.js";
import { makeEvaluation, makeRegression, makeRun } from "../registry/fixtures.js";

const F = "claims-adjudication";
let home: string;
const runs: string[] = [];
let failedRun: string;

beforeAll(() => {
  home = tempDir("cft-models-");
  const db = openLedger(home);
  const base = makeEvaluation(db, null, "base");
  for (let i = 0; i < 3; i++) runs.push(makeRun(db));
  failedRun = makeRun(db, { status: "failed", model: null });
  const [e1, e2, e3] = runs.map((r) => makeEvaluation(db, r));
  makeRegression(db, e1!, base, "PASS");
  makeRegression(db, e2!, e1!, "WARN");
  makeRegression(db, e3!, e2!, "FAIL");
  db.close();
});

const models = (...args: string[]) => cft(["models", ...args, "--home", home, "--json"]);

describe("cft models", () => {
  it("registers succeeded runs as v1.0, v1.1, v2.0 and refuses a failed run (exit 2)", () => {
    expect(models("list").json()).toEqual({ versions: [] });
    const labels = runs.map((run, i) => {
      const r = models("register", run, "--family", F, ...(i === 2 ? ["--major"] : []));
      expect(r.code).toBe(0);
      return r.json().version;
    });
    expect(labels).toEqual(["v1.0", "v1.1", "v2.0"]);
    const failed = models("register", failedRun, "--family", F);
    expect(failed.code).toBe(2);
    expect(failed.json().error).toMatchObject({
      code: "bad_input",
      message: expect.stringMatching(/succeeded/),
    });
    expect(models("register", runs[0]!).code).toBe(2);
  });

  it("promotes on PASS, refuses WARN without an override (exit 3) and records the override", () => {
    const pass = models("promote", `${F}@v1.0`);
    expect(pass.code).toBe(0);
    expect(pass.json()).toMatchObject({ action: "promote", version: "v1.0", verdict: "PASS" });
    // Announced to the team: a Slack message (kept in the outbox here) and a tracking-issue comment.
    const outbox = cft(["outbox", "--home", home, "--json"]).json().entries;
    expect(outbox[0]).toMatchObject({ channel: "slack", action: "notify" });
    expect(outbox[0].payload.text).toMatch(new RegExp(`^Model in production: PROMOTED\\n.*${F}@v1.0`, "s"));
    const warn = models("promote", `${F}@v1.1`);
    expect(warn.code).toBe(3);
    expect(warn.json().error).toMatchObject({
      code: "gate_refused",
      hint: expect.stringMatching(/--override-warn/),
    });
    expect(models("promote", `${F}@v1.1`, "--override-warn", "--by", "Dr. Rivera").code).toBe(2);
    const accepted = models(
      "promote",
      `${F}@v1.1`,
      "--override-warn",
      "--by",
      "Dr. Rivera",
      "--reason",
      "reviewed",
    );
    expect(accepted.code).toBe(0);
    expect(accepted.json()).toMatchObject({
      verdict: "WARN",
      overrideBy: "Dr. Rivera",
      overrideReason: "reviewed",
    });
  });

  it("refuses a FAIL even with an override (exit 3)", () => {
    const fail = models("promote", `${F}@v2.0`, "--override-warn", "--by", "x", "--reason", "y");
    expect(fail.code).toBe(3);
    expect(fail.json().error.message).toMatch(/A FAIL cannot be overridden/);
  });

  it("lists, shows and rolls back", () => {
    const list = models("list", F).json();
    expect(
      list.versions.map((v: { version: string; production: boolean }) => [v.version, v.production]),
    ).toEqual([
      ["v1.0", false],
      ["v1.1", true],
      ["v2.0", false],
    ]);
    const back = models("rollback", F);
    expect(back.code).toBe(0);
    expect(back.json()).toMatchObject({
      action: "rollback",
      version: "v1.0",
      production: { runId: runs[0] },
    });
    const show = models("show", `${F}@v1.0`).json();
    expect(show).toMatchObject({ version: "v1.0", production: true, run: { id: runs[0] } });
    expect(show.regressions[0].verdict).toBe("PASS");
    expect(show.promotions.map((p: { action: string }) => p.action)).toEqual([
      "promote",
      "promote",
      "rollback",
    ]);
    expect(models("rollback", F).code).toBe(2);
    expect(models("show", `${F}@latest`).code).toBe(2);
    expect(models("show", "unknown-family").code).toBe(2);
  });
});
