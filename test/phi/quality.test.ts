/**
 * Measured quality of the PHI scanner: the arithmetic of measureQuality on a hand-made corpus, the
 * evaluation corpus in evals/phi/ (up to date, valid spans, every identifier planted), and the real
 * scanner held to the floors in evals/phi/floors.json.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  dea,
  deaValid,
  luhnValid,
  mbiValid,
  npi,
  npiValid,
  vin,
  vinValid,
} from "../../evals/phi/checksums.js";
import { corpusFiles } from "../../evals/phi/corpus.js";
import { Random } from "../../src/dataset/random.js";
import { IDENTIFIERS } from "../../src/phi/identifiers.js";
import {
  type CleanRecord,
  CORPUS_DIR,
  loadCorpus,
  loadFloors,
  measureQuality,
  type PlantedRecord,
  type QualityReport,
  type ScanFinding,
} from "../../src/phi/quality.js";
import { scanText } from "../../src/phi/scanner.js";

describe("measureQuality", () => {
  const t1 = "Call Ann at 614-555-0123 today";
  const t2 = "SSN 123-45-6789 and MRN 1234567";
  const t3 = "Seen 03/14/2024.";
  const planted: PlantedRecord[] = [
    {
      id: "p1",
      text: t1,
      spans: [
        { identifier: "NAME", start: 5, end: 8, value: "Ann" },
        { identifier: "PHONE", start: 12, end: 24, value: "614-555-0123" },
      ],
    },
    {
      id: "p2",
      text: t2,
      spans: [
        { identifier: "SSN", start: 4, end: 15, value: "123-45-6789" },
        { identifier: "MRN", start: 24, end: 31, value: "1234567" },
      ],
    },
    { id: "p3", text: t3, spans: [{ identifier: "DATE", start: 5, end: 15, value: "03/14/2024" }] },
  ];
  const clean: CleanRecord[] = [
    { id: "c1", text: "one" },
    { id: "c2", text: "two" },
    { id: "c3", text: "three" },
    { id: "c4", text: "four" },
  ];
  const findings: Record<string, ScanFinding[]> = {
    [t1]: [
      { identifier: "NAME", severity: "HIGH", start: 5, end: 8 }, // found, at HIGH, exact
      { identifier: "FAX", severity: "MEDIUM", start: 12, end: 24 }, // found, not HIGH, wrong identifier
    ],
    [t2]: [
      { identifier: "SSN", severity: "LOW", start: 4, end: 15 }, // LOW does not count: a miss
      { identifier: "OTHER_UNIQUE_ID", severity: "CRITICAL", start: 30, end: 33 }, // one character of overlap
    ],
    [t3]: [{ identifier: "DATE", severity: "CRITICAL", start: 0, end: 5 }], // touches, does not overlap
    one: [
      { identifier: "NAME", severity: "HIGH", start: 0, end: 3 },
      { identifier: "DATE", severity: "LOW", start: 0, end: 1 },
    ],
    two: [{ identifier: "NAME", severity: "MEDIUM", start: 0, end: 3 }],
    four: [{ identifier: "PHONE", severity: "CRITICAL", start: 0, end: 4 }],
  };
  const report = measureQuality((text) => findings[text] ?? [], planted, clean);
  const q = (id: string) => report.perIdentifier.find((x) => x.identifier === id)!;

  it("counts a span found when a MEDIUM-or-worse finding overlaps it", () => {
    expect(q("NAME")).toMatchObject({ planted: 1, found: 1, foundHigh: 1, foundExact: 1, recall: 1 });
    expect(q("PHONE")).toMatchObject({ planted: 1, found: 1, foundHigh: 0, foundExact: 0 });
    expect(q("PHONE")).toMatchObject({ recall: 1, recallHigh: 0, recallExact: 0 });
    expect(q("SSN")).toMatchObject({ planted: 1, found: 0, foundHigh: 0, foundExact: 0, recall: 0 });
    expect(q("MRN")).toMatchObject({ planted: 1, found: 1, foundHigh: 1, foundExact: 0 });
    expect(q("DATE")).toMatchObject({ planted: 1, found: 0, recall: 0 });
    expect(q("EMAIL").planted).toBe(0);
    expect(q("EMAIL").recall).toBeNaN();
    expect(report.perIdentifier.map((x) => x.identifier)).toEqual([...IDENTIFIERS]);
  });

  it("adds up the overall recall over all spans", () => {
    expect(report.overall).toEqual({
      planted: 5,
      found: 3,
      foundHigh: 2,
      foundExact: 1,
      recall: 0.6,
      recallHigh: 0.4,
      recallExact: 0.2,
    });
  });

  it("counts false findings per 100 clean records, LOW ones apart", () => {
    expect(report.clean).toEqual({
      records: 4,
      falseFindings: 3,
      falseFindingsPer100: 75,
      falseFindingsHigh: 2,
      falseFindingsHighPer100: 50,
      lowFindings: 1,
      lowFindingsPer100: 25,
      falseByIdentifier: { NAME: 2, PHONE: 1 },
    });
    expect(report.falseFindings.map((e) => [e.recordId, e.identifier, e.severity, e.value])).toEqual([
      ["c1", "NAME", "HIGH", "one"],
      ["c2", "NAME", "MEDIUM", "two"],
      ["c4", "PHONE", "CRITICAL", "four"],
    ]);
    expect(report.lowFindings.map((e) => [e.recordId, e.identifier, e.value])).toEqual([["c1", "DATE", "o"]]);
  });

  it("lists misses (with what little was seen) and weak finds", () => {
    expect(report.misses.map((e) => [e.recordId, e.identifier, e.value, e.severity])).toEqual([
      ["p3", "DATE", "03/14/2024", undefined],
      ["p2", "SSN", "123-45-6789", "LOW"],
    ]);
    expect(report.misses[0]!.context).toBe(t3);
    expect(report.weakFinds.map((e) => [e.identifier, e.value, e.severity])).toEqual([
      ["PHONE", "614-555-0123", "MEDIUM"],
    ]);
  });

  it("shows at most 20 examples, spread over identifiers", () => {
    const many: PlantedRecord[] = Array.from({ length: 30 }, (_, i) => ({
      id: `m${i}`,
      text: "x SSN y MRN",
      spans: [
        { identifier: "SSN" as const, start: 2, end: 5, value: "SSN" },
        { identifier: "MRN" as const, start: 8, end: 11, value: "MRN" },
      ],
    }));
    const r = measureQuality(() => [], many, []);
    expect(r.misses).toHaveLength(20);
    expect(r.misses.filter((e) => e.identifier === "SSN")).toHaveLength(10);
    expect(r.clean.falseFindingsPer100).toBeNaN();
  });

  it("loadCorpus rejects a span that does not hold its value", () => {
    const dir = mkdtempSync(join(tmpdir(), "phi-quality-"));
    const bad = {
      id: "x",
      text: "SSN 123-45-6789",
      spans: [{ identifier: "SSN", start: 3, end: 14, value: "123-45-6789" }],
    };
    writeFileSync(join(dir, "planted.jsonl"), `${JSON.stringify(bad)}\n`);
    writeFileSync(join(dir, "clean.jsonl"), `${JSON.stringify({ id: "c", text: "ok" })}\n`);
    expect(() => loadCorpus(dir)).toThrow(/bad span/);
  });
});

describe("check digits of the generator", () => {
  it("agree with published examples", () => {
    expect(npiValid("1234567893")).toBe(true);
    expect(npiValid("1234567890")).toBe(false);
    expect(deaValid("AB1234563")).toBe(true);
    expect(deaValid("AB1234564")).toBe(false);
    expect(vinValid("1M8GDM9AXKP042788")).toBe(true);
    expect(vinValid("1M8GDM9A1KP042788")).toBe(false);
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(mbiValid("1EG4-TE5-MK73")).toBe(true);
    expect(mbiValid("1EG4-TE5-MK7S")).toBe(false);
  });

  it("generate valid numbers", () => {
    const r = new Random(7);
    for (let i = 0; i < 200; i++) {
      expect(npiValid(npi(r))).toBe(true);
      expect(deaValid(dea(r, "Garcia"))).toBe(true);
      expect(vinValid(vin(r))).toBe(true);
    }
  });
});

describe("the evaluation corpus", () => {
  const { planted, clean } = loadCorpus();
  const floors = loadFloors();

  it("is what the generator writes (same seed, same bytes)", () => {
    const files = corpusFiles();
    expect(readFileSync(join(CORPUS_DIR, "planted.jsonl"), "utf8") === files.planted).toBe(true);
    expect(readFileSync(join(CORPUS_DIR, "clean.jsonl"), "utf8") === files.clean).toBe(true);
  });

  it("plants every identifier often enough, with unique record ids", () => {
    expect(planted.length).toBeGreaterThanOrEqual(1000);
    expect(clean.length).toBeGreaterThanOrEqual(1000);
    for (const id of IDENTIFIERS) {
      const n = planted.reduce((sum, r) => sum + r.spans.filter((s) => s.identifier === id).length, 0);
      expect(n, id).toBeGreaterThanOrEqual(floors.minSpansPerIdentifier);
    }
    const ids = [...planted, ...clean].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("the scanner against the floors", () => {
  const floors = loadFloors();
  let report: QualityReport;
  beforeAll(() => {
    const { planted, clean } = loadCorpus();
    report = measureQuality(scanText, planted, clean);
  });

  it.each([...IDENTIFIERS])("%s: recall at HIGH or above meets its floor", (id) => {
    const q = report.perIdentifier.find((x) => x.identifier === id)!;
    const examples = [...report.misses, ...report.weakFinds]
      .filter((e) => e.identifier === id)
      .slice(0, 5)
      .map((e) => `${e.value} (${e.severity ?? "nothing"}) in "${e.context}"`);
    const message = `${id}: ${q.foundHigh}/${q.planted} at HIGH+; e.g. ${examples.join("; ")}`;
    expect(q.recallHigh, message).toBeGreaterThanOrEqual(floors.recallHigh[id]);
  });

  it("false findings per 100 clean records stay under the ceiling", () => {
    const examples = report.falseFindings
      .slice(0, 5)
      .map((e) => `${e.identifier}/${e.severity} "${e.value}" in "${e.context}"`);
    expect(report.clean.falseFindingsPer100, examples.join("; ")).toBeLessThanOrEqual(
      floors.maxFalseFindingsPer100Clean,
    );
  });
});
