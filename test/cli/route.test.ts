/**
 * `cft route` and `cft serve router` as a user runs them: set a baseline, add a candidate with weights,
 * serve the split, change it while the router runs, feed an outcome back, report, roll back, and the
 * team told of each change on the (local) tracking issue. Exit codes: 2 for bad flags, 3 for a promotion
 * the gate cannot clear.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLedger } from "../../src/ledger/ledger.js";
import { registerVersion } from "../../src/registry/versions.js";
import { type FakeChatServer, startFakeChatServer } from "../fakes/chat-server.js";
import { CFT, cftAsync, tempDir } from "../helpers.js";
import { makeRun } from "../registry/fixtures.js";

const F = "claims-adjudication";
let a: FakeChatServer;
let b: FakeChatServer;
let home: string;
let router: ChildProcessWithoutNullStreams | undefined;

beforeAll(async () => {
  home = tempDir("cft-route-cli-");
  a = await startFakeChatServer({ answer: () => "APPROVE" });
  b = await startFakeChatServer({ answer: () => "DENY" });
});

afterAll(async () => {
  router?.kill("SIGKILL");
  await a.close();
  await b.close();
});

const run = (args: string[]) => cftAsync([...args, "--home", home]);

/** Starts `cft serve router` and resolves with the URL it printed once listening. */
function serve(): Promise<string> {
  router = spawn(
    process.execPath,
    [CFT, "serve", "router", F, "--port", "0", "--reload-ms", "150", "--json", "--home", home],
    {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", CI: "true" },
    },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    router!.stderr.on("data", (d) => {
      err += d;
    });
    router!.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve((JSON.parse(out) as { url: string }).url);
    });
    router!.on("exit", (code) => reject(new Error(`router exited ${code}: ${err}`)));
  });
}

async function ask(url: string, key: string) {
  const res = await fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { "x-cft-route-key": key },
    body: JSON.stringify({ messages: [{ role: "user", content: "Claim 7 for review" }] }),
  });
  await res.json();
  return { variant: res.headers.get("x-cft-variant")!, id: res.headers.get("x-cft-request-id")! };
}

describe("cft route / cft serve router", () => {
  it("routes, reloads, takes outcomes, reports and rolls back, telling the team each time", async () => {
    const base = await run([
      "route",
      "set",
      F,
      "--baseline-url",
      a.openaiBaseURL,
      "--baseline-model",
      "claims-v1",
      "--json",
    ]);
    expect(base.code, base.stderr).toBe(0);
    expect(base.json()).toMatchObject({
      action: "set",
      changed: true,
      config: { variants: [{ name: "baseline", weight: 100 }] },
    });

    const ab = await run([
      "route",
      "set",
      F,
      "--candidate-url",
      b.openaiBaseURL,
      "--candidate-model",
      "claims-v2",
      "--weights",
      "70/30",
      "--by",
      "J. Park",
      "--json",
    ]);
    expect(ab.code, ab.stderr).toBe(0);
    const abConfig = ab.json().config;
    expect(abConfig.variants.map((v: { name: string; weight: number }) => [v.name, v.weight])).toEqual([
      ["baseline", 70],
      ["candidate", 30],
    ]);

    const url = await serve();
    const seen = await Promise.all(Array.from({ length: 40 }, (_, i) => ask(url, `user-${i}`)));
    expect(new Set(seen.map((s) => s.variant))).toEqual(new Set(["baseline", "candidate"]));

    const shifted = await run(["route", "set", F, "--weights", "0/100", "--json"]);
    expect(shifted.code).toBe(0);
    // The router polls every 150 ms; wait until its /healthz shows the new configuration.
    const health = url.replace(/\/v1$/, "/healthz");
    while (((await (await fetch(health)).json()) as { config: string }).config !== shifted.json().id)
      await new Promise((r) => setTimeout(r, 50));
    const after = await ask(url, "user-late");
    expect(after.variant).toBe("candidate");

    const fed = await run(["route", "outcome", after.id, "--label", "overturned", "--json"]);
    expect(fed.json()).toEqual({ recorded: 1, duplicates: 0 });

    const report = await run(["route", "report", F, "--json"]);
    expect(report.code, report.stderr).toBe(0);
    const r = report.json();
    expect(r.requests).toBe(41);
    expect(r.variants.find((v: { label: string }) => v.label === "candidate").outcomes.overturned.count).toBe(
      1,
    );
    expect(existsSync(r.files.markdown)).toBe(true);

    const back = await run(["route", "rollback", F, "--by", "on-call", "--json"]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.json().config).toEqual(abConfig);

    const exited = new Promise<number | null>((resolve) => router!.on("exit", (code) => resolve(code)));
    router!.kill("SIGTERM");
    expect(await exited).toBe(0);
    router = undefined;

    const db = openLedger(home);
    const comments = db.prepare("SELECT body FROM local_issue_comments").all() as { body: string }[];
    db.close();
    expect(comments.filter((c) => c.body.includes(`Traffic for ${F}`))).toHaveLength(4);
    expect(comments.some((c) => c.body.includes("rolled back"))).toBe(true);
  });

  it("exits 2 for bad weights and 3 when the candidate cannot pass the promotion gate", async () => {
    const bad = await run(["route", "set", F, "--weights", "80/x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--weights");
    const gate = await run(["route", "promote", F]);
    expect(gate.code).toBe(3);
    expect(gate.stderr).toMatch(/not bound to a registry version/);
  });

  it("serves an OpenAI fine-tuned version under its model id without being told where", async () => {
    const h = tempDir("cft-route-hosted-");
    const db = openLedger(h);
    const hosted = makeRun(db);
    await registerVersion(db, { family: F, runId: hosted });
    db.close();
    const set = await cftAsync(["route", "set", F, "--baseline-version", "v1.0", "--json", "--home", h], {
      env: { OPENAI_BASE_URL: a.openaiBaseURL },
    });
    expect(set.code, set.stderr).toBe(0);
    expect(set.json().config.variants[0]).toEqual({
      name: "baseline",
      version: "v1.0",
      backend: {
        url: a.openaiBaseURL,
        model: `ft:gpt-4o-mini:org::${hosted}`,
        kind: "openai-compatible",
        apiKeyEnv: "OPENAI_API_KEY",
      },
      weight: 100,
    });
  });
});
