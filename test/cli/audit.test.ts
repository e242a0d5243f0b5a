import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cft, tempDir, writeFile } from "../helpers.js";

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("cft audit", () => {
  const work = tempDir();
  const home = join(work, "ws");

  it.each(["claims", "scribe", "companion"])(
    "passes the synthetic %s data and attests both files",
    (task) => {
      const out = join(work, task);
      expect(cft(["prepare", "--task", task, "--synthetic", "300", "--out", out, "--home", home]).code).toBe(
        0,
      );
      const files = [join(out, "train.jsonl"), join(out, "test.jsonl")];
      const run = cft(["audit", ...files, "--home", home, "--json"]);
      const report = run.json();
      expect(
        report.findings.filter(
          (f: { severity: string }) => f.severity === "CRITICAL" || f.severity === "HIGH",
        ),
      ).toEqual([]);
      expect(run.code).toBe(0);
      expect(report.verdict).toBe("PASS");
      expect(report.attestation).toMatch(/^[0-9a-f-]{36}$/);
      const db = new Database(join(home, "ledger.sqlite"), { readonly: true });
      const attested = db
        .prepare("SELECT sha256 FROM attestations WHERE audit_id = ?")
        .all(report.attestation);
      db.close();
      expect(attested.map((r) => (r as { sha256: string }).sha256).sort()).toEqual(files.map(sha256).sort());
    },
  );

  it("fails planted PHI with exit 3, locates every finding, and never repeats the PHI", () => {
    const phi = [
      "Maria Gonzalez",
      "123-45-6789",
      "maria.gonzalez@example.com",
      "(415) 555-0134",
      "MRN 00482913",
    ];
    const record = {
      messages: [
        { role: "system", content: "You adjudicate claims." },
        {
          role: "user",
          content: `Patient: ${phi[0]}, SSN ${phi[1]}, email ${phi[2]}, phone ${phi[3]}, ${phi[4]}.`,
        },
        { role: "assistant", content: "Decision: PENDING" },
      ],
    };
    const file = writeFile(work, "phi.jsonl", `${JSON.stringify(record)}\n`);
    const run = cft(["audit", file, "--home", home, "--json"]);
    expect(run.code).toBe(3);
    const report = run.json();
    expect(report.verdict).toBe("FAIL");
    expect(report.attestation).toBeNull();
    const content = record.messages[1]!.content;
    for (const f of report.findings) {
      expect(f).toMatchObject({ file, line: 1, path: "messages[1].content" });
      expect(content.slice(f.start, f.end).length).toBeGreaterThan(0);
    }
    const found = new Set(report.findings.map((f: { identifier: string }) => f.identifier));
    for (const id of ["NAME", "SSN", "EMAIL", "PHONE", "MRN"]) expect(found).toContain(id);
    const reportText = readFileSync(report.reportPath, "utf8");
    for (const value of phi) {
      expect(run.stdout).not.toContain(value);
      expect(run.stderr).not.toContain(value);
      expect(reportText).not.toContain(value);
    }
  });
});
