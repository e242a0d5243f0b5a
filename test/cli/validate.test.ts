import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cft, tempDir, writeFile } from "../helpers.js";

describe("cft validate", () => {
  const dir = tempDir();
  const record = (i: number) =>
    JSON.stringify({
      messages: [
        { role: "user", content: `q${i}` },
        { role: "assistant", content: `a${i}` },
      ],
    });

  it("exits 2 and lists every bad line with its type; JSON goes to stdout only", () => {
    const lines = Array.from({ length: 12 }, (_, i) => record(i));
    lines[3] = '{"messages": [{"role": "user", "content": "q"}, {"role": "bot", "content": "a"}]}';
    lines[7] = "not json";
    const file = writeFile(dir, "bad.jsonl", `${lines.join("\r\n")}\r\n`);
    const run = cft(["validate", file, "--json"]);
    expect(run.code).toBe(2);
    const report = run.json();
    expect(report.ok).toBe(false);
    expect(report.errors.samples.map((e: { line: number; type: string }) => [e.line, e.type])).toEqual([
      [4, "unrecognized_role"],
      [4, "example_missing_assistant_message"],
      [8, "invalid_line"],
    ]);
  });

  it("prints a human table with token statistics", () => {
    const file = writeFile(dir, "ok.jsonl", Array.from({ length: 20 }, (_, i) => record(i)).join("\n"));
    const run = cft(["validate", file, "--model", "gpt-4o-mini-2024-07-18"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${file}: 20 examples, OK`);
    expect(run.stdout).toMatch(/tokens per example\s+\d+/);
    expect(run.stdout).toContain("default epochs 5");
    expect(run.stdout).toContain("20 examples; 50 or more are recommended");
  });

  it("exits 2 for a missing file, naming it", () => {
    const run = cft(["validate", join(dir, "missing.jsonl")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing.jsonl: no such file");
  });
});
