/**
 * Audit records and attestations. Every audit is a row, PASS or FAIL; a PASS also attests the SHA-256 of
 * each file it covered. The fine-tune launcher asks `findAttestation` for the current bytes of a file:
 * an edited file has a new hash and so no attestation.
 */
import { randomUUID } from "node:crypto";
import type { AuditReport } from "../phi/audit.js";
import type { Db } from "./ledger.js";

export interface Attestation {
  auditId: string;
  sha256: string;
  path: string;
  records: number;
  scannerVersion: string;
  createdAt: string;
}

/** Records the audit; returns its id, which is also the attestation id when the verdict is PASS. */
export function recordAudit(
  db: Db,
  report: AuditReport,
  reportPath: string | null,
  id: string = randomUUID(),
): string {
  const createdAt = new Date().toISOString();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO audits (id, verdict, scanner_version, files_json, counts_by_identifier_json,
         counts_by_severity_json, findings_total, report_path, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      report.verdict,
      report.scannerVersion,
      JSON.stringify(report.files),
      JSON.stringify(report.countsByIdentifier),
      JSON.stringify(report.countsBySeverity),
      report.findingsTotal,
      reportPath,
      createdAt,
    );
    if (report.verdict !== "PASS") return;
    const attest = db.prepare(
      `INSERT OR IGNORE INTO attestations (audit_id, sha256, path, records, scanner_version, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const f of report.files)
      attest.run(id, f.sha256, f.path, f.records, report.scannerVersion, createdAt);
  })();
  return id;
}

/** The latest PASS attestation of these exact bytes, if any. */
export function findAttestation(db: Db, sha256: string): Attestation | undefined {
  const row = db
    .prepare(
      `SELECT audit_id AS auditId, sha256, path, records, scanner_version AS scannerVersion, created_at AS createdAt
       FROM attestations WHERE sha256 = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    )
    .get(sha256) as Attestation | undefined;
  return row;
}
