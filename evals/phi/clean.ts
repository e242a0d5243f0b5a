/**
 * The clean corpus: the same document shapes as the planted one, written only from look-alike
 * sentences and fields (doses, vitals, labs, codes, eponyms, scores, ages under 90, years, times,
 * durations, relative days, crisis lines, states, name-like words). No record holds an identifier.
 */
import { Random } from "../../src/dataset/random.js";
import type { CleanRecord } from "../../src/phi/quality.js";
import { Builder } from "./builder.js";
import { type Content, fillerFields, fillerSentence, isForm, writeDocument } from "./documents.js";
import { STYLE_WEIGHTS } from "./planted.js";

export function cleanRecords(seed: number, count: number): CleanRecord[] {
  const r = new Random(seed);
  const records: CleanRecord[] = [];
  for (let i = 0; i < count; i++) {
    const style = r.pickWeighted(STYLE_WEIGHTS);
    const content: Content = { sentences: [], fields: [] };
    if (isForm(style)) content.fields = fillerFields(r, r.int(3, 8));
    else for (let k = r.int(3, 7); k > 0; k--) content.sentences.push(fillerSentence(r));
    const b = new Builder();
    writeDocument(b, r, style, content);
    if (b.spans.length > 0) throw new Error("clean record with a planted span");
    records.push({ id: `clean-${String(i + 1).padStart(4, "0")}`, text: b.toString() });
  }
  return records;
}
