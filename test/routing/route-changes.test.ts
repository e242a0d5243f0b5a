/**
 * Route changes on ledger state: set (idempotent, versions checked), promote through the registry's gate
 * (refused on FAIL with nothing changed; PASS sends all traffic to the candidate and makes it production),
 * rollback (the previous configuration exactly, and production with it), and the online comparison
 * computed from recorded requests and outcome labels.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { GateError, InputError } from "../../src/errors.js";
import { type Db, openLedger } from "../../src/ledger/ledger.js";
import { production, promote } from "../../src/registry/promotion.js";
import { registerVersion } from "../../src/registry/versions.js";
import { onlineReport } from "../../src/routing/online-report.js";
import { differenceText } from "../../src/routing/online-report-doc.js";
import { newRequestId, recordOutcomes, requestRecorder } from "../../src/routing/request-log.js";
import {
  parseWeights,
  promoteRoute,
  rollbackRoute,
  setRoute,
  withWeights,
} from "../../src/routing/route-changes.js";
import { configSha256, type RouteConfig } from "../../src/routing/route-config.js";
import { liveRoute, routeHistory } from "../../src/routing/route-store.js";
import { quantileInterval } from "../../src/stats/quantile.js";
import { tempDir } from "../helpers.js";
import { makeEvaluation, makeRegression, makeRun } from "../registry/fixtures.js";

const F = "claims-adjudication";
let db: Db;
let v1Eval: string;
let v2Eval: string;

beforeEach(async () => {
  db = openLedger(tempDir());
  const run1 = makeRun(db);
  await registerVersion(db, { family: F, runId: run1 });
  v1Eval = makeEvaluation(db, run1);
  promote(db, F, "v1.0", { override: { by: "Dr. Rivera", reason: "first release, reviewed by hand" } });
  const run2 = makeRun(db);
  await registerVersion(db, { family: F, runId: run2 });
  v2Eval = makeEvaluation(db, run2);
});

const ab = (weights: [number, number], candidateVersion: string | null = "v1.1"): RouteConfig => ({
  family: F,
  timeoutMs: 120_000,
  variants: [
    {
      name: "baseline",
      version: "v1.0",
      backend: { url: "http://127.0.0.1:8081/v1", model: "claims-v1", kind: "openai-compatible" },
      weight: weights[0],
    },
    {
      name: "candidate",
      ...(candidateVersion ? { version: candidateVersion } : {}),
      backend: { url: "http://127.0.0.1:8082/v1", model: "claims-v1-1", kind: "openai-compatible" },
      weight: weights[1],
    },
  ],
});

describe("route changes", () => {
  it("records a new configuration once, and checks weights and versions", () => {
    const first = setRoute(db, ab([90, 10]), { by: "J. Park" });
    expect(first.changed).toBe(true);
    expect(setRoute(db, ab([90, 10])).changed).toBe(false);
    expect(routeHistory(db, F)).toHaveLength(1);
    const bad = (() => {
      try {
        setRoute(db, ab([90, 20]));
      } catch (error) {
        return error as InputError;
      }
    })();
    expect(bad?.problems).toEqual([{ field: "variants", message: "the weights add up to 110, not 100" }]);
    expect(() => setRoute(db, ab([90, 10], "v7.0"))).toThrow(/has no version v7.0/);
    expect(withWeights(first.record.config, parseWeights("50/50")).variants.map((v) => v.weight)).toEqual([
      50, 50,
    ]);
    expect(() => parseWeights("80/x")).toThrow(InputError);
    expect(() => withWeights(first.record.config, [100])).toThrow(/1 weights for 2 variants/);
  });

  it("refuses to promote a candidate that FAILED against production, and changes nothing", () => {
    setRoute(db, ab([80, 20]));
    const live = liveRoute(db, F)!.id;
    makeRegression(db, v2Eval, v1Eval, "FAIL");
    expect(() => promoteRoute(db, F)).toThrow(GateError);
    expect(() => promoteRoute(db, F, { override: { by: "someone", reason: "ship it" } })).toThrow(
      /cannot be overridden/,
    );
    expect(liveRoute(db, F)!.id).toBe(live);
    expect(production(db, F)!.version).toBe("v1.0");
  });

  it("refuses a candidate that is not a registry version", () => {
    setRoute(db, ab([80, 20], null));
    expect(() => promoteRoute(db, F)).toThrow(/not bound to a registry version/);
  });

  it("promotes on PASS, then rolls back to the previous configuration exactly, production included", () => {
    const before = setRoute(db, ab([80, 20])).record;
    makeRegression(db, v2Eval, v1Eval, "PASS");
    const promoted = promoteRoute(db, F, { by: "J. Park" });
    expect(promoted.promotion).toMatchObject({ action: "promote", version: "v1.1", verdict: "PASS" });
    expect(promoted.record.config.variants).toEqual([
      { name: "baseline", version: "v1.1", backend: ab([0, 0]).variants[1]!.backend, weight: 100 },
    ]);
    expect(production(db, F)!.version).toBe("v1.1");

    const back = rollbackRoute(db, F, { by: "on-call", note: "p99 doubled" });
    expect(back.record).toMatchObject({ action: "rollback", restoresId: before.id, by: "on-call" });
    expect(back.record.config).toEqual(before.config);
    expect(back.record.sha256).toBe(configSha256(before.config));
    expect(back.promotion).toMatchObject({ action: "rollback", version: "v1.0" });
    expect(production(db, F)!.version).toBe("v1.0");
  });

  it("rolls a weight change back without touching the registry, and stops at the first configuration", () => {
    const first = setRoute(db, ab([90, 10])).record;
    setRoute(db, ab([50, 50]));
    const back = rollbackRoute(db, F);
    expect(back.record.config).toEqual(first.config);
    expect(back.promotion).toBeNull();
    expect(() => rollbackRoute(db, F)).toThrow(/no configuration before the live one/);
    expect(() => rollbackRoute(db, "other-family")).toThrow(/has no route configuration/);
  });
});

describe("online comparison", () => {
  it("reports error rates, latency percentiles and outcome rates per variant, with intervals", () => {
    const live = setRoute(db, ab([50, 50])).record;
    const record = requestRecorder(db);
    const ids: Record<string, string[]> = { baseline: [], candidate: [] };
    for (let i = 0; i < 400; i++) {
      const variant = i % 2 ? "candidate" : "baseline";
      const failed = variant === "candidate" ? i % 20 === 1 : i % 100 === 0; // 10% vs 2%
      const id = newRequestId();
      if (!failed) ids[variant]!.push(id);
      record({
        id,
        family: F,
        configId: live.id,
        variant,
        version: variant === "baseline" ? "v1.0" : "v1.1",
        keyHash: null,
        stream: false,
        status: failed ? 502 : 200,
        error: failed ? "backend_unreachable" : null,
        latencyMs: (variant === "baseline" ? 100 : 200) + (i % 50),
        firstByteMs: null,
        promptTokens: 10,
        completionTokens: 2,
        createdAt: new Date(Date.UTC(2026, 11, 3, 0, 0, i)).toISOString(),
      });
    }
    recordOutcomes(
      db,
      ids.candidate!.slice(0, 30).map((requestId) => ({ requestId, label: "overturned", source: "test" })),
    );
    const r = onlineReport(db, F);
    expect(r.requests).toBe(400);
    expect(r.reference).toBe("baseline v1.0");
    const [base, cand] = r.variants;
    expect(base!.errors).toMatchObject({ count: 4, of: 200 });
    expect(cand!.errors).toMatchObject({ count: 20, of: 200 });
    expect(cand!.errors.interval!.low).toBeLessThan(0.1);
    expect(cand!.errors.interval!.high).toBeGreaterThan(0.1);
    expect(base!.latencyMs.p50!.value).toBeGreaterThanOrEqual(100);
    expect(cand!.latencyMs.p50!.value).toBeGreaterThanOrEqual(200);
    // 30 of the candidate's successful requests were overturned: 30 of 180.
    expect(cand!.outcomes.overturned).toMatchObject({ count: 30, of: 180 });
    expect(base!.outcomes.overturned).toMatchObject({ count: 0, of: 196 });
    const errorDiff = r.differences.find((d) => d.measure === "error rate")!;
    expect(errorDiff.low!).toBeGreaterThan(0);
    expect(differenceText(errorDiff)).toMatch(/higher$/);
  });

  it("gives distribution-free percentile intervals, open where the sample is too small", () => {
    const sorted = Array.from({ length: 1000 }, (_, i) => i + 1);
    const p50 = quantileInterval(sorted, 0.5)!;
    expect(p50.value).toBe(500);
    expect(p50.low!).toBeLessThan(500);
    expect(p50.high!).toBeGreaterThan(500);
    expect(p50.high! - p50.low!).toBeLessThan(80);
    const p99small = quantileInterval(sorted.slice(0, 20), 0.99)!;
    expect(p99small.high).toBeNull();
    expect(quantileInterval([], 0.5)).toBeNull();
  });
});
