/**
 * Clinical documentation CSV (dictation → finished document) → scribe examples, optionally keeping only
 * rows whose quality_score reaches --min-quality. The document type is the split's label.
 */
import { ProblemList } from "../../errors.js";
import { readCsv } from "../../io/csv.js";
import { chatExample, type Example } from "../chat.js";
import type { SourceResult } from "./source.js";

export const DOCUMENTS_REQUIRED = ["dictation", "document_type", "final_document"] as const;

const DISPLAY: Record<string, string> = {
  soap_note: "SOAP note",
  discharge_summary: "discharge summary",
  prescription: "prescription",
  procedure_note: "procedure note",
};

/** "SOAP Note" → "soap_note" */
export const documentLabel = (type: string) =>
  type
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

export async function readDocumentsCsv(
  path: string,
  systemPrompt: string,
  minQuality?: number,
): Promise<SourceResult> {
  const problems = new ProblemList();
  const examples: Example[] = [];
  let filtered = 0;
  const spec = { required: DOCUMENTS_REQUIRED, optional: ["quality_score"] };
  for await (const { line, cells } of readCsv(path, spec, problems)) {
    const bad = (field: string, message: string) => problems.add({ file: path, line, field, message });
    const dictation = cells.dictation ?? "";
    const finalDocument = cells.final_document ?? "";
    const label = documentLabel(cells.document_type ?? "");
    if (!dictation) bad("dictation", "empty; expected the clinician's dictation");
    if (!finalDocument) bad("final_document", "empty; expected the finished document");
    if (!label) bad("document_type", "empty; expected e.g. SOAP note, discharge summary, prescription");
    let quality: number | undefined;
    if (minQuality !== undefined) {
      const raw = cells.quality_score ?? "";
      quality = raw === "" ? undefined : Number(raw);
      if (quality === undefined || Number.isNaN(quality))
        bad("quality_score", `"${raw}" is not a number, and --min-quality needs one on every row`);
    }
    if (!dictation || !finalDocument || !label) continue;
    if (minQuality !== undefined) {
      if (quality === undefined || Number.isNaN(quality)) continue;
      if (quality < minQuality) {
        filtered++;
        continue;
      }
    }
    const user = `Document type: ${DISPLAY[label] ?? label.replace(/_/g, " ")}\n\nDictation:\n${dictation}`;
    examples.push(chatExample(systemPrompt, user, finalDocument, label));
  }
  problems.throwIfAny(
    `${path}: rows that cannot be converted`,
    "Fix the rows listed, then run prepare again.",
  );
  return { examples, filtered };
}
