/**
 * Claims-history CSV → claims adjudication examples. Identifiers (claim_id, policy_id, claim_number)
 * and full service dates never enter the training text: only the service year does.
 */
import { ProblemList } from "../../errors.js";
import { readCsv } from "../../io/csv.js";
import { chatExample, type Example } from "../chat.js";
import { normalizeIcd10, normalizeProcedure, splitCodes } from "../code-formats.js";
import type { SourceResult } from "./source.js";

export const CLAIMS_REQUIRED = [
  "diagnosis_codes",
  "procedure_codes",
  "claim_amount",
  "final_decision",
] as const;
export const CLAIMS_OPTIONAL = [
  "claim_id",
  "policy_id",
  "claim_number",
  "service_date",
  "medical_analysis",
  "adjudication_decision",
] as const;

export type Decision = "APPROVED" | "DENIED" | "PENDING";
const DECISIONS: Record<string, Decision> = {
  approved: "APPROVED",
  approve: "APPROVED",
  paid: "APPROVED",
  denied: "DENIED",
  deny: "DENIED",
  rejected: "DENIED",
  pending: "PENDING",
  pend: "PENDING",
  pended: "PENDING",
  review: "PENDING",
};

export function parseDecision(value: string): Decision | undefined {
  return DECISIONS[value.trim().toLowerCase()];
}

/** "$1,234.50" → 1234.5 */
export function parseAmount(value: string): number | undefined {
  const cleaned = value.replace(/[$,\s]/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

const YEAR = /\b(19|20)\d{2}\b/;

export async function readClaimsCsv(path: string, systemPrompt: string): Promise<SourceResult> {
  const problems = new ProblemList();
  const examples: Example[] = [];
  const spec = { required: CLAIMS_REQUIRED, optional: CLAIMS_OPTIONAL };
  for await (const { line, cells } of readCsv(path, spec, problems)) {
    const bad = (field: string, message: string) => problems.add({ file: path, line, field, message });
    const dx = splitCodes(cells.diagnosis_codes ?? "");
    const px = splitCodes(cells.procedure_codes ?? "");
    const dxCodes = dx.map(normalizeIcd10);
    const pxCodes = px.map(normalizeProcedure);
    if (dx.length === 0) bad("diagnosis_codes", "empty; expected one or more ICD-10-CM codes such as E11.9");
    dx.forEach((c, i) => {
      if (!dxCodes[i]) bad("diagnosis_codes", `"${c}" is not an ICD-10-CM code (expected a form like E11.9)`);
    });
    if (px.length === 0)
      bad("procedure_codes", "empty; expected one or more CPT or HCPCS codes such as 99213");
    px.forEach((c, i) => {
      if (!pxCodes[i]) bad("procedure_codes", `"${c}" is not a CPT or HCPCS code (expected 99213 or J3490)`);
    });
    const amount = parseAmount(cells.claim_amount ?? "");
    if (amount === undefined)
      bad("claim_amount", `"${cells.claim_amount ?? ""}" is not an amount (expected e.g. 125.00)`);
    const decision = parseDecision(cells.final_decision ?? "");
    if (!decision)
      bad("final_decision", `"${cells.final_decision ?? ""}" is not APPROVED, DENIED or PENDING`);
    if (amount === undefined || !decision || dxCodes.includes(undefined) || pxCodes.includes(undefined))
      continue;
    if (dx.length === 0 || px.length === 0) continue;

    const year = YEAR.exec(cells.service_date ?? "")?.[0];
    const analysis = cells.medical_analysis ?? "";
    // Same headings as the synthetic generator's claims, so a model trained on one reads the other.
    const user = [
      "Adjudicate the following claim.",
      "",
      ...(year ? [`Service year: ${year}`, ""] : []),
      "Diagnoses (ICD-10-CM):",
      ...dxCodes.map((c, i) => `${i + 1}. ${c}`),
      "",
      "Service lines:",
      ...pxCodes.map((c, i) => `${i + 1}. ${/^\d/.test(c!) ? "CPT" : "HCPCS"} ${c}`),
      `Total billed: $${amount.toFixed(2)}`,
      ...(analysis ? ["", `Medical analysis: ${analysis}`] : []),
    ].join("\n");
    const initial = parseDecision(cells.adjudication_decision ?? "");
    const review =
      initial && initial !== decision
        ? ` Initial adjudication was ${initial}; the decision was changed to ${decision} on review.`
        : "";
    const assistant = `Decision: ${decision}\nRationale: ${decision} for diagnoses ${dxCodes.join(", ")} with procedures ${pxCodes.join(", ")} billed at $${amount.toFixed(2)}, per the plan's claims history.${review}`;
    examples.push(chatExample(systemPrompt, user, assistant, decision));
  }
  problems.throwIfAny(
    `${path}: rows that cannot be converted`,
    "Fix the rows listed, then run prepare again.",
  );
  return { examples, filtered: 0 };
}
