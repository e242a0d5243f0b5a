/** What every dataset source hands to `prepare`: examples ready to split, and what it left out. */
import type { Example } from "../chat.js";

export interface SourceResult {
  examples: Example[];
  /** Rows left out on purpose (e.g. below --min-quality), counted so nothing disappears silently. */
  filtered: number;
}
