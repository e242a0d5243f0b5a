/**
 * Renders a Document as GitHub-flavoured Markdown: the copy kept in the workspace and pasted into issues,
 * pull requests and Google Docs. All text is literal: Markdown and HTML characters in model names, labels or
 * redacted snippets are escaped, pipes in table cells too, so no input can add a link, an image or a tag.
 * Charts cannot be drawn in Markdown; their figures appear as a small table instead.
 */
import {
  type Block,
  type ChartSpec,
  type Column,
  type Document,
  type Inline,
  type Rich,
  runs,
} from "./document.js";

const ALERT = { info: "NOTE", success: "TIP", warning: "WARNING", danger: "CAUTION" } as const;
const LOSS_ROWS = 12;

/** Escapes characters that Markdown (or inline HTML) would read as markup. Intraword underscores stay. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, " ")
    .replace(/[\\`*[\]~<>|]|_(?![A-Za-z0-9])|(?<![A-Za-z0-9])_|&(?=#?[A-Za-z0-9]+;)/g, (c) =>
      c === "&" ? "&amp;" : `\\${c}`,
    );
}

/** Text at the start of a block must not open a heading, list, quote or rule. */
function guardStart(text: string): string {
  return text.replace(/^(\s*)([#+=-]|\d+[.)])/, (_, space: string, mark: string) =>
    mark.length > 1 ? `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}` : `${space}\\${mark}`,
  );
}

function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Emphasis markers must touch text: leading and trailing spaces move outside them. */
function wrap(text: string, mark: string): string {
  const m = /^(\s*)(.*?)(\s*)$/s.exec(text) as RegExpExecArray;
  const inner = m[2] ?? "";
  return inner ? `${m[1]}${mark}${escapeMarkdown(inner)}${mark}${m[3]}` : text;
}

function inline(run: Inline): string {
  if (typeof run === "string") return escapeMarkdown(run);
  if ("bold" in run) return wrap(run.bold, "**");
  if ("em" in run) return wrap(run.em, "*");
  return codeSpan(run.code);
}

export function renderRich(text: Rich): string {
  return runs(text).map(inline).join("");
}

/** A table cell: one line, and no unescaped pipe (even inside code spans, where GitHub still splits on it). */
function cell(text: Rich): string {
  return runs(text)
    .map((r) => (typeof r === "object" && "code" in r ? codeSpan(r.code).replace(/\|/g, "\\|") : inline(r)))
    .join("")
    .trim();
}

function tableLines(columns: Column[], rows: Rich[][]): string {
  const rule = columns.map((c) => (c.align === "right" ? "---:" : c.align === "center" ? ":---:" : "---"));
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const body = rows.map((row) =>
    line(columns.map((_, i) => (row[i] === undefined ? "" : cell(row[i] as Rich)))),
  );
  return [line(columns.map((c) => cell(c.header))), `|${rule.join("|")}|`, ...body].join("\n");
}

/** The figures a chart is drawn from, as a table. */
export function chartTable(spec: ChartSpec): { columns: Column[]; rows: Rich[][] } {
  const right = (header: string): Column => ({ header, align: "right" });
  if (spec.type === "loss") {
    const points = spec.points.filter((p) => Number.isFinite(p.step));
    const validated = points.filter((p) => p.valid !== null && Number.isFinite(p.valid));
    // Prefer the steps that have a validation loss, so both columns have figures to compare.
    const pool =
      validated.length >= 2
        ? [...new Set([points[0], ...validated, points.at(-1)])].filter((p) => p !== undefined)
        : points;
    const picked =
      pool.length <= LOSS_ROWS
        ? pool
        : Array.from(
            { length: LOSS_ROWS },
            (_, i) => pool[Math.round((i * (pool.length - 1)) / (LOSS_ROWS - 1))],
          );
    const fmt = (v: number | null) => (v !== null && Number.isFinite(v) ? v.toFixed(4) : "—");
    const hasValid = validated.length > 0;
    const columns = [right("step"), right("train loss"), ...(hasValid ? [right("validation loss")] : [])];
    const rows = picked.map((p) => {
      const row: Rich[] = [String(p?.step), fmt(p?.train ?? null)];
      if (hasValid) row.push(fmt(p?.valid ?? null));
      return row;
    });
    return { columns, rows };
  }
  if (spec.type === "delta")
    return {
      columns: [{ header: "metric" }, right("change"), right("95% interval"), { header: "verdict" }],
      rows: spec.rows.map((r) => [r.label, r.text, r.detail ?? "—", { bold: r.verdict }]),
    };
  return {
    columns: [{ header: "metric" }, right("value (95% interval)")],
    rows: spec.rows.map((r) => [
      r.critical ? [r.label, " ", { em: "(critical)" }] : r.label,
      r.detail ?? r.text,
    ]),
  };
}

function block(b: Block): string {
  switch (b.kind) {
    case "heading":
      return `${"#".repeat(b.level)} ${escapeMarkdown(b.text)}`;
    case "paragraph":
      return guardStart(renderRich(b.text));
    case "bullets":
      return b.items.length ? b.items.map((item) => `- ${guardStart(renderRich(item))}`).join("\n") : "";
    case "table": {
      const caption = b.caption ? `${guardStart(escapeMarkdown(b.caption))}\n\n` : "";
      return `${caption}${tableLines(b.columns, b.rows)}`;
    }
    case "keyValue":
      return `| | |\n|---|---|\n${b.pairs.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`).join("\n")}`;
    case "chart": {
      if (b.tabulated)
        return `*${escapeMarkdown(`${b.title}: chart in the HTML version; its figures are in the table.`)}*`;
      const { columns, rows } = chartTable(b.chart);
      const title = `**${escapeMarkdown(b.title)}** ${escapeMarkdown("(chart in the HTML version; its figures:)")}`;
      const caption = b.caption ? `\n\n${guardStart(escapeMarkdown(b.caption))}` : "";
      return `${title}\n\n${rows.length ? tableLines(columns, rows) : "No data."}${caption}`;
    }
    case "note": {
      const title = b.title ? `${wrap(b.title, "**")} ` : "";
      return `> [!${ALERT[b.tone]}]\n> ${title}${renderRich(b.text)}`;
    }
  }
}

export function renderMarkdown(doc: Document): string {
  const head = [`# ${escapeMarkdown(doc.title)}`];
  if (doc.subtitle) head.push(guardStart(escapeMarkdown(doc.subtitle)));
  const body = doc.blocks.map(block).filter((s) => s.length > 0);
  return `${[...head, ...body].join("\n\n")}\n`;
}
