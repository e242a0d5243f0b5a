/**
 * Few-shot selection on train splits written by the real `bin/cft prepare` for all three tasks: every
 * category covered when k allows, never more than k, the same examples for the same seed, short examples
 * preferred, ids equal to the suite item ids, and large files sampled rather than read whole.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { TASKS, type Task } from "../../src/dataset/chat.js";
import { InputError } from "../../src/errors.js";
import { loadSuite } from "../../src/eval/suite.js";
import { CATEGORY_ORDER } from "../../src/prompting/example-category.js";
import { selectFewShot } from "../../src/prompting/few-shot.js";
import { cftAsync, tempDir } from "../helpers.js";

const work = tempDir("cft-few-shot-");
const train = (task: Task) => join(work, task, "train.jsonl");

beforeAll(async () => {
  const runs = await Promise.all(
    TASKS.map((task) =>
      cftAsync([
        "prepare",
        ...["--task", task, "--synthetic", "240", "--seed", "5"],
        ...["--out", join(work, task), "--home", join(work, `ws-${task}`), "--json"],
      ]),
    ),
  );
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
});

describe.each(TASKS)("selectFewShot on a prepared %s train split", (task) => {
  const categories = CATEGORY_ORDER[task];

  it("covers every category when k is at least the number of categories", async () => {
    const s = await selectFewShot(train(task), { task, k: categories.length, seed: 7 });
    expect(s.examples).toHaveLength(categories.length);
    expect(new Set(s.examples.map((e) => e.category))).toEqual(new Set(categories));
    expect(s.missing).toEqual([]);
    expect(s.sampled).toBe(false);
    for (const e of s.examples) {
      expect(e.id).toMatch(/^[0-9a-f]{16}$/);
      expect(e.reason).toMatch(/^covers /);
      expect(e.messages.some((m) => m.role === "system")).toBe(false);
      expect(e.messages.at(-1)?.role).toBe("assistant");
    }
  });

  it("never returns more than k, and the same examples for the same seed", async () => {
    for (const k of [1, 2, categories.length + 3]) {
      const a = await selectFewShot(train(task), { task, k, seed: 11 });
      const b = await selectFewShot(train(task), { task, k, seed: 11 });
      expect(a.examples.length).toBe(k);
      expect(b.examples.map((e) => e.line)).toEqual(a.examples.map((e) => e.line));
    }
    const more = await selectFewShot(train(task), { task, k: categories.length + 3, seed: 11 });
    expect(more.examples.slice(categories.length).every((e) => !e.reason.startsWith("covers "))).toBe(true);
    expect(new Set(more.examples.map((e) => e.line)).size).toBe(more.examples.length);
  });

  it("names each example by the id the evaluation gives the same record", async () => {
    const s = await selectFewShot(train(task), { task, k: 3, seed: 1 });
    const suite = await loadSuite(train(task), { task });
    const byLine = new Map(suite.items.map((item) => [item.line, item.id]));
    for (const e of s.examples) expect(byLine.get(e.line)).toBe(e.id);
  });
});

describe("selectFewShot", () => {
  it("samples at most maxRecords records from a large file, and still covers every decision", async () => {
    const s = await selectFewShot(train("claims"), { task: "claims", k: 3, seed: 3, maxRecords: 60 });
    expect(s.records).toBe(216);
    expect(s.considered).toBe(60);
    expect(s.sampled).toBe(true);
    expect(s.notes.join(" ")).toContain("reservoir sample");
    expect(new Set(s.examples.map((e) => e.category))).toEqual(new Set(["APPROVED", "DENIED", "PENDING"]));
    const again = await selectFewShot(train("claims"), { task: "claims", k: 3, seed: 3, maxRecords: 60 });
    expect(again.examples.map((e) => e.line)).toEqual(s.examples.map((e) => e.line));
  });

  it("prefers the shortest examples of a category", async () => {
    const dir = tempDir("cft-few-shot-short-");
    const record = (words: number) =>
      JSON.stringify({
        messages: [
          { role: "system", content: "Adjudicate." },
          { role: "user", content: `Claim: ${"office visit ".repeat(words)}` },
          { role: "assistant", content: "Decision: APPROVED\nRationale: All criteria met." },
        ],
      });
    const lengths = [40, 5, 60, 30, 8, 50, 45, 70];
    const file = join(dir, "train.jsonl");
    writeFileSync(file, `${lengths.map(record).join("\n")}\n`);
    for (const seed of [1, 2, 3, 4]) {
      const s = await selectFewShot(file, { task: "claims", k: 1, seed });
      expect([2, 5]).toContain(s.examples[0]?.line); // the two shortest of eight
      expect(s.missing).toEqual(["DENIED", "PENDING"]);
    }
  });

  it("refuses a k out of range and a file without usable records", async () => {
    await expect(selectFewShot(train("claims"), { task: "claims", k: -1, seed: 0 })).rejects.toThrow(
      InputError,
    );
    await expect(selectFewShot(train("claims"), { task: "claims", k: 2.5, seed: 0 })).rejects.toThrow(
      /whole number/,
    );
    const dir = tempDir("cft-few-shot-bad-");
    const file = join(dir, "bad.jsonl");
    writeFileSync(file, 'not json\n{"messages": []}\n');
    await expect(selectFewShot(file, { task: "claims", k: 2, seed: 0 })).rejects.toThrow(
      /no usable chat records/,
    );
  });
});
