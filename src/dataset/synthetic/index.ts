/**
 * The synthetic data generators behind `cft prepare --synthetic N --seed S`: deterministic, de-identified by
 * construction, labelled for stratified splits. Same (task, n, seed, system prompt), same examples.
 */
import { InputError } from "../../errors.js";
import { chatExample, type Example, type Task } from "../chat.js";
import { Random } from "../random.js";
import { adjudicate, type Decision, generateClaim } from "./claims.js";
import { claimAssistantText, claimUserText } from "./claims-text.js";
import { companionExample, TOPIC_LABELS } from "./companion.js";
import { type LabelTarget, labelSequence } from "./labels.js";
import { DOCUMENT_TYPES, type DocumentType, scribeExample } from "./scribe.js";

export { describeGenerator } from "./describe.js";
export { labelCounts } from "./labels.js";
export { GENERATOR_VERSION } from "./version.js";

/** Label targets per task: integer weights, counts by largest remainder. */
export const LABEL_TARGETS: Readonly<Record<Task, readonly LabelTarget<string>[]>> = {
  claims: [
    { label: "APPROVED", weight: 50 },
    { label: "DENIED", weight: 30 },
    { label: "PENDING", weight: 20 },
  ],
  scribe: DOCUMENT_TYPES.map((label) => ({ label, weight: 1 })),
  companion: TOPIC_LABELS.map((label) => ({ label, weight: 1 })),
};

export function defaultSystemPromptName(task: Task): string {
  return `${task}-system`;
}

/** Exactly n examples, generated lazily; one seeded random stream drives the label order and every choice. */
export function synthesize(task: Task, n: number, seed: number, systemPrompt: string): Iterable<Example> {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InputError(`--synthetic must be a whole number ≥ 0, got ${n}`);
  if (!Number.isSafeInteger(seed)) throw new InputError(`--seed must be a whole number, got ${seed}`);
  if (!(task in LABEL_TARGETS)) throw new InputError(`no synthetic generator for task "${task}"`);
  return generate(task, n, seed, systemPrompt);
}

function* generate(task: Task, n: number, seed: number, systemPrompt: string): Generator<Example> {
  const rng = new Random(seed);
  for (const label of labelSequence(rng, LABEL_TARGETS[task], n)) {
    if (task === "claims") {
      const claim = generateClaim(rng, label as Decision);
      const user = claimUserText(rng, claim);
      yield chatExample(systemPrompt, user, claimAssistantText(claim, adjudicate(claim)), label);
    } else {
      const { user, assistant } =
        task === "scribe"
          ? scribeExample(rng, label as DocumentType)
          : companionExample(rng, label as (typeof TOPIC_LABELS)[number]);
      yield chatExample(systemPrompt, user, assistant, label);
    }
  }
}
