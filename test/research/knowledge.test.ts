/**
 * The curated knowledge base: it loads and validates, every entry is sourced (https) and dated, search
 * ranks the obvious entry first and respects kind and limit, stale entries are found by age, and a file
 * that breaks the schema is refused with the field at fault.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import {
  KNOWLEDGE_BASE_PATH,
  KNOWLEDGE_KINDS,
  loadKnowledgeBase,
  searchKnowledge,
  staleEntries,
} from "../../src/research/knowledge.js";
import { tempDir } from "../helpers.js";

const top = (query: string, options = {}) => searchKnowledge(query, options)[0]?.entry.id;

describe("loadKnowledgeBase", () => {
  it("holds 25–40 entries of every kind, each with an https source and the date it was checked", () => {
    const kb = loadKnowledgeBase();
    expect(kb.entries.length).toBeGreaterThanOrEqual(25);
    expect(kb.entries.length).toBeLessThanOrEqual(40);
    expect(new Set(kb.entries.map((e) => e.kind))).toEqual(new Set(KNOWLEDGE_KINDS));
    expect(new Set(kb.entries.map((e) => e.id)).size).toBe(kb.entries.length);
    for (const e of kb.entries) {
      expect(e.sources.length, e.id).toBeGreaterThanOrEqual(1);
      for (const s of e.sources) expect(new URL(s.url).protocol, `${e.id} ${s.url}`).toBe("https:");
      expect(e.asOf, e.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(e.asOf)), e.id).toBe(false);
      expect(e.keyFacts.length, e.id).toBeGreaterThanOrEqual(1);
    }
  });

  it("refuses a file that breaks the schema, naming the field", () => {
    const kb = JSON.parse(readFileSync(KNOWLEDGE_BASE_PATH, "utf8"));
    kb.entries[0].sources = [{ title: "Plain HTTP", url: "http://example.org/paper" }];
    delete kb.entries[1].asOf;
    const file = join(tempDir("cft-kb-"), "kb.json");
    writeFileSync(file, JSON.stringify(kb));
    let error: unknown;
    try {
      loadKnowledgeBase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const fields = (error as InputError).problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(["entries.0.sources.0.url", "entries.1.asOf"]));
  });
});

describe("searchKnowledge", () => {
  it("ranks the obvious entry first", () => {
    expect(top("QLoRA 4-bit memory")).toBe("qlora");
    expect(top("HIPAA Safe Harbor ZIP code identifiers")).toBe("hipaa-safe-harbor");
    expect(top("OpenAI fine-tuning deprecation")).toBe("openai-fine-tuning-wind-down");
    expect(top("McNemar paired test")).toBe("mcnemar-test");
    expect(top("MedQA USMLE")).toBe("medqa");
  });

  it("filters by kind, respects the limit, and is deterministic", () => {
    const hits = searchKnowledge("fine-tuning", { kind: "provider", limit: 3 });
    expect(hits.length).toBe(3);
    expect(hits.every((h) => h.entry.kind === "provider")).toBe(true);
    expect(searchKnowledge("fine-tuning", { kind: "provider", limit: 3 })).toEqual(hits);
    const scores = searchKnowledge("lora adapter rank").map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(searchKnowledge("the of and")).toEqual([]);
    expect(() => searchKnowledge("lora", { limit: 0 })).toThrow(/limit/);
  });
});

describe("staleEntries", () => {
  it("lists entries checked longer ago than the maximum age, oldest first", () => {
    const base = {
      version: 1 as const,
      entries: loadKnowledgeBase()
        .entries.slice(0, 3)
        .map((e, i) => ({ ...e, asOf: ["2026-01-01", "2026-06-01", "2026-11-01"][i]! })),
    };
    const stale = staleEntries(new Date("2026-12-01T00:00:00Z"), 90, base);
    expect(stale.map((s) => s.ageDays)).toEqual([334, 183]);
    expect(staleEntries(new Date("2026-12-01T00:00:00Z"), 400, base)).toEqual([]);
    expect(staleEntries(new Date("2026-12-01T00:00:00Z"), 0, base)).toHaveLength(3);
    expect(() => staleEntries(new Date("not a date"), 30, base)).toThrow(/valid date/);
  });

  it("flags the OpenAI wind-down notice as due for re-checking after half a year", () => {
    const ids = staleEntries(new Date("2026-12-03T00:00:00Z"), 180).map((s) => s.entry.id);
    expect(ids).toContain("openai-fine-tuning-wind-down");
  });
});
