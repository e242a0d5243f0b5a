import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cft, tempDir } from "../helpers.js";

describe("cft demo (the README's main job)", () => {
  it("prepares and validates a synthetic claims dataset with no keys and no network", () => {
    const work = tempDir();
    const run = cft(["demo", "--examples", "200", "--out", "claims", "--json"], { cwd: work });
    expect(run.code).toBe(0);
    const result = run.json();
    expect(result.ok).toBe(true);
    expect(result.validation.train).toMatchObject({ ok: true, examples: 180 });
    expect(result.validation.test).toMatchObject({ ok: true, examples: 20 });
    expect(result.manifest.labels.test).toEqual({ APPROVED: 10, DENIED: 6, PENDING: 4 });
    expect(existsSync(join(work, ".cft", "ledger.sqlite"))).toBe(true);
    expect(run.stderr).toContain("validation passed");
  });
});
