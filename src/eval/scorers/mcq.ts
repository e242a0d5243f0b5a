/**
 * Multiple-choice scoring (MedQA, PubMedQA, MedMCQA, or chat suites with lettered options): the option
 * letter read from the prediction against the gold letter. Accuracy, and the share of replies from which
 * no single letter could be read.
 */
import { extractChoice } from "../extract/choice.js";
import type { TaskScorer } from "../types.js";
import { rateMetric } from "./metric-kit.js";

export const mcqScorer: TaskScorer = {
  task: "mcq",
  score(item, prediction) {
    const choices = item.choices ?? {};
    const gold = item.answer ?? extractChoice(item.reference, choices);
    const extracted = extractChoice(prediction, choices);
    const correct = gold === null ? null : extracted === gold;
    return {
      extracted,
      gold,
      correct,
      values: { correct: correct ? 1 : 0, invalid: extracted === null ? 1 : 0 },
      ...(extracted === null ? { notes: ["no single option letter found in the prediction"] } : {}),
    };
  },
  metrics: [
    rateMetric({ name: "accuracy", label: "accuracy", direction: "higher" }, (s) =>
      s.gold === null ? null : s.extracted === s.gold,
    ),
    rateMetric({ name: "invalidAnswerRate", label: "invalid-answer rate", direction: "lower" }, (s) =>
      s.gold === null ? null : s.extracted === null,
    ),
  ],
};
