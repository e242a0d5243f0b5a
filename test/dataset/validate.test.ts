import { describe, expect, it } from "vitest";
import { defaultEpochs } from "../../src/dataset/models.js";
import { countRecordTokens, loadCounter } from "../../src/dataset/tokens.js";
import { validateFile } from "../../src/dataset/validate.js";
import { tempDir, writeFile } from "../helpers.js";

const record = (i: number) =>
  JSON.stringify({
    messages: [
      { role: "system", content: "You adjudicate claims." },
      { role: "user", content: `Claim ${i}: E11.9 with 99213, billed $${i}.00` },
      { role: "assistant", content: "Decision: APPROVED" },
    ],
  });
const jsonl = (n: number) => `${Array.from({ length: n }, (_, i) => record(i)).join("\n")}\n`;

describe("token counting", () => {
  it("counts the cookbook's way: 3 per message, 3 per example, +1 per name", async () => {
    const count = await loadCounter("o200k_base");
    const messages = [
      { role: "user", content: "hello world" },
      { role: "assistant", content: "hi", name: "bot" },
    ];
    const expected =
      3 +
      (3 + count("user") + count("hello world")) +
      (3 + count("assistant") + count("hi") + count("bot") + 1);
    expect(countRecordTokens(messages, count)).toEqual({ total: expected, assistant: count("hi") });
  });
  it("treats special-token text as ordinary text instead of throwing", async () => {
    const count = await loadCounter("o200k_base");
    expect(count("a <|endoftext|> b")).toBeGreaterThan(3);
  });
  it("uses the cookbook's default epochs rule", () => {
    expect(defaultEpochs(10)).toBe(10);
    expect(defaultEpochs(20)).toBe(5);
    expect(defaultEpochs(1000)).toBe(3);
    expect(defaultEpochs(20_000)).toBe(1);
  });
});

describe("validateFile", () => {
  const dir = tempDir();

  it("passes a good file and reports statistics and billed tokens", async () => {
    const report = await validateFile(writeFile(dir, "good.jsonl", jsonl(60)));
    expect(report.ok).toBe(true);
    expect(report.examples).toBe(60);
    expect(report.warnings).toEqual([]);
    expect(report.encoding).toBe("o200k_base");
    expect(report.tokens.messagesPerExample).toMatchObject({ min: 3, max: 3, median: 3 });
    expect(report.tokens.perExample.min).toBeGreaterThan(20);
    expect(report.epochs).toBe(3);
    expect(report.billedTokens).toBe(3 * report.tokens.perExample.sum);
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reports every bad line with its number, not only the first", async () => {
    const lines = jsonl(12).trim().split("\n");
    lines[2] = "{broken";
    lines[5] = JSON.stringify({ messages: [{ role: "user", content: "x" }] });
    lines[8] = "[]";
    const report = await validateFile(writeFile(dir, "bad.jsonl", `${lines.join("\n")}\n`));
    expect(report.ok).toBe(false);
    expect(report.errors.samples.map((e) => [e.line, e.type])).toEqual([
      [3, "invalid_line"],
      [6, "example_missing_assistant_message"],
      [9, "data_type"],
    ]);
    expect(report.errors.byType).toEqual({
      invalid_line: 1,
      example_missing_assistant_message: 1,
      data_type: 1,
    });
  });

  it("warns about few examples, missing system messages, blank lines and long examples", async () => {
    const noSystem = JSON.stringify({
      messages: [
        { role: "user", content: "word ".repeat(200) },
        { role: "assistant", content: "ok" },
      ],
    });
    const text = `${jsonl(11)}\n${noSystem}\n`;
    const report = await validateFile(writeFile(dir, "warn.jsonl", text), { model: "gpt-3.5-turbo" });
    expect(report.ok).toBe(true);
    expect(report.encoding).toBe("cl100k_base");
    const codes = report.warnings.map((w) => w.code);
    expect(codes).toEqual(["few_examples", "no_system_message", "blank_lines"]);
    expect(report.warnings[1]).toMatchObject({ count: 1, lines: [13] });
  });

  it("is an error below 10 examples and for an empty file", async () => {
    expect((await validateFile(writeFile(dir, "few.jsonl", jsonl(3)))).errors.byType).toEqual({
      too_few_examples: 1,
    });
    expect((await validateFile(writeFile(dir, "empty.jsonl", ""))).errors.byType).toEqual({ empty: 1 });
  });

  it("flags examples over the model's token limit", async () => {
    const huge = JSON.stringify({
      messages: [
        { role: "user", content: "lorem ipsum dolor ".repeat(3000) },
        { role: "assistant", content: "ok" },
      ],
    });
    const report = await validateFile(writeFile(dir, "huge.jsonl", `${jsonl(10)}${huge}\n`), {
      model: "gpt-4-0613",
    });
    expect(report.examplesOverLimit).toBe(1);
    expect(report.warnings.map((w) => w.code)).toContain("over_token_limit");
    expect(report.billedTokens).toBe(
      report.epochs * (report.tokens.perExample.sum - report.tokens.perExample.max + 8192),
    );
  });
});
