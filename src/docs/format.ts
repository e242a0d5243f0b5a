/**
 * How numbers read in every document: rates as percentages with one decimal ("91.3% (88.9–93.4)"), set
 * metrics with three decimals ("0.612 (0.580–0.640)"), changes of a rate in percentage points ("−5.1 pts"),
 * p-values, money and counts. A missing or undefined figure reads "—", never a made-up number.
 */

export type MetricKind = "rate" | "set";

/** U+2212, the typographic minus: "−5.1" lines up with "+5.1" and never wraps as a hyphen. */
const MINUS = "\u2212";
export const NONE = "—";

export const isNum = (v: number | null | undefined): v is number =>
  typeof v === "number" && Number.isFinite(v);

/** A fixed-point number with a real minus sign, and no "−0.0". */
export function fixed(v: number, digits: number): string {
  const s = v.toFixed(digits);
  if (Number(s) === 0) return (0).toFixed(digits);
  return s.startsWith("-") ? `${MINUS}${s.slice(1)}` : s;
}

function signed(v: number, digits: number): string {
  const s = fixed(v, digits);
  return s.startsWith(MINUS) || Number(v.toFixed(digits)) === 0 ? s : `+${s}`;
}

/** A metric's value alone: "91.3%" or "0.612". */
export function value(v: number | null | undefined, kind: MetricKind): string {
  if (!isNum(v)) return NONE;
  return kind === "rate" ? `${fixed(v * 100, 1)}%` : fixed(v, 3);
}

/** An interval of values: "88.9–93.4" (rates, in percent) or "0.580–0.640". */
export function range(
  low: number | null | undefined,
  high: number | null | undefined,
  kind: MetricKind,
): string {
  if (!isNum(low) || !isNum(high)) return NONE;
  return kind === "rate"
    ? `${fixed(low * 100, 1)}–${fixed(high * 100, 1)}`
    : `${fixed(low, 3)}–${fixed(high, 3)}`;
}

/** "91.3% (88.9–93.4)"; the interval is left out when there is none. */
export function valueWithInterval(
  v: number | null | undefined,
  interval: { low: number; high: number } | null | undefined,
  kind: MetricKind,
): string {
  const shown = value(v, kind);
  if (shown === NONE || !interval || !isNum(interval.low) || !isNum(interval.high)) return shown;
  return `${shown} (${range(interval.low, interval.high, kind)})`;
}

/** A change: "−5.1 pts" for rates, "+0.012" for set metrics. */
export function delta(d: number | null | undefined, kind: MetricKind): string {
  if (!isNum(d)) return NONE;
  return kind === "rate" ? `${signed(d * 100, 1)} pts` : signed(d, 3);
}

/** The interval of a change: "−7.0 to −3.2 pts" ("to", because both ends may be negative). */
export function deltaRange(
  interval: { low: number; high: number } | null | undefined,
  kind: MetricKind,
): string {
  if (!interval || !isNum(interval.low) || !isNum(interval.high)) return NONE;
  return kind === "rate"
    ? `${signed(interval.low * 100, 1)} to ${signed(interval.high * 100, 1)} pts`
    : `${signed(interval.low, 3)} to ${signed(interval.high, 3)}`;
}

/** A tolerance in the metric's units: "2.0 pts" or "0.020". */
export function tolerance(t: number | null | undefined, kind: MetricKind): string {
  if (!isNum(t)) return NONE;
  return kind === "rate" ? `${fixed(t * 100, 1)} pts` : fixed(t, 3);
}

/** A p-value: "<0.001", "0.034", "1.000". */
export function pValue(p: number | null | undefined): string {
  if (!isNum(p)) return NONE;
  return p < 0.001 ? "<0.001" : p.toFixed(3);
}

export function count(n: number | null | undefined): string {
  return isNum(n) ? Math.round(n).toLocaleString("en-US") : NONE;
}

export function usd(n: number | null | undefined): string {
  if (!isNum(n)) return NONE;
  return `${n < 0 ? MINUS : ""}$${Math.abs(n).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A loss or other plain measurement with four decimals. */
export function loss(v: number | null | undefined): string {
  return isNum(v) ? fixed(v, 4) : NONE;
}

/** A share of a total: "42.0%". */
export function share(part: number, total: number): string {
  return total > 0 ? `${fixed((100 * part) / total, 1)}%` : NONE;
}

/** A value for a table cell from anything JSON-like (hyperparameters). */
export function anyValue(v: unknown): string {
  if (v === null || v === undefined) return NONE;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : NONE;
  if (typeof v === "string" || typeof v === "boolean") return String(v);
  return JSON.stringify(v) ?? NONE;
}
