/**
 * The A/B router against two local OpenAI-compatible servers, through the openai SDK and plain HTTP:
 * weights honoured within statistical tolerance, sticky keys, streaming passed through, a backend that
 * fails, a configuration reload in the middle of traffic with no request lost, outcome labels, and the
 * ledger records (no message text, no raw key).
 */
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openLedger } from "../../src/ledger/ledger.js";
import { routedRequests } from "../../src/routing/request-log.js";
import { setRoute } from "../../src/routing/route-changes.js";
import type { RouteConfig } from "../../src/routing/route-config.js";
import { type RunningRouter, startRouter } from "../../src/routing/router-server.js";
import { type FakeChatServer, startFakeChatServer } from "../fakes/chat-server.js";
import { tempDir } from "../helpers.js";

const F = "claims-adjudication";
const SECRET = "Patient Jane Q. Doe, MRN 4417-2290";

let home: string;
let db: Db;
let a: FakeChatServer;
let b: FakeChatServer;
let router: RunningRouter | undefined;

const answer = (tag: string) => (_m: unknown, model: string) => `${tag}:${model} APPROVE`;

beforeEach(async () => {
  home = tempDir("cft-router-");
  db = openLedger(home);
  a = await startFakeChatServer({ answer: answer("A") });
  b = await startFakeChatServer({ answer: answer("B") });
});

afterEach(async () => {
  await router?.close();
  router = undefined;
  await a.close().catch(() => {});
  await b.close().catch(() => {});
  db.close();
});

function config(weights: [number, number], extra: Partial<RouteConfig> = {}): RouteConfig {
  return {
    family: F,
    timeoutMs: 120_000,
    variants: [
      {
        name: "baseline",
        backend: { url: a.openaiBaseURL, model: "claims-v1", kind: "openai-compatible" },
        weight: weights[0],
      },
      {
        name: "candidate",
        backend: { url: b.openaiBaseURL, model: "claims-v2", kind: "openai-compatible" },
        weight: weights[1],
      },
    ],
    ...extra,
  };
}

async function start(weights: [number, number], extra: Partial<RouteConfig> = {}) {
  setRoute(db, config(weights, extra));
  router = await startRouter({ db, home, family: F, reloadMs: 60_000 });
  return router;
}

async function chat(body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(`${router!.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ model: F, messages: [{ role: "user", content: SECRET }], ...body }),
  });
  const json = (await res.json()) as {
    choices?: { message: { content: string } }[];
    error?: { code: string };
  };
  return {
    status: res.status,
    variant: res.headers.get("x-cft-variant"),
    id: res.headers.get("x-cft-request-id"),
    json,
  };
}

describe("cft serve router", () => {
  it("splits traffic by weight within statistical tolerance, keyed or not", async () => {
    await start([80, 20]);
    const counts = { baseline: 0, candidate: 0 };
    // 1,200 distinct keys and 800 requests without a key.
    for (let wave = 0; wave < 20; wave++) {
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => {
          const n = wave * 100 + i;
          return chat({}, n < 1200 ? { "x-cft-route-key": `user-${n}` } : {});
        }),
      );
      for (const r of results) {
        expect(r.status).toBe(200);
        // The variant's backend answered, with the variant's own model name.
        expect(r.json.choices![0]!.message.content).toBe(
          r.variant === "baseline" ? "A:claims-v1 APPROVE" : "B:claims-v2 APPROVE",
        );
        counts[r.variant as "baseline" | "candidate"]++;
      }
    }
    // 2,000 draws at p = 0.2: sd ≈ 17.9; ±90 is five standard deviations.
    expect(Math.abs(counts.candidate - 400)).toBeLessThan(90);
    expect(a.served + b.served).toBe(2000);
  });

  it("keeps a key on one variant, and moves keys only toward the variant that gained weight", async () => {
    await start([80, 20]);
    const before = new Map<string, string>();
    for (let i = 0; i < 200; i++) {
      const key = `session-${i}`;
      const first = await chat({}, { "x-session-id": key });
      const again = await chat({ user: "ignored when a header key is present" }, { "x-session-id": key });
      expect(again.variant).toBe(first.variant);
      before.set(key, first.variant!);
    }
    // The OpenAI `user` field is a key too.
    const u1 = await chat({ user: "clinician-7" });
    for (let i = 0; i < 5; i++) expect((await chat({ user: "clinician-7" })).variant).toBe(u1.variant);

    setRoute(db, config([50, 50]));
    expect(router!.reload()).toBe(true);
    let moved = 0;
    for (const [key, variant] of before) {
      const now = (await chat({}, { "x-session-id": key })).variant;
      if (now !== variant) {
        expect([variant, now]).toEqual(["baseline", "candidate"]);
        moved++;
      }
    }
    expect(moved).toBeGreaterThan(0);
  });

  it("passes a streamed answer through, chunk by chunk, to the openai SDK", async () => {
    await start([0, 100]);
    const client = new OpenAI({
      baseURL: router!.url,
      apiKey: "client-key",
      defaultHeaders: { "x-cft-route-key": "k1" },
    });
    const stream = await client.chat.completions.create({
      model: F,
      messages: [{ role: "user", content: SECRET }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const parts: string[] = [];
    for await (const chunk of stream) parts.push(chunk.choices[0]?.delta?.content ?? "");
    expect(parts.filter(Boolean).length).toBeGreaterThan(1);
    expect(parts.join("")).toBe("B:claims-v2 APPROVE");
    const [record] = routedRequests(db, F);
    expect(record).toMatchObject({ variant: "candidate", stream: true, status: 200, error: null });
    expect(record!.firstByteMs).toBeGreaterThanOrEqual(0);
    expect(record!.latencyMs).toBeGreaterThanOrEqual(record!.firstByteMs!);
    // The backend got the variant's model and none of the client's credentials.
    expect(b.requests[0]!.body.model).toBe("claims-v2");
    expect(b.requests[0]!.headers.authorization).toBeUndefined();
  });

  it("records a failing backend's errors against its variant and keeps serving the other", async () => {
    await start([50, 50]);
    await b.close();
    b.fail({ status: 500 });
    a.fail({ status: 503, times: 3 });
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => chat({}, { "x-cft-route-key": `k${i}` })),
    );
    for (const r of results) {
      if (r.variant === "candidate") {
        expect(r.status).toBe(502);
        expect(r.json.error!.code).toBe("backend_unreachable");
      }
    }
    const records = routedRequests(db, F);
    expect(records).toHaveLength(60);
    const byVariant = (v: string) => records.filter((r) => r.variant === v);
    expect(byVariant("candidate").every((r) => r.error === "backend_unreachable" && r.status === 502)).toBe(
      true,
    );
    // The baseline's three injected 503s come back to the client as they are, and are recorded as such.
    expect(byVariant("baseline").filter((r) => r.error === "backend_status")).toHaveLength(3);
    expect(byVariant("baseline").filter((r) => r.status === 200).length).toBe(
      byVariant("baseline").length - 3,
    );
  });

  it("reaches an Azure deployment with its api-key from the environment", async () => {
    setRoute(db, {
      family: F,
      timeoutMs: 120_000,
      variants: [
        {
          name: "baseline",
          backend: {
            url: b.azureEndpoint,
            model: "claims-ft-deploy",
            kind: "azure",
            apiKeyEnv: "CFT_TEST_AZURE_KEY",
          },
          weight: 100,
        },
      ],
    });
    router = await startRouter({ db, home, family: F, env: { CFT_TEST_AZURE_KEY: b.azureKey } });
    const r = await chat();
    expect(r.status).toBe(200);
    expect(r.json.choices![0]!.message.content).toBe("B:claims-ft-deploy APPROVE");
    expect(b.requests[0]).toMatchObject({ path: "/openai/deployments/claims-ft-deploy/chat/completions" });
    expect(b.requests[0]!.query["api-version"]).toBeTruthy();
  });

  it("passes a backend's 429 and its Retry-After through to the client", async () => {
    await start([100, 0]);
    a.fail({ status: 429, retryAfter: 7 });
    const res = await fetch(`${router!.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ messages: [{ role: "user", content: "x" }] }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    await res.text();
    expect(routedRequests(db, F)[0]).toMatchObject({ status: 429, error: "backend_status" });
  });

  it("answers 504 when a backend is slower than the route's timeout", async () => {
    await a.close();
    a = await startFakeChatServer({ answer: answer("A"), latencyMs: 2_000 });
    await start([100, 0], { timeoutMs: 150 });
    const r = await chat();
    expect(r.status).toBe(504);
    expect(routedRequests(db, F)[0]).toMatchObject({ error: "backend_timeout", status: 504 });
  });

  it("records a client that goes away before the answer, and stops waiting on the backend", async () => {
    await a.close();
    a = await startFakeChatServer({ answer: answer("A"), latencyMs: 1_000 });
    await start([100, 0]);
    const gone = new AbortController();
    const call = fetch(`${router!.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ messages: [{ role: "user", content: "x" }] }),
      signal: gone.signal,
    }).catch(() => "aborted");
    await new Promise((r) => setTimeout(r, 100));
    gone.abort();
    expect(await call).toBe("aborted");
    await new Promise((r) => setTimeout(r, 50));
    expect(routedRequests(db, F)[0]).toMatchObject({ error: "client_closed", status: 499 });
    // The backend's answer, when it comes, finds the router's call gone.
    while (a.served === 0) await new Promise((r) => setTimeout(r, 50));
    expect(a.requests[0]!.aborted).toBe(true);
  });

  it("reloads a new configuration mid-traffic without losing a request", async () => {
    await a.close();
    a = await startFakeChatServer({ answer: answer("A"), latencyMs: 30 });
    setRoute(db, config([100, 0]));
    router = await startRouter({ db, home, family: F, reloadMs: 100 });
    // Another process (a second ledger connection) changes the route while 300 requests are in flight.
    const other = openLedger(home);
    const traffic = Array.from({ length: 300 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 2)).then(() => chat({}, { "x-cft-route-key": `u${i}` })),
    );
    await new Promise((r) => setTimeout(r, 200));
    const next = setRoute(other, config([0, 100])).record.id;
    other.close();
    const results = await Promise.all(traffic);
    expect(results.every((r) => r.status === 200)).toBe(true);
    const records = routedRequests(db, F);
    expect(records).toHaveLength(300);
    expect(new Set(records.map((r) => r.configId)).size).toBe(2);
    // Once the router has taken it, everything goes to the candidate.
    while (router.live().id !== next) await new Promise((r) => setTimeout(r, 20));
    expect((await chat({}, { "x-cft-route-key": "late" })).variant).toBe("candidate");
  });

  it("keeps serving the old configuration when a new one names a key that is not set", async () => {
    await start([100, 0]);
    const first = router!.live().id;
    const next = config([0, 100]);
    next.variants[1]!.backend.apiKeyEnv = "CFT_TEST_UNSET_KEY";
    setRoute(db, next);
    expect(router!.reload()).toBe(false);
    expect(router!.live().id).toBe(first);
    expect((await chat()).variant).toBe("baseline");
  });

  it("takes outcome labels and never stores message text or the raw key", async () => {
    await start([50, 50]);
    const r = await chat({ user: "MRN 4417-2290" });
    const fed = await fetch(`${router!.url}/outcomes`, {
      method: "POST",
      body: JSON.stringify({ outcomes: [{ request_id: r.id, label: "overturned" }] }),
    });
    expect(await fed.json()).toEqual({ recorded: 1, duplicates: 0 });
    const unknown = await fetch(`${router!.url}/outcomes`, {
      method: "POST",
      body: JSON.stringify({ request_id: "req-nope", label: "overturned" }),
    });
    expect(unknown.status).toBe(400);
    expect(routedRequests(db, F)[0]!.labels).toEqual(["overturned"]);
    const dump =
      JSON.stringify(db.prepare("SELECT * FROM route_requests").all()) +
      JSON.stringify(db.prepare("SELECT * FROM route_outcomes").all());
    expect(dump).not.toContain("4417");
    expect(dump).not.toContain("Jane");
  });

  it("needs the bearer token when one is set, and answers bad bodies with an OpenAI-style error", async () => {
    setRoute(db, config([100, 0]));
    router = await startRouter({ db, home, family: F, token: "router-token-0123456789" });
    expect((await chat()).status).toBe(401);
    const ok = await chat({}, { authorization: "Bearer router-token-0123456789" });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${router.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer router-token-0123456789" },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
    const health = await fetch(router.url.replace(/\/v1$/, "/healthz"));
    expect(await health.json()).toMatchObject({ ok: true, family: F, split: "baseline 100% · candidate 0%" });
  });

  it("closes only after the requests in flight have their answers", async () => {
    await a.close();
    a = await startFakeChatServer({ answer: answer("A"), latencyMs: 300 });
    await start([100, 0]);
    const pending = Promise.all([chat(), chat(), chat()]);
    await new Promise((r) => setTimeout(r, 50));
    await router!.close();
    router = undefined;
    expect((await pending).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(routedRequests(db, F)).toHaveLength(3);
  });
});
