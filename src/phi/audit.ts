/**
 * The HIPAA audit of dataset files: every string of every record (JSONL), every cell (CSV), every line
 * (other text) through the scanner, streamed, with each file's SHA-256 taken from the same bytes. The
 * verdict is computed: FAIL when any finding is CRITICAL or HIGH. The report carries redacted snippets
 * only, never the PHI it found.
 */
import { createHash } from "node:crypto";
import { extname } from "node:path";
import { InputError, ProblemList } from "../errors.js";
import { readCsv } from "../io/csv.js";
import { checkReadableFile, readLines } from "../io/lines.js";
import { DuplicateCounter } from "./duplicates.js";
import { IDENTIFIERS, type Identifier, SEVERITIES, type Severity } from "./identifiers.js";
import { REMEDIATION } from "./remediation.js";
import { type Finding, SCANNER_VERSION, scanText } from "./scanner.js";
import { redactedSnippets } from "./snippet.js";
import { walkStrings } from "./walk.js";

export type Verdict = "PASS" | "FAIL";

export interface AuditFinding {
  file: string;
  line: number;
  path: string;
  start: number;
  end: number;
  identifier: Identifier;
  severity: Severity;
  snippet: string;
}

export interface AuditedFile {
  path: string;
  sha256: string;
  records: number;
  /** Records whose text repeats an earlier record of the same file exactly. */
  duplicateRecords: number;
}

export interface AuditReport {
  verdict: Verdict;
  files: AuditedFile[];
  countsByIdentifier: Record<Identifier, number>;
  countsBySeverity: Record<Severity, number>;
  /** Identifiers with at least one CRITICAL or HIGH finding: the reasons for a FAIL. */
  failingIdentifiers: Identifier[];
  findings: AuditFinding[];
  /** All findings, including any past the report's cap. */
  findingsTotal: number;
  /** How to fix each class of finding present. */
  remediation: Partial<Record<Identifier, string>>;
  attestation: string | null;
  scannerVersion: string;
}

export interface AuditOptions {
  /** Most findings listed in the report (all are counted). Default 10,000. */
  maxFindings?: number;
  onProgress?: (file: string, bytesRead: number, bytesTotal: number) => void;
  /** The scanner; replaceable in tests. */
  scan?: (text: string) => Finding[];
}

const FAILING: ReadonlySet<Severity> = new Set(["CRITICAL", "HIGH"]);

const MEMO_ENTRIES = 10_000;
const MEMO_MIN_LENGTH = 200;

/**
 * Datasets repeat long strings (the system prompt of every record, stock answers): scan each distinct one
 * once. Bounded; cleared when full.
 */
function memoized(scan: (text: string) => Finding[]): (text: string) => Finding[] {
  const memo = new Map<string, Finding[]>();
  return (text) => {
    if (text.length < MEMO_MIN_LENGTH) return scan(text);
    let found = memo.get(text);
    if (!found) {
      found = scan(text);
      if (memo.size >= MEMO_ENTRIES) memo.clear();
      memo.set(text, found);
    }
    return found;
  };
}

/** Findings of "label + text" as offsets into text; findings wholly inside the label are dropped. */
function relabel(found: Finding[], shift: number, length: number): Finding[] {
  return found
    .filter((f) => f.end > shift)
    .map((f) => ({ ...f, start: Math.max(0, f.start - shift), end: Math.min(length, f.end - shift) }));
}

export async function auditFiles(paths: readonly string[], options: AuditOptions = {}): Promise<AuditReport> {
  if (paths.length === 0) throw new InputError("no files to audit", [], { hint: "cft audit FILE..." });
  const scan = memoized(options.scan ?? scanText);
  const maxFindings = options.maxFindings ?? 10_000;
  const countsByIdentifier = Object.fromEntries(IDENTIFIERS.map((id) => [id, 0])) as Record<
    Identifier,
    number
  >;
  const countsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const findings: AuditFinding[] = [];
  const failingIds = new Set<Identifier>();
  let findingsTotal = 0;
  const files: AuditedFile[] = [];

  for (const file of paths) {
    const size = await checkReadableFile(file);
    const hash = createHash("sha256");
    let bytesRead = 0;
    const duplicates = new DuplicateCounter();
    const audited: AuditedFile = { path: file, sha256: "", records: 0, duplicateRecords: 0 };
    const record = (text: string) => {
      audited.records++;
      if (duplicates.add(text)) audited.duplicateRecords++;
    };
    // A CSV cell is scanned as "column: value" so its header labels it ("ssn: …" is an SSN), and the
    // findings are mapped back to offsets in the cell.
    const check = (line: number, path: string, text: string, label = "") => {
      const found = label ? relabel(scan(label + text), label.length, text.length) : scan(text);
      if (found.length === 0) return;
      const snippets = redactedSnippets(text, found);
      found.forEach((f, i) => {
        findingsTotal++;
        countsByIdentifier[f.identifier]++;
        countsBySeverity[f.severity]++;
        if (FAILING.has(f.severity)) failingIds.add(f.identifier);
        if (findings.length < maxFindings)
          findings.push({
            file,
            line,
            path,
            start: f.start,
            end: f.end,
            identifier: f.identifier,
            severity: f.severity,
            snippet: snippets[i]!,
          });
      });
    };
    const onBytes = (chunk: Buffer) => {
      hash.update(chunk);
      bytesRead += chunk.length;
      options.onProgress?.(file, bytesRead, size);
    };
    const problems = new ProblemList();

    if (extname(file).toLowerCase() === ".csv") {
      // Hashed from the very bytes that are scanned: an attestation never covers content it did not see.
      for await (const row of readCsv(file, { required: [], trim: false }, problems, { onBytes })) {
        record(JSON.stringify(row.cells));
        for (const [column, value] of Object.entries(row.cells))
          check(row.line, column, value, `${column}: `);
      }
    } else {
      const jsonl = [".jsonl", ".json", ".ndjson"].includes(extname(file).toLowerCase());
      for await (const event of readLines(file, { onBytes })) {
        if (event.kind === "problem") {
          problems.add({ file, line: event.number, message: event.message });
          continue;
        }
        if (event.text.trim() === "") continue;
        record(event.text);
        if (!jsonl) {
          check(event.number, "text", event.text);
          continue;
        }
        let value: unknown;
        try {
          value = JSON.parse(event.text);
        } catch {
          // Not JSON: still scanned whole, so nothing escapes the audit.
          check(event.number, "(unparsed line)", event.text);
          continue;
        }
        walkStrings(value, (path, text) => check(event.number, path || "(value)", text));
      }
    }
    problems.throwIfAny(
      `${file}: lines the audit cannot read, so it cannot vouch for the file`,
      "Fix the encoding or the lines listed, then audit again.",
    );
    audited.sha256 = hash.digest("hex");
    files.push(audited);
  }

  const failingIdentifiers = IDENTIFIERS.filter((id) => failingIds.has(id));
  const remediation: Partial<Record<Identifier, string>> = {};
  for (const id of IDENTIFIERS) if (countsByIdentifier[id] > 0) remediation[id] = REMEDIATION[id];
  return {
    verdict: failingIdentifiers.length ? "FAIL" : "PASS",
    files,
    countsByIdentifier,
    countsBySeverity,
    failingIdentifiers,
    findings,
    findingsTotal,
    remediation,
    attestation: null,
    scannerVersion: SCANNER_VERSION,
  };
}
