/**
 * Redacted context for a finding: the text around it with every finding in that string replaced by its
 * placeholder, so a report can show where PHI is without repeating it.
 */
import type { Finding } from "./scanner.js";

const CONTEXT = 32;

/** One snippet per finding of TEXT, in the order of FINDINGS (sorted by start, non-overlapping). */
export function redactedSnippets(text: string, findings: readonly Finding[]): string[] {
  let redacted = "";
  let at = 0;
  const placed: [number, number][] = [];
  for (const f of findings) {
    redacted += text.slice(at, f.start);
    const start = redacted.length;
    redacted += `[${f.identifier}]`;
    placed.push([start, redacted.length]);
    at = f.end;
  }
  redacted += text.slice(at);
  return placed.map(([start, end]) => {
    let from = Math.max(0, start - CONTEXT);
    let to = Math.min(redacted.length, end + CONTEXT);
    // Never cut a neighbouring placeholder in half.
    const open = redacted.lastIndexOf("[", from);
    if (open !== -1 && open < from && redacted.indexOf("]", open) >= from) from = open;
    const close = redacted.indexOf("]", to - 1);
    const nextOpen = redacted.lastIndexOf("[", to - 1);
    if (nextOpen !== -1 && nextOpen >= end && close !== -1 && close >= to - 1) to = close + 1;
    const body = redacted.slice(from, to).replace(/\s+/g, " ");
    return `${from > 0 ? "…" : ""}${body}${to < redacted.length ? "…" : ""}`;
  });
}
