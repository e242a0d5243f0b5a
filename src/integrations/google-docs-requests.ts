/**
 * Turns one of our Documents into the requests of a single Google Docs `documents.batchUpdate` on a new,
 * empty document, keeping its structure: title and headings as named paragraph styles, bullet lists,
 * native tables with their cell text, bold / italic / code runs. Charts become one line of text pointing
 * at the HTML version. Every run of text is redacted (PHI), and line breaks inside a run become spaces so
 * one block is one paragraph.
 *
 * Index arithmetic. Docs addresses content by UTF-16 offsets, where a new document's body is a section
 * break (index 0) and one empty paragraph (index 1). Requests in a batch apply in order, each against the
 * document left by the ones before, so the requests are laid out in three passes:
 *
 * 1. All paragraphs, joined by "\n", go in with ONE insertText at index 1 (the last paragraph takes over
 *    the document's own final newline). Every table is left out of the text, and in its place stands an
 *    anchor paragraph: the table's caption, or an empty paragraph.
 * 2. Paragraph styles, bullets and text styles use the offsets of that text, known exactly because nothing
 *    has been inserted anywhere else yet.
 * 3. Tables go in from the END of the document backwards. An `insertTable` at index p (the start of the
 *    anchor paragraph) adds a newline at p and the table right after it, so everything before p keeps its
 *    index, and the tables further down, already filled, are merely pushed along and never addressed
 *    again. In an empty table of C columns inserted at p, the table starts at p+1, each row takes one
 *    index and each cell two (its start and its empty paragraph), so the paragraph of cell (r, c) is at
 *    p + 4 + r·(2C + 1) + 2c. Cells are filled from the last to the first, so each insertion lands in a
 *    part of the table that no earlier insertion has moved, and each cell's styles are set right after
 *    its text, while their offsets still hold.
 */
import type { docs_v1 } from "@googleapis/docs";
import type { Align, Block, Document, Rich, Tone } from "../docs/document.js";
import { runs as inlineRuns } from "../docs/document.js";
import { scanText } from "../phi/scanner.js";

export type DocsRequest = docs_v1.Schema$Request;

type NamedStyle = "TITLE" | "SUBTITLE" | "HEADING_1" | "HEADING_2" | "HEADING_3" | "NORMAL_TEXT";

/** A run of text with its emphasis. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
}

interface Para {
  runs: TextRun[];
  style: NamedStyle;
  /** Paragraphs of one bullet list share a number. */
  list?: number;
}

interface TableLayout {
  /** Index into the paragraphs of the anchor the table is inserted before. */
  anchor: number;
  align: (Align | undefined)[];
  /** Header row first. */
  cells: TextRun[][][];
}

export interface DocumentLayout {
  paragraphs: Para[];
  tables: TableLayout[];
}

const HEADING: Record<2 | 3 | 4, NamedStyle> = { 2: "HEADING_1", 3: "HEADING_2", 4: "HEADING_3" };
const TONE_LABEL: Record<Tone, string> = {
  info: "Note",
  success: "Success",
  warning: "Warning",
  danger: "Important",
};
const ALIGNMENT: Record<Align, string> = { left: "START", center: "CENTER", right: "END" };
const CODE_FONT = "Roboto Mono";

/** Control characters (line breaks, tabs…) would split or re-indent paragraphs: they become spaces. */
export const clean = (text: string) => text.replace(/\p{Cc}|[\u2028\u2029]/gu, " ");

/**
 * RUNS with every PHI finding of their joined text replaced by its [IDENTIFIER] placeholder, so a name
 * split across runs ("Patient ", bold "John Smith") is found as it reads. A placeholder takes the style of
 * the run where its finding starts; the text it covers in later runs is dropped.
 */
export function redactRuns(runs: TextRun[]): TextRun[] {
  const joined = runs.map((r) => r.text).join("");
  const findings = scanText(joined);
  if (findings.length === 0) return runs.filter((r) => r.text.length > 0);
  const out: TextRun[] = [];
  let offset = 0;
  for (const run of runs) {
    const start = offset;
    const end = offset + run.text.length;
    offset = end;
    let text = "";
    let at = start;
    for (const f of findings) {
      if (f.end <= at || f.start >= end) continue;
      if (f.start >= start) text += `${joined.slice(at, f.start)}[${f.identifier}]`;
      at = Math.min(Math.max(f.end, at), end);
    }
    text += joined.slice(at, end);
    if (text.length > 0) out.push({ ...run, text });
  }
  return out;
}

/** Our rich text as cleaned runs (not yet redacted); EXTRA emphasis (e.g. bold) is added to each. */
function rawRuns(text: Rich, extra: Omit<TextRun, "text"> = {}): TextRun[] {
  return inlineRuns(text).map((r): TextRun => {
    if (typeof r === "string") return { text: clean(r), ...extra };
    if ("bold" in r) return { ...extra, text: clean(r.bold), bold: true };
    if ("code" in r) return { ...extra, text: clean(r.code), code: true };
    return { ...extra, text: clean(r.em), italic: true };
  });
}

/** Our rich text as cleaned, redacted runs; EXTRA emphasis (e.g. bold for a header) is added to each. */
export function textRuns(text: Rich, extra: Omit<TextRun, "text"> = {}): TextRun[] {
  return redactRuns(rawRuns(text, extra));
}

const textOf = (runs: TextRun[]) => runs.map((r) => r.text).join("");

/** The paragraphs and tables of DOC, in order (see the header of this file). */
export function layoutDocument(doc: Document): DocumentLayout {
  const paragraphs: Para[] = [{ runs: textRuns(doc.title), style: "TITLE" }];
  const tables: TableLayout[] = [];
  if (doc.subtitle) paragraphs.push({ runs: textRuns(doc.subtitle), style: "SUBTITLE" });
  let lists = 0;
  const block = (b: Block) => {
    switch (b.kind) {
      case "heading":
        paragraphs.push({ runs: textRuns(b.text), style: HEADING[b.level] });
        return;
      case "paragraph":
        paragraphs.push({ runs: textRuns(b.text), style: "NORMAL_TEXT" });
        return;
      case "bullets": {
        const list = ++lists;
        for (const item of b.items) paragraphs.push({ runs: textRuns(item), style: "NORMAL_TEXT", list });
        return;
      }
      case "keyValue":
        for (const [key, value] of b.pairs)
          paragraphs.push({
            runs: redactRuns([{ text: `${clean(key)}: `, bold: true }, ...rawRuns(value)]),
            style: "NORMAL_TEXT",
          });
        return;
      case "table":
        if (b.columns.length > 0)
          tables.push({
            anchor: paragraphs.length,
            align: b.columns.map((c) => c.align),
            cells: [
              b.columns.map((c) => textRuns(c.header, { bold: true })),
              ...b.rows.map((row) => b.columns.map((_, i) => textRuns(row[i] ?? ""))),
            ],
          });
        // The anchor: the caption below the table, or an empty paragraph.
        paragraphs.push({
          runs: b.caption ? textRuns(b.caption, { italic: true }) : [],
          style: "NORMAL_TEXT",
        });
        return;
      case "chart": {
        const caption = b.caption ? ` — ${b.caption}` : "";
        paragraphs.push({
          runs: textRuns(`chart: ${b.title}${caption}, see the HTML version`, { italic: true }),
          style: "NORMAL_TEXT",
        });
        return;
      }
      case "note":
        paragraphs.push({
          runs: redactRuns([
            { text: `${clean(b.title ?? TONE_LABEL[b.tone])}: `, bold: true },
            ...rawRuns(b.text),
          ]),
          style: "NORMAL_TEXT",
        });
        return;
    }
  };
  doc.blocks.forEach(block);
  return { paragraphs, tables };
}

const range = (startIndex: number, endIndex: number): docs_v1.Schema$Range => ({ startIndex, endIndex });

/** updateTextStyle requests for RUNS laid out from index AT. */
function runStyles(runs: TextRun[], at: number): DocsRequest[] {
  const out: DocsRequest[] = [];
  let index = at;
  for (const run of runs) {
    const end = index + run.text.length;
    const style: docs_v1.Schema$TextStyle = {};
    const fields: string[] = [];
    if (run.bold) {
      style.bold = true;
      fields.push("bold");
    }
    if (run.italic) {
      style.italic = true;
      fields.push("italic");
    }
    if (run.code) {
      style.weightedFontFamily = { fontFamily: CODE_FONT };
      fields.push("weightedFontFamily");
    }
    if (fields.length > 0 && end > index)
      out.push({ updateTextStyle: { range: range(index, end), textStyle: style, fields: fields.join(",") } });
    index = end;
  }
  return out;
}

/** Where the paragraph of cell (ROW, COL) is, in an empty table of COLUMNS columns inserted at AT. */
export function tableCellIndex(at: number, row: number, col: number, columns: number): number {
  return at + 4 + row * (2 * columns + 1) + 2 * col;
}

/** The batchUpdate requests that write DOC into a new, empty Google Doc. */
export function documentRequests(doc: Document): DocsRequest[] {
  const { paragraphs, tables } = layoutDocument(doc);
  const requests: DocsRequest[] = [];
  const starts: number[] = [];
  let index = 1;
  for (const p of paragraphs) {
    starts.push(index);
    index += textOf(p.runs).length + 1;
  }
  const text = paragraphs.map((p) => textOf(p.runs)).join("\n");
  if (text.length > 0) requests.push({ insertText: { location: { index: 1 }, text } });

  // Pass 2: styles over the plain text, whose offsets are all known.
  const extent = (i: number) => {
    const start = starts[i]!;
    return range(start, start + Math.max(textOf(paragraphs[i]!.runs).length, 1));
  };
  paragraphs.forEach((p, i) => {
    if (p.style !== "NORMAL_TEXT")
      requests.push({
        updateParagraphStyle: {
          range: extent(i),
          paragraphStyle: { namedStyleType: p.style },
          fields: "namedStyleType",
        },
      });
  });
  for (let i = 0; i < paragraphs.length; ) {
    const list = paragraphs[i]!.list;
    let last = i;
    while (list !== undefined && paragraphs[last + 1]?.list === list) last++;
    if (list !== undefined)
      requests.push({
        createParagraphBullets: {
          range: range(extent(i).startIndex!, extent(last).endIndex!),
          bulletPreset: "BULLET_DISC_CIRCLE_SQUARE",
        },
      });
    i = last + 1;
  }
  paragraphs.forEach((p, i) => {
    requests.push(...runStyles(p.runs, starts[i]!));
  });

  // Pass 3: tables from the last to the first, cells from the last to the first.
  for (const table of [...tables].sort((a, b) => b.anchor - a.anchor)) {
    const at = starts[table.anchor]!;
    const rows = table.cells.length;
    const columns = table.align.length;
    requests.push({ insertTable: { rows, columns, location: { index: at } } });
    for (let r = rows - 1; r >= 0; r--)
      for (let c = columns - 1; c >= 0; c--) {
        const runs = table.cells[r]![c]!;
        const cellText = textOf(runs);
        if (cellText.length === 0) continue;
        const cell = tableCellIndex(at, r, c, columns);
        requests.push({ insertText: { location: { index: cell }, text: cellText } });
        const align = table.align[c];
        if (align && align !== "left")
          requests.push({
            updateParagraphStyle: {
              range: range(cell, cell + cellText.length),
              paragraphStyle: { alignment: ALIGNMENT[align] },
              fields: "alignment",
            },
          });
        requests.push(...runStyles(runs, cell));
      }
  }
  return requests;
}
