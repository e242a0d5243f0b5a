import { describe, expect, it } from "vitest";
import type { EncodingName } from "../../src/dataset/models.js";
import { Random } from "../../src/dataset/random.js";
import { synthesize } from "../../src/dataset/synthetic/index.js";
import { forEachPiece, loadCounter, loadReferenceCounter } from "../../src/dataset/tokens.js";
import { loadPrompt } from "../../src/prompts/load.js";

const ENCODINGS: EncodingName[] = ["o200k_base", "cl100k_base"];
const ALPHABET = [
  "a",
  "Bc",
  " ",
  "  ",
  "\n",
  "\r\n",
  "\n\n",
  "/",
  ".",
  "1",
  "234",
  "\t",
  "'s",
  "'T",
  "é",
  "\u00a0",
  "😀",
  "-",
  ":",
  "'",
  ", ",
  ". ",
  "$",
  "(",
  ")",
  "\u0301",
  "_",
  "\\",
];

describe("piecewise token counting", () => {
  it("splits only at line breaks and loses no character", () => {
    const pieces: string[] = [];
    forEachPiece("a\nb\n c\n/d\n\ne. F,G; h", (p) => pieces.push(p));
    expect(pieces).toEqual(["a\n", "b\n c\n/d\n\n", "e.", " F,G;", " h"]);
  });

  it.each(ENCODINGS)(
    "equals the tokenizer's whole-text count on adversarial strings (%s)",
    async (encoding) => {
      const fast = await loadCounter(encoding);
      const reference = await loadReferenceCounter(encoding);
      const random = new Random(99);
      for (let i = 0; i < 20_000; i++) {
        const text = Array.from({ length: random.int(1, 30) }, () => random.pick(ALPHABET)).join("");
        expect(fast(text), JSON.stringify(text)).toBe(reference(text));
      }
    },
  );

  it.each(ENCODINGS)("equals the whole-text count on every generator's output (%s)", async (encoding) => {
    const fast = await loadCounter(encoding);
    const reference = await loadReferenceCounter(encoding);
    for (const task of ["claims", "scribe", "companion"] as const)
      for (const example of synthesize(task, 300, 3, loadPrompt(`${task}-system`)))
        for (const { content } of example.record.messages) expect(fast(content!)).toBe(reference(content!));
  });
});
