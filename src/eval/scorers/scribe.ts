/**
 * Scribe scoring: a generated document against the reference document and the dictation it came from.
 * ROUGE-L (mean), SOAP section completeness (SOAP references only), clinical-term micro F1, and the
 * hallucination rate: output terms found in neither the dictation (non-system prompt messages) nor the
 * reference, over all output terms, summed across items (critical: the prompt forbids inventing facts).
 */

import { clinicalTerms, termOverlap } from "../text/clinical-terms.js";
import { documentKind } from "../text/document-kind.js";
import { rougeL } from "../text/rouge-l.js";
import { SOAP_NAMES, SOAP_ORDER, soapSections } from "../text/soap-sections.js";
import type { SuiteItem, TaskScorer } from "../types.js";
import { itemValue, meanMetric, ratioMetric } from "./metric-kit.js";

const SHOWN_TERMS = 8;

/** What the model was given to work from: every non-system message before the reference. */
export function sourceText(item: SuiteItem): string {
  return item.messages
    .filter((m) => m.role !== "system")
    .map((m) => m.content ?? "")
    .join("\n");
}

export const scribeScorer: TaskScorer = {
  task: "scribe",
  score(item, prediction) {
    const notes: string[] = [];
    const values: Record<string, number> = { rougeL: rougeL(prediction, item.reference).f };

    const expected = soapSections(item.reference);
    values.soapReference = expected.size >= 3 ? 1 : 0;
    if (expected.size >= 3) {
      const found = soapSections(prediction);
      const missing = SOAP_ORDER.filter((s) => expected.has(s) && !found.has(s));
      values.sectionCompleteness = (expected.size - missing.length) / expected.size;
      if (missing.length) notes.push(`missing sections: ${missing.map((s) => SOAP_NAMES[s]).join(", ")}`);
    }

    const output = clinicalTerms(prediction);
    const reference = clinicalTerms(item.reference);
    const source = clinicalTerms(sourceText(item));
    const { tp, fp, fn } = termOverlap(output, reference);
    const invented = [...output].filter((t) => !reference.has(t) && !source.has(t));
    Object.assign(values, {
      termTp: tp,
      termFp: fp,
      termFn: fn,
      inventedTerms: invented.length,
      outputTerms: output.size,
    });
    if (invented.length) {
      const more = invented.length > SHOWN_TERMS ? ` (+${invented.length - SHOWN_TERMS} more)` : "";
      notes.push(
        `terms in neither dictation nor reference: ${invented.slice(0, SHOWN_TERMS).join(", ")}${more}`,
      );
    }
    return {
      extracted: prediction.trim() ? documentKind(prediction) : null,
      gold: documentKind(item.reference),
      correct: null,
      values,
      ...(notes.length ? { notes } : {}),
    };
  },
  metrics: [
    meanMetric({ name: "rougeL", label: "ROUGE-L F1", direction: "higher" }, (s) => itemValue(s, "rougeL")),
    meanMetric(
      { name: "sectionCompleteness", label: "SOAP section completeness", direction: "higher" },
      (s) => (itemValue(s, "soapReference") === 1 ? itemValue(s, "sectionCompleteness") : null),
    ),
    {
      name: "termF1",
      label: "clinical-term F1",
      direction: "higher",
      kind: "set",
      width: 3,
      components: (s) => [
        itemValue(s, "termTp") ?? 0,
        itemValue(s, "termFp") ?? 0,
        itemValue(s, "termFn") ?? 0,
      ],
      finalize(sums) {
        const [tp, fp, fn] = [sums[0] as number, sums[1] as number, sums[2] as number];
        return 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : Number.NaN;
      },
    },
    ratioMetric(
      { name: "hallucinationRate", label: "hallucinated-term rate", direction: "lower", critical: true },
      (s) => [itemValue(s, "inventedTerms") ?? 0, itemValue(s, "outputTerms") ?? 0],
    ),
  ],
};
