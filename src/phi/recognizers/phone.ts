/**
 * PHONE and FAX: North American numbers ((555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567,
 * 1-555-123-4567, 915/339-0512, 5551234567 with context), local 555-1234 with context, extensions (x123,
 * ext. 45), and international numbers with a "+" country code or the 011 exit code (+44 20 7946 0958,
 * +16145550123, 011 52 33 3695 9861). A number is FAX when "fax", "faxed", "facsimile" or "F:" is the
 * nearest context word before it (or "fax" right after it, or a "Fax #" column header), else PHONE.
 * Confidence: formatted with a label, parentheses or "+" strong; formatted otherwise medium; ten bare
 * digits medium with phone words near, else weak; toll-free numbers weak (businesses, never a patient).
 * Codes, doses, dates and crisis lines (988, 911) never have a phone's digit grouping, so they never match.
 */
import type { Candidate, Confidence, Recognizer } from "../candidate.js";
import { wordsPattern } from "../context.js";
import { columnAt } from "./number-columns.js";
import { hasLabel } from "./number-labels.js";
import { codeTokens } from "./number-tokens.js";

const PHONE_WORDS = new RegExp(
  wordsPattern([
    "phone",
    "phones",
    "phoned",
    "telephone",
    "tel",
    "ph",
    "cell",
    "cellular",
    "cellphone",
    "mobile",
    "call",
    "calls",
    "called",
    "calling",
    "callback",
    "text",
    "texts",
    "texted",
    "texting",
    "txt",
    "dial",
    "dialed",
    "contact",
    "reach",
    "reached",
    "reachable",
    "pager",
    "beeper",
    "voicemail",
    "landline",
    "home",
    "work",
    "whatsapp",
  ]).source,
  "giu",
);
const FAX_WORDS = new RegExp(
  `${wordsPattern(["fax", "faxed", "faxes", "faxing", "facsimile", "telefax", "fx"]).source}|\\bF\\s?:`,
  "giu",
);
// How far back a context word may sit: "Records release faxed to the attorney's office at 6167242283".
const WINDOW = 48;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlnum = (c: number) => isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 122);
// Toll-free prefixes belong to businesses and hotlines, never to a patient.
const TOLL_FREE = new Set(["800", "833", "844", "855", "866", "877", "888"]);

interface Parsed {
  end: number;
  groups: string[];
  plus: boolean;
  parens: boolean;
}

/** Digit groups from P: "(555) 123-4567", "+44 20 7946 0958"; at most 6 groups and 16 digits, bounded. */
function parse(text: string, p: number): Parsed | undefined {
  const n = text.length;
  let i = p;
  const plus = text.charCodeAt(i) === 43;
  if (plus) i++;
  const groups: string[] = [];
  let parens = false;
  let digits = 0;
  let end = i;
  while (groups.length < 6 && i < n) {
    const open = text.charCodeAt(i) === 40;
    const s = open ? i + 1 : i;
    let k = s;
    while (k < n && k - s < 15 && isDigit(text.charCodeAt(k))) k++;
    if (k < n && isDigit(text.charCodeAt(k))) return undefined;
    // A "(" that opens no digit group ("555-123-4599 (fax)") ends the number before it.
    if (k === s || (open && text.charCodeAt(k) !== 41)) break;
    groups.push(text.slice(s, k));
    digits += k - s;
    if (digits > 16) return undefined;
    if (open) {
      parens = true;
      k++;
    }
    end = k;
    // Separator to the next group: " ", "-", ".", "- ", or nothing after ")"; then a digit or "(".
    let j = k;
    const c = text.charCodeAt(j);
    // "915/339-0512": a slash only after the area code.
    const slash = c === 47 && !plus && groups.length === 1 && k - s === 3;
    if (c === 32 || c === 45 || c === 46 || c === 160 || slash) j++;
    if (j < n && c === 45 && text.charCodeAt(j) === 32) j++;
    const next = text.charCodeAt(j);
    if (!(isDigit(next) || (next === 40 && j > k))) break;
    if (j === k && !open) break;
    i = j;
  }
  if (groups.length === 0) return undefined;
  const after = text.charCodeAt(end);
  // "4567x123" is an extension; any other letter, digit or "/" glued on makes it something else.
  const extension = (after | 32) === 120 && isDigit(text.charCodeAt(end + 1));
  if (end < n && !extension && (isAlnum(after) || after === 47)) return undefined;
  return { end, groups, plus, parens };
}

/** Whether a phone's digit groups may continue after END: "555) …", "555 123", "1 (555)". */
function continues(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c === 41) return true;
  if (!(c === 32 || c === 45 || c === 46 || c === 160)) return false;
  const next = text.charCodeAt(end + 1);
  return isDigit(next) || next === 40;
}

/** Includes an extension after END: "x123", " ext. 45", " extension 1234", ", ext 9". */
function withExtension(text: string, end: number): number {
  const m = EXTENSION.exec(text.slice(end, end + 20));
  return m ? end + m[0].length : end;
}
const EXTENSION = /^,?\s?(?:x|ext\.?|extension|#)\s?\d{1,6}(?![\p{L}\p{N}])/iu;

function lastMatch(window: string, re: RegExp): number {
  re.lastIndex = 0;
  let last = -1;
  for (let m = re.exec(window); m !== null; m = re.exec(window)) last = m.index;
  return last;
}

type Kind = "nanp" | "local" | "intl" | "bare" | "toll-free";

function classify(p: Parsed): Kind | undefined {
  const g = p.groups;
  const lens = g.map((x) => x.length).join(",");
  const cc1 = g[0] === "1" && g.length > 1;
  const rest = cc1 ? g.slice(1) : g;
  const restLens = cc1 ? lens.slice(2) : lens;
  if (restLens === "3,3,4") return TOLL_FREE.has(rest[0]!) ? "toll-free" : "nanp";
  if (!p.plus && (lens === "10" || (lens === "11" && g[0]!.startsWith("1")))) {
    const area = g[0]!.slice(lens === "11" ? 1 : 0, lens === "11" ? 4 : 3);
    if (area.charCodeAt(0) < 50) return undefined; // NANP area codes start with 2-9
    return TOLL_FREE.has(area) ? "toll-free" : "bare";
  }
  if (p.plus && g.length === 1) {
    // E.164 written solid: "+16145550123", "+442079460958".
    const d = g[0]!;
    if (d.length === 11 && d.startsWith("1")) return TOLL_FREE.has(d.slice(1, 4)) ? "toll-free" : "nanp";
    return d.length >= 8 && d.length <= 15 ? "intl" : undefined;
  }
  if (p.plus || (g[0] === "011" && g.length >= 3)) {
    // "+44 20 7946 0958", or dialled from the US with the 011 exit code: "011 52 33 3695 9861".
    const digits = g.join("").length - (p.plus ? 0 : 3);
    return g.length >= 2 && digits >= 8 && digits <= 15 ? "intl" : undefined;
  }
  if (lens === "3,4" && !p.parens) return "local";
  return undefined;
}

export const phoneRecognizer: Recognizer = {
  name: "phone",
  identifiers: ["PHONE", "FAX"],
  scan(text: string, found: Candidate[]): void {
    let consumed = 0;
    for (const t of codeTokens(text)) {
      // A phone token holds digits and at most an "x" before an extension.
      if (t.start < consumed || t.letters > 1 || !isDigit(text.charCodeAt(t.start))) continue;
      let p = t.start;
      if (text.charCodeAt(p - 1) === 40) p--;
      if (text.charCodeAt(p - 1) === 43) p--;
      if (p > 0 && isAlnum(text.charCodeAt(p - 1))) continue;
      const plus = text.charCodeAt(p) === 43;
      if (t.digits < 3 && !plus && t.text !== "1") continue;
      // Fewer than 7 digits in the token: a phone goes on with a separator and a digit, or ")".
      if (t.digits < 7 && !plus && !continues(text, t.end)) continue;
      const parsed = parse(text, p);
      if (!parsed) continue;
      const kind = classify(parsed);
      if (!kind) continue;
      // Ten bare digits under another identifier's label ("Billing account 6664216223", "CSN …", an "NPI"
      // column) are that identifier, whatever phone words sit nearby.
      if (kind === "bare" && hasLabel(text, t)) continue;
      const end = withExtension(text, parsed.end);
      const window = text.slice(Math.max(0, p - WINDOW), p);
      let faxAt = lastMatch(window, FAX_WORDS);
      let phoneAt = lastMatch(window, PHONE_WORDS);
      // In a table the column header is the label: "Fax #", "Home Phone", "Mobile".
      const header = faxAt < 0 && phoneAt < 0 ? columnAt(text, p)?.header : undefined;
      if (header !== undefined) {
        faxAt = lastMatch(header, FAX_WORDS);
        phoneAt = lastMatch(header, PHONE_WORDS);
      }
      const labelled = faxAt >= 0 || phoneAt >= 0;
      if (kind === "local" && !labelled) continue;
      const fax =
        faxAt > phoneAt || (!labelled && /^\W{0,3}(?:fax|facsimile)\b/i.test(text.slice(end, end + 14)));
      let confidence: Confidence;
      if (kind === "toll-free") confidence = "weak";
      else if (kind === "bare") confidence = labelled ? "medium" : "weak";
      else if (kind === "local") confidence = "medium";
      else if (labelled || parsed.parens || parsed.plus) confidence = "strong";
      else confidence = "medium";
      found.push({
        identifier: fax ? "FAX" : "PHONE",
        start: p,
        end,
        confidence,
        rule: `${fax ? "fax" : "phone"}-${kind}`,
      });
      consumed = end;
    }
  },
};
