/**
 * Word tokens for text metrics: lower-cased runs of letters and digits (any script), everything else a
 * separator, the way ROUGE implementations tokenize. Also the light normalization used to compare short
 * answers with option texts.
 */

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased word tokens: "BP 116/71 mmHg." → ["bp", "116", "71", "mmhg"]. */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Lower-cased tokens joined by single spaces: "  The (B) answer!" → "the b answer". */
export function normalizeText(text: string): string {
  return wordTokens(text).join(" ");
}
