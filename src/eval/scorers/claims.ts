/**
 * Claims scoring: the decision read from the prediction against the reference's. Accuracy, macro F1 over
 * the three decisions (components: the one-hot cell of a 3×4 confusion matrix, the fourth column "no
 * answer"), per-class precision and recall, and the two costly errors: approving what should be denied
 * (a financial risk, critical) and denying what should be approved (a patient-access risk).
 */
import { DECISIONS, type Decision, extractDecision } from "../extract/decision.js";
import type { ItemScore, MetricDef, TaskScorer } from "../types.js";
import { rateMetric } from "./metric-kit.js";

const CLASS_INDEX: Readonly<Record<string, number>> = { APPROVED: 0, DENIED: 1, PENDING: 2 };
const NO_ANSWER = 3;
const COLUMNS = 4;

const goldIndex = (s: ItemScore) => (s.gold === null ? undefined : CLASS_INDEX[s.gold]);
const predIndex = (s: ItemScore) =>
  s.extracted === null ? NO_ANSWER : (CLASS_INDEX[s.extracted] ?? NO_ANSWER);

export interface ConfusionMatrix {
  /** Rows: the gold decision. */
  rows: readonly Decision[];
  /** Columns: the predicted decision, then "none" (no decision found). */
  columns: readonly [...Decision[], "none"];
  /** counts[row][column]. */
  counts: number[][];
  /** Items without a gold decision (not counted). */
  ungraded: number;
}

export function confusionMatrix(scores: readonly ItemScore[]): ConfusionMatrix {
  const counts = DECISIONS.map(() => new Array<number>(COLUMNS).fill(0));
  let ungraded = 0;
  for (const s of scores) {
    const g = goldIndex(s);
    if (g === undefined) ungraded++;
    else {
      const row = counts[g] as number[];
      const p = predIndex(s);
      row[p] = (row[p] as number) + 1;
    }
  }
  return { rows: DECISIONS, columns: [...DECISIONS, "none"], counts, ungraded };
}

const macroF1: MetricDef = {
  name: "macroF1",
  label: "macro F1",
  direction: "higher",
  kind: "set",
  width: DECISIONS.length * COLUMNS,
  components(score) {
    const out = new Array<number>(DECISIONS.length * COLUMNS).fill(0);
    const g = goldIndex(score);
    if (g !== undefined) out[g * COLUMNS + predIndex(score)] = 1;
    return out;
  },
  finalize(sums) {
    const cell = (g: number, p: number) => sums[g * COLUMNS + p] as number;
    let total = 0;
    let classes = 0;
    for (let c = 0; c < DECISIONS.length; c++) {
      let goldCount = 0;
      let predCount = 0;
      for (let k = 0; k < COLUMNS; k++) goldCount += cell(c, k);
      for (let g = 0; g < DECISIONS.length; g++) predCount += cell(g, c);
      if (goldCount + predCount === 0) continue; // a class nobody has or predicts does not count
      classes++;
      total += (2 * cell(c, c)) / (goldCount + predCount);
    }
    return classes ? total / classes : Number.NaN;
  },
};

const cap = (d: Decision) => d.charAt(0) + d.slice(1).toLowerCase();

function perClass(decision: Decision, critical: { precision?: boolean; recall?: boolean }): MetricDef[] {
  return [
    rateMetric(
      {
        name: `precision${cap(decision)}`,
        label: `${decision.toLowerCase()} precision`,
        direction: "higher",
        critical: critical.precision,
      },
      (s) => (s.gold === null || s.extracted !== decision ? null : s.gold === decision),
    ),
    rateMetric(
      {
        name: `recall${cap(decision)}`,
        label: `${decision.toLowerCase()} recall`,
        direction: "higher",
        critical: critical.recall,
      },
      (s) => (s.gold !== decision ? null : s.extracted === decision),
    ),
  ];
}

export const CLAIMS_METRICS: readonly MetricDef[] = [
  rateMetric({ name: "accuracy", label: "accuracy", direction: "higher" }, (s) =>
    s.gold === null ? null : s.extracted === s.gold,
  ),
  macroF1,
  ...perClass("APPROVED", {}),
  ...perClass("DENIED", { recall: true }),
  ...perClass("PENDING", {}),
  rateMetric(
    { name: "falseApprovalRate", label: "false-approval rate", direction: "lower", critical: true },
    (s) => (s.gold !== "DENIED" ? null : s.extracted === "APPROVED"),
  ),
  rateMetric({ name: "falseDenialRate", label: "false-denial rate", direction: "lower" }, (s) =>
    s.gold !== "APPROVED" ? null : s.extracted === "DENIED",
  ),
  rateMetric({ name: "noAnswerRate", label: "no-answer rate", direction: "lower" }, (s) =>
    s.gold === null ? null : s.extracted === null,
  ),
];

export const claimsScorer: TaskScorer = {
  task: "claims",
  score(item, prediction) {
    const gold = extractDecision(item.reference);
    const extracted = extractDecision(prediction);
    const correct = gold === null ? null : extracted === gold;
    const notes: string[] = [];
    if (gold === null) notes.push("reference states no decision");
    if (extracted === null) notes.push("no decision found in the prediction");
    else if (gold === "DENIED" && extracted === "APPROVED") notes.push("false approval");
    else if (gold === "APPROVED" && extracted === "DENIED") notes.push("false denial");
    return {
      extracted,
      gold,
      correct,
      values: { correct: correct ? 1 : 0, noAnswer: extracted === null ? 1 : 0 },
      ...(notes.length ? { notes } : {}),
    };
  },
  metrics: [...CLAIMS_METRICS],
};
