/**
 * The parts of `cft retrain` below the command: a retraining run's settings from the production version
 * (continue the hosted model, or load the previous adapter, which reaches train.py's command line and the
 * confirmed configuration), prices of a fine-tuned model id, standing approvals (expiry, revocation) and
 * the month's spend against the cap.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { findPrice, loadPriceTable } from "../../src/cost/price-table.js";
import { runnerArgs } from "../../src/finetune/local/runner-args.js";
import { hyperparametersFrom, planLaunch } from "../../src/finetune/plan-request.js";
import { recordCost } from "../../src/ledger/costs.js";
import { openLedger } from "../../src/ledger/ledger.js";
import type { ModelVersion } from "../../src/registry/versions.js";
import { checkBudget, monthSpend } from "../../src/retrain/budget.js";
import type { CycleDataset } from "../../src/retrain/cycle-log.js";
import { appendEvent, getCycle, openCycle, startCycle } from "../../src/retrain/cycle-log.js";
import { approvalState, approveRetraining, revokeRetraining } from "../../src/retrain/standing-approval.js";
import { retrainSettings } from "../../src/retrain/training-settings.js";
import { tempDir, writeFile } from "../helpers.js";
import { makeRun } from "../registry/fixtures.js";

const dataset = (dir: string): CycleDataset => ({
  datasetId: "d2",
  parentId: "d1",
  dir,
  train: writeFile(
    dir,
    "train.jsonl",
    '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"ok"}]}\n'.repeat(12),
  ),
  test: join(dir, "test.jsonl"),
  trainSha256: "a".repeat(64),
  testSha256: "b".repeat(64),
  added: 1,
  duplicates: 0,
});

const version = (runId: string, artifact: ModelVersion["artifact"]): ModelVersion => ({
  id: "v-1",
  family: "claims",
  version: "v1.0",
  runId,
  artifact,
  createdAt: new Date().toISOString(),
});

describe("retraining settings", () => {
  it("continues a hosted model from its fine-tuned id, priced as its base model", () => {
    const home = tempDir("cft-retrain-settings-");
    const db = openLedger(home);
    const runId = makeRun(db);
    const settings = retrainSettings(
      db,
      version(runId, { kind: "hosted", ref: "ft:gpt-4.1-mini-2025-04-14:org::abc", sha256: null }),
      dataset(home),
      { epochs: 2 },
    );
    expect(settings).toMatchObject({
      provider: "openai",
      baseModel: "ft:gpt-4.1-mini-2025-04-14:org::abc",
      epochs: 2,
      validation: undefined,
    });
    expect(findPrice(loadPriceTable(), "openai", settings.baseModel)?.model).toBe("gpt-4.1-mini");
    db.close();
  });

  it("loads the previous adapter for a local run: on train.py's command line and in the confirmed configuration", async () => {
    const home = tempDir("cft-retrain-settings-");
    const db = openLedger(home);
    const runId = makeRun(db, { provider: "local", model: "/runs/r1/adapter" });
    const adapter = join(home, "runs", "r1", "adapter");
    const settings = retrainSettings(
      db,
      version(runId, { kind: "adapter", ref: adapter, sha256: "f".repeat(64) }),
      dataset(home),
    );
    expect(settings).toMatchObject({ provider: "local", initAdapter: adapter });
    expect(hyperparametersFrom(settings).hyperparameters.initAdapter).toBe(adapter);
    expect(hyperparametersFrom({ ...settings, provider: "openai" }).ignored).toContain("initAdapter");
    expect(runnerArgs({ epochs: 1, initAdapter: adapter })).toEqual([
      "--epochs",
      "1",
      "--init_adapter",
      adapter,
    ]);

    const config = loadConfig({ env: {}, home, cwd: home });
    const local = { ...settings, baseModel: "meta-llama/Llama-3.1-8B-Instruct", gpu: "H100-80GB" };
    const plan = await planLaunch(db, config, local, "this machine");
    const fresh = await planLaunch(db, config, { ...local, initAdapter: undefined }, "this machine");
    expect(plan.request.hyperparameters.initAdapter).toBe(adapter);
    expect(plan.estimate.kind === "local" && plan.estimate.plan.command).toContain(
      `--init_adapter ${adapter}`,
    );
    expect(plan.configSha256).not.toBe(fresh.configSha256); // the user confirms what will actually run
    db.close();
  });
});

describe("standing approvals and the monthly budget", () => {
  it("holds until it expires or is revoked; the latest row decides", () => {
    const db = openLedger(tempDir("cft-retrain-approval-"));
    expect(approvalState(db, "claims").kind).toBe("none");
    const now = new Date("2026-12-03T10:00:00Z");
    expect(() =>
      approveRetraining(
        db,
        { family: "claims", budgetUsd: 10, by: "a", reason: "r", expiresOn: "2026-12-02" },
        now,
      ),
    ).toThrow(/in the past/);
    approveRetraining(
      db,
      { family: "claims", budgetUsd: 10, by: "a", reason: "r", expiresOn: "2026-12-31" },
      now,
    );
    expect(approvalState(db, "claims", new Date("2026-12-31T23:59:00Z")).kind).toBe("active");
    expect(approvalState(db, "claims", new Date("2027-01-01T00:00:00Z")).kind).toBe("expired");
    revokeRetraining(db, "claims", "b");
    expect(approvalState(db, "claims", now).kind).toBe("revoked");
    expect(() => revokeRetraining(db, "other", "b")).toThrow(/no standing approval/);
    db.close();
  });

  it("counts this month's retraining runs, actual cost where known, else the estimate", () => {
    const db = openLedger(tempDir("cft-retrain-budget-"));
    const base = makeRun(db);
    db.prepare(
      `INSERT INTO model_versions (id, family, version, major, minor, run_id, artifact_kind, artifact_ref,
         artifact_sha256, created_at) VALUES ('v-1', 'claims', 'v1.0', 1, 0, ?, 'hosted', 'ft:x', NULL, ?)`,
    ).run(base, new Date().toISOString());
    const started = { baseVersionId: "v-1", baseVersion: "v1.0", evaluateAt: null, thresholdsFile: null };
    const runs = [makeRun(db, { status: "running" }), makeRun(db)];
    for (const [i, runId] of runs.entries()) {
      const cycle = startCycle(db, "claims", started);
      recordCost(db, { runId, kind: "estimated", usd: 3, basis: "estimate" });
      appendEvent(db, cycle.id, "confirmed", {
        runId,
        confirmationId: "c",
        method: "yes-flag",
        estimateUsd: 3,
        token: "t",
      });
      if (i === 1) {
        recordCost(db, { runId, kind: "actual", usd: 1.25, basis: "tokens" });
        appendEvent(db, cycle.id, "promoted", { promotionId: "p" });
      }
    }
    const spend = monthSpend(db, "claims");
    expect(spend.usd).toBe(4.25);
    expect(spend.runs.map((r) => r.basis)).toEqual(["estimated", "actual"]);
    expect(monthSpend(db, "claims", new Date("2020-01-15T00:00:00Z")).usd).toBe(0);
    expect(checkBudget(10, spend, 5.75)).toMatchObject({ withinCap: true, afterUsd: 10 });
    expect(checkBudget(10, spend, 5.76).withinCap).toBe(false);
    // The newest cycle ended; no cycle is open.
    expect(openCycle(db, "claims")).toBeUndefined();
    expect(getCycle(db, spend.runs[0]!.cycleId)!.status).toBe("training");
    db.close();
  });
});
