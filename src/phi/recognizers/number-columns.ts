/**
 * Tables inside a string: a CSV or TSV header line among the first five lines, and the data lines below it
 * with as many cells. Real exports put the label a line away from its value ("Medical Record Number\n…,
 * 25971046"), so the header labels the cell (number-labels.ts reads it as a label). Parsed once per string.
 */

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;

/** Whether the "." at I ends a sentence ("…and pricing.") rather than an abbreviation ("Accession No."). */
function sentenceEnd(text: string, i: number): boolean {
  let k = i;
  while (k > 0 && i - k < 5 && isLetter(text.charCodeAt(k - 1))) k--;
  return i - k > 4;
}

export interface Column {
  /** The cell, trimmed of spaces and quotes. */
  start: number;
  end: number;
  /** The header of its column: "Medical Record Number". */
  header: string;
}

let memoColumnsText: string | undefined;
let memoColumns: Column[] = [];

/** The cell of a CSV/TSV table holding POS, with its column header, if POS lies in one. */
export function columnAt(text: string, pos: number): Column | undefined {
  if (text !== memoColumnsText) {
    memoColumns = text.indexOf("\n") >= 0 ? parseColumns(text) : [];
    memoColumnsText = text;
  }
  const cells = memoColumns;
  let lo = 0;
  let hi = cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cells[mid]!;
    if (pos < c.start) hi = mid - 1;
    else if (pos >= c.end) lo = mid + 1;
    else return c;
  }
  return undefined;
}

function countOf(text: string, sep: string, start: number, end: number): number {
  let n = 0;
  for (let k = text.indexOf(sep, start); k >= 0 && k < end; k = text.indexOf(sep, k + 1)) n++;
  return n;
}

/** Cells [start, end) of one line split on SEP, honouring double quotes; trimmed of spaces and quotes. */
function splitLine(text: string, start: number, end: number, sep: number): [number, number][] {
  const cells: [number, number][] = [];
  let s = start;
  let quoted = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : sep;
    if (c === 34) quoted = !quoted;
    else if (c === sep && (!quoted || i === end)) {
      let a = s;
      let b = i;
      while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 34)) a++;
      while (b > a && ' "\r'.includes(text.charAt(b - 1))) b--;
      cells.push([a, b]);
      s = i + 1;
    }
  }
  return cells;
}

/**
 * A header row: 3+ short cells (up to 4 words, 40 characters) that read as labels, at most a third holding
 * digits, none ending a sentence ("Accession No." is a header cell, "…and pricing." is prose).
 */
function isHeader(text: string, cells: [number, number][]): boolean {
  if (cells.length < 3) return false;
  let numeric = 0;
  for (const [a, b] of cells) {
    if (b - a > 40) return false;
    let spaces = 0;
    let digit = false;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c === 32) spaces++;
      else if (isDigit(c)) digit = true;
    }
    if (spaces > 3 || (b > a && ".?!".includes(text.charAt(b - 1)) && sentenceEnd(text, b - 1))) return false;
    if (digit) numeric++;
  }
  return numeric * 3 <= cells.length;
}

/**
 * Data cells of a table in TEXT: a header line among the first five, then lines with as many cells. Real
 * exports put the label a line away from its value ("Medical Record Number\n…,25971046"), so the header
 * labels the cell.
 */
function parseColumns(text: string): Column[] {
  let header: [number, number][] | undefined;
  let sep = 44;
  let start = 0;
  for (let line = 0; line < 5 && start < text.length && !header; line++) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    for (const c of [44, 9]) {
      // Cheap rejection first: a header has 2+ separators and cells of at most 40 characters.
      const count = countOf(text, c === 44 ? "," : "\t", start, end);
      if (count < 2 || end - start > 41 * (count + 1)) continue;
      const cells = splitLine(text, start, end, c);
      if (isHeader(text, cells)) {
        header = cells;
        sep = c;
        break;
      }
    }
    start = end + 1;
  }
  if (!header) return [];
  const headers = header.map(([a, b]) => text.slice(a, b));
  const out: Column[] = [];
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const cells = splitLine(text, start, end, sep);
    if (cells.length === headers.length)
      for (let k = 0; k < cells.length; k++) {
        const [a, b] = cells[k]!;
        out.push({ start: a, end: b, header: headers[k]! });
      }
    start = end + 1;
  }
  return out;
}
