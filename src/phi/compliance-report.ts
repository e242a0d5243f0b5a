/**
 * The compliance report of an audit, in Markdown for the workspace (and later Google Docs): the 18-item
 * Safe Harbor checklist, findings by severity with redacted snippets, synthetic-data authenticity checks,
 * data handling notes and a sign-off block a compliance officer can complete. Holds no PHI: only counts,
 * hashes and redacted snippets.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { AuditReport } from "./audit.js";
import { IDENTIFIERS, type Identifier, SEVERITIES } from "./identifiers.js";
import { REMEDIATION } from "./remediation.js";

const LABELS: Record<Identifier, string> = {
  NAME: "Names",
  GEOGRAPHIC: "Geographic subdivisions smaller than a state (street, city, county, precinct, ZIP)",
  DATE: "All elements of dates (except year) related to an individual; ages over 89",
  PHONE: "Telephone numbers",
  FAX: "Fax numbers",
  EMAIL: "Email addresses",
  SSN: "Social Security numbers",
  MRN: "Medical record numbers",
  HEALTH_PLAN_ID: "Health plan beneficiary numbers",
  ACCOUNT_NUMBER: "Account numbers",
  LICENSE_NUMBER: "Certificate/license numbers",
  VEHICLE_ID: "Vehicle identifiers and serial numbers, including license plates",
  DEVICE_ID: "Device identifiers and serial numbers",
  URL: "Web Universal Resource Locators (URLs)",
  IP_ADDRESS: "Internet Protocol (IP) addresses",
  BIOMETRIC: "Biometric identifiers, including finger and voice prints",
  PHOTO: "Full-face photographs and any comparable images",
  OTHER_UNIQUE_ID: "Any other unique identifying number, characteristic or code",
};

const MAX_LISTED = 50;

function handling(path: string): string {
  try {
    const info = statSync(path);
    const mode = (info.mode & 0o777).toString(8).padStart(3, "0");
    const worldReadable = (info.mode & 0o004) !== 0;
    return `| \`${resolve(path)}\` | ${info.size.toLocaleString("en-US")} bytes | ${mode}${worldReadable ? " (readable by every user of this machine: restrict with chmod 600)" : ""} |`;
  } catch {
    return `| \`${resolve(path)}\` | (no longer readable) | |`;
  }
}

export function renderComplianceReport(report: AuditReport, auditId: string, createdAt: string): string {
  const bySeverity = SEVERITIES.map((s) => `${s} ${report.countsBySeverity[s]}`).join(", ");
  const checklist = IDENTIFIERS.map((id, i) => {
    const n = report.countsByIdentifier[id];
    const failing = report.findings.some(
      (f) => f.identifier === id && (f.severity === "CRITICAL" || f.severity === "HIGH"),
    );
    const status =
      n === 0 ? "pass: none found" : failing ? `**FAIL**: ${n} found` : `review: ${n} low-severity`;
    return `| ${i + 1} | ${LABELS[id]} (\`${id}\`) | ${status} |`;
  }).join("\n");
  const listed = SEVERITIES.flatMap((s) => report.findings.filter((f) => f.severity === s)).slice(
    0,
    MAX_LISTED,
  );
  const findingRows = listed
    .map(
      (f) =>
        `| ${f.severity} | ${f.identifier} | \`${f.file}\`:${f.line} | \`${f.path}\` | ${f.snippet.replace(/\|/g, "\\|")} |`,
    )
    .join("\n");
  const remediation = (Object.keys(report.remediation) as Identifier[])
    .map((id) => `- **${id}** — ${REMEDIATION[id]}`)
    .join("\n");
  const files = report.files
    .map((f) => {
      const rate = f.records ? ((f.duplicateRecords / f.records) * 100).toFixed(2) : "0.00";
      return `| \`${f.path}\` | ${f.records} | ${f.duplicateRecords} (${rate}%) | \`${f.sha256}\` |`;
    })
    .join("\n");
  return `# HIPAA compliance report — audit ${auditId}

| | |
|---|---|
| verdict | **${report.verdict}** |
| date | ${createdAt} |
| scanner | ${report.scannerVersion} (deterministic; no language model decides the verdict) |
| findings | ${report.findingsTotal} (${bySeverity}) |
| attestation | ${report.verdict === "PASS" ? `\`${auditId}\`: binds the SHA-256 of each file below; any edit voids it` : "none: a FAIL attests nothing"} |

A dataset fails when any finding is CRITICAL or HIGH. MEDIUM and LOW findings are listed for review.

## Files
| file | records | exact duplicate records | SHA-256 |
|---|---|---|---|
${files}

## Safe Harbor checklist (45 CFR 164.514(b)(2))
| # | identifier | result |
|---|---|---|
${checklist}

## Findings by severity${report.findings.length > MAX_LISTED ? ` (first ${MAX_LISTED} of ${report.findingsTotal})` : ""}
${listed.length ? `| severity | identifier | where | field | redacted context |\n|---|---|---|---|---|\n${findingRows}` : "None."}

## Remediation
${remediation || "Nothing to remediate."}

## Synthetic-data authenticity
- Exact duplicate records are counted per file above; a high rate means a generator with too little variety,
  which also weakens the fine-tune.
- Identifier-shaped values in synthetic data are findings like any other: a generator must not emit
  realistic names, SSN-shaped numbers or dates, because the audit cannot tell invented PHI from real PHI.

## Data handling
| file | size | permissions |
|---|---|---|
${report.files.map((f) => handling(f.path)).join("\n")}

- The data stay on this machine; this report and the ledger hold counts, hashes and redacted snippets only.
- Keep datasets in a folder readable by the project team only, and delete working copies after training.

## Sign-off
- [ ] I reviewed the findings and the remediation above.
- [ ] The dataset is synthetic, or de-identified under Safe Harbor, and contains no PHI.
- [ ] Access to the files listed is limited to the project team.

Reviewed by: ______________________  Role: ______________________  Date: ____________
`;
}
