/**
 * The online comparison as a document (Markdown and HTML through the shared renderers), and the reading
 * of each difference: clearly higher, clearly lower, or no clear difference when its interval holds zero.
 */
import { bold, type Document, heading, keyValue, note, num, paragraph, table } from "../docs/document.js";
import type { QuantileEstimate } from "../stats/quantile.js";
import type { Difference, OnlineReport, Rate } from "./online-report.js";

const pct = (x: number) => `${(100 * x).toFixed(x !== 0 && Math.abs(x) < 0.01 ? 2 : 1)}%`;

export function rateText(r: Rate): string {
  if (r.rate === null || !r.interval) return "n/a";
  return `${pct(r.rate)} (${pct(r.interval.low)}–${pct(r.interval.high)}) ${r.count}/${r.of}`;
}

export function msText(q: QuantileEstimate | null): string {
  if (!q) return "n/a";
  const f = (x: number | null) => (x === null ? "?" : x.toFixed(x < 10 ? 1 : 0));
  return `${f(q.value)} (${f(q.low)}–${f(q.high)})`;
}

/** "higher", "lower" or "no clear difference" (the interval holds 0), in points. */
export function differenceText(d: Difference): string {
  if (d.difference === null || d.low === null || d.high === null) return "n/a";
  const pts = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(2)} pts`;
  const reading = d.low > 0 ? "higher" : d.high < 0 ? "lower" : "no clear difference";
  return `${pts(d.difference)} (${pts(d.low)} to ${pts(d.high)}): ${reading}`;
}

export function onlineReportDocument(r: OnlineReport): Document {
  const labels = Object.keys(r.variants[0]?.outcomes ?? {});
  const blocks: Document["blocks"] = [
    keyValue([
      ["Model family", r.family],
      ["Requests", String(r.requests)],
      ["From", r.since ?? "n/a"],
      ["To", r.until ?? "n/a"],
      ["Reference", r.reference ?? "n/a"],
    ]),
  ];
  if (r.requests === 0) {
    blocks.push(note("info", "The router has recorded no requests for this family in this period."));
    return { title: `Online comparison: ${r.family}`, blocks };
  }
  blocks.push(
    heading(2, "Variants"),
    table(
      [
        { header: "Variant" },
        num("Requests"),
        num("Error rate (95% CI)"),
        num("p50 ms"),
        num("p90 ms"),
        num("p99 ms"),
        num("First byte p50 ms"),
      ],
      r.variants.map((v) => [
        bold(v.label),
        String(v.requests),
        rateText(v.errors),
        msText(v.latencyMs.p50),
        msText(v.latencyMs.p90),
        msText(v.latencyMs.p99),
        msText(v.firstByteMsP50),
      ]),
      "Latency percentiles are over the requests that succeeded, with distribution-free 95% intervals; a bound shown as ? needs more requests.",
    ),
  );
  if (labels.length)
    blocks.push(
      heading(2, "Outcomes fed back"),
      table(
        [{ header: "Variant" }, ...labels.map((l) => num(l))],
        r.variants.map((v) => [bold(v.label), ...labels.map((l) => rateText(v.outcomes[l]!))]),
        "Each label's rate among the variant's successful requests (Wilson 95% intervals).",
      ),
    );
  if (r.differences.length)
    blocks.push(
      heading(2, `Against ${r.reference}`),
      table(
        [{ header: "Measure" }, { header: "Variant" }, num("Difference (95% CI)")],
        r.differences.map((d) => [d.measure, d.variant, differenceText(d)]),
        "Newcombe's hybrid score interval for a difference of two rates.",
      ),
    );
  const errors = r.variants.filter((v) => Object.keys(v.errorsByKind).length);
  if (errors.length)
    blocks.push(
      heading(2, "Errors by kind"),
      paragraph(
        errors
          .map(
            (v) =>
              `${v.label}: ${Object.entries(v.errorsByKind)
                .map(([k, n]) => `${k} ${n}`)
                .join(", ")}`,
          )
          .join("; "),
      ),
    );
  return { title: `Online comparison: ${r.family}`, blocks };
}
