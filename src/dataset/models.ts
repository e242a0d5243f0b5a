/**
 * What the dataset stage needs to know of a target model: its tokenizer and its per-example token limit
 * for fine-tuning. Matched by prefix so dated snapshots (gpt-4o-mini-2024-07-18) resolve.
 */
export type EncodingName = "o200k_base" | "cl100k_base";

export interface ModelInfo {
  model: string;
  encoding: EncodingName;
  /** Longest example, in tokens, that fine-tuning trains on; longer ones are truncated. */
  tokenLimit: number;
  /** False when the model is not in the table and the figures are a stand-in. */
  known: boolean;
}

export const DEFAULT_MODEL = "gpt-4.1-mini";

const TABLE: readonly { prefix: string; encoding: EncodingName; tokenLimit: number }[] = [
  { prefix: "gpt-4.1", encoding: "o200k_base", tokenLimit: 65_536 },
  { prefix: "gpt-4o", encoding: "o200k_base", tokenLimit: 65_536 },
  { prefix: "o4-mini", encoding: "o200k_base", tokenLimit: 65_536 },
  { prefix: "gpt-3.5-turbo", encoding: "cl100k_base", tokenLimit: 16_385 },
  { prefix: "gpt-4", encoding: "cl100k_base", tokenLimit: 8_192 },
];

/**
 * The base model of an OpenAI fine-tuned model id ("ft:gpt-4.1-mini-2025-04-14:org:suffix:id" →
 * "gpt-4.1-mini-2025-04-14"); any other name is returned as it is. Continuing a fine-tuned model is billed
 * and tokenized as its base.
 */
export function fineTunedBase(model: string): string {
  return model.startsWith("ft:") ? (model.split(":")[1] ?? model) : model;
}

export function modelInfo(model: string): ModelInfo {
  const base = fineTunedBase(model);
  const row = TABLE.find((r) => base === r.prefix || base.startsWith(`${r.prefix}-`));
  if (row) return { model, encoding: row.encoding, tokenLimit: row.tokenLimit, known: true };
  // Open-weight and unknown models: o200k_base is a close stand-in for modern BPE vocabularies.
  return { model, encoding: "o200k_base", tokenLimit: 65_536, known: false };
}

/** The OpenAI cookbook's default epochs: 3, raised for tiny sets and lowered for huge ones. */
export function defaultEpochs(examples: number): number {
  const target = 3;
  if (examples <= 0) return target;
  if (examples * target < 100) return Math.min(25, Math.floor(100 / examples));
  if (examples * target > 25_000) return Math.max(1, Math.floor(25_000 / examples));
  return target;
}
