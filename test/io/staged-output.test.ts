import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StagedOutput } from "../../src/io/staged-output.js";
import { tempDir, writeFile } from "../helpers.js";

describe("StagedOutput", () => {
  it("shows nothing in the target until commit, then every file at once", async () => {
    const dir = join(tempDir(), "out");
    const out = await StagedOutput.open(dir);
    writeFileSync(out.path("a.txt"), "A");
    writeFileSync(out.path("b.txt"), "B");
    expect(readdirSync(dir).filter((n) => !n.startsWith(".cft-staging"))).toEqual([]);
    await out.commit();
    expect(readdirSync(dir).sort()).toEqual(["a.txt", "b.txt"]);
  });

  it("on abort leaves existing files as they were and removes a folder it created", async () => {
    const existing = tempDir();
    writeFile(existing, "a.txt", "old");
    const out = await StagedOutput.open(existing);
    writeFileSync(out.path("a.txt"), "half-writ");
    await out.abort();
    expect(readdirSync(existing)).toEqual(["a.txt"]);
    expect(readFileSync(join(existing, "a.txt"), "utf8")).toBe("old");

    const fresh = join(tempDir(), "new");
    const out2 = await StagedOutput.open(fresh);
    writeFileSync(out2.path("x"), "x");
    await out2.abort();
    expect(existsSync(fresh)).toBe(false);
  });
});
