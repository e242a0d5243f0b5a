import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findAttestation, recordAudit } from "../../src/ledger/audits.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { auditFiles } from "../../src/phi/audit.js";
import type { Finding } from "../../src/phi/scanner.js";
import { tempDir, writeFile } from "../helpers.js";

/** A stand-in scanner: "SSN-<digits>" is a HIGH SSN, "zip-<digits>" a LOW GEOGRAPHIC. */
function fakeScan(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(/SSN-\d+|zip-\d+/g)) {
    const ssn = m[0].startsWith("SSN");
    out.push({
      identifier: ssn ? "SSN" : "GEOGRAPHIC",
      severity: ssn ? "HIGH" : "LOW",
      confidence: ssn ? "strong" : "weak",
      start: m.index,
      end: m.index + m[0].length,
      rule: "fake",
    });
  }
  return out;
}

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const chat = (user: string, extra: object = {}) =>
  JSON.stringify({
    messages: [
      { role: "user", content: user },
      { role: "assistant", content: "ok", ...extra },
    ],
  });

describe("auditFiles", () => {
  const dir = tempDir();

  it("locates every finding by line, path and offsets, tool-call arguments included, with redacted snippets", async () => {
    const call = {
      tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: '{"id":"SSN-222"}' } }],
    };
    const file = writeFile(
      dir,
      "a.jsonl",
      `${chat("fine")}\n${chat("my number is SSN-111 ok")}\n\n${chat("x", call)}\n`,
    );
    const report = await auditFiles([file], { scan: fakeScan });
    expect(report.verdict).toBe("FAIL");
    expect(report.files).toEqual([{ path: file, sha256: sha256(file), records: 3, duplicateRecords: 0 }]);
    expect(report.findings.map(({ line, path, start, end }) => ({ line, path, start, end }))).toEqual([
      { line: 2, path: "messages[0].content", start: 13, end: 20 },
      { line: 4, path: "messages[1].tool_calls[0].function.arguments", start: 7, end: 14 },
    ]);
    expect(report.findings[0]!.snippet).toBe("my number is [SSN] ok");
    expect(JSON.stringify(report)).not.toMatch(/SSN-\d/);
    expect(report.countsByIdentifier.SSN).toBe(2);
    expect(report.countsBySeverity).toEqual({ CRITICAL: 0, HIGH: 2, MEDIUM: 0, LOW: 0 });
    expect(report.failingIdentifiers).toEqual(["SSN"]);
    expect(Object.keys(report.countsByIdentifier)).toHaveLength(18);
    expect(report.remediation.SSN).toMatch(/Social Security/);
  });

  it("passes when only LOW findings remain, scans unparsed lines whole, and counts duplicates", async () => {
    const file = writeFile(
      dir,
      "b.jsonl",
      `${chat("near zip-123")}\n{broken SSN\n${chat("same")}\n${chat("same")}\n`,
    );
    const report = await auditFiles([file], { scan: fakeScan });
    expect(report.verdict).toBe("PASS");
    expect(report.files[0]!.duplicateRecords).toBe(1);
    const broken = writeFile(dir, "c.jsonl", "{not json but SSN-9\n");
    const failed = await auditFiles([broken], { scan: fakeScan });
    expect(failed.findings[0]).toMatchObject({ line: 1, path: "(unparsed line)", identifier: "SSN" });
  });

  it("scans every CSV cell, raw (offsets into the untrimmed cell), with the column as path", async () => {
    const file = writeFile(dir, "d.csv", "claim_id,note\nA1,  see SSN-5\nA2,clean\n");
    const report = await auditFiles([file], { scan: fakeScan });
    expect(report.findings).toEqual([
      expect.objectContaining({ file, line: 2, path: "note", start: 6, end: 11, identifier: "SSN" }),
    ]);
    expect(report.files[0]).toMatchObject({ records: 2, sha256: sha256(file) });
  });

  it("caps the listed findings but counts them all", async () => {
    const file = writeFile(dir, "e.jsonl", Array.from({ length: 30 }, (_, i) => chat(`SSN-${i}`)).join("\n"));
    const report = await auditFiles([file], { scan: fakeScan, maxFindings: 5 });
    expect(report.findings).toHaveLength(5);
    expect(report.findingsTotal).toBe(30);
  });

  it("refuses to vouch for a file it cannot read", async () => {
    const file = writeFile(
      dir,
      "f.jsonl",
      Buffer.concat([Buffer.from(`${chat("a")}\n`), Buffer.from([0xff, 0x0a])]),
    );
    await expect(auditFiles([file], { scan: fakeScan })).rejects.toThrow(/cannot read/);
    await expect(auditFiles([], { scan: fakeScan })).rejects.toThrow(/no files/);
  });
});

describe("attestations", () => {
  it("a PASS attests the exact bytes; a FAIL attests nothing; an edited file has no attestation", async () => {
    const dir = tempDir();
    const db = openLedger(tempDir());
    const clean = writeFile(dir, "clean.jsonl", `${chat("hello")}\n`);
    const dirty = writeFile(dir, "dirty.jsonl", `${chat("SSN-1")}\n`);
    const pass = await auditFiles([clean], { scan: fakeScan });
    const id = recordAudit(db, pass, null);
    expect(findAttestation(db, sha256(clean))).toMatchObject({ auditId: id, path: clean, records: 1 });
    recordAudit(db, await auditFiles([dirty], { scan: fakeScan }), null);
    expect(findAttestation(db, sha256(dirty))).toBeUndefined();
    writeFileSync(clean, `${chat("hello!")}\n`);
    expect(findAttestation(db, sha256(clean))).toBeUndefined();
    expect(() => db.prepare("DELETE FROM attestations").run()).toThrow(/append-only/);
  });
});
