/**
 * The online comparison of a family's variants, from what the router recorded: per variant (and the
 * registry version it served) the error rate, latency percentiles of the requests that succeeded, and the
 * rate of each outcome label fed back, every figure with a 95% interval; then each variant against the
 * reference (the live configuration's first variant): the difference in error rate and in each label's
 * rate, with Newcombe's hybrid score interval (method 10), which stays sound for rates near 0 — where
 * error and overturn rates live.
 */
import type { Db } from "../ledger/ledger.js";
import { type QuantileEstimate, quantileInterval } from "../stats/quantile.js";
import { type RateInterval, wilsonInterval } from "../stats/wilson.js";
import { type RequestWithOutcomes, routedRequests } from "./request-log.js";
import { liveRoute } from "./route-store.js";

export interface Rate {
  count: number;
  of: number;
  rate: number | null;
  interval: RateInterval | null;
}

export interface VariantStats {
  /** "candidate v1.1": the variant's name and the version it served. */
  label: string;
  variant: string;
  version: string | null;
  requests: number;
  errors: Rate;
  errorsByKind: Record<string, number>;
  latencyMs: { p50: QuantileEstimate | null; p90: QuantileEstimate | null; p99: QuantileEstimate | null };
  /** Time to the first byte of streamed answers. */
  firstByteMsP50: QuantileEstimate | null;
  promptTokens: number;
  completionTokens: number;
  /** Each label's rate among the requests that succeeded. */
  outcomes: Record<string, Rate>;
}

export interface Difference {
  measure: string;
  variant: string;
  reference: string;
  /** Variant minus reference. */
  difference: number | null;
  low: number | null;
  high: number | null;
}

export interface OnlineReport {
  family: string;
  since: string | null;
  until: string | null;
  requests: number;
  reference: string | null;
  variants: VariantStats[];
  differences: Difference[];
}

function rate(count: number, of: number): Rate {
  return of === 0
    ? { count, of, rate: null, interval: null }
    : { count, of, rate: count / of, interval: wilsonInterval(count, of) };
}

const ok = (r: RequestWithOutcomes) => r.error === null && r.status < 400;

function statsOf(label: string, rows: RequestWithOutcomes[], labels: string[]): VariantStats {
  const good = rows.filter(ok);
  const latencies = good.map((r) => r.latencyMs).sort((a, b) => a - b);
  const firstBytes = good
    .filter((r) => r.stream && r.firstByteMs !== null)
    .map((r) => r.firstByteMs!)
    .sort((a, b) => a - b);
  const errorsByKind: Record<string, number> = {};
  for (const r of rows) {
    if (ok(r)) continue;
    // A backend's own error answer is told by its status (a 400 is not a 503).
    const kind = !r.error || r.error === "backend_status" ? `http_${r.status}` : r.error;
    errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
  }
  return {
    label,
    variant: rows[0]!.variant,
    version: rows[0]!.version,
    requests: rows.length,
    errors: rate(rows.length - good.length, rows.length),
    errorsByKind,
    latencyMs: {
      p50: quantileInterval(latencies, 0.5),
      p90: quantileInterval(latencies, 0.9),
      p99: quantileInterval(latencies, 0.99),
    },
    firstByteMsP50: quantileInterval(firstBytes, 0.5),
    promptTokens: good.reduce((s, r) => s + (r.promptTokens ?? 0), 0),
    completionTokens: good.reduce((s, r) => s + (r.completionTokens ?? 0), 0),
    outcomes: Object.fromEntries(
      labels.map((l) => [l, rate(good.filter((r) => r.labels.includes(l)).length, good.length)]),
    ),
  };
}

/** Newcombe's hybrid score interval for the difference of two independent rates (B − A). */
export function rateDifference(
  a: Rate,
  b: Rate,
): { difference: number | null; low: number | null; high: number | null } {
  if (a.rate === null || b.rate === null || !a.interval || !b.interval)
    return { difference: null, low: null, high: null };
  const d = b.rate - a.rate;
  return {
    difference: d,
    low: d - Math.sqrt((b.rate - b.interval.low) ** 2 + (a.interval.high - a.rate) ** 2),
    high: d + Math.sqrt((b.interval.high - b.rate) ** 2 + (a.rate - a.interval.low) ** 2),
  };
}

const labelOf = (r: { variant: string; version: string | null }) =>
  r.version ? `${r.variant} ${r.version}` : r.variant;

/** The report over FAMILY's requests since SINCE (ISO time; default: all). */
export function onlineReport(db: Db, family: string, since?: string): OnlineReport {
  const rows = routedRequests(db, family, since);
  const groups = new Map<string, RequestWithOutcomes[]>();
  for (const r of rows) {
    const key = labelOf(r);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  const labels = [...new Set(rows.flatMap((r) => r.labels))].sort();
  const variants = [...groups].map(([label, list]) => statsOf(label, list, labels));
  const first = liveRoute(db, family)?.config.variants[0];
  const reference =
    variants.find((v) => first && v.variant === first.name && v.version === (first.version ?? null)) ??
    [...variants].sort((a, b) => b.requests - a.requests)[0];
  const differences: Difference[] = [];
  for (const v of variants) {
    if (!reference || v === reference) continue;
    const pairs: [string, Rate, Rate][] = [
      ["error rate", reference.errors, v.errors],
      ...labels.map((l): [string, Rate, Rate] => [`${l} rate`, reference.outcomes[l]!, v.outcomes[l]!]),
    ];
    for (const [measure, a, b] of pairs)
      differences.push({ measure, variant: v.label, reference: reference.label, ...rateDifference(a, b) });
  }
  return {
    family,
    since: rows[0]?.createdAt ?? null,
    until: rows.at(-1)?.createdAt ?? null,
    requests: rows.length,
    reference: reference?.label ?? null,
    variants,
    differences,
  };
}
