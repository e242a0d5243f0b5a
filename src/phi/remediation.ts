/** What to do about each class of finding: printed in the audit report and the compliance report. */
import type { Identifier } from "./identifiers.js";

export const REMEDIATION: Record<Identifier, string> = {
  NAME: 'Replace names of patients, relatives and contacts with roles ("the patient", "her daughter") or consistent synthetic placeholders.',
  GEOGRAPHIC:
    "Remove street addresses, cities, counties and ZIP codes; keep at most the state, or the first 3 ZIP digits where that area has more than 20,000 people.",
  DATE: 'Keep only the year of any date tied to the patient; shift or drop month and day; write ages over 89 as "90 or older".',
  PHONE:
    "Delete telephone numbers, or replace them with a fictional placeholder that is not a dialable number.",
  FAX: "Delete fax numbers.",
  EMAIL: "Delete email addresses.",
  SSN: "Delete Social Security numbers; never generate SSN-shaped values in training data.",
  MRN: "Delete medical record numbers; use a random study key kept outside the dataset if records must be linked.",
  HEALTH_PLAN_ID: "Delete member, subscriber, policy and Medicare/Medicaid beneficiary identifiers.",
  ACCOUNT_NUMBER: "Delete account, billing and card numbers.",
  LICENSE_NUMBER: "Delete driver's licence, DEA, NPI and professional licence numbers.",
  VEHICLE_ID: "Delete VINs and licence plates.",
  DEVICE_ID: "Delete device serial numbers and UDIs; keep the device type only.",
  URL: "Delete URLs that point to a person (profiles, portals with IDs); public guideline links may stay after review.",
  IP_ADDRESS: "Delete IP addresses.",
  BIOMETRIC: "Delete biometric identifiers and template references.",
  PHOTO: "Remove images and references to photographs of patients, including embedded data URIs.",
  OTHER_UNIQUE_ID:
    "Delete claim, case, accession, encounter, employee and other identifying numbers; use public code sets only.",
};
