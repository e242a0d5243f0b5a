/**
 * OTHER_UNIQUE_ID: any other identifying number or code, after its label: claim (ICN/DCN), employee, case,
 * accession, specimen/sample, encounter/visit (CSN), badge, student, prescription/Rx, order, requisition,
 * confirmation, reference, authorization, referral, study subject/participant numbers (strong). A generic
 * "ID:" or "#" before a code that mixes letters and digits (5+ characters) is medium; before digits alone,
 * weak. Public code-system codes (ICD-10-CM E11.9, CPT 99213, HCPCS J3490, NDC, LOINC 4548-4),
 * measurements ("Rx 500 mg"), dates, years and place of service ("POS 11") never qualify.
 */
import type { Candidate, Recognizer } from "../candidate.js";
import { labelledValue, labelTable } from "./number-labels.js";
import { codeTokens, idShape, publicCode } from "./number-tokens.js";

const LABELS = labelTable(
  [
    "claim",
    "claim id",
    "claim control",
    "icn",
    "dcn",
    "tcn",
    "internal control",
    "employee",
    "employee id",
    "emp id",
    "staff id",
    "personnel",
    "payroll",
    "case id",
    "compensation case",
    "comp case",
    "aps case",
    "court case",
    "surgical pathology",
    "pathology",
    "cytology",
    "accession",
    "accession id",
    "specimen",
    "specimen id",
    "sample id",
    "lab id",
    "encounter",
    "encounter id",
    "visit id",
    "csn",
    "fin id",
    "badge",
    "badge id",
    "student",
    "student id",
    "prescription",
    "prescription id",
    "rx number",
    "order id",
    "requisition",
    "requisition id",
    "confirmation",
    "transaction id",
    "authorization",
    "prior authorization",
    "auth id",
    "referral id",
    "participant id",
    "subject id",
    "study id",
    "enrollment id",
    "patient control",
    "voter id",
    "military id",
    "tracking",
    "ticket id",
    "document id",
    "customer id",
    "customer",
    "client id",
    "user id",
    "username",
    "login",
  ],
  // With a marker only: "Case #: 2023-0041", "Visit no. 88121", "Order #A12345", "Rx #: 4471823".
  [
    "case",
    "visit",
    "rx",
    "order",
    "req",
    "ref",
    "reference",
    "ticket",
    "file",
    "acc",
    "sample",
    "auth",
    "referral",
    "control",
    "staff",
    "client",
    "job",
    "booking",
    "path",
    "appointment",
    "appt",
  ],
);
// The generic labels: "ID: AB12345", "Ref ID", "#AB12345".
// Not claims: a bare "Caller ID 5551234567" is still a phone (hasLabel() ignores these).
const GENERIC = labelTable(["id", "identifier", "id code", "code id"], [], false);

export const otherIdRecognizer: Recognizer = {
  name: "other-id",
  identifiers: ["OTHER_UNIQUE_ID"],
  scan(text: string, found: Candidate[]): void {
    for (const t of codeTokens(text)) {
      if (t.text.length < 3) continue;
      const v = labelledValue(text, t, LABELS);
      if (v) {
        const { start, end } = v;
        found.push({
          identifier: "OTHER_UNIQUE_ID",
          start,
          end,
          confidence: "strong",
          rule: "other-id-labelled",
        });
        continue;
      }
      if (t.text.length < 5 || !idShape(text, t) || publicCode(t.text)) continue;
      const generic = labelledValue(text, t, GENERIC);
      const hash =
        !generic && text.charCodeAt(t.start - 1) === 35 && !/[0-9A-Za-z]/.test(text.charAt(t.start - 2));
      if (!generic && !hash) continue;
      const mixed = t.letters > 0;
      if (!mixed && t.digits < 6) continue;
      found.push({
        identifier: "OTHER_UNIQUE_ID",
        start: t.start,
        end: generic ? generic.end : t.end,
        confidence: mixed ? "medium" : "weak",
        rule: generic ? "other-id-generic" : "other-id-hash",
      });
    }
  },
};
