/**
 * McNemar's exact test for two runs scored right/wrong on the same items: did the candidate change the rate,
 * or is the difference what chance reshuffling of the discordant items would give?
 *
 * Only discordant items carry information (b: baseline right and candidate wrong; c: the reverse). Under "no
 * change" each discordant item is equally likely to fall either way, so b ~ Binomial(b + c, ½), and the
 * two-sided p is min(1, 2·P(X ≤ min(b, c))). Exact rather than the χ² approximation because regressions are often
 * judged on a handful of discordant items, where χ² is badly off.
 *
 * The tail sum must stay exact and finite for b + c up to 10^6, where C(n, k) and 2^n overflow a double
 * many times over. So the largest term of the tail, pmf(min(b, c)), is computed in log space with Loader's
 * saddle-point form (the one R's dbinom uses, accurate to a few ulps where lgamma differences would lose about
 * nine digits to cancellation at n = 10^6), and the rest of the tail as ratios to it.
 */

export interface DiscordantPairs {
  /** Baseline right, candidate wrong: items the candidate broke. */
  b: number;
  /** Baseline wrong, candidate right: items the candidate fixed. */
  c: number;
  /** Both right. */
  both: number;
  /** Both wrong. */
  neither: number;
}

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const LN_2PI = Math.log(2 * Math.PI);

/** log(k!) for small k, exact: 15! < 2^53, so the product has no rounding before the log. */
function logFactorialSmall(k: number): number {
  let product = 1;
  for (let i = 2; i <= k; i++) product *= i;
  return Math.log(product);
}

/**
 * The error of Stirling's formula, log(k!) − [(k + ½)·log k − k + log √(2π)], for integer k ≥ 1. Its
 * asymptotic series is used from 16 on, with fewer terms as k grows (Loader 2000, as in R's stirlerr).
 */
function stirlingError(k: number): number {
  if (k <= 15) return logFactorialSmall(k) - (k + 0.5) * Math.log(k) + k - LN_SQRT_2PI;
  const k2 = k * k;
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  if (k > 500) return (S0 - S1 / k2) / k;
  if (k > 80) return (S0 - (S1 - S2 / k2) / k2) / k;
  if (k > 35) return (S0 - (S1 - (S2 - S3 / k2) / k2) / k2) / k;
  return (S0 - (S1 - (S2 - (S3 - S4 / k2) / k2) / k2) / k2) / k;
}

/**
 * x·log(x/m) + m − x without the cancellation of computing it that way when x ≈ m (the deviance term of the
 * saddle-point expansion): a series in v = (x − m)/(x + m) near the mean.
 */
function devianceTerm(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      term *= v;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/** log P(X = k) for X ~ Binomial(n, ½), 0 ≤ k ≤ n integers. */
function logBinomialHalfPmf(k: number, n: number): number {
  if (k === 0 || k === n) return -n * Math.LN2;
  const half = n / 2;
  const lc =
    stirlingError(n) -
    stirlingError(k) -
    stirlingError(n - k) -
    devianceTerm(k, half) -
    devianceTerm(n - k, half);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return lc - 0.5 * lf;
}

/**
 * Two-sided exact McNemar p-value from the discordant counts b and c: min(1, 2·P(X ≤ min(b, c))) with
 * X ~ Binomial(b + c, ½). No discordant items (b + c = 0) is no evidence of change: p = 1.
 */
export function mcnemarExact(b: number, c: number): number {
  for (const [name, value] of [
    ["b", b],
    ["c", c],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`mcnemarExact: ${name} must be a non-negative integer, got ${value}`);
    }
  }
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // At k ≥ (n − 1)/2 the lower tail holds half the mass or more (exactly half for odd n, by symmetry), so p is
  // 1; answering directly keeps it exactly 1 instead of 1 − a few ulps.
  if (2 * k + 1 >= n) return 1;

  // pmf(i − 1)/pmf(i) = i/(n − i + 1) < 1 below the mode, so pmf(k) is the tail's largest term: summing the
  // tail relative to it never overflows, and the loop stops once the terms no longer change the sum.
  let total = 1;
  let term = 1;
  for (let i = k; i >= 1; i--) {
    term *= i / (n - i + 1);
    const next = total + term;
    if (next === total) break;
    total = next;
  }
  const logTail = logBinomialHalfPmf(k, n) + Math.log(total);
  return Math.min(1, 2 * Math.exp(logTail));
}

function asOutcome(value: number | boolean, side: string, index: number): 0 | 1 {
  if (value === true || value === 1) return 1;
  if (value === false || value === 0) return 0;
  throw new Error(`discordantPairs: ${side}[${index}] must be 0, 1, true or false, got ${String(value)}`);
}

/**
 * Counts the 2×2 paired table of two runs' right/wrong outcomes, item i of both arrays being the same item.
 * `include` leaves out items (unscored, or outside a rate's denominator); their outcomes are not read.
 */
export function discordantPairs(
  baseline: ArrayLike<number | boolean>,
  candidate: ArrayLike<number | boolean>,
  include?: ArrayLike<boolean>,
): DiscordantPairs {
  if (baseline.length !== candidate.length) {
    throw new Error(
      `discordantPairs: baseline has ${baseline.length} items but candidate has ${candidate.length}`,
    );
  }
  if (include !== undefined && include.length !== baseline.length) {
    throw new Error(`discordantPairs: include has ${include.length} entries for ${baseline.length} items`);
  }
  const counts: DiscordantPairs = { b: 0, c: 0, both: 0, neither: 0 };
  for (let i = 0; i < baseline.length; i++) {
    if (include !== undefined && !include[i]) continue;
    const base = asOutcome(baseline[i]!, "baseline", i);
    const cand = asOutcome(candidate[i]!, "candidate", i);
    if (base === 1 && cand === 0) counts.b++;
    else if (base === 0 && cand === 1) counts.c++;
    else if (base === 1) counts.both++;
    else counts.neither++;
  }
  return counts;
}
