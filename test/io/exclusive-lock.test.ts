/**
 * The exclusive lock: one holder at a time, the holder named when it is refused, released when the work
 * throws, a lock of a process that is gone taken over, and one without an owner reported, not broken.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CftError } from "../../src/errors.js";
import { withExclusiveLock } from "../../src/io/exclusive-lock.js";
import { tempDir } from "../helpers.js";

describe("withExclusiveLock", () => {
  it("refuses a second holder, naming the first, and frees the lock when the work throws", async () => {
    const lock = join(tempDir(), "locks", "retrain-claims");
    let refused: unknown;
    await withExclusiveLock(lock, "retraining of claims", async () => {
      refused = await withExclusiveLock(lock, "retraining of claims", async () => "ran").catch((e) => e);
    });
    expect(refused).toBeInstanceOf(CftError);
    expect((refused as Error).message).toMatch(
      new RegExp(`retraining of claims is already in progress \\(process ${process.pid} on `),
    );
    await expect(
      withExclusiveLock(lock, "x", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(existsSync(lock)).toBe(false);
    expect(await withExclusiveLock(lock, "x", async () => "again")).toBe("again");
  });

  it("takes over a lock whose process is gone, and reports one it cannot judge", async () => {
    const dir = tempDir();
    const stale = join(dir, "stale");
    const gone = spawnSync(process.execPath, ["-e", "process.pid"]).pid!;
    mkdirSync(stale);
    writeFileSync(
      join(stale, "owner.json"),
      JSON.stringify({ host: hostname(), pid: gone, startedAt: "2026-12-01T00:00:00Z" }),
    );
    expect(await withExclusiveLock(stale, "x", async () => "taken over")).toBe("taken over");

    const unknown = join(dir, "unknown");
    mkdirSync(unknown);
    await expect(withExclusiveLock(unknown, "a submission", async () => "no")).rejects.toThrow(
      /a submission is already in progress$/,
    );
    expect(existsSync(unknown)).toBe(true);
  });
});
