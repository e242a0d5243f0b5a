/**
 * Measured quality of a PHI scanner against the evaluation corpus in evals/phi/: per-identifier recall on
 * planted spans (at MEDIUM and above, at HIGH and above — what fails an audit — and with the identifier
 * matching too), false findings per 100 clean records, and the worst misses as examples. The corpus is
 * synthetic, so reports may show the planted values.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { IDENTIFIERS, type Identifier } from "./identifiers.js";

export interface PlantedSpan {
  identifier: Identifier;
  /** JavaScript string indices into the record's text; end is exclusive. */
  start: number;
  end: number;
  /** text.slice(start, end). */
  value: string;
}

export interface PlantedRecord {
  id: string;
  text: string;
  spans: PlantedSpan[];
}

export interface CleanRecord {
  id: string;
  text: string;
}

/** The part of a scanner finding that quality looks at. */
export interface ScanFinding {
  identifier: string;
  severity: string;
  start: number;
  end: number;
}

export type ScanFunction = (text: string) => readonly ScanFinding[];

export interface IdentifierQuality {
  identifier: Identifier;
  planted: number;
  /** Planted spans overlapped by some finding of severity CRITICAL, HIGH or MEDIUM. */
  found: number;
  /** Planted spans overlapped by some CRITICAL or HIGH finding: the ones that fail an audit. */
  foundHigh: number;
  /** Planted spans overlapped by a CRITICAL, HIGH or MEDIUM finding of the same identifier. */
  foundExact: number;
  /** found / planted (NaN when nothing of this identifier is planted). */
  recall: number;
  recallHigh: number;
  recallExact: number;
}

export interface Example {
  recordId: string;
  identifier: string;
  severity?: string;
  start: number;
  end: number;
  value: string;
  /** Up to 40 characters each side of the span, on one line. */
  context: string;
}

export interface QualityReport {
  perIdentifier: IdentifierQuality[];
  overall: Omit<IdentifierQuality, "identifier">;
  clean: {
    records: number;
    /** Findings of severity CRITICAL, HIGH or MEDIUM on clean text. */
    falseFindings: number;
    falseFindingsPer100: number;
    /** The same, counting only CRITICAL and HIGH (clean records that would fail an audit). */
    falseFindingsHigh: number;
    falseFindingsHighPer100: number;
    /** LOW findings on clean text: reported, never enough to fail an audit. */
    lowFindings: number;
    lowFindingsPer100: number;
    falseByIdentifier: Partial<Record<string, number>>;
  };
  /** Planted spans that no CRITICAL/HIGH/MEDIUM finding overlaps, worst identifiers first (≤ 20). */
  misses: Example[];
  /** Planted spans found at MEDIUM but not at HIGH or above: they would pass an audit (≤ 20). */
  weakFinds: Example[];
  /** CRITICAL/HIGH/MEDIUM findings on clean text (≤ 20), and LOW ones (≤ 20). */
  falseFindings: Example[];
  lowFindings: Example[];
}

const RANK: Record<string, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };
const HIGH = 3;
const MEDIUM = 2;
export const MAX_EXAMPLES = 20;

function rank(severity: string): number {
  return RANK[severity] ?? 0;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function ratio(n: number, d: number): number {
  return d === 0 ? Number.NaN : n / d;
}

function context(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 40);
  const to = Math.min(text.length, end + 40);
  return `${from > 0 ? "…" : ""}${text.slice(from, to)}${to < text.length ? "…" : ""}`.replace(/\s+/g, " ");
}

function example(
  { id, text }: { id: string; text: string },
  s: { start: number; end: number },
  identifier: string,
  severity: string | undefined,
): Example {
  return {
    recordId: id,
    identifier,
    ...(severity === undefined ? {} : { severity }),
    start: s.start,
    end: s.end,
    value: text.slice(s.start, s.end),
    context: context(text, s.start, s.end),
  };
}

/** Up to MAX examples, round-robin over identifiers in ORDER so every weak identifier shows. */
function worstFirst(examples: Example[], order: readonly string[]): Example[] {
  const byId = new Map<string, Example[]>();
  for (const e of examples) byId.set(e.identifier, [...(byId.get(e.identifier) ?? []), e]);
  const out: Example[] = [];
  for (let round = 0; out.length < MAX_EXAMPLES; round++) {
    let any = false;
    for (const id of order) {
      const e = byId.get(id)?.[round];
      if (e === undefined) continue;
      any = true;
      if (out.length < MAX_EXAMPLES) out.push(e);
    }
    if (!any) break;
  }
  return out;
}

type Tally = Pick<IdentifierQuality, "planted" | "found" | "foundHigh" | "foundExact">;

function withRecall<T extends Tally>(
  t: T,
): T & Pick<IdentifierQuality, "recall" | "recallHigh" | "recallExact"> {
  return {
    ...t,
    recall: ratio(t.found, t.planted),
    recallHigh: ratio(t.foundHigh, t.planted),
    recallExact: ratio(t.foundExact, t.planted),
  };
}

export function measureQuality(
  scan: ScanFunction,
  planted: readonly PlantedRecord[],
  clean: readonly CleanRecord[],
): QualityReport {
  const tallies = new Map<string, Tally & { identifier: Identifier }>(
    IDENTIFIERS.map((identifier) => [
      identifier,
      { identifier, planted: 0, found: 0, foundHigh: 0, foundExact: 0 },
    ]),
  );
  const misses: Example[] = [];
  const weak: Example[] = [];
  for (const record of planted) {
    const findings = scan(record.text);
    for (const span of record.spans) {
      const t = tallies.get(span.identifier);
      if (t === undefined) throw new Error(`${record.id}: unknown identifier ${span.identifier}`);
      const over = findings.filter((f) => overlaps(f, span));
      const best = over.reduce((m, f) => Math.max(m, rank(f.severity)), 0);
      t.planted++;
      if (best >= MEDIUM) t.found++;
      if (best >= HIGH) t.foundHigh++;
      if (over.some((f) => f.identifier === span.identifier && rank(f.severity) >= MEDIUM)) t.foundExact++;
      const e = () =>
        example(record, span, span.identifier, over.find((f) => rank(f.severity) === best)?.severity);
      if (best < MEDIUM) misses.push(e());
      else if (best < HIGH) weak.push(e());
    }
  }
  const perIdentifier = [...tallies.values()].map(withRecall);
  const sum = (key: keyof Tally) => perIdentifier.reduce((n, q) => n + q[key], 0);
  const overall = withRecall({
    planted: sum("planted"),
    found: sum("found"),
    foundHigh: sum("foundHigh"),
    foundExact: sum("foundExact"),
  });

  const falseFindings: Example[] = [];
  const lowFindings: Example[] = [];
  const falseByIdentifier: Partial<Record<string, number>> = {};
  let falseHigh = 0;
  for (const record of clean) {
    for (const f of scan(record.text)) {
      const e = example(record, f, f.identifier, f.severity);
      if (rank(f.severity) >= MEDIUM) {
        falseFindings.push(e);
        falseByIdentifier[f.identifier] = (falseByIdentifier[f.identifier] ?? 0) + 1;
        if (rank(f.severity) >= HIGH) falseHigh++;
      } else lowFindings.push(e);
    }
  }
  const per100 = (n: number) => ratio(100 * n, clean.length);
  const order = [...perIdentifier].sort((a, b) => (a.recall || 0) - (b.recall || 0)).map((q) => q.identifier);
  const weakOrder = [...perIdentifier]
    .sort((a, b) => (a.recallHigh || 0) - (b.recallHigh || 0))
    .map((q) => q.identifier);
  return {
    perIdentifier,
    overall,
    clean: {
      records: clean.length,
      falseFindings: falseFindings.length,
      falseFindingsPer100: per100(falseFindings.length),
      falseFindingsHigh: falseHigh,
      falseFindingsHighPer100: per100(falseHigh),
      lowFindings: lowFindings.length,
      lowFindingsPer100: per100(lowFindings.length),
      falseByIdentifier,
    },
    misses: worstFirst(misses, order),
    weakFinds: worstFirst(weak, weakOrder),
    falseFindings: falseFindings.slice(0, MAX_EXAMPLES),
    lowFindings: lowFindings.slice(0, MAX_EXAMPLES),
  };
}

export const CORPUS_DIR = fileURLToPath(new URL("../../evals/phi/", import.meta.url));

function readJsonl(path: string): unknown[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new Error(`${path}:${i + 1}: not JSON (${(error as Error).message})`);
      }
    });
}

function isRecord(value: unknown): value is { id: string; text: string } {
  const v = value as { id?: unknown; text?: unknown } | null;
  return typeof v === "object" && v !== null && typeof v.id === "string" && typeof v.text === "string";
}

/** Reads and checks planted.jsonl and clean.jsonl: every span must lie in its text and hold its value. */
export function loadCorpus(dir: string = CORPUS_DIR): { planted: PlantedRecord[]; clean: CleanRecord[] } {
  const known = new Set<string>(IDENTIFIERS);
  const planted = readJsonl(join(dir, "planted.jsonl")).map((value, i) => {
    const spans = (value as { spans?: unknown }).spans;
    if (!isRecord(value) || !Array.isArray(spans))
      throw new Error(`planted.jsonl:${i + 1}: not a planted record`);
    for (const s of spans as PlantedSpan[]) {
      if (!known.has(s.identifier) || value.text.slice(s.start, s.end) !== s.value || s.end <= s.start)
        throw new Error(`planted.jsonl:${i + 1}: bad span ${JSON.stringify(s)}`);
    }
    return { id: value.id, text: value.text, spans: spans as PlantedSpan[] };
  });
  const clean = readJsonl(join(dir, "clean.jsonl")).map((value, i) => {
    if (!isRecord(value)) throw new Error(`clean.jsonl:${i + 1}: not a clean record`);
    return { id: value.id, text: value.text };
  });
  return { planted, clean };
}

export interface Floors {
  /** Per identifier: the least share of planted spans a CRITICAL or HIGH finding must overlap. */
  recallHigh: Record<Identifier, number>;
  /** The most CRITICAL/HIGH/MEDIUM findings per 100 clean records. */
  maxFalseFindingsPer100Clean: number;
  /** The corpus must plant at least this many spans of every identifier. */
  minSpansPerIdentifier: number;
}

/** The quality floors, kept in one place: evals/phi/floors.json. */
export function loadFloors(dir: string = CORPUS_DIR): Floors {
  const raw = JSON.parse(readFileSync(join(dir, "floors.json"), "utf8")) as Partial<Floors>;
  const recallHigh = raw.recallHigh as Partial<Record<string, unknown>> | undefined;
  const bad = (what: string) => new Error(`floors.json: ${what}`);
  if (recallHigh === undefined) throw bad("no recallHigh");
  for (const id of IDENTIFIERS) {
    const v = recallHigh[id];
    if (typeof v !== "number" || v < 0 || v > 1) throw bad(`recallHigh.${id} must be a number in [0, 1]`);
  }
  if (typeof raw.maxFalseFindingsPer100Clean !== "number") throw bad("no maxFalseFindingsPer100Clean");
  if (typeof raw.minSpansPerIdentifier !== "number") throw bad("no minSpansPerIdentifier");
  return {
    recallHigh: recallHigh as Record<Identifier, number>,
    maxFalseFindingsPer100Clean: raw.maxFalseFindingsPer100Clean,
    minSpansPerIdentifier: raw.minSpansPerIdentifier,
  };
}
