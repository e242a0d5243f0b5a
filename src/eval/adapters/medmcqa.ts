/**
 * MedMCQA JSONL → multiple-choice items. Each line: `question`, options `opa`…`opd`, and `cop`, the
 * correct option. Copies disagree on `cop`: the original release numbers it 1–4, the Hugging Face copy
 * 0–3. The base is read from the whole file: any 0 means 0-based, any 4 means 1-based; a file with only
 * 1–3 is ambiguous, read as 1-based, and said so in a note. Letters ("a"…"d") are taken as they are.
 */
import type { ProblemList } from "../../errors.js";
import type { SuiteItem } from "../types.js";
import { isObject, mcqItem, mcqPrompt, questionOf, type RawRecord, text } from "./item.js";

const FIELDS = [
  ["A", "opa"],
  ["B", "opb"],
  ["C", "opc"],
  ["D", "opd"],
] as const;

export function isMedmcqaRecord(value: unknown): boolean {
  return isObject(value) && "question" in value && "opa" in value && "opb" in value;
}

type Cop = { kind: "number"; n: number } | { kind: "letter"; letter: string } | null;

function readCop(v: unknown): Cop {
  if (typeof v === "number" && Number.isInteger(v)) return { kind: "number", n: v };
  if (typeof v === "string") {
    const s = v.trim();
    if (/^\d$/.test(s)) return { kind: "number", n: Number(s) };
    if (/^[a-dA-D]$/.test(s)) return { kind: "letter", letter: s.toUpperCase() };
  }
  return null;
}

/** 0 or 1: the index base of numeric `cop` values, with a note when it had to be assumed. */
function copBase(cops: readonly Cop[], path: string, notes: string[], problems: ProblemList): 0 | 1 | null {
  const numbers = cops.flatMap((c) => (c?.kind === "number" ? [c.n] : []));
  const zero = numbers.includes(0);
  const four = numbers.includes(4);
  if (zero && four) {
    problems.add({
      file: path,
      field: "cop",
      message: "cop holds both 0 and 4: the file mixes 0-based and 1-based answers",
    });
    return null;
  }
  if (zero) return 0;
  if (four || numbers.length === 0) return 1;
  notes.push(
    `${path}: every cop is 1, 2 or 3, so the index base cannot be told from the data; read as 1-based (1 = opa), as in the original MedMCQA release. If this copy is 0-based (the Hugging Face copy numbers 0–3), answers are shifted by one.`,
  );
  return 1;
}

export function medmcqaItems(
  records: readonly RawRecord[],
  path: string,
  problems: ProblemList,
  notes: string[],
): SuiteItem[] {
  const parsed: { line: number; question: string; choices: Record<string, string>; cop: Cop }[] = [];
  for (const { line, value } of records) {
    const problem = (field: string, message: string) => problems.add({ file: path, line, field, message });
    const found = questionOf(value, problem);
    if (!found) continue;
    const { record, question } = found;
    const choices: Record<string, string> = {};
    for (const [letter, field] of FIELDS) {
      const option = text(record[field]);
      if (option) choices[letter] = option;
    }
    const missing = FIELDS.filter(([letter]) => !(letter in choices)).map(([, field]) => field);
    if (missing.length) {
      problem(
        missing[0] as string,
        `missing or empty option${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
      );
      continue;
    }
    const cop = readCop(record.cop);
    if (!cop || (cop.kind === "number" && (cop.n < 0 || cop.n > 4))) {
      const hint =
        record.cop === undefined || record.cop === -1
          ? " (the MedMCQA test split is unlabeled: use dev)"
          : "";
      problem("cop", `expected the correct option as 0–3, 1–4 or a–d${hint}`);
      continue;
    }
    parsed.push({ line, question, choices, cop });
  }
  const base = copBase(
    parsed.map((p) => p.cop),
    path,
    notes,
    problems,
  );
  if (base === null) return [];
  const items: SuiteItem[] = [];
  for (const p of parsed) {
    const cop = p.cop as NonNullable<Cop>;
    const answer = cop.kind === "letter" ? cop.letter : FIELDS[cop.n - base]?.[0];
    if (!answer) {
      problems.add({
        file: path,
        line: p.line,
        field: "cop",
        message: `cop ${cop.kind === "number" ? cop.n : ""} is out of range for ${base}-based numbering`,
      });
      continue;
    }
    items.push(mcqItem(p.line, mcqPrompt(p.question, p.choices), p.choices, answer));
  }
  return items;
}
