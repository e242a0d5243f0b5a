/**
 * The 18 Safe Harbor identifiers (45 CFR 164.514(b)(2)) as the report names them, and the severities a
 * finding can carry. Names and order are part of the audit report contract (DESIGN.md).
 */
export const IDENTIFIERS = [
  "NAME",
  "GEOGRAPHIC",
  "DATE",
  "PHONE",
  "FAX",
  "EMAIL",
  "SSN",
  "MRN",
  "HEALTH_PLAN_ID",
  "ACCOUNT_NUMBER",
  "LICENSE_NUMBER",
  "VEHICLE_ID",
  "DEVICE_ID",
  "URL",
  "IP_ADDRESS",
  "BIOMETRIC",
  "PHOTO",
  "OTHER_UNIQUE_ID",
] as const;

export type Identifier = (typeof IDENTIFIERS)[number];

export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;
export type Severity = (typeof SEVERITIES)[number];
