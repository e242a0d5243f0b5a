/**
 * The launch gate and the launcher, through their public functions with a real ledger and the real audit.
 * Each bypass attempt must be refused with exit 3 and nothing may reach the provider.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { estimateHosted } from "../../src/cost/hosted-estimate.js";
import { loadPriceTable } from "../../src/cost/price-table.js";
import { GateError } from "../../src/errors.js";
import { type ClearedSubmission, issueClearance } from "../../src/finetune/clearance.js";
import { launchRun } from "../../src/finetune/launch.js";
import { buildLaunchPlan, confirmPlan } from "../../src/finetune/launch-plan.js";
import type { LaunchRequest } from "../../src/finetune/launch-request.js";
import { costSummary } from "../../src/ledger/costs.js";
import { type Db, openLedger } from "../../src/ledger/ledger.js";
import { getRun } from "../../src/ledger/runs.js";
import { runAudit } from "../../src/phi/audit-run.js";
import { RecordingProvider } from "../fakes/recording-provider.js";
import { chatLines } from "../fakes/submissions.js";
import { tempDir, writeFile } from "../helpers.js";

let home: string;
let dir: string;
let db: Db;
let provider: RecordingProvider;

beforeEach(() => {
  home = tempDir("cft-gate-home-");
  dir = tempDir("cft-gate-data-");
  db = openLedger(home);
  provider = new RecordingProvider();
});
afterEach(() => db.close());

function request(overrides: Partial<LaunchRequest> = {}): LaunchRequest {
  return {
    provider: "openai",
    baseModel: "gpt-4.1-mini",
    train: join(dir, "train.jsonl"),
    hyperparameters: { epochs: 3 },
    target: provider.target,
    ...overrides,
  };
}

async function planOf(req: LaunchRequest) {
  const estimate = await estimateHosted(
    { provider: "openai", baseModel: req.baseModel, train: req.train, epochs: req.hyperparameters.epochs },
    loadPriceTable(),
  );
  return buildLaunchPlan(db, req, estimate);
}

async function audited(name: string, content: string): Promise<string> {
  const path = writeFile(dir, name, content);
  const { report } = await runAudit(db, home, [path]);
  expect(report.verdict).toBe("PASS");
  return path;
}

async function confirmed(req: LaunchRequest) {
  const plan = await planOf(req);
  expect(plan.unattested).toEqual([]);
  return { plan, ...confirmPlan(db, home, plan, "yes-flag") };
}

async function refused(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GateError);
  expect((error as GateError).exitCode).toBe(3);
  expect((error as Error).message).toMatch(pattern);
  expect(provider.submits).toHaveLength(0);
}

describe("the launch gate", () => {
  it("submits an attested, confirmed plan once, and a retry finds the job instead of creating a second", async () => {
    await audited("train.jsonl", chatLines(20));
    const req = request();
    const { runId, confirmationId, runDir } = await confirmed(req);
    const first = await launchRun(db, provider, { request: req, runId, confirmationId, runDir });
    expect(first.existing).toBe(false);
    expect(first.run.status).toBe("validating_files");
    expect(provider.submits).toHaveLength(1);
    const sent = provider.submits[0]!;
    expect(sent.metadata.cft_run_id).toBe(runId);
    // The provider uploads the snapshot in the run folder: the bytes the gate hashed.
    expect(sent.files[0]!.path).toBe(join(runDir, "data", "train.jsonl"));
    expect(readFileSync(sent.files[0]!.path, "utf8")).toBe(chatLines(20));

    const again = await launchRun(db, provider, { request: req, runId, confirmationId, runDir });
    expect(again.existing).toBe(true);
    expect(provider.submits).toHaveLength(1);
    expect(costSummary(db).estimatedUsd).toBeGreaterThan(0);
  });

  it("refuses a file that was never audited", async () => {
    writeFile(dir, "train.jsonl", chatLines(20));
    const plan = await planOf(request());
    expect(plan.unattested).toEqual([join(dir, "train.jsonl")]);
    expect(() => confirmPlan(db, home, plan, "yes-flag")).toThrow(/unattested/);
    expect(provider.submits).toHaveLength(0);
  });

  it("refuses a file edited after the audit and the confirmation", async () => {
    const path = await audited("train.jsonl", chatLines(20));
    const req = request();
    const { runId, confirmationId, runDir } = await confirmed(req);
    appendFileSync(path, chatLines(1, "late"));
    await refused(
      launchRun(db, provider, { request: req, runId, confirmationId, runDir }),
      /no PASS attestation for its current bytes/,
    );
    expect(getRun(db, runId)?.status).toBe("confirmed");
  });

  it("refuses a different file under the audited file's name", async () => {
    const path = await audited("train.jsonl", chatLines(20));
    const req = request();
    const { runId, confirmationId, runDir } = await confirmed(req);
    writeFileSync(path, chatLines(20, "swapped"));
    await refused(
      launchRun(db, provider, { request: req, runId, confirmationId, runDir }),
      /no PASS attestation/,
    );
  });

  it("refuses an attested file that is not the one confirmed", async () => {
    const path = await audited("train.jsonl", chatLines(20));
    const req = request();
    const { runId, confirmationId, runDir } = await confirmed(req);
    // Another audited file's bytes moved into place: attested, but not what the user said yes to.
    writeFileSync(path, readFileSync(await audited("other.jsonl", chatLines(20, "other"))));
    await refused(
      launchRun(db, provider, { request: req, runId, confirmationId, runDir }),
      /changed since the plan was confirmed/,
    );
  });

  it("refuses a configuration changed after the confirmation, naming what changed", async () => {
    await audited("train.jsonl", chatLines(20));
    const { runId, confirmationId, runDir } = await confirmed(request());
    await refused(
      launchRun(db, provider, {
        request: request({ hyperparameters: { epochs: 9 } }),
        runId,
        confirmationId,
        runDir,
      }),
      /configuration changed since it was confirmed \(hyperparameters\.epochs\)/,
    );
    await refused(
      launchRun(db, provider, {
        request: request({ baseModel: "gpt-4o-mini" }),
        runId,
        confirmationId,
        runDir,
      }),
      /baseModel/,
    );
  });

  it("refuses a confirmation replayed for another dataset", async () => {
    await audited("train.jsonl", chatLines(20));
    const { runId, confirmationId, runDir } = await confirmed(request());
    const other = await audited("second.jsonl", chatLines(20, "second"));
    await refused(
      launchRun(db, provider, { request: request({ train: other }), runId, confirmationId, runDir }),
      /changed since the plan was confirmed/,
    );
  });

  it("refuses a confirmation spent on another run, even for the same files and configuration", async () => {
    await audited("train.jsonl", chatLines(20));
    const first = await confirmed(request());
    const second = await confirmed(request());
    await refused(
      launchRun(db, provider, { ...second, request: request(), confirmationId: first.confirmationId }),
      /was given for another run/,
    );
    await refused(
      launchRun(db, provider, { ...first, request: request(), runId: "run-20990101-0000beef" }),
      /was given for another run/,
    );
  });

  it("refuses an unknown confirmation id", async () => {
    await audited("train.jsonl", chatLines(20));
    const { runId, runDir } = await confirmed(request());
    await refused(
      launchRun(db, provider, { request: request(), runId, confirmationId: "made-up", runDir }),
      /no confirmation made-up/,
    );
  });

  it("providers refuse a submission that did not come from the gate", async () => {
    const path = await audited("train.jsonl", chatLines(20));
    const forged = {
      runId: "run-forged",
      files: [{ role: "train", path, sha256: "0".repeat(64), bytes: 1, records: 1, auditId: "x" }],
      clearance: { confirmationId: "x", checkedAt: "now" },
    } as unknown as ClearedSubmission;
    await refused(provider.submit(forged), /did not pass the launch gate/);
    // A copy of a cleared submission is not cleared either: clearance belongs to the object the gate froze.
    const real = issueClearance(
      {
        ...forged,
        hyperparameters: {},
        metadata: {},
        provider: "openai",
        baseModel: "m",
        suffix: "s",
        confirmationId: "x",
        runDir: dir,
      },
      { confirmationId: "x", checkedAt: "now" },
    );
    await refused(provider.submit({ ...real, baseModel: "other" }), /did not pass the launch gate/);
  });

  it("records a failed submit and resumes it without a second job", async () => {
    await audited("train.jsonl", chatLines(20));
    const req = request();
    const { runId, confirmationId, runDir } = await confirmed(req);
    provider.failAfterCreate = new Error("connection reset");
    await expect(launchRun(db, provider, { request: req, runId, confirmationId, runDir })).rejects.toThrow(
      /connection reset/,
    );
    expect(getRun(db, runId)?.status).toBe("submit_failed");
    const resumed = await launchRun(db, provider, { request: req, runId, confirmationId, runDir });
    expect(resumed.existing).toBe(true);
    expect(resumed.run.jobId).toBe("ftjob-1");
    expect(provider.submits).toHaveLength(1);
  });
});
