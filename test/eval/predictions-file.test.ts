import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readPredictions } from "../../src/eval/predictions-file.js";
import type { SuiteItem } from "../../src/eval/types.js";
import { tempDir, writeFile } from "../helpers.js";

const items: SuiteItem[] = [1, 2, 3].map((line) => ({
  id: `item-${line}`,
  line,
  messages: [{ role: "user", content: `q${line}` }],
  reference: `a${line}`,
}));

describe("readPredictions", () => {
  it("pairs answers by id, by suite line, or by order, and accepts a BOM and CRLF", async () => {
    const file = writeFile(
      tempDir(),
      "p.jsonl",
      `\uFEFF{"id":"item-2","prediction":"two"}\r\n{"line":1,"output":"one"}\r\n\r\n{"response":"three"}\r\n`,
    );
    const got = await readPredictions(file, items);
    expect([...got.entries()].sort()).toEqual([
      ["item-1", "one"],
      ["item-2", "two"],
      ["item-3", "three"],
    ]);
  });

  it("names every unusable line with its field", async () => {
    const file = writeFile(
      tempDir(),
      "p.jsonl",
      [
        '{"id":"item-1","prediction":"a"}',
        "not json",
        '{"line":9,"prediction":"x"}',
        '{"id":"item-1","prediction":"b"}',
        "[1]",
      ].join("\n"),
    );
    const error = (await readPredictions(file, items).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.problems.map((p) => [p.line, p.field])).toEqual([
      [2, undefined],
      [3, "line"],
      [4, "id"],
      [5, undefined],
    ]);
  });
});
