/**
 * `audit_dataset`: the mandatory HIPAA audit of `cft audit`. A PASS attests the files' exact bytes (the
 * only thing start_fine_tune accepts); a FAIL is a verdict, not a tool failure. Findings carry redacted
 * snippets only.
 */
import { resolve } from "node:path";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { runAudit } from "../../../src/phi/audit-run.js";
import { IDENTIFIERS, SEVERITIES } from "../../../src/phi/identifiers.js";
import { ok, refuse, safeHandler } from "../../tool-result.js";
import { type FinetuneDeps, withLedger } from "../deps.js";
import { pick } from "../schemas.js";

/** Findings listed in the result; all are counted, and the compliance report lists them all. */
const SHOWN_FINDINGS = 50;

const inputSchema = {
  path: z.string().min(1).optional().describe("a dataset file (.jsonl, .csv or text); absolute or relative"),
  paths: z
    .array(z.string().min(1))
    .min(1)
    .max(20)
    .optional()
    .describe("several files audited together (e.g. train and validation)"),
};

const outputSchema = {
  verdict: z.enum(["PASS", "FAIL"]).describe("FAIL when any finding is CRITICAL or HIGH"),
  files: z.array(z.looseObject({ path: z.string(), sha256: z.string(), records: z.number() })),
  countsByIdentifier: z.record(z.enum(IDENTIFIERS), z.number()),
  countsBySeverity: z.record(z.enum(SEVERITIES), z.number()),
  failingIdentifiers: z.array(z.enum(IDENTIFIERS)),
  findings: z
    .array(
      z.looseObject({
        file: z.string(),
        line: z.number(),
        path: z.string(),
        identifier: z.enum(IDENTIFIERS),
        severity: z.enum(SEVERITIES),
        snippet: z.string().describe("redacted"),
      }),
    )
    .describe(`the first ${SHOWN_FINDINGS}; the compliance report lists them all`),
  findingsTotal: z.number(),
  remediation: z.record(z.string(), z.string()),
  attestation: z.string().nullable().describe("the audit id attesting these SHA-256s, on PASS"),
  scannerVersion: z.string(),
  reportPath: z.string().describe("the compliance report in the workspace"),
};

export function registerAuditDatasetTool(server: McpServer, deps: FinetuneDeps): void {
  server.registerTool(
    "audit_dataset",
    {
      title: "HIPAA audit of a dataset",
      description:
        "Scan every string of the files for the 18 Safe Harbor identifiers (names, dates, phone numbers, SSNs, MRNs…) with a deterministic scanner. PASS records an attestation of each file's SHA-256 in the workspace ledger: start_fine_tune accepts only attested bytes, so any edit after the audit needs a new audit. FAIL means the data carries PHI: do not train on it; fix or regenerate it (synthetic data only) and audit again. Findings show redacted snippets, never the PHI. Give `path` or `paths`. It does not change the files.",
      inputSchema,
      outputSchema,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    safeHandler(async ({ path, paths }) => {
      const files = [...(path ? [path] : []), ...(paths ?? [])].map((p) => resolve(p));
      if (!files.length) return refuse("Give the file to audit as `path` (or several as `paths`).");
      return withLedger(deps, async (db) => {
        const { report, reportPath } = await runAudit(db, deps.config.home, files);
        const structured = pick(outputSchema, {
          ...report,
          findings: report.findings.slice(0, SHOWN_FINDINGS),
          reportPath,
        });
        const present = IDENTIFIERS.filter((id) => report.countsByIdentifier[id] > 0)
          .map((id) => `${id} ${report.countsByIdentifier[id]}`)
          .join(", ");
        const text =
          report.verdict === "PASS"
            ? `PASS: ${files.length} file(s) attested (audit ${report.attestation}); these exact bytes may be fine-tuned on.${present ? ` Lower-severity findings: ${present}.` : ""} Compliance report: ${reportPath}`
            : `FAIL: ${report.findingsTotal} finding(s) (${present}); failing identifiers ${report.failingIdentifiers.join(", ")}. No attestation: no fine-tune will accept these files. ${Object.values(report.remediation).join(" ")} Compliance report: ${reportPath}`;
        return ok(structured, text);
      });
    }),
  );
}
