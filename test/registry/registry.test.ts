/**
 * The model registry on ledger state written directly: version labels, registration of succeeded runs
 * only (hosted ids and hashed adapter folders), the promotion gate (PASS promotes, WARN only with a
 * recorded override, FAIL never, the baseline must be production), rollback, and append-only tables.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { GateError, InputError } from "../../src/errors.js";
import { type Db, openLedger } from "../../src/ledger/ledger.js";
import { sha256Tree, verifyArtifact } from "../../src/registry/artifact.js";
import { lineageOf } from "../../src/registry/lineage.js";
import { production, promote, promotionHistory, rollback } from "../../src/registry/promotion.js";
import { getVersion, listVersions, parseModelRef, registerVersion } from "../../src/registry/versions.js";
import { tempDir } from "../helpers.js";
import { makeEvaluation, makeRegression, makeRun } from "./fixtures.js";

const F = "claims-adjudication";
let db: Db;
beforeEach(() => {
  db = openLedger(tempDir());
});

/** A registered version of a fresh succeeded run, with one evaluation of it. */
async function version(major = false) {
  const runId = makeRun(db);
  const v = await registerVersion(db, { family: F, runId, major });
  return { v, evalId: makeEvaluation(db, runId) };
}

const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
};

describe("model versions", () => {
  it("labels v1.0, v1.1, then v2.0 with --major, and v2.1 after it", async () => {
    const labels = [];
    for (const major of [false, false, true, false]) labels.push((await version(major)).v.version);
    expect(labels).toEqual(["v1.0", "v1.1", "v2.0", "v2.1"]);
    expect(listVersions(db, F).map((v) => v.version)).toEqual(labels);
    expect(getVersion(db, F).version).toBe("v2.1");
    expect(getVersion(db, F, "1.1").version).toBe("v1.1");
    expect(() => getVersion(db, F, "v9.9")).toThrow(/has no version v9.9.*/);
    expect(() => getVersion(db, "other")).toThrow(InputError);
  });

  it("binds a hosted run to its fine-tuned model id", async () => {
    const { v } = await version();
    expect(v.artifact).toEqual({
      kind: "hosted",
      ref: expect.stringMatching(/^ft:gpt-4o-mini/),
      sha256: null,
    });
  });

  it("hashes a local adapter folder over sorted relative paths and bytes", async () => {
    const dir = join(tempDir(), "adapter");
    mkdirSync(join(dir, "sub"), { recursive: true });
    writeFileSync(join(dir, "adapter_config.json"), "{}");
    writeFileSync(join(dir, "sub", "weights.bin"), Buffer.from([1, 2, 3]));
    const v = await registerVersion(db, { family: F, runId: makeRun(db, { provider: "local", model: dir }) });
    expect(v.artifact).toEqual({ kind: "adapter", ref: dir, sha256: await sha256Tree(dir) });
    expect(v.artifact.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(verifyArtifact("claims@v1.0", v.artifact)).resolves.toBeUndefined();
    writeFileSync(join(dir, "sub", "weights.bin"), Buffer.from([1, 2, 4]));
    expect(await sha256Tree(dir)).not.toBe(v.artifact.sha256);
    // A run that would start from these files refuses them: they are no longer that version.
    await expect(verifyArtifact("claims@v1.0", v.artifact)).rejects.toThrow(
      /changed since it was registered/,
    );
    await expect(verifyArtifact("claims@v1.0", { ...v.artifact, ref: "/nowhere" })).rejects.toThrow(
      /is not at/,
    );
  });

  it("refuses a run that has not succeeded, an unknown run and a missing adapter", async () => {
    const failed = makeRun(db, { status: "failed", model: null });
    await expect(registerVersion(db, { family: F, runId: failed })).rejects.toThrow(
      /is failed: only a succeeded/,
    );
    await expect(registerVersion(db, { family: F, runId: "run-nope" })).rejects.toThrow(/no run "run-nope"/);
    const local = makeRun(db, { provider: "local", model: "/nowhere/adapter" });
    await expect(registerVersion(db, { family: F, runId: local })).rejects.toThrow(
      /not at \/nowhere\/adapter/,
    );
    await expect(registerVersion(db, { family: "Bad Name", runId: local })).rejects.toThrow(
      /not a model family/,
    );
    expect(listVersions(db)).toEqual([]);
  });

  it("parses NAME@VERSION", () => {
    expect(parseModelRef(`${F}@v1.2`)).toEqual({ family: F, version: "v1.2" });
    expect(parseModelRef(F)).toEqual({ family: F });
    expect(() => parseModelRef(`${F}@latest`)).toThrow(InputError);
  });

  it("links the run, its data hashes and audits, evaluations and regressions", async () => {
    const base = makeEvaluation(db, null, "base");
    const { v, evalId } = await version();
    const reg = makeRegression(db, evalId, base, "PASS");
    const lineage = lineageOf(db, v);
    expect(lineage.run?.id).toBe(v.runId);
    expect(lineage.confirmation?.files).toEqual([
      { role: "train", path: "/data/train.jsonl", sha256: "a".repeat(64), auditId: "audit-1" },
    ]);
    expect(lineage.evaluations.map((e) => e.evalId)).toEqual([evalId]);
    expect(lineage.regressions.map((r) => r.regressionId)).toEqual([reg]);
  });
});

describe("the promotion gate", () => {
  it("promotes a first version on a PASS against any baseline", async () => {
    const { v, evalId } = await version();
    const reg = makeRegression(db, evalId, makeEvaluation(db, null, "base"), "PASS");
    expect(production(db, F)).toBeUndefined();
    const p = promote(db, F, "v1.0");
    expect(p).toMatchObject({ action: "promote", version: "v1.0", regressionId: reg, verdict: "PASS" });
    expect(production(db, F)?.id).toBe(v.id);
  });

  it("refuses a first promotion without a regression test unless overridden with who and why", async () => {
    await version();
    expect(thrown(() => promote(db, F, "v1.0"))).toBeInstanceOf(GateError);
    expect(() => promote(db, F, "v1.0", { override: { by: " ", reason: "x" } })).toThrow(/--by/);
    const p = promote(db, F, "v1.0", { override: { by: "Dr. Rivera", reason: "pilot" } });
    expect(p).toMatchObject({
      regressionId: null,
      verdict: null,
      overrideBy: "Dr. Rivera",
      overrideReason: "pilot",
    });
  });

  it("refuses a WARN without an override and records the override that accepts it", async () => {
    const first = await version();
    makeRegression(db, first.evalId, makeEvaluation(db, null, "base"), "PASS");
    promote(db, F, "v1.0");
    const { evalId } = await version();
    const reg = makeRegression(db, evalId, first.evalId, "WARN");
    const error = thrown(() => promote(db, F, "v1.1"));
    expect(error).toBeInstanceOf(GateError);
    expect((error as GateError).exitCode).toBe(3);
    expect(error.message).toMatch(/WARN .*False-approval rate/);
    expect(production(db, F)?.version).toBe("v1.0");
    const p = promote(db, F, "v1.1", { override: { by: "Dr. Rivera", reason: "reviewed the 6 items" } });
    expect(p).toMatchObject({ regressionId: reg, verdict: "WARN", overrideBy: "Dr. Rivera" });
    expect(promotionHistory(db, F).at(-1)).toEqual(p);
    expect(production(db, F)?.version).toBe("v1.1");
  });

  it("refuses a FAIL even with an override, naming the failing metrics", async () => {
    const { evalId } = await version();
    makeRegression(db, evalId, makeEvaluation(db, null, "base"), "FAIL");
    const error = thrown(() => promote(db, F, "v1.0", { override: { by: "someone", reason: "hurry" } }));
    expect(error).toBeInstanceOf(GateError);
    expect(error.message).toMatch(
      /FAILED regression .* on: False-approval rate .*A FAIL cannot be overridden/,
    );
    expect(promotionHistory(db, F)).toEqual([]);
  });

  it("refuses to judge by an older PASS when a newer regression test of the pair FAILED", async () => {
    const { evalId } = await version();
    const base = makeEvaluation(db, null, "base");
    const olderPass = makeRegression(db, evalId, base, "PASS");
    makeRegression(db, evalId, base, "FAIL");
    const error = thrown(() => promote(db, F, "v1.0", { regressionId: olderPass }));
    expect(error).toBeInstanceOf(GateError);
    expect(error.message).toMatch(/FAILED a newer regression test .* cannot be set aside/);
    expect(() => promote(db, F, "v1.0")).toThrow(/A FAIL cannot be overridden/);
    expect(promotionHistory(db, F)).toEqual([]);
  });

  it("refuses a regression whose baseline is not the production version", async () => {
    const first = await version();
    makeRegression(db, first.evalId, makeEvaluation(db, null, "base"), "PASS");
    promote(db, F, "v1.0");
    const { evalId } = await version();
    const stranger = makeRegression(db, evalId, makeEvaluation(db, null, "other"), "PASS");
    expect(() => promote(db, F, "v1.1")).toThrow(
      /no regression test of .*@v1.1 against the production version/,
    );
    const error = thrown(() => promote(db, F, "v1.1", { regressionId: stranger }));
    expect(error).toBeInstanceOf(GateError);
    expect(error.message).toMatch(/not the production version claims-adjudication@v1.0/);
    const other = await version();
    const notCandidate = makeRegression(db, other.evalId, first.evalId, "PASS");
    expect(() => promote(db, F, "v1.1", { regressionId: notCandidate })).toThrow(
      /not claims-adjudication@v1.1/,
    );
    expect(production(db, F)?.version).toBe("v1.0");
  });

  it("rolls back to the previously promoted version, recorded, and refuses when there is none", async () => {
    const a = await version();
    expect(() => rollback(db, F)).toThrow(/never been promoted/);
    makeRegression(db, a.evalId, makeEvaluation(db, null, "base"), "PASS");
    promote(db, F, "v1.0");
    expect(() => rollback(db, F)).toThrow(/no version promoted before/);
    const b = await version();
    makeRegression(db, b.evalId, a.evalId, "PASS");
    promote(db, F, "v1.1");
    const c = await version();
    makeRegression(db, c.evalId, b.evalId, "PASS");
    promote(db, F, "v1.2");
    expect(rollback(db, F)).toMatchObject({ action: "rollback", version: "v1.1", versionId: b.v.id });
    expect(production(db, F)).toEqual(b.v);
    expect(rollback(db, F).version).toBe("v1.0");
    expect(production(db, F)).toEqual(a.v);
    expect(() => rollback(db, F)).toThrow(InputError);
    expect(promotionHistory(db, F).map((p) => `${p.action} ${p.version}`)).toEqual([
      "promote v1.0",
      "promote v1.1",
      "promote v1.2",
      "rollback v1.1",
      "rollback v1.0",
    ]);
  });

  it("keeps versions and promotions append-only, enforced by SQLite", async () => {
    const { evalId } = await version();
    makeRegression(db, evalId, makeEvaluation(db, null, "base"), "PASS");
    promote(db, F, "v1.0");
    for (const table of ["model_versions", "model_promotions"]) {
      expect(() => db.prepare(`UPDATE ${table} SET family = 'x'`).run()).toThrow(/append-only/);
      expect(() => db.prepare(`DELETE FROM ${table}`).run()).toThrow(/append-only/);
    }
    expect(production(db, F)?.version).toBe("v1.0");
  });
});
