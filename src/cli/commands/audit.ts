/**
 * `cft audit`: the mandatory HIPAA gate. Scans every string of the given files, writes the compliance
 * report to the workspace, records the audit in the ledger and, on PASS, attests each file's SHA-256.
 * A FAIL exits 3.
 */
import type { Command } from "commander";
import { z } from "zod";
import { listDatasets } from "../../ledger/datasets.js";
import { openLedger } from "../../ledger/ledger.js";
import type { AuditReport } from "../../phi/audit.js";
import { runAudit } from "../../phi/audit-run.js";
import { IDENTIFIERS, SEVERITIES } from "../../phi/identifiers.js";
import { announceFromCli, markdownDocument } from "../announce.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { createProgress } from "../progress.js";

const Flags = z.object({
  maxFindings: z.coerce.number().int().min(0, { message: "expected a count of 0 or more" }),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

const SHOWN = 20;

export function renderAudit(report: AuditReport, reportPath: string): string {
  const lines = [`Audit ${report.verdict}  (${report.scannerVersion})`];
  for (const f of report.files) lines.push(`  ${f.path}: ${f.records} records, sha256 ${f.sha256}`);
  lines.push(`  findings: ${SEVERITIES.map((s) => `${s} ${report.countsBySeverity[s]}`).join(", ")}`);
  const present = IDENTIFIERS.filter((id) => report.countsByIdentifier[id] > 0);
  if (present.length)
    lines.push(
      `  by identifier: ${present.map((id) => `${id} ${report.countsByIdentifier[id]}`).join(", ")}`,
    );
  for (const f of report.findings.slice(0, SHOWN))
    lines.push(`  ${f.file}:${f.line} ${f.path} [${f.identifier} ${f.severity}] ${f.snippet}`);
  if (report.findingsTotal > SHOWN) lines.push(`  … ${report.findingsTotal - SHOWN} more in the report`);
  for (const [id, text] of Object.entries(report.remediation)) lines.push(`  fix ${id}: ${text}`);
  lines.push(
    report.verdict === "PASS"
      ? `Attested: ${report.attestation} (binds these SHA-256s; any edit voids it)`
      : "No attestation: fix the findings above and audit again. No fine-tune will accept these files.",
    `Compliance report: ${reportPath}`,
  );
  return lines.join("\n");
}

export function registerAudit(program: Command): void {
  const command = program
    .command("audit")
    .summary("the mandatory HIPAA audit: scan for the 18 identifiers, attest on PASS")
    .description(
      "Scan every string of the files (chat JSONL records, CSV cells, text lines) for the 18 Safe Harbor identifiers with a deterministic scanner. PASS attests each file's SHA-256 in the ledger; FAIL (any CRITICAL or HIGH finding) exits 3. Writes a compliance report to the workspace. The report shows redacted snippets only.",
    )
    .argument("<files...>", "dataset files: .jsonl, .csv or text")
    .option("--max-findings <n>", "most findings listed in the report (all are counted)", "10000");
  withCommonOptions(command, [
    "cft audit data/claims/train.jsonl data/claims/test.jsonl",
    "cft audit exports/claims.csv --json",
  ]).action(async (files: string[], raw) => {
    const flags = parseFlags(Flags, raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    const progress = createProgress();
    let run: Awaited<ReturnType<typeof runAudit>>;
    try {
      run = await runAudit(db, ctx.config.home, files, {
        maxFindings: flags.maxFindings,
        onProgress: (file, done, total) =>
          progress.update(`audit ${file} (bytes)`, done, Math.max(total, done)),
      });
    } finally {
      progress.stop();
    }
    const { report, reportPath } = run;
    const hashes = new Set(report.files.map((f) => f.sha256));
    const datasets = listDatasets(db).filter((d) => hashes.has(d.trainSha256) || hashes.has(d.testSha256));
    await announceFromCli(ctx, db, { kind: "audit", report, auditId: run.auditId, datasets }, [
      markdownDocument(`audit:${run.auditId}`, "compliance_report", reportPath, "HIPAA compliance report"),
    ]);
    db.close();
    ctx.out.say(renderAudit(report, reportPath));
    ctx.out.result({ ...report, reportPath });
    if (report.verdict === "FAIL") process.exitCode = 3;
  });
}
