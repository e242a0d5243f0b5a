/**
 * The PHI scanner: every recognizer over one string, the clinical allow-list, overlap resolution and
 * severity. Deterministic; no model decides anything here.
 */
import { allowedSpans } from "./allow-list.js";
import type { Candidate, Confidence, Recognizer } from "./candidate.js";
import type { Identifier, Severity } from "./identifiers.js";
import { RECOGNIZERS } from "./recognizers/index.js";
import { severityOf } from "./severity.js";

/** Bump whenever a change could change any verdict: attestations record it. */
export const SCANNER_VERSION = "phi-scanner/1.0.0";

export interface Finding {
  identifier: Identifier;
  severity: Severity;
  confidence: Confidence;
  start: number;
  end: number;
  rule: string;
}

const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };

/** Allow-list spans sorted by start with the running maximum of their ends: coverage in O(log n). */
interface SpanIndex {
  starts: number[];
  maxEnds: number[];
  offset: number;
}

function indexSpans(spans: [number, number][], offset = 0): SpanIndex {
  spans.sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const maxEnds: number[] = [];
  let max = -1;
  for (const [s, e] of spans) {
    max = Math.max(max, e);
    starts.push(s);
    maxEnds.push(max);
  }
  return { starts, maxEnds, offset };
}

function covered(c: Candidate, index: SpanIndex): boolean {
  const start = c.start - index.offset;
  let lo = 0;
  let hi = index.starts.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (index.starts[mid]! <= start) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return last >= 0 && index.maxEnds[last]! >= c.end - index.offset;
}

const WINDOW = 48;
const MAX_STRETCH = 256;
const isSpace = (ch: string | undefined) => ch === " " || ch === "\n" || ch === "\t" || ch === "\r";

/**
 * Whether the allow-list covers C, looking only at the words around it: most strings have few
 * candidates, and the allow-list over a whole long string costs more than all recognizers together.
 * The window is stretched to whitespace so no token is cut (a cut number could pass for a dose);
 * undefined when it cannot be (a very long token): the caller then uses the whole text.
 */
function allowedNearby(text: string, c: Candidate): boolean | undefined {
  let from = Math.max(0, c.start - WINDOW);
  let to = Math.min(text.length, c.end + WINDOW);
  const floor = Math.max(0, from - MAX_STRETCH);
  const ceiling = Math.min(text.length, to + MAX_STRETCH);
  while (from > floor && !isSpace(text[from - 1])) from--;
  while (to < ceiling && !isSpace(text[to])) to++;
  if ((from > 0 && !isSpace(text[from - 1])) || (to < text.length && !isSpace(text[to]))) return undefined;
  return covered(c, indexSpans(allowedSpans(text.slice(from, to)), from));
}

/** Findings in TEXT, sorted by start, not overlapping: of two overlapping ones the more severe wins. */
export function scanText(text: string, recognizers: readonly Recognizer[] = RECOGNIZERS): Finding[] {
  if (text.length === 0) return [];
  const candidates: Candidate[] = [];
  for (const r of recognizers) r.scan(text, candidates);
  if (candidates.length === 0) return [];
  const unsure = candidates.filter((c) => c.confidence !== "strong").length;
  // Whole-text allow-list when windows would cover most of the text anyway.
  let spans = unsure * WINDOW * 4 >= text.length ? indexSpans(allowedSpans(text)) : undefined;
  const findings: Finding[] = [];
  for (const c of candidates) {
    if (c.confidence !== "strong") {
      let allowed = spans ? undefined : allowedNearby(text, c);
      if (allowed === undefined) {
        spans ??= indexSpans(allowedSpans(text));
        allowed = covered(c, spans);
      }
      if (allowed) continue;
    }
    findings.push({ ...c, severity: severityOf(c.identifier, c.confidence) });
  }
  // Most severe first, then longest, then earliest; keep each one that overlaps nothing kept so far.
  findings.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  // Characters already claimed by a kept finding: linear in the findings' lengths, not quadratic in their number.
  const claimed = new Uint8Array(text.length);
  const kept: Finding[] = [];
  for (const f of findings) {
    let free = true;
    for (let i = f.start; i < f.end && free; i++) free = claimed[i] === 0;
    if (!free) continue;
    claimed.fill(1, f.start, f.end);
    kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}
