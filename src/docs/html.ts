/**
 * Renders a Document as ONE self-contained HTML file: inline CSS, charts as inline SVG, no scripts, fonts,
 * images or links to load, and a Content-Security-Policy that forbids them anyway. Every piece of text is
 * escaped, so a model name such as `<script>…` shows as text. Prints cleanly (A4 or Letter, no page breaks
 * inside tables, charts or callouts) so it can be attached to a review or signed off on paper.
 */
import { type Block, type ChartSpec, type Document, type Inline, type Rich, runs } from "./document.js";
import { barChart, deltaChart, escapeXml, lossChart } from "./svg-charts.js";

export const escapeHtml = escapeXml;

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f8fa; color: #24292f;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 980px; margin: 24px auto; padding: 32px 40px; background: #fff; border: 1px solid #d0d7de;
  border-radius: 6px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d8dee4; }
h3 { font-size: 16px; margin: 24px 0 8px; }
h4 { font-size: 14px; margin: 16px 0 6px; }
.subtitle { color: #57606a; margin: 0 0 16px; }
p { margin: 8px 0; }
ul { margin: 8px 0; padding-left: 24px; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa;
  padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; margin: 8px 0 12px; }
table { border-collapse: collapse; font-size: 13px; }
caption { text-align: left; color: #57606a; padding-bottom: 4px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; vertical-align: top; }
thead th { background: #f6f8fa; }
td.right, th.right { text-align: right; font-variant-numeric: tabular-nums; }
td.center, th.center { text-align: center; }
table.kv th { text-align: left; font-weight: 600; background: #f6f8fa; white-space: nowrap; }
figure { margin: 12px 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #57606a; font-size: 12px; }
.figure-title { font-weight: 600; }
.note { border-left: 4px solid; padding: 8px 12px; margin: 12px 0; border-radius: 0 6px 6px 0; }
.note.info { border-color: #0969da; background: #ddf4ff; }
.note.success { border-color: #1a7f37; background: #dafbe1; }
.note.warning { border-color: #9a6700; background: #fff8c5; }
.note.danger { border-color: #cf222e; background: #ffebe9; }
.note-title { font-weight: 600; margin-right: 4px; }
footer { color: #57606a; font-size: 12px; margin-top: 32px; }
@page { margin: 16mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { margin: 0; padding: 0; border: 0; max-width: none; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  table, figure, .note, tr { break-inside: avoid; page-break-inside: avoid; }
  .table-wrap { overflow: visible; }
  .note, thead th, table.kv th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function inline(run: Inline): string {
  if (typeof run === "string") return escapeHtml(run);
  if ("bold" in run) return `<strong>${escapeHtml(run.bold)}</strong>`;
  if ("em" in run) return `<em>${escapeHtml(run.em)}</em>`;
  return `<code>${escapeHtml(run.code)}</code>`;
}

export function renderRichHtml(text: Rich): string {
  return runs(text).map(inline).join("");
}

/** A stable anchor for a heading: lowercase words joined by hyphens. */
function slug(text: string, used: Map<string, number>): string {
  const base =
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "section";
  const seen = used.get(base) ?? 0;
  used.set(base, seen + 1);
  return seen ? `${base}-${seen + 1}` : base;
}

export function chartSvg(spec: ChartSpec, title: string): string {
  if (spec.type === "loss") return lossChart(spec.points, { title });
  if (spec.type === "delta") return deltaChart(spec.rows, { title, axisLabel: spec.axisLabel });
  return barChart(spec.rows, { title, axisLabel: spec.axisLabel, percent: spec.percent });
}

function block(b: Block, used: Map<string, number>): string {
  switch (b.kind) {
    case "heading":
      return `<h${b.level} id="${slug(b.text, used)}">${escapeHtml(b.text)}</h${b.level}>`;
    case "paragraph":
      return `<p>${renderRichHtml(b.text)}</p>`;
    case "bullets":
      return b.items.length ? `<ul>${b.items.map((i) => `<li>${renderRichHtml(i)}</li>`).join("")}</ul>` : "";
    case "table": {
      const cls = (i: number) => {
        const align = b.columns[i]?.align;
        return align && align !== "left" ? ` class="${align}"` : "";
      };
      const head = b.columns.map((c, i) => `<th scope="col"${cls(i)}>${escapeHtml(c.header)}</th>`).join("");
      const body = b.rows
        .map(
          (row) =>
            `<tr>${b.columns.map((_, i) => `<td${cls(i)}>${row[i] === undefined ? "" : renderRichHtml(row[i] as Rich)}</td>`).join("")}</tr>`,
        )
        .join("\n");
      const caption = b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : "";
      return `<div class="table-wrap"><table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
    }
    case "keyValue":
      return `<div class="table-wrap"><table class="kv"><tbody>\n${b.pairs
        .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${renderRichHtml(v)}</td></tr>`)
        .join("\n")}\n</tbody></table></div>`;
    case "chart": {
      const caption = b.caption ? ` ${escapeHtml(b.caption)}` : "";
      return `<figure>${chartSvg(b.chart, b.title)}<figcaption><span class="figure-title">${escapeHtml(b.title)}.</span>${caption}</figcaption></figure>`;
    }
    case "note": {
      const title = b.title ? `<span class="note-title">${escapeHtml(b.title)}</span>` : "";
      return `<div class="note ${b.tone}" role="note"><p>${title}${renderRichHtml(b.text)}</p></div>`;
    }
  }
}

export function renderHtml(doc: Document): string {
  const used = new Map<string, number>();
  const body = doc.blocks
    .map((b) => block(b, used))
    .filter(Boolean)
    .join("\n");
  const subtitle = doc.subtitle ? `\n<p class="subtitle">${escapeHtml(doc.subtitle)}</p>` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">
<meta name="generator" content="Clinical Fine-Tuner">
<title>${escapeHtml(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(doc.title)}</h1>${subtitle}
${body}
<footer>Generated by Clinical Fine-Tuner. This file is self-contained: it loads nothing from the network.</footer>
</main>
</body>
</html>
`;
}
