/**
 * Worker 2, HIPAA Compliance Auditor: runs the audit (the scanner decides; nothing here can change a
 * verdict) and explains it — findings by severity, the identifiers behind a FAIL, and what to do about
 * each. With a chat model the explanation is the model's, written from the report's counts and redacted
 * snippets; without one it is the scanner's own remediation text.
 */
import type { Db } from "../../src/ledger/ledger.js";
import type { AuditReport } from "../../src/phi/audit.js";
import { runAudit } from "../../src/phi/audit-run.js";
import type { GraphDeps } from "../deps.js";
import { modelText } from "./model-notes.js";

export interface ExplainedAudit {
  auditId: string;
  report: AuditReport;
  reportPath: string;
  explanation: string[];
}

export function explainAudit(report: AuditReport): string[] {
  const s = report.countsBySeverity;
  const lines = [
    `Audit ${report.verdict}: ${report.findingsTotal} finding(s) — CRITICAL ${s.CRITICAL}, HIGH ${s.HIGH}, MEDIUM ${s.MEDIUM}, LOW ${s.LOW}.`,
  ];
  if (report.verdict === "FAIL") {
    lines.push(
      `Blocked by ${report.failingIdentifiers.join(", ")}: possible patient identifiers. Fine-tuning on these files is refused.`,
    );
    for (const id of report.failingIdentifiers) {
      const fix = report.remediation[id];
      if (fix) lines.push(`${id}: ${fix}`);
    }
  } else
    lines.push(
      "The files' exact bytes are attested; any edit voids the attestation and the launcher re-checks before sending.",
    );
  return lines;
}

export async function auditDataset(deps: GraphDeps, db: Db, files: string[]): Promise<ExplainedAudit> {
  const run = await runAudit(db, deps.config.home, files);
  const explanation = explainAudit(run.report);
  const written = await modelText(deps, "workers-compliance", {
    verdict: run.report.verdict,
    countsBySeverity: run.report.countsBySeverity,
    countsByIdentifier: run.report.countsByIdentifier,
    failingIdentifiers: run.report.failingIdentifiers,
    remediation: run.report.remediation,
    snippets: run.report.findings
      .slice(0, 10)
      .map((f) => ({ identifier: f.identifier, severity: f.severity, snippet: f.snippet })),
  });
  return { ...run, explanation: written ? [...explanation, written] : explanation };
}
