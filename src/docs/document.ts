/**
 * A tiny document model shared by every report the workspace writes (model cards, evaluation and regression
 * reports): headings, paragraphs, bullet lists, aligned tables, key-value blocks, charts and callouts. The
 * builders produce plain data; `markdown.ts` and `html.ts` render it, so the two files never disagree and
 * every piece of text is escaped in exactly one place. Charts are data too: HTML draws them as inline SVG,
 * Markdown shows their figures as a table.
 */
import type { Verdict } from "../regression/types.js";

/** A run of inline text. Plain strings are literal text; nothing in them is read as markup. */
export type Inline = string | { bold: string } | { code: string } | { em: string };
/** Text with optional emphasis: one run or several. */
export type Rich = Inline | Inline[];

export type Align = "left" | "right" | "center";
export type Tone = "info" | "success" | "warning" | "danger";

export interface Column {
  header: string;
  align?: Align;
}

/** Training loss over steps (validation loss when present). */
export interface LossPoint {
  step: number;
  train: number | null;
  valid: number | null;
}

/** One metric's change from a baseline, with its interval; `limit` is the signed tolerance line. */
export interface DeltaRow {
  label: string;
  delta: number | null;
  low: number | null;
  high: number | null;
  verdict: Verdict;
  /** Where the tolerance sits on the axis (negative for higher-is-better metrics), if drawn. */
  limit?: number | null;
  /** The delta as shown beside the row (e.g. "−5.1 pts"). */
  text: string;
  /** Its interval in words (e.g. "−7.0 to −3.2 pts"), for the Markdown table that stands in for the chart. */
  detail?: string;
}

/** One metric's value with its interval. */
export interface BarRow {
  label: string;
  value: number | null;
  low: number | null;
  high: number | null;
  /** The value as shown beside the bar (e.g. "91.3%"). */
  text: string;
  /** Value and interval in words (e.g. "91.3% (88.9–93.4)"), for the Markdown table. */
  detail?: string;
  critical?: boolean;
}

export type ChartSpec =
  | { type: "loss"; points: LossPoint[] }
  | { type: "delta"; rows: DeltaRow[]; axisLabel: string }
  | { type: "bars"; rows: BarRow[]; axisLabel: string; percent: boolean };

export type Block =
  | { kind: "heading"; level: 2 | 3 | 4; text: string }
  | { kind: "paragraph"; text: Rich }
  | { kind: "bullets"; items: Rich[] }
  | { kind: "table"; columns: Column[]; rows: Rich[][]; caption?: string }
  | { kind: "keyValue"; pairs: [string, Rich][] }
  /** `tabulated`: a table of this document already holds the figures, so Markdown need not repeat them. */
  | { kind: "chart"; title: string; caption?: string; chart: ChartSpec; tabulated?: boolean }
  | { kind: "note"; tone: Tone; title?: string; text: Rich };

export interface Document {
  title: string;
  subtitle?: string;
  blocks: Block[];
}

export const bold = (text: string): Inline => ({ bold: text });
export const code = (text: string): Inline => ({ code: text });
export const em = (text: string): Inline => ({ em: text });

export const heading = (level: 2 | 3 | 4, text: string): Block => ({ kind: "heading", level, text });
export const paragraph = (...text: Inline[]): Block => ({ kind: "paragraph", text });
export const bullets = (items: Rich[]): Block => ({ kind: "bullets", items });
export const table = (columns: Column[], rows: Rich[][], caption?: string): Block =>
  caption === undefined ? { kind: "table", columns, rows } : { kind: "table", columns, rows, caption };
export const keyValue = (pairs: [string, Rich][]): Block => ({ kind: "keyValue", pairs });
export const chart = (title: string, spec: ChartSpec, caption?: string, tabulated = false): Block => ({
  kind: "chart",
  title,
  chart: spec,
  ...(caption === undefined ? {} : { caption }),
  ...(tabulated ? { tabulated } : {}),
});
export const note = (tone: Tone, text: Rich, title?: string): Block =>
  title === undefined ? { kind: "note", tone, text } : { kind: "note", tone, text, title };

/** The runs of a piece of rich text, as a list. */
export function runs(text: Rich): Inline[] {
  return Array.isArray(text) ? text : [text];
}

/** The text without emphasis (for alt text, titles and tests). */
export function plain(text: Rich): string {
  return runs(text)
    .map((r) => (typeof r === "string" ? r : "bold" in r ? r.bold : "code" in r ? r.code : r.em))
    .join("");
}

/** A column header with right alignment (numbers). */
export const num = (header: string): Column => ({ header, align: "right" });
