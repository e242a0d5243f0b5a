/**
 * Streaming line reader for user files. Works on bytes, so it can say which line holds invalid UTF-8,
 * strips a UTF-8 byte-order mark and CRLF endings, refuses UTF-16, and never buffers more than one line
 * (a line over the cap is reported and skipped, not loaded).
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { InputError } from "../errors.js";

export type LineEvent =
  | { kind: "line"; number: number; text: string }
  | { kind: "problem"; number: number; message: string };

export interface ReadLinesOptions {
  /** Longest line accepted, in bytes (default 16 MiB). */
  maxLineBytes?: number;
  /** Sees every chunk of raw bytes as it is read: for hashing and progress. */
  onBytes?: (chunk: Buffer) => void;
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
const NEWLINE = 0x0a;
const CR = 0x0d;

/** Fails with exit 2 when the path is missing, a folder, or unreadable; returns its size in bytes. */
export async function checkReadableFile(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(`${path} is a folder, expected a file`);
    return info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(`${path}: no such file`, [], { hint: "Check the path." });
    if (code === "EACCES") throw new InputError(`${path}: permission denied`);
    throw new InputError(`${path}: cannot read (${code ?? String(error)})`);
  }
}

export async function* readLines(path: string, options: ReadLinesOptions = {}): AsyncGenerator<LineEvent> {
  await checkReadableFile(path);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = false;
  let lineNumber = 0;
  let first = true;

  const finish = (bytes: Buffer): LineEvent => {
    lineNumber++;
    if (overflow) {
      overflow = false;
      return {
        kind: "problem",
        number: lineNumber,
        message: `line is longer than ${maxLineBytes} bytes; is this a one-record-per-line file?`,
      };
    }
    let start = 0;
    let end = bytes.length;
    if (first) {
      first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
      else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
        throw new InputError(`${path} is UTF-16 encoded`, [], { hint: "Save it as UTF-8 and try again." });
      }
    }
    if (end > start && bytes[end - 1] === CR) end--;
    try {
      return { kind: "line", number: lineNumber, text: decoder.decode(bytes.subarray(start, end)) };
    } catch {
      const lossy = bytes.subarray(start, end).toString("utf8");
      const column = lossy.indexOf("\uFFFD") + 1;
      return {
        kind: "problem",
        number: lineNumber,
        message: `invalid UTF-8 at column ${column}; save the file as UTF-8`,
      };
    }
  };

  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    options.onBytes?.(chunk);
    let from = 0;
    while (from < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, from);
      const stop = newline === -1 ? chunk.length : newline;
      if (!overflow) {
        if (pendingBytes + (stop - from) > maxLineBytes) {
          overflow = true;
          pending = [];
          pendingBytes = 0;
        } else if (stop > from) {
          pending.push(chunk.subarray(from, stop));
          pendingBytes += stop - from;
        }
      }
      if (newline === -1) break;
      const bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      yield finish(bytes);
      from = newline + 1;
    }
  }
  if (pendingBytes > 0 || overflow) yield finish(Buffer.concat(pending, pendingBytes));
}
