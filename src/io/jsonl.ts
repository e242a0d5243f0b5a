/**
 * Streaming JSON Lines reader: one parsed value per line, with precise problems for lines that are not
 * JSON (file:line and the parser's reason). Blank lines are reported separately so callers can skip them.
 */
import { type ReadLinesOptions, readLines } from "./lines.js";

export type JsonlEvent =
  | { kind: "record"; line: number; value: unknown }
  | { kind: "blank"; line: number }
  | { kind: "problem"; line: number; message: string };

export async function* readJsonl(path: string, options: ReadLinesOptions = {}): AsyncGenerator<JsonlEvent> {
  for await (const event of readLines(path, options)) {
    if (event.kind === "problem") {
      yield { kind: "problem", line: event.number, message: event.message };
      continue;
    }
    if (event.text.trim() === "") {
      yield { kind: "blank", line: event.number };
      continue;
    }
    try {
      yield { kind: "record", line: event.number, value: JSON.parse(event.text) };
    } catch (error) {
      yield { kind: "problem", line: event.number, message: `not valid JSON: ${(error as Error).message}` };
    }
  }
}
