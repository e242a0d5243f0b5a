/**
 * HEALTH_PLAN_ID: health plan beneficiary numbers. After a label (member ID, subscriber ID, policy number,
 * group number, Medicaid/Medicare ID, beneficiary ID, plan ID, insurance ID, HICN, MBI, CIN) the value is
 * strong, including a short capital prefix printed apart ("Member ID: XJH 123456789"). A Medicare
 * Beneficiary Identifier is recognised anywhere by its grammar (1EG4-TE5-MK73): strong. Plan types
 * ("Medicare Advantage HMO") carry no digits and never match.
 */
import type { Candidate, Recognizer } from "../candidate.js";
import { mbiValid } from "../validators.js";
import { labelledValue, labelOf, labelTable } from "./number-labels.js";
import { codeTokens } from "./number-tokens.js";

const LABELS = labelTable(
  [
    "member id",
    "member",
    "member identifier",
    "subscriber id",
    "subscriber",
    "subscriber identifier",
    "policy id",
    "policyholder",
    "policyholder id",
    "insurance id",
    "insurance policy",
    "insurance member",
    "insured id",
    "enrollee id",
    "recipient id",
    "medicaid recipient",
    "recipient",
    "medicaid",
    "medicaid id",
    "medi cal",
    "medi cal id",
    "medi cal cin",
    "medicaid cin",
    "medicare",
    "medicare id",
    "medicare beneficiary identifier",
    "beneficiary id",
    "beneficiary identifier",
    "beneficiary",
    "hicn",
    "mbi",
    "plan id",
    "health plan id",
    "health plan",
    "group id",
    "rx group",
    "rxgrp",
    "rx id",
    "rxid",
    "insurance card",
    "id card",
  ],
  // With a marker only: "Group #: 4471", "Plan: H1234-001", "Insurance no. 12345".
  // "Hospital policy 7.3.2" is a document: "policy" labels a value only as "Policy #:", "Policy number".
  ["group", "grp", "plan", "insurance", "coverage", "contract", "hic", "cin", "policy"],
);

const MBI_SHAPE = /^[1-9][A-Z][A-Z0-9]\d-?[A-Z][A-Z0-9]\d-?[A-Z]{2}\d{2}$/;

export const healthPlanRecognizer: Recognizer = {
  name: "health-plan",
  identifiers: ["HEALTH_PLAN_ID"],
  scan(text: string, found: Candidate[]): void {
    for (const t of codeTokens(text)) {
      if (t.text.length < 3) continue;
      // The MBI grammar is specific enough to stand alone (capitals only: a lowercase look-alike is prose).
      if ((t.text.length === 11 || t.text.length === 13) && MBI_SHAPE.test(t.text) && mbiValid(t.text)) {
        const labelled = labelOf(text, t, LABELS) !== undefined;
        const rule = labelled ? "mbi-labelled" : "mbi";
        found.push({ identifier: "HEALTH_PLAN_ID", start: t.start, end: t.end, confidence: "strong", rule });
        continue;
      }
      const v = labelledValue(text, t, LABELS, true);
      if (v)
        found.push({
          identifier: "HEALTH_PLAN_ID",
          start: v.start,
          end: v.end,
          confidence: "strong",
          rule: "health-plan-labelled",
        });
    }
  },
};
