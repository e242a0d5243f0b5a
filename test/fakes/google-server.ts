/**
 * A local stand-in for Google's OAuth token endpoint, Sheets v4, Docs v1 and Drive v3, on 127.0.0.1 at a
 * random port, so the Google integrations are tested through the real SDKs without the network.
 *
 * - `POST /token`: the service-account JWT-bearer grant. The assertion's signature is checked with the
 *   public key of the test key pair, its `iss` against the key's client_email and its `aud` against this
 *   endpoint; the answer is `{access_token, expires_in, token_type}` or OAuth's `{error, error_description}`.
 * - Every API call needs `Authorization: Bearer <a token issued here>` (401 UNAUTHENTICATED otherwise).
 * - Sheets: `POST /v4/spreadsheets`, `GET /v4/spreadsheets/{id}`, `GET …/values/{range}`,
 *   `POST …/values/{range}:append`, `PUT …/values/{range}`, `POST …/values:batchUpdate`. RAW values are
 *   kept as sent; USER_ENTERED turns a string starting with "=" into a formula, as Sheets does.
 * - Docs: `POST /v1/documents`, `GET /v1/documents/{id}`, `POST /v1/documents/{id}:batchUpdate`, applying
 *   insertText, updateParagraphStyle, createParagraphBullets, updateTextStyle and insertTable to a model
 *   that keeps Docs' index arithmetic (section break at 0, a table start, row start and cell start each
 *   take one index) and refuses what Docs refuses (an insertion outside a paragraph, a range past the
 *   end); a batch is applied whole or not at all. `structure(id)` gives the resulting paragraphs and tables.
 * - Drive: `GET /drive/v3/files?q=appProperties has { key='K' and value='V' }` (that query form only),
 *   `GET /drive/v3/files/{id}`, `PATCH /drive/v3/files/{id}?addParents=&removeParents=` (body: appProperties; a file
 *   has one parent, as in Drive).
 * Faults in Google's error JSON are injected with `fail`; every request is recorded with its raw body.
 */
import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface GoogleRequestRecord {
  method: string;
  /** Decoded path without the query, e.g. "/v4/spreadsheets/ID/values/'Datasets'!A1:append". */
  path: string;
  query: Record<string, string>;
  /** Lower-cased names; the authorization value replaced by "[redacted]". */
  headers: Record<string, string>;
  /** The body exactly as received. */
  raw: string;
  /** Parsed JSON (or form fields for the token endpoint). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary request fields
  body: any;
  status: number;
}

export interface GoogleFault {
  /** A substring of the decoded path (e.g. ":append", "/token", "/drive/v3/files"), or a pattern. */
  path: string | RegExp;
  method?: string;
  status: number;
  /** How many of the matching requests fail (default 1). */
  times?: number;
  message?: string;
  /** The canonical status name (default from the HTTP status: PERMISSION_DENIED, RESOURCE_EXHAUSTED…). */
  statusName?: string;
  /** An ErrorInfo reason, e.g. SERVICE_DISABLED. */
  reason?: string;
}

export interface FakeGoogleServerOptions {
  /** The service account allowed to sign in. */
  clientEmail: string;
  /** Its public key (PEM or KeyObject), to check assertion signatures. */
  publicKey: string | KeyObject;
  /** Seconds a token lives (default 3600). */
  expiresIn?: number;
  /** Drive folders that exist; when absent, any folder id is accepted. */
  folders?: string[];
}

export type FakeCell = string | number | boolean | { formula: string };

export interface FakeSpreadsheet {
  spreadsheetId: string;
  title: string;
  /** Tabs by title, rows of cells, in creation order. */
  tabs: Map<string, FakeCell[][]>;
  frozenRows: Map<string, number>;
}

export interface TokenGrant {
  iss: string;
  scope: string;
  aud: string;
}

export interface DocRun {
  text: string;
  bold: boolean;
  italic: boolean;
  code: boolean;
}

export type DocNode =
  | { type: "paragraph"; text: string; style: string; bullet: boolean; alignment?: string; runs: DocRun[] }
  | { type: "table"; rows: number; columns: number; cells: string[][]; cellRuns: DocRun[][][] };

export interface FakeGoogleServer {
  url: string;
  /** For the key file's token_uri. */
  tokenUri: string;
  /** rootUrl for the Sheets and Docs SDKs and the Drive root: all this server. */
  rootUrl: string;
  requests: GoogleRequestRecord[];
  grants: TokenGrant[];
  spreadsheets: Map<string, FakeSpreadsheet>;
  documents: Map<string, FakeDocument>;
  files: Map<
    string,
    { id: string; name: string; mimeType: string; parents: string[]; appProperties?: Record<string, string> }
  >;
  /** The paragraphs and tables of a document, in order (the section break left out). */
  structure(documentId: string): DocNode[];
  /** A tab's cells as read back with FORMATTED_VALUE. */
  rows(spreadsheetId: string, tab: string): string[][];
  fail(fault: GoogleFault): void;
  reset(): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
}

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

const DEFAULT_MESSAGES: Record<number, string> = {
  400: "Invalid argument.",
  401: "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
  403: "The caller does not have permission",
  404: "Requested entity was not found.",
  429: "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com'.",
  500: "Internal error encountered.",
  503: "The service is currently unavailable.",
};

function googleError(
  status: number,
  message?: string,
  statusName?: string,
  reason?: string,
  drive = false,
): Reply {
  const text = message ?? DEFAULT_MESSAGES[status] ?? `HTTP ${status}`;
  const error: Record<string, unknown> = {
    code: status,
    message: text,
    status: statusName ?? STATUS_NAMES[status],
  };
  if (reason)
    error.details = [
      { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain: "googleapis.com", metadata: {} },
    ];
  if (drive) error.errors = [{ domain: "global", reason: reason ?? statusName ?? "error", message: text }];
  return { status, json: { error } };
}

const oauthError = (error: string, description: string, status = 400): Reply => ({
  status,
  json: { error, error_description: description },
});

// ---------------------------------------------------------------------------------------------- Sheets

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(n: number): string {
  let out = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
  return out;
}

interface ParsedRange {
  tab: string;
  startRow: number;
  startCol: number;
  endRow: number | null;
  endCol: number | null;
}

/** A1 notation: Tab, 'My Tab'!A1, Tab!A2:C, Tab!A:Z. Null when it cannot be parsed. */
function parseRange(range: string): ParsedRange | null {
  let tab: string;
  let cells = "";
  if (range.startsWith("'")) {
    let i = 1;
    tab = "";
    for (; i < range.length; i++) {
      if (range[i] === "'" && range[i + 1] === "'") {
        tab += "'";
        i++;
      } else if (range[i] === "'") break;
      else tab += range[i];
    }
    if (i >= range.length) return null;
    const rest = range.slice(i + 1);
    if (rest && !rest.startsWith("!")) return null;
    cells = rest.slice(1);
  } else {
    const bang = range.indexOf("!");
    tab = bang < 0 ? range : range.slice(0, bang);
    cells = bang < 0 ? "" : range.slice(bang + 1);
  }
  if (!cells) return { tab, startRow: 1, startCol: 1, endRow: null, endCol: null };
  const m = /^([A-Za-z]*)(\d*)(?::([A-Za-z]*)(\d*))?$/.exec(cells);
  if (!m) return null;
  return {
    tab,
    startCol: m[1] ? columnNumber(m[1]) : 1,
    startRow: m[2] ? Number(m[2]) : 1,
    endCol: m[3] ? columnNumber(m[3]) : null,
    endRow: m[4] ? Number(m[4]) : null,
  };
}

const quoteTab = (tab: string) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(tab) ? tab : `'${tab.replace(/'/g, "''")}'`;

function formatted(cell: FakeCell | undefined): string {
  if (cell === undefined || cell === null) return "";
  if (typeof cell === "object") return ""; // a formula's result is not computed here
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return String(cell);
}

// ------------------------------------------------------------------------------------------------ Docs

interface TextStyle {
  bold?: boolean;
  italic?: boolean;
  weightedFontFamily?: { fontFamily: string; weight?: number };
  [field: string]: unknown;
}

interface ParagraphStyle {
  namedStyleType: string;
  alignment?: string;
  [field: string]: unknown;
}

type Unit =
  | { kind: "section" }
  | {
      kind: "char";
      ch: string;
      style: TextStyle;
      /** The table cell holding it ("t1:0:2"), or null in the body. */
      cell: string | null;
      /** Only on "\n": the properties of the paragraph it ends. */
      para?: { style: ParagraphStyle; bullet?: { listId: string; preset: string } };
    }
  | { kind: "table"; id: string; rows: number; columns: number; cell: string | null }
  | { kind: "row"; id: string }
  | { kind: "cellStart"; key: string };

export interface FakeDocument {
  documentId: string;
  title: string;
  units: Unit[];
  revision: number;
}

class DocsRequestError extends Error {}

function cloneUnit(u: Unit): Unit {
  if (u.kind !== "char") return { ...u };
  return {
    ...u,
    style: structuredClone(u.style),
    ...(u.para ? { para: structuredClone(u.para) } : {}),
  };
}

function fieldList(fields: unknown, where: string): string[] | "*" {
  if (typeof fields !== "string" || fields.trim() === "")
    throw new DocsRequestError(`Invalid ${where}: fields is required (use "*" for all).`);
  return fields.trim() === "*" ? "*" : fields.split(",").map((f) => f.trim());
}

/** The batchUpdate machine over a copy of a document's units. */
class DocEditor {
  listIds = 0;
  constructor(
    readonly units: Unit[],
    readonly tableIds: { n: number },
  ) {}

  private segmentEnd(): number {
    return this.units.length;
  }

  private checkInsert(index: unknown, where: string): number {
    if (typeof index !== "number" || !Number.isInteger(index))
      throw new DocsRequestError(`Invalid ${where}: location.index is required.`);
    if (index < 1)
      throw new DocsRequestError(
        `Invalid ${where}: The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.`,
      );
    if (index >= this.segmentEnd())
      throw new DocsRequestError(
        `Invalid ${where}: Index ${index} must be less than the end index of the referenced segment, ${this.segmentEnd()}.`,
      );
    if (this.units[index]?.kind !== "char")
      throw new DocsRequestError(
        `Invalid ${where}: The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.`,
      );
    return index;
  }

  private checkRange(r: unknown, where: string): { start: number; end: number } {
    const range = (r ?? {}) as { startIndex?: unknown; endIndex?: unknown };
    const start = range.startIndex;
    const end = range.endIndex;
    if (typeof start !== "number" || typeof end !== "number")
      throw new DocsRequestError(`Invalid ${where}: range.startIndex and range.endIndex are required.`);
    if (start < 0 || end <= start)
      throw new DocsRequestError(`Invalid ${where}: The range should not be empty (${start}..${end}).`);
    if (end > this.segmentEnd())
      throw new DocsRequestError(
        `Invalid ${where}: Index ${end - 1} must be less than the end index of the referenced segment, ${this.segmentEnd()}.`,
      );
    return { start, end };
  }

  /** The newline ending the paragraph that holds INDEX. */
  private paragraphEnd(index: number): Extract<Unit, { kind: "char" }> {
    for (let i = index; i < this.units.length; i++) {
      const u = this.units[i]!;
      if (u.kind === "char" && u.ch === "\n") return u;
    }
    throw new DocsRequestError("fake: no paragraph end");
  }

  private insertChars(index: number, text: string) {
    const at = this.units[index] as Extract<Unit, { kind: "char" }>;
    const end = this.paragraphEnd(index);
    const added: Unit[] = [];
    for (let j = 0; j < text.length; j++) {
      const ch = text[j]!;
      added.push({
        kind: "char",
        ch,
        style: {},
        cell: at.cell,
        ...(ch === "\n" && end.para ? { para: structuredClone(end.para) } : {}),
      });
    }
    this.units.splice(index, 0, ...added);
  }

  /** Indices of the newlines ending the paragraphs that overlap [start, end). */
  private paragraphsIn(start: number, end: number): Extract<Unit, { kind: "char" }>[] {
    const out: Extract<Unit, { kind: "char" }>[] = [];
    let paraStart = -1;
    this.units.forEach((u, i) => {
      if (u.kind !== "char") {
        paraStart = -1;
        return;
      }
      if (paraStart < 0) paraStart = i;
      if (u.ch === "\n") {
        if (paraStart < end && i >= start) out.push(u);
        paraStart = -1;
      }
    });
    return out;
  }

  apply(request: Record<string, unknown>, n: number) {
    const kinds = Object.keys(request);
    if (kinds.length !== 1)
      throw new DocsRequestError(`Invalid requests[${n}]: exactly one request kind expected.`);
    const kind = kinds[0]!;
    // biome-ignore lint/suspicious/noExplicitAny: request bodies are free-form JSON
    const body = request[kind] as any;
    const where = `requests[${n}].${kind}`;
    switch (kind) {
      case "insertText": {
        if (typeof body.text !== "string") throw new DocsRequestError(`Invalid ${where}: text is required.`);
        const index = body.endOfSegmentLocation
          ? this.segmentEnd() - 1
          : this.checkInsert(body.location?.index, where);
        if (body.text.length > 0) this.insertChars(index, body.text);
        return;
      }
      case "updateParagraphStyle": {
        const { start, end } = this.checkRange(body.range, where);
        const fields = fieldList(body.fields, where);
        const style = (body.paragraphStyle ?? {}) as Record<string, unknown>;
        const names = fields === "*" ? Object.keys(style) : fields;
        for (const nl of this.paragraphsIn(start, end)) {
          nl.para ??= { style: { namedStyleType: "NORMAL_TEXT" } };
          for (const f of names)
            if (style[f] === undefined) delete nl.para.style[f];
            else nl.para.style[f] = style[f];
        }
        return;
      }
      case "createParagraphBullets": {
        const { start, end } = this.checkRange(body.range, where);
        const listId = `kix.list${++this.listIds}`;
        const preset =
          typeof body.bulletPreset === "string" ? body.bulletPreset : "BULLET_DISC_CIRCLE_SQUARE";
        for (const nl of this.paragraphsIn(start, end)) {
          nl.para ??= { style: { namedStyleType: "NORMAL_TEXT" } };
          nl.para.bullet = { listId, preset };
        }
        return;
      }
      case "updateTextStyle": {
        const { start, end } = this.checkRange(body.range, where);
        const fields = fieldList(body.fields, where);
        const style = (body.textStyle ?? {}) as Record<string, unknown>;
        const names = fields === "*" ? Object.keys(style) : fields;
        for (let i = start; i < end; i++) {
          const u = this.units[i]!;
          if (u.kind !== "char") continue;
          for (const f of names)
            if (style[f] === undefined) delete u.style[f];
            else u.style[f] = style[f];
        }
        return;
      }
      case "insertTable": {
        const rows = body.rows;
        const columns = body.columns;
        if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 1 || columns < 1)
          throw new DocsRequestError(`Invalid ${where}: rows and columns must be at least 1.`);
        const index = body.endOfSegmentLocation
          ? this.segmentEnd() - 1
          : this.checkInsert(body.location?.index, where);
        // "A newline character will be inserted before the inserted table."
        this.insertChars(index, "\n");
        const holder = (this.units[index] as Extract<Unit, { kind: "char" }>).cell;
        const id = `t${++this.tableIds.n}`;
        const table: Unit[] = [{ kind: "table", id, rows, columns, cell: holder }];
        for (let r = 0; r < rows; r++) {
          table.push({ kind: "row", id });
          for (let c = 0; c < columns; c++) {
            const key = `${id}:${r}:${c}`;
            table.push({ kind: "cellStart", key });
            table.push({
              kind: "char",
              ch: "\n",
              style: {},
              cell: key,
              para: { style: { namedStyleType: "NORMAL_TEXT" } },
            });
          }
        }
        this.units.splice(index + 1, 0, ...table);
        return;
      }
      default:
        throw new DocsRequestError(`Invalid requests[${n}]: the fake does not support ${kind}.`);
    }
  }
}

interface RenderedParagraph {
  startIndex: number;
  endIndex: number;
  paragraph: {
    elements: { startIndex: number; endIndex: number; textRun: { content: string; textStyle: TextStyle } }[];
    paragraphStyle: ParagraphStyle;
    bullet?: { listId: string };
  };
}

/** The document as Docs' JSON (body.content), computed from the units. */
function renderContent(units: Unit[]): unknown[] {
  const paragraphAt = (i: number): { element: RenderedParagraph; next: number } => {
    const start = i;
    const elements: RenderedParagraph["paragraph"]["elements"] = [];
    let runStart = i;
    let content = "";
    let style: TextStyle | undefined;
    const flush = (end: number) => {
      if (content)
        elements.push({ startIndex: runStart, endIndex: end, textRun: { content, textStyle: style ?? {} } });
      content = "";
      runStart = end;
    };
    for (;;) {
      const u = units[i];
      if (u?.kind !== "char")
        throw new Error(`fake: a paragraph at ${start} runs into a non-text unit at ${i}`);
      if (style && JSON.stringify(style) !== JSON.stringify(u.style)) flush(i);
      style = u.style;
      content += u.ch;
      i++;
      if (u.ch === "\n") {
        flush(i);
        const para = u.para ?? { style: { namedStyleType: "NORMAL_TEXT" } };
        return {
          element: {
            startIndex: start,
            endIndex: i,
            paragraph: {
              elements,
              paragraphStyle: para.style,
              ...(para.bullet ? { bullet: { listId: para.bullet.listId } } : {}),
            },
          },
          next: i,
        };
      }
    }
  };
  const out: unknown[] = [];
  let i = 0;
  while (i < units.length) {
    const u = units[i]!;
    if (u.kind === "section") {
      out.push({ endIndex: i + 1, sectionBreak: { sectionStyle: {} } });
      i++;
    } else if (u.kind === "char") {
      const { element, next } = paragraphAt(i);
      out.push(element);
      i = next;
    } else if (u.kind === "table") {
      const start = i;
      i++;
      const tableRows: unknown[] = [];
      for (let r = 0; r < u.rows; r++) {
        const rowStart = i;
        if (units[i]?.kind !== "row") throw new Error(`fake: expected a row start at ${i}`);
        i++;
        const tableCells: unknown[] = [];
        for (let c = 0; c < u.columns; c++) {
          const cellStart = i;
          const marker = units[i];
          if (marker?.kind !== "cellStart") throw new Error(`fake: expected a cell start at ${i}`);
          i++;
          const content: RenderedParagraph[] = [];
          while (units[i]?.kind === "char" && (units[i] as { cell: string | null }).cell === marker.key) {
            const { element, next } = paragraphAt(i);
            content.push(element);
            i = next;
          }
          tableCells.push({ startIndex: cellStart, endIndex: i, content });
        }
        tableRows.push({ startIndex: rowStart, endIndex: i, tableCells });
      }
      out.push({ startIndex: start, endIndex: i, table: { rows: u.rows, columns: u.columns, tableRows } });
    } else throw new Error(`fake: unexpected ${u.kind} at ${i}`);
  }
  return out;
}

function runsOf(p: RenderedParagraph): DocRun[] {
  return p.paragraph.elements
    .map((e) => ({
      text: e.textRun.content.replace(/\n$/, ""),
      bold: e.textRun.textStyle.bold === true,
      italic: e.textRun.textStyle.italic === true,
      code: e.textRun.textStyle.weightedFontFamily?.fontFamily === "Roboto Mono",
    }))
    .filter((r) => r.text.length > 0);
}

const paragraphText = (p: RenderedParagraph) =>
  p.paragraph.elements
    .map((e) => e.textRun.content)
    .join("")
    .replace(/\n$/, "");

function simplify(content: unknown[]): DocNode[] {
  const out: DocNode[] = [];
  for (const element of content as Record<string, unknown>[]) {
    if ("paragraph" in element) {
      const p = element as unknown as RenderedParagraph;
      out.push({
        type: "paragraph",
        text: paragraphText(p),
        style: p.paragraph.paragraphStyle.namedStyleType,
        bullet: p.paragraph.bullet !== undefined,
        ...(p.paragraph.paragraphStyle.alignment ? { alignment: p.paragraph.paragraphStyle.alignment } : {}),
        runs: runsOf(p),
      });
    } else if ("table" in element) {
      const t = element.table as {
        rows: number;
        columns: number;
        tableRows: { tableCells: { content: RenderedParagraph[] }[] }[];
      };
      out.push({
        type: "table",
        rows: t.rows,
        columns: t.columns,
        cells: t.tableRows.map((row) =>
          row.tableCells.map((cell) => cell.content.map(paragraphText).join("\n")),
        ),
        cellRuns: t.tableRows.map((row) => row.tableCells.map((cell) => cell.content.flatMap(runsOf))),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- server

export async function startFakeGoogleServer(options: FakeGoogleServerOptions): Promise<FakeGoogleServer> {
  const publicKey =
    typeof options.publicKey === "string" ? createPublicKey(options.publicKey) : options.publicKey;
  const expiresIn = options.expiresIn ?? 3600;
  const folders = options.folders ? new Set(options.folders) : undefined;
  const requests: GoogleRequestRecord[] = [];
  const grants: TokenGrant[] = [];
  const faults: (GoogleFault & { times: number })[] = [];
  const tokens = new Set<string>();
  const spreadsheets = new Map<string, FakeSpreadsheet>();
  const documents = new Map<string, FakeDocument>();
  const files = new Map<
    string,
    { id: string; name: string; mimeType: string; parents: string[]; appProperties?: Record<string, string> }
  >();
  const tableIds = { n: 0 };
  let ids = 0;
  let url = "";
  const newId = (prefix: string) => `${prefix}${(++ids).toString(36).padStart(6, "0")}fakeXYZ`;

  function takeFault(method: string, path: string): GoogleFault | undefined {
    const index = faults.findIndex(
      (f) =>
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (typeof f.path === "string" ? path.includes(f.path) : f.path.test(path)),
    );
    if (index < 0) return undefined;
    const fault = faults[index]!;
    if (--fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  function token(form: Record<string, string>): Reply {
    if (form.grant_type !== "urn:ietf:params:oauth:grant-type:jwt-bearer")
      return oauthError("unsupported_grant_type", `Invalid grant_type: ${form.grant_type ?? ""}`);
    const parts = (form.assertion ?? "").split(".");
    if (parts.length !== 3) return oauthError("invalid_request", "Invalid JWT: the assertion is not a JWT.");
    const [h, p, s] = parts as [string, string, string];
    let header: { alg?: string };
    let payload: { iss?: string; scope?: string; aud?: string; iat?: number; exp?: number };
    try {
      header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
      payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
    } catch {
      return oauthError("invalid_request", "Invalid JWT: the assertion cannot be decoded.");
    }
    if (header.alg !== "RS256") return oauthError("invalid_grant", "Invalid JWT: alg must be RS256.");
    if (!verify("RSA-SHA256", Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, "base64url")))
      return oauthError("invalid_grant", "Invalid JWT Signature.");
    if (payload.iss !== options.clientEmail) return oauthError("invalid_grant", "Invalid email or User ID");
    if (payload.aud !== `${url}/token`)
      return oauthError("invalid_grant", "Invalid JWT: Failed audience check.");
    const now = Math.floor(Date.now() / 1000);
    if (
      typeof payload.iat !== "number" ||
      typeof payload.exp !== "number" ||
      payload.exp - payload.iat > 3600 ||
      payload.exp < now ||
      payload.iat > now + 300
    )
      return oauthError(
        "invalid_grant",
        "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
      );
    if (!payload.scope)
      return oauthError("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
    grants.push({ iss: payload.iss, scope: payload.scope, aud: payload.aud });
    const accessToken = `ya29.fake-${(++ids).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    tokens.add(accessToken);
    return { status: 200, json: { access_token: accessToken, expires_in: expiresIn, token_type: "Bearer" } };
  }

  // ---- Sheets

  function sheetsRoute(method: string, rest: string, query: URLSearchParams, body: unknown): Reply {
    if (rest === "" && method === "POST") {
      const b = (body ?? {}) as {
        properties?: { title?: string };
        sheets?: { properties?: { title?: string; gridProperties?: { frozenRowCount?: number } } }[];
      };
      const spreadsheetId = newId("1Sheet");
      const title = b.properties?.title ?? "Untitled spreadsheet";
      const tabs = new Map<string, FakeCell[][]>();
      const frozenRows = new Map<string, number>();
      const given = b.sheets?.length ? b.sheets : [{ properties: { title: "Sheet1" } }];
      for (const s of given) {
        const name = s.properties?.title ?? `Sheet${tabs.size + 1}`;
        if (tabs.has(name))
          return googleError(
            400,
            `Invalid requests[0].addSheet: A sheet with the name "${name}" already exists.`,
          );
        tabs.set(name, []);
        frozenRows.set(name, s.properties?.gridProperties?.frozenRowCount ?? 0);
      }
      const sheet = { spreadsheetId, title, tabs, frozenRows };
      spreadsheets.set(spreadsheetId, sheet);
      files.set(spreadsheetId, {
        id: spreadsheetId,
        name: title,
        mimeType: "application/vnd.google-apps.spreadsheet",
        parents: ["0AServiceAccountRoot"],
      });
      return { status: 200, json: spreadsheetJson(sheet) };
    }
    const m = /^\/([^/:]+)(.*)$/.exec(rest);
    if (!m) return googleError(404, `Unknown path /v4/spreadsheets${rest}`);
    const sheet = spreadsheets.get(decodeURIComponent(m[1]!));
    if (!sheet) return googleError(404);
    const tail = m[2]!;
    if (tail === "" && method === "GET") return { status: 200, json: spreadsheetJson(sheet) };
    if (tail === "/values:batchUpdate" && method === "POST") {
      const b = (body ?? {}) as {
        valueInputOption?: string;
        data?: { range?: string; values?: unknown[][] }[];
      };
      if (!b.valueInputOption) return googleError(400, "'valueInputOption' is required but not specified");
      const responses: unknown[] = [];
      for (const d of b.data ?? []) {
        const written = write(sheet, d.range ?? "", d.values ?? [], b.valueInputOption, false);
        if ("status" in written) return written;
        responses.push(written);
      }
      return {
        status: 200,
        json: {
          spreadsheetId: sheet.spreadsheetId,
          totalUpdatedRows: responses.reduce(
            (n: number, r) => n + (r as { updatedRows: number }).updatedRows,
            0,
          ),
          totalUpdatedSheets: responses.length,
          responses,
        },
      };
    }
    const values = /^\/values\/(.+?)(:append)?$/.exec(tail);
    if (!values) return googleError(404, `Unknown path /v4/spreadsheets/${m[1]}${tail}`);
    const range = values[1]!;
    if (values[2] && method === "POST") {
      const option = query.get("valueInputOption");
      if (!option) return googleError(400, "'valueInputOption' is required but not specified");
      const b = (body ?? {}) as { values?: unknown[][] };
      const written = write(sheet, range, b.values ?? [], option, true);
      if ("status" in written) return written;
      return {
        status: 200,
        json: { spreadsheetId: sheet.spreadsheetId, tableRange: written.tableRange, updates: written },
      };
    }
    if (!values[2] && method === "PUT") {
      const option = query.get("valueInputOption");
      if (!option) return googleError(400, "'valueInputOption' is required but not specified");
      const b = (body ?? {}) as { values?: unknown[][] };
      const written = write(sheet, range, b.values ?? [], option, false);
      return "status" in written ? written : { status: 200, json: written };
    }
    if (!values[2] && method === "GET") {
      const parsed = parseRange(range);
      const tab = parsed && sheet.tabs.get(parsed.tab);
      if (!parsed || !tab) return googleError(400, `Unable to parse range: ${range}`);
      const out: string[][] = [];
      const lastRow = parsed.endRow ?? tab.length;
      for (let r = parsed.startRow; r <= lastRow && r <= tab.length; r++) {
        const row = tab[r - 1] ?? [];
        const lastCol = parsed.endCol ?? row.length;
        const cells: string[] = [];
        for (let c = parsed.startCol; c <= lastCol && c <= row.length; c++) cells.push(formatted(row[c - 1]));
        while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
        out.push(cells);
      }
      while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
      const width = Math.max(0, ...tab.map((r) => r.length));
      return {
        status: 200,
        json: {
          range: `${quoteTab(parsed.tab)}!${columnLetters(parsed.startCol)}${parsed.startRow}:${columnLetters(parsed.endCol ?? Math.max(width, 26))}${parsed.endRow ?? Math.max(tab.length, 1000)}`,
          majorDimension: "ROWS",
          ...(out.length > 0 ? { values: out } : {}),
        },
      };
    }
    return googleError(404, `Unknown path /v4/spreadsheets/${m[1]}${tail}`);
  }

  function write(
    sheet: FakeSpreadsheet,
    range: string,
    values: unknown[][],
    option: string,
    append: boolean,
  ):
    | Reply
    | {
        spreadsheetId: string;
        updatedRange: string;
        updatedRows: number;
        updatedColumns: number;
        updatedCells: number;
        tableRange?: string;
      } {
    if (option !== "RAW" && option !== "USER_ENTERED")
      return googleError(400, `Invalid value at 'value_input_option' (${option})`);
    const parsed = parseRange(range);
    const tab = parsed && sheet.tabs.get(parsed.tab);
    if (!parsed || !tab) return googleError(400, `Unable to parse range: ${range}`);
    let firstRow = parsed.startRow;
    let tableRange: string | undefined;
    if (append) {
      let last = 0;
      tab.forEach((row, i) => {
        if (row.some((c) => formatted(c) !== "" || typeof c === "object")) last = i + 1;
      });
      if (last > 0)
        tableRange = `${quoteTab(parsed.tab)}!A1:${columnLetters(Math.max(1, ...tab.map((r) => r.length)))}${last}`;
      firstRow = Math.max(last + 1, parsed.startRow);
    }
    let width = 0;
    values.forEach((row, i) => {
      tab[firstRow - 1 + i] ??= [];
      const target = tab[firstRow - 1 + i]!;
      row.forEach((value, j) => {
        let cell: FakeCell =
          value === null || value === undefined ? "" : (value as string | number | boolean);
        if (option === "USER_ENTERED" && typeof cell === "string" && cell.startsWith("="))
          cell = { formula: cell };
        target[parsed.startCol - 1 + j] = cell;
      });
      width = Math.max(width, row.length);
    });
    for (let r = 0; r < tab.length; r++) tab[r] ??= [];
    const lastRow = firstRow + values.length - 1;
    const startCol = columnLetters(parsed.startCol);
    const endCol = columnLetters(parsed.startCol + Math.max(width, 1) - 1);
    return {
      spreadsheetId: sheet.spreadsheetId,
      updatedRange: `${quoteTab(parsed.tab)}!${startCol}${firstRow}:${endCol}${lastRow}`,
      updatedRows: values.length,
      updatedColumns: width,
      updatedCells: values.reduce((n, row) => n + row.length, 0),
      ...(tableRange ? { tableRange } : {}),
    };
  }

  function spreadsheetJson(sheet: FakeSpreadsheet) {
    return {
      spreadsheetId: sheet.spreadsheetId,
      properties: { title: sheet.title, locale: "en_US", timeZone: "Etc/GMT" },
      sheets: [...sheet.tabs.keys()].map((title, index) => ({
        properties: {
          sheetId: index === 0 ? 0 : 1000 + index,
          title,
          index,
          sheetType: "GRID",
          gridProperties: {
            rowCount: 1000,
            columnCount: 26,
            frozenRowCount: sheet.frozenRows.get(title) ?? 0,
          },
        },
      })),
      spreadsheetUrl: `${url}/spreadsheets/d/${sheet.spreadsheetId}/edit`,
    };
  }

  // ---- Docs

  function documentJson(doc: FakeDocument) {
    return {
      documentId: doc.documentId,
      title: doc.title,
      revisionId: `rev-${doc.revision}`,
      body: { content: renderContent(doc.units) },
    };
  }

  function docsRoute(method: string, rest: string, body: unknown): Reply {
    if (rest === "" && method === "POST") {
      const b = (body ?? {}) as { title?: string };
      const documentId = newId("1Doc");
      const doc: FakeDocument = {
        documentId,
        title: b.title ?? "Untitled document",
        units: [
          { kind: "section" },
          {
            kind: "char",
            ch: "\n",
            style: {},
            cell: null,
            para: { style: { namedStyleType: "NORMAL_TEXT" } },
          },
        ],
        revision: 1,
      };
      documents.set(documentId, doc);
      files.set(documentId, {
        id: documentId,
        name: doc.title,
        mimeType: "application/vnd.google-apps.document",
        parents: ["0AServiceAccountRoot"],
      });
      return { status: 200, json: documentJson(doc) };
    }
    const m = /^\/([^/:]+)(:batchUpdate)?$/.exec(rest);
    if (!m) return googleError(404, `Unknown path /v1/documents${rest}`);
    const doc = documents.get(decodeURIComponent(m[1]!));
    if (!doc) return googleError(404);
    if (!m[2] && method === "GET") return { status: 200, json: documentJson(doc) };
    if (m[2] && method === "POST") {
      const list = ((body ?? {}) as { requests?: unknown }).requests;
      if (!Array.isArray(list)) return googleError(400, "Invalid JSON payload: requests is required.");
      const editor = new DocEditor(doc.units.map(cloneUnit), tableIds);
      try {
        list.forEach((r, n) => {
          editor.apply((r ?? {}) as Record<string, unknown>, n);
        });
        renderContent(editor.units); // the result must still be a well-formed document
      } catch (error) {
        if (error instanceof DocsRequestError) return googleError(400, error.message);
        throw error;
      }
      doc.units = editor.units;
      doc.revision++;
      return {
        status: 200,
        json: {
          documentId: doc.documentId,
          replies: list.map(() => ({})),
          writeControl: { requiredRevisionId: `rev-${doc.revision}` },
        },
      };
    }
    return googleError(404, `Unknown path /v1/documents${rest}`);
  }

  // ---- Drive

  function driveRoute(method: string, rest: string, query: URLSearchParams, body: unknown): Reply {
    if ((rest === "" || rest === "/") && method === "GET") {
      const q = /appProperties has \{ key='([^']+)' and value='([^']+)' \}/.exec(query.get("q") ?? "");
      if (!q) return googleError(400, "Invalid Value", "invalid", "invalid", true);
      const found = [...files.values()].filter((f) => f.appProperties?.[q[1]!] === q[2]);
      return {
        status: 200,
        json: { kind: "drive#fileList", files: found.map((f) => ({ id: f.id, name: f.name })) },
      };
    }
    const m = /^\/([^/]+)$/.exec(rest);
    if (!m) return googleError(404, `Unknown path /drive/v3/files${rest}`, "notFound", undefined, true);
    const id = decodeURIComponent(m[1]!);
    const file = files.get(id);
    if (!file) return googleError(404, `File not found: ${id}.`, "notFound", "notFound", true);
    if (method === "GET") return { status: 200, json: { kind: "drive#file", ...file } };
    if (method === "PATCH") {
      const add = (query.get("addParents") ?? "").split(",").filter(Boolean);
      const remove = (query.get("removeParents") ?? "").split(",").filter(Boolean);
      for (const folder of add)
        if (folders && !folders.has(folder))
          return googleError(404, `File not found: ${folder}.`, "notFound", "notFound", true);
      const parents = [
        ...file.parents.filter((p) => !remove.includes(p)),
        ...add.filter((p) => !file.parents.includes(p)),
      ];
      if (parents.length > 1)
        return googleError(
          403,
          "Increasing the number of parents is not allowed.",
          "cannotAddParent",
          "cannotAddParent",
          true,
        );
      file.parents = parents;
      const props = (body as { appProperties?: Record<string, string> } | undefined)?.appProperties;
      if (props) file.appProperties = { ...file.appProperties, ...props };
      return { status: 200, json: { id: file.id, parents: file.parents } };
    }
    return googleError(405, `Method ${method} not allowed`, undefined, undefined, true);
  }

  function route(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: IncomingMessage["headers"],
    body: unknown,
  ): Reply {
    const drive = path.startsWith("/drive/");
    const fault = takeFault(method, path);
    if (fault) {
      if (path === "/token")
        return oauthError(
          fault.statusName ?? "invalid_grant",
          fault.message ?? "Injected fault",
          fault.status,
        );
      return googleError(fault.status, fault.message, fault.statusName, fault.reason, drive);
    }
    if (path === "/token" && method === "POST") return token((body ?? {}) as Record<string, string>);
    const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? "")?.[1];
    if (!bearer || !tokens.has(bearer)) return googleError(401, undefined, undefined, undefined, drive);
    if (path.startsWith("/v4/spreadsheets"))
      return sheetsRoute(method, path.slice("/v4/spreadsheets".length), query, body);
    if (path.startsWith("/v1/documents")) return docsRoute(method, path.slice("/v1/documents".length), body);
    if (path.startsWith("/drive/v3/files"))
      return driveRoute(method, path.slice("/drive/v3/files".length), query, body);
    return googleError(404, `Unknown path ${path}`);
  }

  async function handle(req: IncomingMessage): Promise<{ reply: Reply; record: GoogleRequestRecord }> {
    const parsedUrl = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let path: string;
    try {
      path = decodeURIComponent(parsedUrl.pathname);
    } catch {
      path = parsedUrl.pathname;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      headers[name] = name === "authorization" ? "[redacted]" : String(value);
    const record: GoogleRequestRecord = {
      method,
      path,
      query: Object.fromEntries(parsedUrl.searchParams),
      headers,
      raw,
      body: undefined,
      status: 0,
    };
    let body: unknown;
    const type = String(req.headers["content-type"] ?? "");
    if (raw && (type.includes("x-www-form-urlencoded") || parsedUrl.pathname === "/token"))
      body = Object.fromEntries(new URLSearchParams(raw));
    else if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return { record, reply: googleError(400, "Invalid JSON payload received.") };
      }
    }
    record.body = body;
    // Route on the raw path so an encoded ':' inside a range is not read as the verb separator.
    const routePath = parsedUrl.pathname
      .split("/")
      .map((segment) => {
        const colon = segment.lastIndexOf(":");
        const decode = (s: string) => {
          try {
            return decodeURIComponent(s);
          } catch {
            return s;
          }
        };
        return colon < 0 ? decode(segment) : `${decode(segment.slice(0, colon))}:${segment.slice(colon + 1)}`;
      })
      .join("/");
    return { record, reply: route(method, routePath, parsedUrl.searchParams, req.headers, body) };
  }

  const send = (res: ServerResponse, reply: Reply) => {
    res.writeHead(reply.status, { "content-type": "application/json; charset=UTF-8", ...reply.headers });
    res.end(JSON.stringify(reply.json));
  };

  const server = createServer((req, res) => {
    handle(req).then(
      ({ reply, record }) => {
        requests.push({ ...record, status: reply.status });
        send(res, reply);
      },
      (failure: Error) => send(res, googleError(500, `fake server bug: ${failure.message}`)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    tokenUri: `${url}/token`,
    rootUrl: `${url}/`,
    requests,
    grants,
    spreadsheets,
    documents,
    files,
    structure(documentId) {
      const doc = documents.get(documentId);
      if (!doc) throw new Error(`no document ${documentId}`);
      return simplify(renderContent(doc.units));
    },
    rows(spreadsheetId, tab) {
      const rows = spreadsheets.get(spreadsheetId)?.tabs.get(tab);
      if (!rows) throw new Error(`no tab ${tab} in ${spreadsheetId}`);
      return rows.map((row) => Array.from(row, (c) => formatted(c)));
    },
    fail: (fault) => faults.push({ ...fault, times: fault.times ?? 1 }),
    reset() {
      requests.length = 0;
      grants.length = 0;
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((failure) => (failure ? reject(failure) : resolve()));
      }),
  };
}
