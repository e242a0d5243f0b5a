/**
 * What a recognizer reports: a span of the scanned string that holds (or may hold) an identifier. The
 * scanner turns candidates into findings: it drops the ones the clinical allow-list covers, resolves
 * overlaps and assigns severity.
 */
import type { Identifier } from "./identifiers.js";

/**
 * How sure the recognizer is:
 * - strong: a validated number (checksum), an unmistakable shape (email, URL, IPv4), or a pattern with an
 *   explicit label ("SSN:", "MRN", "DOB");
 * - medium: a plausible shape with supporting context (a name after "patient", a phone-shaped number);
 * - weak: a shape alone that often is something else; reported, never enough to fail an audit.
 */
export type Confidence = "strong" | "medium" | "weak";

export interface Candidate {
  identifier: Identifier;
  /** JavaScript string indices into the scanned text; end is exclusive. */
  start: number;
  end: number;
  confidence: Confidence;
  /** Short rule name for the report and for debugging, e.g. "ssn-labelled", "name-title". */
  rule: string;
}

/** A recognizer looks at one string and pushes what it finds; it never sees more than that string. */
export interface Recognizer {
  /** e.g. "ssn". */
  name: string;
  identifiers: readonly Identifier[];
  scan(text: string, found: Candidate[]): void;
}
