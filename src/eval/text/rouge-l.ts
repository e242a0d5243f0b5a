/**
 * ROUGE-L: the longest common subsequence of word tokens, as precision (LCS / candidate tokens), recall
 * (LCS / reference tokens) and their F-measure (β = 1). One typed-array DP row, O(n·m) time and O(m)
 * memory; each side is capped at MAX_ROUGE_TOKENS tokens so one runaway generation cannot stall a run.
 */
import { wordTokens } from "./tokenize.js";

export const MAX_ROUGE_TOKENS = 4000;

export interface RougeScore {
  precision: number;
  recall: number;
  f: number;
}

/** Length of the longest common subsequence of two token lists (each capped at MAX_ROUGE_TOKENS). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, MAX_ROUGE_TOKENS);
  const m = Math.min(b.length, MAX_ROUGE_TOKENS);
  if (n === 0 || m === 0) return 0;
  // Tokens to small integers, so the inner loop compares numbers.
  const ids = new Map<string, number>();
  const encode = (tokens: readonly string[], len: number) => {
    const out = new Int32Array(len);
    for (let i = 0; i < len; i++) {
      const t = tokens[i] as string;
      let id = ids.get(t);
      if (id === undefined) {
        id = ids.size;
        ids.set(t, id);
      }
      out[i] = id;
    }
    return out;
  };
  const x = encode(a, n);
  const y = encode(b, m);
  const row = new Uint16Array(m + 1);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    let diagonal = 0; // row[j] of the previous i, before it is overwritten
    for (let j = 1; j <= m; j++) {
      const above = row[j] as number;
      if (xi === y[j - 1]) row[j] = diagonal + 1;
      else if ((row[j - 1] as number) > above) row[j] = row[j - 1] as number;
      diagonal = above;
    }
  }
  return row[m] as number;
}

/** ROUGE-L of token lists. Two empty lists are identical (F = 1); one empty side scores 0. */
export function rougeLTokens(candidate: readonly string[], reference: readonly string[]): RougeScore {
  const c = Math.min(candidate.length, MAX_ROUGE_TOKENS);
  const r = Math.min(reference.length, MAX_ROUGE_TOKENS);
  if (c === 0 && r === 0) return { precision: 1, recall: 1, f: 1 };
  if (c === 0 || r === 0) return { precision: 0, recall: 0, f: 0 };
  const lcs = lcsLength(candidate, reference);
  const precision = lcs / c;
  const recall = lcs / r;
  const f = lcs === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f };
}

/** ROUGE-L of two texts, tokenized with `wordTokens`. */
export function rougeL(candidate: string, reference: string): RougeScore {
  return rougeLTokens(wordTokens(candidate), wordTokens(reference));
}
