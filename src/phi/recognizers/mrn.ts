/**
 * MRN: medical record numbers after a label: "MRN: 00482913", "MR# 4471823", "Medical record number
 * A1234567", "Med. Rec. No. 12-345-67", "Patient ID: PT-00123", "chart #558812", "Record #: 99812".
 * Labelled, so strong. Labels are whole words read back from the value ("MRI 2023" never reads as
 * "MR"); everyday words ("record", "chart", "patient", "MR") count only with a marker ("#", ":", "number").
 * The value needs 3+ digits (a strict label also takes a capital code such as "E4X9QK2") and is never a
 * date, decimal, year, dotted ICD-10 code or measurement. CSV columns headed "MRN" count as labelled.
 */
import type { Candidate, Recognizer } from "../candidate.js";
import { labelledValue, labelTable } from "./number-labels.js";
import { codeTokens } from "./number-tokens.js";

const LABELS = labelTable(
  [
    "mrn",
    "mrun",
    "medical record",
    "medical records",
    "medical rec",
    "med rec",
    "med record",
    "medical record id",
    "health record",
    "health record id",
    "hospital id",
    "hosp",
    "patient id",
    "patient identifier",
    "pt id",
    "emr",
    "emr id",
    "ehr id",
    "epic id",
    "epic mrn",
    "chart id",
  ],
  // With a marker only: "Record #: 99812", "chart no. 4521345", "Patient #: 551234", "MR# 4471823".
  ["record", "chart", "patient", "pt", "mr", "ehr", "unit", "hospital", "registration", "reg"],
);

export const mrnRecognizer: Recognizer = {
  name: "mrn",
  identifiers: ["MRN"],
  scan(text: string, found: Candidate[]): void {
    for (const t of codeTokens(text)) {
      if (t.text.length < 3) continue;
      const v = labelledValue(text, t, LABELS);
      if (v)
        found.push({
          identifier: "MRN",
          start: v.start,
          end: v.end,
          confidence: "strong",
          rule: "mrn-labelled",
        });
    }
  },
};
