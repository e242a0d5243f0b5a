/**
 * Streaming CSV reader for user exports. Bytes go through the line reader first (so invalid UTF-8, a BOM,
 * CRLF and over-long lines are caught with their line numbers), then through csv-parse. The header is
 * checked against the required columns before any row is read; malformed rows are collected as
 * problems, not thrown one at a time.
 */
import { Readable } from "node:stream";
import { type CsvError, parse } from "csv-parse";
import { InputError, type ProblemList } from "../errors.js";
import { type ReadLinesOptions, readLines } from "./lines.js";

export interface CsvRow {
  /** 1-based line where the row ends in the file (rows with quoted newlines span several). */
  line: number;
  /** Cell values by normalized column name (lowercase, spaces as underscores). */
  cells: Record<string, string>;
}

export interface CsvSpec {
  required: readonly string[];
  optional?: readonly string[];
  /** Trim cell values (default true); the audit keeps them raw so offsets stay exact. */
  trim?: boolean;
}

export const normalizeColumn = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/** Yields rows; problems (bad bytes, malformed rows) go into `problems` with file and line. */
export async function* readCsv(
  path: string,
  spec: CsvSpec,
  problems: ProblemList,
  lineOptions: ReadLinesOptions = {},
): AsyncGenerator<CsvRow> {
  async function* text() {
    for await (const event of readLines(path, lineOptions)) {
      if (event.kind === "problem") {
        problems.add({ file: path, line: event.number, message: event.message });
        yield "\n";
      } else yield `${event.text}\n`;
    }
  }
  const parser = Readable.from(text()).pipe(
    parse({
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: MAX_RECORD_CHARS,
      on_skip: (error: CsvError | undefined) => {
        if (!error) return;
        const line = typeof error.lines === "number" ? error.lines : undefined;
        problems.add({ file: path, line, message: error.message.replace(/^Invalid Record Length: /, "") });
      },
    }),
  );
  let columns: string[] | undefined;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const { record, info } = item;
    if (!columns) {
      columns = record.map(normalizeColumn);
      const missing = spec.required.filter((c) => !columns!.includes(c));
      if (missing.length) {
        throw new InputError(
          `${path}: missing required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
          [{ file: path, line: info.lines, message: `columns found: ${record.join(", ") || "(none)"}` }],
          { hint: `The header must name at least: ${spec.required.join(", ")}.` },
        );
      }
      continue;
    }
    const cells: Record<string, string> = {};
    columns.forEach((name, i) => {
      const value = record[i] ?? "";
      cells[name] = spec.trim === false ? value : value.trim();
    });
    yield { line: info.lines, cells };
  }
  if (!columns) throw new InputError(`${path} is empty: expected a header line and at least one row`);
}
