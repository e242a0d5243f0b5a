/**
 * Reads Markdown as this project writes it (the HIPAA compliance report, the data dictionary) into the
 * document model, so a report that exists only as Markdown can go where a Document is needed (Google Docs,
 * via `integrations/google-docs-requests.ts`) with its headings, bullets and tables. `marked` tokenizes;
 * this file maps its tokens to blocks:
 *
 * - The first level-1 heading is the title (else the fallback); a paragraph right after it written wholly
 *   in emphasis is the subtitle. Later level-1 headings become level 2, levels 5 and 6 become level 4.
 * - Inline: strong, em and code spans keep their kind; emphasis nested inside another takes the outer
 *   kind; a link is its text then " (URL)" (an autolink, its URL once); line breaks are spaces; HTML tags
 *   and comments are dropped; the HTML entities marked leaves in text (&amp; &lt; &#39;…) are decoded.
 * - Lists, ordered or not, become bullets. An ordered item keeps its number ("2. "), a task item its box
 *   ("[ ] " / "[x] "). A nested list is flattened into extra items of the same list, right after their
 *   parent, each prefixed with one "– " per level of nesting, so nothing it says is lost.
 * - A fenced or indented code block becomes one paragraph per non-blank line, each a single code run (the
 *   Docs writer turns line breaks inside a run into spaces, so a multi-line run would read as one line).
 * - A table keeps its columns (header, alignment) and rows, missing cells empty; a two-column table with
 *   blank headers is a key-value block, the way `markdown.ts` writes one.
 * - A blockquote becomes an info note with its text joined; a GitHub alert marker ("> [!WARNING]") sets
 *   the tone, as `markdown.ts` writes notes. Rules, HTML blocks and link definitions are dropped.
 *
 * It never throws: should the tokenizer fail on some input, each non-blank line becomes a plain paragraph.
 */
import { getDefaults, Lexer, type Token, type Tokens } from "marked";
import type { Block, Column, Document, Inline, Rich, Tone } from "./document.js";
import { plain } from "./document.js";

type Kind = "bold" | "em" | "code";
/** A stretch of text with its emphasis, before it becomes an Inline. */
type Piece = { text: string; kind?: Kind };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
/** The tones of GitHub alert markers ("> [!WARNING]", as `markdown.ts` writes notes); others are "info". */
const ALERTS: Record<string, Tone> = { TIP: "success", WARNING: "warning", CAUTION: "danger" };
const ALERT_MARK = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/i;

/** Decodes the named entities above and numeric ones, in one pass (so "&amp;lt;" reads "&lt;"). */
function decode(text: string): string {
  return text.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-z]+);/g, (whole, name: string) => {
    if (!name.startsWith("#")) return ENTITIES[name] ?? whole;
    const hex = name[1] === "x" || name[1] === "X";
    const cp = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : "\uFFFD";
  });
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ");

/** The pieces of inline TOKENS; inside emphasis (KIND set), everything takes that kind. */
function inline(tokens: Token[] | undefined, kind?: Kind, out: Piece[] = []): Piece[] {
  const add = (text: string, k = kind) => out.push(k ? { text, kind: k } : { text });
  for (const token of tokens ?? []) {
    const t = token as Tokens.Generic;
    switch (token.type) {
      case "strong":
      case "em":
        inline(t.tokens, kind ?? (token.type === "strong" ? "bold" : "em"), out);
        break;
      case "codespan":
        add(oneLine(String(t.text)), kind ?? "code");
        break;
      case "link": {
        inline(t.tokens, kind, out);
        const href = String(t.href);
        if (href && !t.autolink && href !== t.text) add(` (${href})`);
        break;
      }
      case "br":
        add(" ");
        break;
      case "html":
        break;
      default: // text, escape, del, image (its alt text)…
        if (t.tokens) inline(t.tokens, kind, out);
        else if (typeof t.text === "string") add(oneLine(decode(t.text)));
    }
  }
  return out;
}

/** The inline pieces of a run of BLOCK tokens (a list item, a quote), one space between blocks. */
function flat(tokens: Token[], out: Piece[] = []): Piece[] {
  for (const token of tokens) {
    const t = token as Tokens.Generic;
    const before = out.length;
    if (token.type === "list") for (const item of (t as Tokens.List).items) flat(item.tokens, out);
    else if (token.type === "code") out.push({ text: oneLine(String(t.text)), kind: "code" });
    else if (token.type === "blockquote") flat(t.tokens ?? [], out);
    else if (token.type !== "space" && token.type !== "html" && token.type !== "table")
      inline([token], undefined, out);
    if (out.length > before) out.push({ text: " " });
  }
  return out;
}

/** PIECES with neighbours of one kind merged, runs of spaces outside code collapsed (as Markdown shows
 * them; dropped HTML leaves doubles), the ends trimmed and empty pieces dropped. */
function tidy(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out.at(-1);
    if (last && last.kind === p.kind) last.text += p.text;
    else if (p.text) out.push({ ...p });
  }
  for (const p of out) if (p.kind !== "code") p.text = p.text.replace(/[ \t]{2,}/g, " ");
  if (out[0]) out[0].text = out[0].text.trimStart();
  const end = out.at(-1);
  if (end) end.text = end.text.trimEnd();
  return out.filter((p) => p.text.length > 0);
}

const toInline = ({ text, kind }: Piece): Inline => (kind ? ({ [kind]: text } as Inline) : text);

function rich(pieces: Piece[]): Rich {
  const runs = tidy(pieces).map(toInline);
  return runs.length === 0 ? "" : runs.length === 1 ? runs[0]! : runs;
}

const plainText = (pieces: Piece[]) => tidy(pieces).reduce((all, p) => all + p.text, "");

/** The items of LIST, its nested lists flattened after their parent item (see the file header). */
function listItems(list: Tokens.List, depth: number, out: Rich[] = []): Rich[] {
  const start = typeof list.start === "number" ? list.start : 1;
  list.items.forEach((item, i) => {
    const box = item.task ? (item.checked ? "[x] " : "[ ] ") : "";
    const prefix = `${"– ".repeat(depth)}${list.ordered ? `${start + i}. ` : ""}${box}`;
    const content = tidy(flat(item.tokens.filter((t) => t.type !== "list")));
    const text = rich([{ text: prefix }, ...content]);
    if (text !== "") out.push(text);
    for (const t of item.tokens) if (t.type === "list") listItems(t as Tokens.List, depth + 1, out);
  });
  return out;
}

function blocks(token: Token): Block[] {
  const t = token as Tokens.Generic;
  switch (token.type) {
    case "heading": {
      const text = plainText(inline(t.tokens));
      const depth = Number(t.depth);
      return text ? [{ kind: "heading", level: depth <= 2 ? 2 : depth === 3 ? 3 : 4, text }] : [];
    }
    case "paragraph":
    case "text": {
      const text = tidy(inline(t.tokens ?? [t])).map(toInline); // a list of runs, as `paragraph()` builds
      return text.length ? [{ kind: "paragraph", text }] : [];
    }
    case "list": {
      const items = listItems(t as Tokens.List, 0);
      return items.length ? [{ kind: "bullets", items }] : [];
    }
    case "table": {
      const { header, rows } = t as Tokens.Table;
      if (header.length === 0) return [];
      const columns = header.map((cell): Column => {
        const text = plainText(inline(cell.tokens));
        return cell.align ? { header: text, align: cell.align } : { header: text };
      });
      const cells = rows.map((row) => header.map((_, i) => rich(inline(row[i]?.tokens))));
      if (columns.length === 2 && columns.every((c) => !c.header))
        return [{ kind: "keyValue", pairs: cells.map(([key, value]) => [plain(key!), value!]) }];
      return [{ kind: "table", columns, rows: cells }];
    }
    case "code":
      return String(t.text)
        .split("\n")
        .filter((line) => line.trim())
        .map((line): Block => ({ kind: "paragraph", text: [{ code: line }] }));
    case "blockquote": {
      const pieces = tidy(flat(t.tokens ?? []));
      const first = pieces[0];
      const alert = first && !first.kind ? ALERT_MARK.exec(first.text) : null;
      if (first && alert) first.text = first.text.slice(alert[0].length);
      const text = rich(pieces);
      const tone = ALERTS[alert?.[1]?.toUpperCase() ?? ""] ?? "info";
      return text === "" ? [] : [{ kind: "note", tone, text }];
    }
    default:
      return [];
  }
}

export function markdownToDocument(markdown: string, fallbackTitle: string): Document {
  let title = "";
  let subtitle = "";
  let out: Block[] = [];
  try {
    let titled = false;
    let afterTitle = false;
    for (const token of new Lexer({ ...getDefaults(), gfm: true }).lex(String(markdown))) {
      const t = token as Tokens.Generic;
      if (token.type === "space") continue;
      if (token.type === "heading" && t.depth === 1 && !titled) {
        title = plainText(inline(t.tokens));
        titled = afterTitle = true;
        continue;
      }
      const pieces = afterTitle && token.type === "paragraph" ? tidy(inline(t.tokens)) : [];
      afterTitle = false;
      if (pieces.length > 0 && pieces.every((p) => p.kind === "em" || !p.text.trim())) {
        subtitle = plainText(pieces);
        continue;
      }
      out.push(...blocks(token));
    }
  } catch {
    out = String(markdown)
      .split(/\r?\n|\r/)
      .filter((line) => line.trim())
      .map((line): Block => ({ kind: "paragraph", text: line.trim() }));
  }
  const doc: Document = { title: title || fallbackTitle, blocks: out };
  return subtitle ? { ...doc, subtitle } : doc;
}
