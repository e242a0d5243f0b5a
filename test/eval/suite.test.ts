import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { loadSuite } from "../../src/eval/suite.js";
import { tempDir, writeFile } from "../helpers.js";
import { FIXTURES, writeSyntheticSuite } from "./eval-helpers.js";

const chatLine = (user: string, assistant: string, extra: object[] = []) =>
  JSON.stringify({
    messages: [
      { role: "system", content: "You are a claims assistant." },
      { role: "user", content: user },
      { role: "assistant", content: assistant },
      ...extra,
    ],
  });

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("loadSuite: chat JSONL", () => {
  it("reads a prepared suite: reference = last assistant message, task from dataset.json, file hash", async () => {
    const dir = tempDir();
    const path = writeSyntheticSuite(dir, "scribe", 12, { manifest: true });
    const suite = await loadSuite(path);
    expect(suite).toMatchObject({ task: "scribe", format: "chat", name: "test", path });
    expect(suite.items).toHaveLength(12);
    expect(suite.sha256).toBe(createHash("sha256").update(readFileSync(path)).digest("hex"));
    const first = suite.items[0]!;
    expect(first.line).toBe(1);
    expect(first.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(first.reference).toMatch(/^(SOAP NOTE|DISCHARGE SUMMARY|PRESCRIPTION|PROCEDURE NOTE)/);
    expect(first.id).toMatch(/^[0-9a-f]{16}$/);
    expect(suite.notes.some((n) => n.includes("dataset.json"))).toBe(true);
  });

  it.each(["claims", "scribe", "companion"] as const)(
    "infers the %s task from the references",
    async (task) => {
      const suite = await loadSuite(writeSyntheticSuite(tempDir(), task, 30));
      expect(suite.task).toBe(task);
      expect(suite.notes.join("\n")).toMatch(/inferred/);
    },
  );

  it("dataset.json wins over inference, and opts.task over both", async () => {
    const dir = tempDir();
    const path = writeSyntheticSuite(dir, "claims", 10);
    writeFile(dir, "dataset.json", JSON.stringify({ task: "companion" }));
    expect((await loadSuite(path)).task).toBe("companion");
    expect((await loadSuite(path, { task: "claims", name: "holdout" })).name).toBe("holdout");
  });

  it("gives stable ids that do not depend on line order, and keeps the first of duplicates", async () => {
    const dir = tempDir();
    const a = chatLine("Claim 1", "Decision: APPROVED\nRationale: fine.");
    const b = chatLine("Claim 2", "Decision: DENIED\nRationale: excluded.");
    const one = await loadSuite(writeFile(dir, "one.jsonl", `${a}\n${b}\n`));
    const two = await loadSuite(writeFile(dir, "two.jsonl", `${b}\n\n${a}\n${b}\n`));
    expect(new Set(two.items.map((i) => i.id))).toEqual(new Set(one.items.map((i) => i.id)));
    expect(two.items.map((i) => i.line)).toEqual([1, 3]);
    expect(two.duplicates).toEqual([{ line: 4, keptLine: 1 }]);
    expect(two.notes.join("\n")).toMatch(/line 4 repeats line 1/);
  });

  it("drops messages after the last assistant message and ignores training weights in the id", async () => {
    const dir = tempDir();
    const plain = chatLine("Claim", "Decision: PENDING");
    const trailing = JSON.stringify({
      messages: [
        { role: "system", content: "You are a claims assistant." },
        { role: "user", content: "Claim" },
        { role: "assistant", content: "Decision: PENDING", weight: 1 },
        { role: "user", content: "Thanks" },
      ],
    });
    const a = await loadSuite(writeFile(dir, "a.jsonl", `${plain}\n`), { task: "claims" });
    const b = await loadSuite(writeFile(dir, "b.jsonl", `${trailing}\n`), { task: "claims" });
    expect(b.items[0]!.messages).toHaveLength(2);
    expect(b.items[0]!.id).toBe(a.items[0]!.id);
  });

  it("reports every line without an assistant message, and broken JSON, with file:line", async () => {
    const dir = tempDir();
    const good = chatLine("Claim", "Decision: APPROVED");
    const noAssistant = JSON.stringify({ messages: [{ role: "user", content: "Claim" }] });
    const path = writeFile(dir, "bad.jsonl", [good, noAssistant, "{not json", good, noAssistant].join("\n"));
    const error = await inputError(loadSuite(path));
    expect(error.total).toBe(3);
    expect(error.problems.map((p) => [p.file, p.line])).toEqual([
      [path, 2],
      [path, 3],
      [path, 5],
    ]);
    expect(error.problems[0]!.message).toMatch(/no assistant message/);
    expect(error.problems[1]!.message).toMatch(/not valid JSON/);
  });

  it("caps the listed problems at 50 and counts them all", async () => {
    const dir = tempDir();
    const bad = JSON.stringify({ messages: [{ role: "user", content: "x" }] });
    const path = writeFile(
      dir,
      "many.jsonl",
      `${chatLine("a", "Decision: DENIED")}\n${`${bad}\n`.repeat(70)}`,
    );
    const error = await inputError(loadSuite(path));
    expect(error.problems).toHaveLength(50);
    expect(error.total).toBe(70);
    expect(error.message).toMatch(/first 50 of 70/);
  });

  it("refuses an unknown format, an empty file and an undecidable task", async () => {
    const dir = tempDir();
    const unknown = writeFile(dir, "x.jsonl", '{"prompt": "a", "completion": "b"}\n');
    const error = await inputError(loadSuite(unknown));
    expect(error.problems[0]).toMatchObject({ file: unknown, line: 1 });
    expect(error.problems[0]!.message).toMatch(/found prompt, completion/);
    await expect(loadSuite(writeFile(dir, "empty.jsonl", "\n\n"))).rejects.toThrow(/empty/);
    const mixed = writeFile(dir, "mixed.jsonl", `${chatLine("hi", "Hello there.")}\n`);
    await expect(loadSuite(mixed)).rejects.toThrow(/cannot tell the suite's task/);
    await expect(loadSuite(join(dir, "missing.jsonl"))).rejects.toThrow(/no such file/);
  });

  it("refuses claims references that state no decision, naming the line", async () => {
    const dir = tempDir();
    const path = writeFile(
      dir,
      "c.jsonl",
      `${chatLine("a", "Decision: DENIED")}\n${chatLine("b", "I think it is fine")}\n`,
    );
    const error = await inputError(loadSuite(path, { task: "claims" }));
    expect(error.problems).toEqual([expect.objectContaining({ line: 2, field: "reference" })]);
  });

  it("scores a chat suite as mcq when the prompt lists lettered options", async () => {
    const dir = tempDir();
    const line = JSON.stringify({
      messages: [
        { role: "user", content: "Which is a loop diuretic?\nA. Furosemide\nB. Amlodipine\nC. Metformin" },
        { role: "assistant", content: "A" },
      ],
    });
    const suite = await loadSuite(writeFile(dir, "q.jsonl", `${line}\n`), { task: "mcq" });
    expect(suite.items[0]).toMatchObject({ answer: "A", choices: { A: "Furosemide", C: "Metformin" } });
  });
});

describe("loadSuite: benchmark adapters", () => {
  it("reads the MedQA fixture as 4-option multiple choice", async () => {
    const suite = await loadSuite(join(FIXTURES, "medqa-sample.jsonl"));
    expect(suite).toMatchObject({ format: "medqa", task: "mcq", name: "medqa-sample" });
    expect(suite.items).toHaveLength(6);
    const item = suite.items[0]!;
    expect(item.answer).toBe("B");
    expect(Object.keys(item.choices!)).toEqual(["A", "B", "C", "D"]);
    expect(item.messages[0]).toEqual({
      role: "system",
      content: "Answer with the letter of the correct option.",
    });
    expect(item.messages[1]!.content).toMatch(/\n\nA\. Renal ultrasound\nB\. Nitrofurantoin for 5 days/);
    expect(item.reference).toBe("B");
  });

  it("reads the PubMedQA fixture (pretty-printed JSON) with yes/no/maybe choices and PMID lines", async () => {
    const path = join(FIXTURES, "pubmedqa-sample.json");
    const suite = await loadSuite(path);
    expect(suite).toMatchObject({ format: "pubmedqa", task: "mcq" });
    expect(suite.items.map((i) => i.answer)).toEqual(["A", "B", "C", "A", "B", "C"]);
    expect(suite.items[0]!.choices).toEqual({ A: "yes", B: "no", C: "maybe" });
    expect(suite.items[0]!.messages[1]!.content).toMatch(/^Abstract:\nBACKGROUND: Fatigue/);
    const lines = readFileSync(path, "utf8").split("\n");
    for (const item of suite.items) expect(lines[item.line - 1]).toMatch(/^\s*"9000000\d": \{/);
    // The same data on one line (as ori_pqal.json ships) reads the same.
    const oneLine = writeFile(
      tempDir(),
      "ori_pqal.json",
      JSON.stringify(JSON.parse(readFileSync(path, "utf8"))),
    );
    const compact = await loadSuite(oneLine);
    expect(compact.items.map((i) => i.id)).toEqual(suite.items.map((i) => i.id));
  });

  it("reads the MedMCQA fixture as 1-based (a cop of 4 is present)", async () => {
    const suite = await loadSuite(join(FIXTURES, "medmcqa-sample.jsonl"));
    expect(suite).toMatchObject({ format: "medmcqa", task: "mcq" });
    expect(suite.items.map((i) => i.answer)).toEqual(["B", "C", "A", "D", "C", "A", "D"]);
    expect(suite.notes).toEqual([]);
  });

  it("detects 0-based MedMCQA copies and notes the ambiguous case", async () => {
    const dir = tempDir();
    const lines = readFileSync(join(FIXTURES, "medmcqa-sample.jsonl"), "utf8").trim().split("\n");
    const shifted = lines.map((l) => {
      const r = JSON.parse(l);
      return JSON.stringify({ ...r, cop: r.cop - 1 });
    });
    const zero = await loadSuite(writeFile(dir, "zero.jsonl", `${shifted.join("\n")}\n`));
    expect(zero.items.map((i) => i.answer)).toEqual(["B", "C", "A", "D", "C", "A", "D"]);
    const ambiguous = await loadSuite(writeFile(dir, "amb.jsonl", `${lines.slice(0, 3).join("\n")}\n`));
    expect(ambiguous.items.map((i) => i.answer)).toEqual(["B", "C", "A"]);
    expect(ambiguous.notes.join("\n")).toMatch(/read as 1-based/);
    const both = writeFile(dir, "both.jsonl", `${shifted[2]}\n${lines[3]}\n`);
    await expect(loadSuite(both)).rejects.toThrow(InputError);
  });

  it("reports bad benchmark lines with file:line and field", async () => {
    const dir = tempDir();
    const medqa = writeFile(
      dir,
      "medqa.jsonl",
      [
        '{"question": "Q?", "options": {"A": "x", "B": "y"}, "answer_idx": "A"}',
        '{"question": "Q?", "options": {"A": "x", "B": "y"}, "answer_idx": "C"}',
        '{"question": "Q?", "options": {"A": "x", "B": "y"}, "answer_idx": "B", "answer": "x"}',
      ].join("\n"),
    );
    const error = await inputError(loadSuite(medqa));
    expect(error.problems.map((p) => [p.line, p.field])).toEqual([
      [2, "answer_idx"],
      [3, "answer"],
    ]);
    const medmcqa = writeFile(
      dir,
      "test.jsonl",
      '{"question": "Q?", "opa": "a", "opb": "b", "opc": "c", "opd": "d"}\n',
    );
    const unlabeled = await inputError(loadSuite(medmcqa));
    expect(unlabeled.problems[0]).toMatchObject({ line: 1, field: "cop" });
    expect(unlabeled.problems[0]!.message).toMatch(/unlabeled/);
    const broken = writeFile(dir, "broken.json", '{\n  "1": {"QUESTION": "q",\n  oops\n}\n');
    const bad = await inputError(loadSuite(broken, { format: "pubmedqa" }));
    expect(bad.problems[0]).toMatchObject({ file: broken });
    expect(bad.problems[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it("refuses a non-mcq task for a benchmark file", async () => {
    await expect(loadSuite(join(FIXTURES, "medqa-sample.jsonl"), { task: "claims" })).rejects.toThrow(
      /does not fit a MedQA file/,
    );
  });
});
