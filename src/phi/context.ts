/**
 * Context words around a span, matched as whole words (case-insensitive): "fax" must not match inside
 * "fax-free"… it must match "Fax:", and "MR" must not match inside "MRI".
 */

/** Builds a whole-word, case-insensitive matcher for any of WORDS (which may contain spaces or '#'). */
export function wordsPattern(words: readonly string[]): RegExp {
  const escaped = words
    .slice()
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "iu");
}

/** Whether PATTERN (from wordsPattern) occurs in the WINDOW characters before START. */
export function before(text: string, start: number, pattern: RegExp, window = 32): boolean {
  return pattern.test(text.slice(Math.max(0, start - window), start));
}

/** Whether PATTERN occurs in the WINDOW characters after END. */
export function after(text: string, end: number, pattern: RegExp, window = 32): boolean {
  return pattern.test(text.slice(end, end + window));
}

/** Iterates the matches of a global regular expression (resets lastIndex first). */
export function* matches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  if (!pattern.global) throw new Error(`matches() needs a global pattern: ${pattern}`);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    yield m;
    if (m[0].length === 0) pattern.lastIndex++;
  }
}
