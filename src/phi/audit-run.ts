/**
 * One audit as every caller runs it (CLI, demo, later MCP tools and agents): scan, write the compliance
 * report into the workspace, record the audit in the ledger and, on PASS, attest the files' SHA-256s.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { recordAudit } from "../ledger/audits.js";
import type { Db } from "../ledger/ledger.js";
import { type AuditOptions, type AuditReport, auditFiles } from "./audit.js";
import { renderComplianceReport } from "./compliance-report.js";

export interface AuditRun {
  auditId: string;
  report: AuditReport;
  reportPath: string;
}

export async function runAudit(
  db: Db,
  home: string,
  files: readonly string[],
  options: AuditOptions = {},
): Promise<AuditRun> {
  const report = await auditFiles(files, options);
  const auditId = randomUUID();
  const createdAt = new Date().toISOString();
  if (report.verdict === "PASS") report.attestation = auditId;
  const dir = join(home, "docs", "compliance");
  mkdirSync(dir, { recursive: true });
  const reportPath = join(dir, `audit-${createdAt.slice(0, 10)}-${auditId.slice(0, 8)}.md`);
  writeFileSync(reportPath, renderComplianceReport(report, auditId, createdAt));
  recordAudit(db, report, reportPath, auditId);
  return { auditId, report, reportPath };
}
