/**
 * `npm run phi-quality`: the PHI scanner measured on the evaluation corpus in evals/phi/ — per-identifier
 * recall (at MEDIUM+, at HIGH+ which fails an audit, and with the identifier matching), false findings
 * per 100 clean records, and the first misses and false findings. The corpus is synthetic, so values
 * are shown as they are. Never used in tests; the floors are asserted by test/phi/quality.test.ts.
 */
import { type Example, loadCorpus, loadFloors, measureQuality } from "../src/phi/quality.js";
import { scanText } from "../src/phi/scanner.js";

const { planted, clean } = loadCorpus();
const floors = loadFloors();
const started = performance.now();
const report = measureQuality(scanText, planted, clean);
const seconds = (performance.now() - started) / 1000;

function pct(x: number): string {
  return Number.isNaN(x) ? "-" : `${(100 * x).toFixed(1)}%`;
}

function row(cells: readonly string[]): string {
  const widths = [16, 8, 11, 11, 11, 11, 5];
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" ");
}

console.log(
  `PHI quality: ${planted.length} planted records, ${clean.length} clean records, ${seconds.toFixed(2)} s\n`,
);
console.log(row(["identifier", "planted", "recall", "HIGH+", "exact id", "floor", ""]));
for (const q of report.perIdentifier) {
  const floor = floors.recallHigh[q.identifier];
  const ok = q.recallHigh >= floor ? "ok" : "BELOW";
  console.log(
    row([
      q.identifier,
      String(q.planted),
      pct(q.recall),
      pct(q.recallHigh),
      pct(q.recallExact),
      pct(floor),
      ok,
    ]),
  );
}
const o = report.overall;
console.log(
  row(["overall", String(o.planted), pct(o.recall), pct(o.recallHigh), pct(o.recallExact), "", ""]),
);
console.log(
  "\nrecall: a CRITICAL/HIGH/MEDIUM finding overlaps the span; HIGH+: a CRITICAL/HIGH one (fails an audit);",
);
console.log("exact id: a CRITICAL/HIGH/MEDIUM finding of the same identifier overlaps it.\n");

const c = report.clean;
const ceiling = floors.maxFalseFindingsPer100Clean;
console.log(
  `False findings on clean text (CRITICAL/HIGH/MEDIUM): ${c.falseFindings} = ${c.falseFindingsPer100.toFixed(2)} per 100 records (ceiling ${ceiling}) ${c.falseFindingsPer100 <= ceiling ? "ok" : "ABOVE"}`,
);
console.log(
  `  of which CRITICAL/HIGH: ${c.falseFindingsHigh} = ${c.falseFindingsHighPer100.toFixed(2)} per 100 records`,
);
console.log(
  `  LOW findings (never fail an audit): ${c.lowFindings} = ${c.lowFindingsPer100.toFixed(2)} per 100 records`,
);
const byId = Object.entries(c.falseByIdentifier).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
if (byId.length > 0) console.log(`  by identifier: ${byId.map(([id, n]) => `${id} ${n}`).join(", ")}`);

function section(title: string, examples: readonly Example[]): void {
  console.log(`\n${title} (${examples.length} shown)`);
  for (const e of examples) {
    const seen = e.severity === undefined ? "" : ` [${e.severity}]`;
    console.log(`  ${e.recordId} ${e.identifier}${seen} ${JSON.stringify(e.value)}\n      ${e.context}`);
  }
}

section(
  "Misses: no CRITICAL/HIGH/MEDIUM finding overlaps (worst identifiers first; [LOW] = only a LOW one did)",
  report.misses,
);
section("Weak finds: found at MEDIUM only, would pass an audit", report.weakFinds);
section("False findings on clean text", report.falseFindings);
section("LOW findings on clean text", report.lowFindings);
