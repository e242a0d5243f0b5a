/**
 * Adjusting p-values when one comparison tests many metrics at once. A regression report checks accuracy,
 * false-approval rate, F1, ROUGE… side by side; at 0.05 each, one of twenty differences would look real by chance
 * alone. Holm controls the family-wise error (the chance of any false alarm) and suits critical gates;
 * Benjamini–Hochberg controls the false discovery rate and suits a broad report.
 *
 * Both take and return p-values in the caller's order. NaN (a metric undefined on this suite) passes through as
 * NaN and does not count towards m: a test that was not run cannot raise the bar for the others.
 */

function validate(pValues: readonly number[], method: string): void {
  pValues.forEach((p, i) => {
    if (!Number.isNaN(p) && !(p >= 0 && p <= 1)) {
      throw new Error(`${method}: p-value ${i} must be in [0, 1] or NaN, got ${p}`);
    }
  });
}

/** Indices of the non-NaN p-values, ascending by p; ties keep their input order so results are deterministic. */
function ascendingOrder(pValues: readonly number[]): number[] {
  const order: number[] = [];
  pValues.forEach((p, i) => {
    if (!Number.isNaN(p)) order.push(i);
  });
  return order.sort((a, b) => pValues[a]! - pValues[b]! || a - b);
}

/**
 * Holm's step-down adjustment: the i-th smallest of m p-values is multiplied by (m − i + 1), then a running
 * maximum keeps the adjusted values in the same order as the raw ones; capped at 1.
 */
export function holm(pValues: readonly number[]): number[] {
  validate(pValues, "holm");
  const order = ascendingOrder(pValues);
  const m = order.length;
  const adjusted = pValues.map(() => Number.NaN);
  let runningMax = 0;
  order.forEach((index, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = runningMax;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg step-up adjustment: the i-th smallest of m p-values becomes p·m/i, then a running minimum
 * from the largest down keeps the adjusted values monotone; capped at 1.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  validate(pValues, "benjaminiHochberg");
  const order = ascendingOrder(pValues);
  const m = order.length;
  const adjusted = pValues.map(() => Number.NaN);
  let runningMin = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank]!;
    runningMin = Math.min(runningMin, (pValues[index]! * m) / (rank + 1));
    adjusted[index] = runningMin;
  }
  return adjusted;
}
