/**
 * Seeded resampling indices for the bootstrap: uniform integers in [0, n), the same on every platform for a
 * given seed, so a reported interval can be reproduced exactly from (data, seed, draws).
 *
 * A 10,000-draw bootstrap over 10,000 items asks for 10^8 indices. pure-rand's `uniformInt` pays for its
 * generality on each call (range checks, a generic rejection loop), so here the xoroshiro128+ generator's raw
 * 32-bit outputs are mapped with Lemire's multiply-shift instead: index = floor(u · n / 2^32), with the
 * rejection step that makes it exactly uniform. For n ≤ 2^21 the product u · n is below 2^53, so it is exact in
 * a double and needs no 64-bit arithmetic; larger n (never a real evaluation suite) falls back to `uniformInt`.
 */
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

const TWO_POW_32 = 4294967296;
/** Largest n for which u · n (u < 2^32) stays below 2^53 and is therefore exact in a double. */
const EXACT_PRODUCT_LIMIT = 2 ** 21;
/**
 * xoroshiro128plus(seed) starts from a sparse state (−1, ~seed, seed, 0); the first outputs of nearby seeds
 * are visibly related. Discarding a few dozen outputs lets the state mix before any index is drawn.
 */
const WARM_UP = 64;

export type IndexSampler = (n: number, out: Uint32Array) => void;

/** A sampler that fills `out` with independent uniform indices in [0, n); its state advances across calls. */
export function seededIndexSampler(seed: number): IndexSampler {
  if (!Number.isFinite(seed))
    throw new Error(`seededIndexSampler: seed must be a finite number, got ${seed}`);
  const rng = xoroshiro128plus(seed | 0);
  for (let i = 0; i < WARM_UP; i++) rng.next();

  return (n: number, out: Uint32Array): void => {
    if (!Number.isInteger(n) || n < 1 || n > 0xffffffff) {
      throw new Error(`seededIndexSampler: n must be an integer in [1, 2^32), got ${n}`);
    }
    const len = out.length;
    if (n > EXACT_PRODUCT_LIMIT) {
      for (let i = 0; i < len; i++) out[i] = uniformInt(rng, 0, n - 1);
      return;
    }
    // Lemire: the low part of u·n falling below 2^32 mod n marks the few u values that would over-represent
    // some indices; redrawing those makes every index exactly equally likely.
    const threshold = TWO_POW_32 % n;
    for (let i = 0; i < len; i++) {
      let product = (rng.next() >>> 0) * n;
      // ToUint32 of an integer below 2^53 is exactly its remainder mod 2^32, and far cheaper than `%`.
      let low = product >>> 0;
      while (low < threshold) {
        product = (rng.next() >>> 0) * n;
        low = product >>> 0;
      }
      out[i] = (product - low) / TWO_POW_32;
    }
  };
}
