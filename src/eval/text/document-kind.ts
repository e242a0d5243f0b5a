/**
 * What kind of clinical document a text is: a SOAP note, a discharge summary, a prescription, a procedure
 * note, another structured document, or plain prose. Read from the title line and the section headings.
 */
import { isSoapNote } from "./soap-sections.js";

export type DocumentKind =
  | "soap_note"
  | "discharge_summary"
  | "prescription"
  | "procedure_note"
  | "document"
  | "prose";

const TITLES: readonly (readonly [RegExp, DocumentKind])[] = [
  [/^\W*(soap|progress) note\b/i, "soap_note"],
  [/^\W*discharge summary\b/i, "discharge_summary"],
  [/^\W*(prescription|rx)\b/i, "prescription"],
  [/^\W*(procedure|operative) note\b/i, "procedure_note"],
];

const FIELDS: readonly (readonly [RegExp, DocumentKind])[] = [
  [
    /^\W*(hospital course|discharge diagnosis|discharge medications|reason for admission)\W*:/im,
    "discharge_summary",
  ],
  [/^\W*(sig|refills|quantity|dispense)\W*:/im, "prescription"],
  [/^\W*(procedure|anesthesia|estimated blood loss|specimens|complications)\W*:/im, "procedure_note"],
];

/** The field-like heading lines ("Findings:", "**Plan:**") a text has. */
function headingCount(text: string): number {
  return (
    text.match(/^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[A-Za-z][A-Za-z /&-]{1,40}(?:\*\*|__)?[ \t]*:/gm)
      ?.length ?? 0
  );
}

export function documentKind(text: string): DocumentKind {
  const first = text.trimStart().split("\n", 1)[0] ?? "";
  for (const [pattern, kind] of TITLES) if (pattern.test(first)) return kind;
  if (isSoapNote(text)) return "soap_note";
  const votes = new Map<DocumentKind, number>();
  for (const [pattern, kind] of FIELDS) {
    const hits = text.match(new RegExp(pattern.source, "gim"))?.length ?? 0;
    if (hits) votes.set(kind, (votes.get(kind) ?? 0) + hits);
  }
  const best = [...votes].sort((a, b) => b[1] - a[1])[0];
  if (best && best[1] >= 2) return best[0];
  return headingCount(text) >= 3 ? "document" : "prose";
}
