/**
 * The shape of the companion's topic material: what a patient may say on a topic (situations and questions)
 * and what the reply draws on (feelings, facts, tips, safety lines).
 */
import type { Random } from "../random.js";

export type Topic =
  | "integration"
  | "anxiety"
  | "sleep"
  | "mood"
  | "dosing_question"
  | "symptom_question"
  | "crisis"
  | "lifestyle";

export interface Situation {
  text: string;
  reflect: string;
  fact?: string;
}

export interface TopicMaterial {
  situations: readonly ((rng: Random) => Situation)[];
  questions: readonly string[];
  /** Completes "<Reflect> ___": how the situation feels. */
  feels: readonly string[];
  facts: readonly string[];
  tips: readonly string[];
  safety: readonly string[];
}

/** A situation: the patient's words, the phrase the reply reflects back, and an optional specific fact. */
export const situation = (text: string, reflect: string, fact?: string): Situation =>
  fact ? { text, reflect, fact } : { text, reflect };
