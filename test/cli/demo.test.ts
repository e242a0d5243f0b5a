import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cft, tempDir } from "../helpers.js";

describe("cft demo (the README's main job)", () => {
  it("prepares, validates, audits and estimates a synthetic claims fine-tune with no keys and no network", () => {
    const work = tempDir();
    const run = cft(["demo", "--examples", "200", "--out", "claims", "--json"], { cwd: work });
    expect(run.code).toBe(0);
    const result = run.json();
    expect(result.ok).toBe(true);
    expect(result.validation.train).toMatchObject({ ok: true, examples: 180 });
    expect(result.validation.test).toMatchObject({ ok: true, examples: 20 });
    expect(result.manifest.labels.test).toEqual({ APPROVED: 10, DENIED: 6, PENDING: 4 });
    expect(result.audit.verdict).toBe("PASS");
    expect(existsSync(join(work, ".cft", "ledger.sqlite"))).toBe(true);
    expect(run.stderr).toContain("validation passed");

    const { openai, azure, local } = result.estimates;
    expect(openai.billedTokens).toBe(result.validation.train.billedTokens);
    expect(openai.trainingCostUsd).toBeGreaterThan(0);
    expect(azure.hosting.perHourUsd).toBeGreaterThan(0);
    expect(local.plan.method).toBe("qlora");
    expect(local.plan.peakMemoryGb).toBeGreaterThan(5);
    expect(local.gpu).toBeTruthy();
    expect(run.stderr).toContain("Next, launch it");
  });

  it("ends with a launch command that works as printed", () => {
    const work = tempDir();
    const demo = cft(["demo", "--examples", "100", "--json"], { cwd: work });
    expect(demo.code).toBe(0);
    const [bin, ...args] = demo.json().launchCommand.split(" ");
    expect(bin).toMatch(/cft$/);
    expect(args).toContain("demo-data/claims/train.jsonl");
    const plan = cft([...args, "--plan", "--json"], { cwd: work });
    expect(plan.code).toBe(0);
    expect(plan.json().plan.files[0].attestation.auditId).toBe(demo.json().audit.attestation);
  });
});
