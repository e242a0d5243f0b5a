import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StagedOutput } from "../../src/io/staged-output.js";
import { ROOT, tempDir, writeFile } from "../helpers.js";

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

describe("StagedOutput after a crash", () => {
  it("sweeps staging folders left by a dead process, and keeps a live one's", async () => {
    const dir = tempDir();
    const dead = join(dir, ".cft-staging-999999999-abcd");
    const alive = join(dir, `.cft-staging-${process.ppid}-abcd`);
    mkdirSync(dead);
    mkdirSync(alive);
    writeFileSync(join(dead, "train.jsonl"), "partial");
    const out = await StagedOutput.open(dir);
    await out.abort();
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(alive)).toBe(true);
  });

  it("removes its staging folder when the process is interrupted", async () => {
    const dir = tempDir();
    const script = `
      import { StagedOutput } from ${JSON.stringify(join(ROOT, "src/io/staged-output.ts"))};
      import { writeFileSync } from "node:fs";
      const out = await StagedOutput.open(${JSON.stringify(dir)});
      writeFileSync(out.path("train.jsonl"), "partial");
      process.stdout.write("ready\\n");
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: ROOT,
    });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    expect(readdirSync(dir).some((n) => n.startsWith(".cft-staging-"))).toBe(true);
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    expect(code).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  });
});
