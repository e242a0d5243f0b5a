import { describe, expect, it } from "vitest";
import { DuplicateCounter } from "../../src/phi/duplicates.js";

describe("DuplicateCounter", () => {
  it("counts exact repeats across table growth", () => {
    const counter = new DuplicateCounter();
    for (let i = 0; i < 20_000; i++) expect(counter.add(`record ${i}`)).toBe(false);
    for (let i = 0; i < 20_000; i += 4) expect(counter.add(`record ${i}`)).toBe(true);
    expect(counter.add("record 20000")).toBe(false);
    expect(counter.duplicates).toBe(5_000);
  });
});
