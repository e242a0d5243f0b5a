/**
 * Severity of a finding, from its identifier and the recognizer's confidence. Any CRITICAL or HIGH finding
 * fails the audit. The mapping (documented in the compliance report):
 * - CRITICAL: direct identifiers that single out a person on their own when the recognizer is sure
 *   (SSN, MRN, health plan ID, full-face photo, biometric identifier, email, and a name or full date with
 *   strong context such as "Patient: …" or "DOB").
 * - HIGH: every other identifier found with strong or medium confidence.
 * - MEDIUM: weak shape-only matches of identifiers that are rarely innocent (a 10-digit number that could
 *   be a phone, a capitalized word in the name lists next to a title-less context).
 * - LOW: weak matches that are usually innocent (a public health-agency URL, a bare 5-digit number).
 */
import type { Confidence } from "./candidate.js";
import type { Identifier, Severity } from "./identifiers.js";

const CRITICAL_WHEN_STRONG: ReadonlySet<Identifier> = new Set([
  "SSN",
  "MRN",
  "HEALTH_PLAN_ID",
  "PHOTO",
  "BIOMETRIC",
  "EMAIL",
  "NAME",
  "DATE",
]);

const LOW_WHEN_WEAK: ReadonlySet<Identifier> = new Set(["URL", "GEOGRAPHIC", "OTHER_UNIQUE_ID", "DEVICE_ID"]);

export function severityOf(identifier: Identifier, confidence: Confidence): Severity {
  if (confidence === "strong") return CRITICAL_WHEN_STRONG.has(identifier) ? "CRITICAL" : "HIGH";
  if (confidence === "medium") return "HIGH";
  return LOW_WHEN_WEAK.has(identifier) ? "LOW" : "MEDIUM";
}
