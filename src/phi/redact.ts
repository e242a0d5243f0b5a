/**
 * Replaces every finding in a text with its `[IDENTIFIER]` placeholder: for anything that leaves the
 * machine (logs, notifications, traces, issue text) and for the snippets in audit reports.
 */
import { type Finding, scanText } from "./scanner.js";

/** TEXT with each finding replaced; pass FINDINGS when the text was already scanned. */
export function redact(text: string, findings: readonly Finding[] = scanText(text)): string {
  let out = "";
  let at = 0;
  for (const f of findings) {
    out += `${text.slice(at, f.start)}[${f.identifier}]`;
    at = f.end;
  }
  return out + text.slice(at);
}
