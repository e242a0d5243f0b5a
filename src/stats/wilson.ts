/**
 * Confidence intervals for a single rate (accuracy, false-approval rate): the Wilson score interval, and the
 * normal quantile it needs for z.
 *
 * Wilson rather than the textbook Wald interval p ± z·√(p(1−p)/n): Wald collapses to a zero-width interval at
 * 0/n and n/n and undercovers badly at the small denominators a conditional rate often has (a false-approval
 * rate over the 40 denied claims of a suite). Wilson stays inside [0, 1] and keeps close to nominal coverage.
 */

export interface RateInterval {
  low: number;
  high: number;
}

// Wichura's Algorithm AS 241 (PPND16), Applied Statistics 37:477–484 (1988): the algorithm behind R's qnorm
// and SciPy's ndtri, with relative error about 1e-16. Acklam's simpler approximation (1.15e-9) would need a
// refinement step with an accurate erfc to meet the same bar. Coefficients are lowest order first, the published
// 20-digit values as the doubles they round to.
const CENTRAL_NUM = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const CENTRAL_DEN = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const NEAR_NUM = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const NEAR_DEN = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const FAR_NUM = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const FAR_DEN = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

function horner(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i]!;
  return value;
}

/** The standard normal quantile Φ⁻¹(p): −Infinity at 0, +Infinity at 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(CENTRAL_NUM, r)) / horner(CENTRAL_DEN, r);
  }
  // In the tails work from the smaller of p and 1 − p, so that p close to 1 keeps its precision.
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = horner(NEAR_NUM, r) / horner(NEAR_DEN, r);
  } else {
    r -= 5;
    value = horner(FAR_NUM, r) / horner(FAR_DEN, r);
  }
  return q < 0 ? -value : value;
}

/**
 * The two-sided Wilson score interval for `successes` out of `n` at confidence `level`. n = 0 gives NaN bounds:
 * a rate with an empty denominator has no interval, and 0 or 1 would claim knowledge we do not have.
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): RateInterval {
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`wilsonInterval: n must be a non-negative number, got ${n}`);
  if (!Number.isFinite(successes) || successes < 0 || successes > n) {
    throw new Error(`wilsonInterval: successes must be in [0, ${n}], got ${successes}`);
  }
  if (!(level > 0 && level < 1)) throw new Error(`wilsonInterval: level must be in (0, 1), got ${level}`);
  if (n === 0) return { low: Number.NaN, high: Number.NaN };

  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const p = successes / n;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0/n and n/n the closed form gives exactly 0 and 1 in exact arithmetic; pin them so rounding cannot
  // report a bound like 1e-17 or 0.9999999999999999.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: successes === n ? 1 : Math.min(1, centre + halfWidth),
  };
}
