/**
 * Is fine-tuning necessary? A deterministic answer from the task, the training data (size, label
 * balance, tokens per example) and, when measured, the prompt-only baseline's primary metric with its 95%
 * interval against a target. The rules, first match wins (`NECESSITY_RULES` holds them as data):
 *
 *   no-baseline    no baseline measured                              → measure-first (and how to measure)
 *   target-met     the whole interval meets the target               → prompt-only
 *                  (higher is better: low ≥ target; lower is better: high ≤ target)
 *   target-missed  the whole interval misses the target              → fine-tune
 *                  (higher is better: high < target; lower is better: low > target)
 *   inconclusive   the interval straddles the target                 → measure-first, with the number of
 *                                                                       items that would resolve it
 *
 * The data never flips the recommendation; it adds reasons and blockers (fewer than 10 examples cannot be
 * fine-tuned on OpenAI; under 50 is weak; a label under 5% of the data is rarely learned; long examples
 * make few-shot prompts expensive).
 */
import type { Task } from "../dataset/chat.js";
import { InputError } from "../errors.js";
import {
  type BaselineFigure,
  type ResolvedTarget,
  resolveTarget,
  type Target,
  type TargetOverride,
} from "./targets.js";

export {
  type BaselineFigure,
  baselineFromEvaluation,
  DEFAULT_TARGETS,
  type Target,
  type TargetOverride,
} from "./targets.js";

export type Recommendation = "prompt-only" | "fine-tune" | "measure-first";
export type NecessityRuleId = "no-baseline" | "target-met" | "target-missed" | "inconclusive";

export const NECESSITY_RULES: readonly { id: NecessityRuleId; when: string; recommends: Recommendation }[] = [
  { id: "no-baseline", when: "no prompt-only baseline has been measured", recommends: "measure-first" },
  {
    id: "target-met",
    when: "the baseline's 95% interval lies wholly on the good side of the target",
    recommends: "prompt-only",
  },
  {
    id: "target-missed",
    when: "the baseline's 95% interval lies wholly on the bad side of the target",
    recommends: "fine-tune",
  },
  {
    id: "inconclusive",
    when: "the baseline's 95% interval contains the target",
    recommends: "measure-first",
  },
];

export interface NecessityInput {
  task: Task;
  /** Training examples available. */
  examples: number;
  labelCounts?: Readonly<Record<string, number>>;
  averageTokens?: number;
  /** Few-shot examples the prompt-only setup carries (for its token cost). */
  fewShotK?: number;
  baseline?: BaselineFigure | null;
  target?: TargetOverride;
}

export interface NecessityAssessment {
  recommendation: Recommendation;
  rule: NecessityRuleId;
  reasons: string[];
  /** What stops fine-tuning as things stand (not enough data, examples too long). */
  blockers: string[];
  nextSteps: string[];
  target: ResolvedTarget;
  baseline: BaselineFigure | null;
  data: { examples: number; readiness: "insufficient" | "weak" | "adequate"; averageTokens: number | null };
  /** Inconclusive baselines: about how many items would make the interval exclude the target. */
  itemsToResolve: number | null;
}

export const MIN_EXAMPLES = 10;
export const WEAK_EXAMPLES = 50;
export const RARE_LABEL_SHARE = 0.05;
export const EXAMPLE_TOKEN_LIMIT = 65_536;
/** Few-shot context above this many tokens a call is a cost argument for fine-tuning. */
export const FEW_SHOT_TOKEN_BUDGET = 6000;
const Z = 1.96;

const fmt = (v: number, kind: "rate" | "set") =>
  kind === "rate" ? `${(v * 100).toFixed(1)}%` : v.toFixed(3);

function checkBaseline(b: BaselineFigure, target: Target): void {
  const where = (message: string) =>
    new InputError(`the baseline ${b.metric}: ${message}`, [], {
      hint: "Pass the metric's value and its 95% interval as `cft evaluate --json` reports them.",
    });
  if (b.metric !== target.metric)
    throw new InputError(`the baseline measures ${b.metric} but the target is on ${target.metric}`, [], {
      hint: `Give the baseline's ${target.metric}, or a target on ${b.metric}.`,
    });
  if (![b.value, b.low, b.high].every(Number.isFinite)) throw where("value and interval must be numbers");
  if (!(b.low <= b.value && b.value <= b.high))
    throw where(`the value ${b.value} is outside its interval [${b.low}, ${b.high}]`);
}

/** Items that would shrink the interval's half-width (toward the target) below the distance to it. */
function itemsToResolve(b: BaselineFigure, target: Target): number | null {
  const distance = Math.abs(b.value - target.value);
  const half = target.value >= b.value ? b.high - b.value : b.value - b.low;
  if (!b.n || distance === 0 || half <= 0) return null;
  return Math.ceil(b.n * (half / distance) ** 2);
}

/** Items for a ±5-point interval around a rate target (Wilson ≈ normal there); 200 for other metrics. */
function itemsForMeasurement(target: Target): number {
  if (target.kind !== "rate") return 200;
  const p = Math.min(Math.max(target.value, 0.05), 0.95);
  return Math.max(100, Math.ceil((Z * Z * p * (1 - p)) / 0.05 ** 2));
}

function dataReasons(input: NecessityInput, reasons: string[], blockers: string[]) {
  const n = input.examples;
  if (!Number.isInteger(n) || n < 0)
    throw new InputError(`the number of training examples must be a whole number ≥ 0, got ${n}`);
  const readiness = n < MIN_EXAMPLES ? "insufficient" : n < WEAK_EXAMPLES ? "weak" : "adequate";
  if (readiness === "insufficient")
    blockers.push(
      `${n} training examples: fine-tuning needs at least ${MIN_EXAMPLES} (OpenAI's minimum), and ${WEAK_EXAMPLES}+ to expect an improvement.`,
    );
  else if (readiness === "weak")
    reasons.push(
      `${n} training examples is little: improvements usually appear from ${WEAK_EXAMPLES}–100 well-made examples.`,
    );
  const counts = Object.entries(input.labelCounts ?? {}).filter(([label]) => label !== "all");
  const total = counts.reduce((s, [, c]) => s + c, 0);
  for (const [label, count] of counts.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])))
    if (total > 0 && count / total < RARE_LABEL_SHARE)
      reasons.push(
        `label ${label} is ${fmt(count / total, "rate")} of the data (${count} of ${total}): a model sees too few to learn it; add examples of it before fine-tuning.`,
      );
  const avg = input.averageTokens ?? null;
  if (avg !== null) {
    if (avg > EXAMPLE_TOKEN_LIMIT)
      blockers.push(
        `examples average ${Math.round(avg)} tokens, over the ${EXAMPLE_TOKEN_LIMIT}-token per-example training limit.`,
      );
    const k = input.fewShotK ?? 0;
    if (k > 0 && avg * k > FEW_SHOT_TOKEN_BUDGET)
      reasons.push(
        `${k} few-shot examples add about ${Math.round(avg * k)} tokens to every call; a fine-tuned model needs none of them.`,
      );
  }
  return { examples: n, readiness, averageTokens: avg } as const;
}

export function assessFineTuningNecessity(input: NecessityInput): NecessityAssessment {
  const target = resolveTarget(input.task, input.target);
  const reasons: string[] = [];
  const blockers: string[] = [];
  const nextSteps: string[] = [];
  const data = dataReasons(input, reasons, blockers);
  const b = input.baseline ?? null;
  const goal = `${target.label} ${target.direction === "higher" ? "≥" : "≤"} ${fmt(target.value, target.kind)}`;
  const base = { target, baseline: b, data: { ...data }, blockers, nextSteps };

  if (!b) {
    const items = itemsForMeasurement(target);
    reasons.unshift(
      `No prompt-only baseline has been measured, so there is nothing to hold against the target (${goal}).`,
    );
    nextSteps.push(
      `Measure it: run the clinical system prompt with the few-shot examples on the test split (measurePromptBaseline, or cft evaluate with the prompt prepended) on at least ${items} items, then assess again with the result.`,
    );
    return { ...base, recommendation: "measure-first", rule: "no-baseline", reasons, itemsToResolve: null };
  }
  checkBaseline(b, target);
  const shown = `${fmt(b.value, target.kind)} [${fmt(b.low, target.kind)}, ${fmt(b.high, target.kind)}]${b.n ? ` on ${b.n} items` : ""}`;
  const higher = target.direction === "higher";
  const met = higher ? b.low >= target.value : b.high <= target.value;
  const missed = higher ? b.high < target.value : b.low > target.value;
  if (met) {
    reasons.unshift(
      `The prompt-only baseline's ${target.label} is ${shown}: its whole 95% interval meets the target (${goal}).`,
    );
    nextSteps.push(
      "Ship the prompt with its few-shot examples, and record this evaluation as the regression baseline for later prompt or model changes.",
    );
    return { ...base, recommendation: "prompt-only", rule: "target-met", reasons, itemsToResolve: null };
  }
  if (missed) {
    reasons.unshift(
      `The prompt-only baseline's ${target.label} is ${shown}: its whole 95% interval misses the target (${goal}).`,
    );
    if (blockers.length) nextSteps.push("Resolve the blockers (more or shorter examples) before training.");
    nextSteps.push(
      "Fine-tune on the training split, then evaluate on the same test split and regress against this baseline.",
    );
    return { ...base, recommendation: "fine-tune", rule: "target-missed", reasons, itemsToResolve: null };
  }
  const items = itemsToResolve(b, target);
  reasons.unshift(
    `The prompt-only baseline's ${target.label} is ${shown}: its 95% interval contains the target (${goal}), so the data cannot tell whether prompting is enough.`,
  );
  nextSteps.push(
    items === null
      ? b.value === target.value
        ? "The baseline sits on the target: more items will not settle it; decide on cost, or change the prompt and measure again."
        : "Measure on more test items (give the item count to estimate how many), or improve the prompt and measure again."
      : `Measure on about ${items} test items (now ${b.n}) so the interval excludes the target, or improve the prompt and measure again.`,
  );
  return { ...base, recommendation: "measure-first", rule: "inconclusive", reasons, itemsToResolve: items };
}
