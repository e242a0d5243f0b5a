/**
 * What every suite adapter shares: the stable item id (a hash of what the model is sent and the reference,
 * never the line number), the raw records a JSONL file yields, and the multiple-choice item builder the
 * benchmark adapters use (fixed system prompt, lettered options, the gold letter as reference).
 */
import type { ChatMessage } from "../../dataset/chat.js";
import { canonicalJson, sha256Text } from "../../io/hash.js";
import type { SuiteItem } from "../types.js";

/** One parsed JSONL line. */
export interface RawRecord {
  line: number;
  value: unknown;
}

export const MCQ_SYSTEM_PROMPT = "Answer with the letter of the correct option.";
export const OPTION_LETTERS = ["A", "B", "C", "D", "E"] as const;

/** First 16 hex digits of the SHA-256 of the canonical JSON of {messages, reference}. */
export function itemId(messages: readonly ChatMessage[], reference: string): string {
  return sha256Text(canonicalJson({ messages, reference })).slice(0, 16);
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A non-empty trimmed string, or null. */
export function text(v: unknown): string | null {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

/** "Question…\n\nA. …\nB. …" */
export function mcqPrompt(question: string, choices: Readonly<Record<string, string>>): string {
  const options = Object.entries(choices).map(([letter, option]) => `${letter}. ${option}`);
  return `${question}\n\n${options.join("\n")}`;
}

/** A multiple-choice item: system prompt, user prompt, the gold letter as reference. */
export function mcqItem(
  line: number,
  user: string,
  choices: Record<string, string>,
  answer: string,
  system = MCQ_SYSTEM_PROMPT,
  reference = answer,
): SuiteItem {
  const messages: ChatMessage[] = [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
  return { id: itemId(messages, reference), line, messages, reference, choices, answer };
}

/**
 * The question of a benchmark record, or null after reporting why there is none (not an object, or no
 * question text) through PROBLEM.
 */
export function questionOf(
  value: unknown,
  problem: (field: string, message: string) => void,
): { record: Record<string, unknown>; question: string } | null {
  if (!isObject(value)) {
    problem("", "each line must be a JSON object");
    return null;
  }
  const question = text(value.question);
  if (!question) {
    problem("question", "missing or empty question");
    return null;
  }
  return { record: value, question };
}
