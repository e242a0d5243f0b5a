/**
 * Writes a document as `<name>.md` and `<name>.html` into a folder, all or nothing: each file is written
 * whole to a hidden temporary file beside its target, flushed, and renamed into place only once both are
 * complete (a rename replaces an existing file atomically). A reader sees the old file or the new one,
 * never a half-written one, and no temporary file is left behind, even when writing fails.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError } from "../errors.js";
import type { Document } from "./document.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";

export interface WrittenDocuments {
  /** Absolute paths of the files written. */
  markdown: string;
  html: string;
}

/** A file name stem: letters, digits, dots, dashes and underscores, not starting with a dot. */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

function writeWhole(path: string, text: string): void {
  const fd = openSync(path, "wx", 0o644);
  try {
    writeSync(fd, text, null, "utf8");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes several files into DIR so that each appears complete or not at all; returns their paths. */
export function writeFilesAtomically(dir: string, files: Record<string, string>): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const staged = Object.entries(files).map(([name, text]) => ({
    text,
    target: resolve(dir, name),
    temp: join(resolve(dir), `.${name}.${tag}.tmp`),
  }));
  try {
    for (const s of staged) writeWhole(s.temp, s.text);
    for (const s of staged) renameSync(s.temp, s.target);
  } catch (error) {
    for (const s of staged) rmSync(s.temp, { force: true });
    throw error;
  }
  return Object.fromEntries(staged.map((s, i) => [Object.keys(files)[i] as string, s.target]));
}

/** Renders DOC and writes `<name>.md` and `<name>.html` into DIR (created if missing). */
export function writeDocuments(dir: string, name: string, doc: Document): WrittenDocuments {
  if (!NAME.test(name))
    throw new InputError(`bad document name "${name}"`, [
      {
        field: "name",
        message: "use letters, digits, '.', '-' and '_' only (no folders), not starting with '.'",
      },
    ]);
  const md = `${name}.md`;
  const html = `${name}.html`;
  const paths = writeFilesAtomically(dir, { [md]: renderMarkdown(doc), [html]: renderHtml(doc) });
  return { markdown: paths[md] as string, html: paths[html] as string };
}
