/**
 * Per-item metric components packed into one flat row-major Float64Array (n items × width components).
 *
 * Every metric is finalize(Σ components): a bootstrap draw sums the rows of the drawn items. Keeping the
 * components in one typed array, instead of an array of arrays, keeps that inner loop to contiguous reads with
 * no pointer chasing, which is what makes 10^8 row additions a matter of seconds.
 */

export interface ComponentMatrix {
  /** Items (rows). */
  n: number;
  /** Components per item (columns). */
  width: number;
  /** Row-major n × width: item i's component j is data[i * width + j]. */
  data: Float64Array;
}

/**
 * Packs rows of components into a matrix. Throws an Error naming the first row whose length is not `width` or
 * which holds a non-finite value: a NaN component would silently poison every draw that picks its item.
 */
export function buildMatrix(
  rows: number[][] | readonly (readonly number[])[],
  width: number,
): ComponentMatrix {
  if (!Number.isInteger(width) || width < 1) {
    throw new Error(`buildMatrix: width must be a positive integer, got ${width}`);
  }
  const n = rows.length;
  const data = new Float64Array(n * width);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    if (row.length !== width) {
      throw new Error(`buildMatrix: row ${i} has ${row.length} components, expected ${width}`);
    }
    const offset = i * width;
    for (let j = 0; j < width; j++) {
      const value = row[j]!;
      if (!Number.isFinite(value)) {
        throw new Error(`buildMatrix: row ${i} component ${j} is not a finite number (${value})`);
      }
      data[offset + j] = value;
    }
  }
  return { n, width, data };
}

/**
 * Column sums over all rows, or over the rows named by `indices` (repetition counts each time: a bootstrap
 * draw). Allocates its result; the bootstrap's hot loop uses `countIndices` and `weightedSums` with reused buffers.
 */
export function sumRows(m: ComponentMatrix, indices?: Uint32Array): Float64Array {
  const sums = new Float64Array(m.width);
  const weights = new Float64Array(m.n);
  if (indices === undefined) {
    weights.fill(1);
  } else {
    for (let k = 0; k < indices.length; k++) {
      if (indices[k]! >= m.n) throw new Error(`sumRows: index ${indices[k]} out of range for ${m.n} rows`);
    }
    countIndices(indices, weights);
  }
  weightedSums(m, weights, sums);
  return sums;
}

/**
 * How many times each row was drawn: counts[i] = occurrences of i in `indices`. The counts array is zeroed here.
 * Indices are trusted to be below counts.length (the sampler guarantees it; a check would double the cost).
 */
export function countIndices(indices: Uint32Array, counts: Float64Array): void {
  counts.fill(0);
  for (let k = 0; k < indices.length; k++) counts[indices[k]!]! += 1;
}

/**
 * sums[j] = Σ_i weights[i] · row_i[j]. Why weights rather than adding the drawn rows one by one: walking the
 * rows in order reads memory sequentially instead of at random, and the sums live in local accumulators, eight
 * columns per pass, instead of being read and written back through the array for every item. Measured on
 * 10,000 items × 10,000 draws this is about 1.7× faster at width 9 and 2× at width 16.
 */
export function weightedSums(m: ComponentMatrix, weights: Float64Array, sums: Float64Array): void {
  const { data, width, n } = m;
  let j = 0;
  for (; j + 8 <= width; j += 8) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let a4 = 0;
    let a5 = 0;
    let a6 = 0;
    let a7 = 0;
    for (let i = 0, o = j; i < n; i++, o += width) {
      const w = weights[i]!;
      a0 += w * data[o]!;
      a1 += w * data[o + 1]!;
      a2 += w * data[o + 2]!;
      a3 += w * data[o + 3]!;
      a4 += w * data[o + 4]!;
      a5 += w * data[o + 5]!;
      a6 += w * data[o + 6]!;
      a7 += w * data[o + 7]!;
    }
    sums[j] = a0;
    sums[j + 1] = a1;
    sums[j + 2] = a2;
    sums[j + 3] = a3;
    sums[j + 4] = a4;
    sums[j + 5] = a5;
    sums[j + 6] = a6;
    sums[j + 7] = a7;
  }
  for (; j + 2 <= width; j += 2) {
    let a0 = 0;
    let a1 = 0;
    for (let i = 0, o = j; i < n; i++, o += width) {
      const w = weights[i]!;
      a0 += w * data[o]!;
      a1 += w * data[o + 1]!;
    }
    sums[j] = a0;
    sums[j + 1] = a1;
  }
  for (; j < width; j++) {
    let a0 = 0;
    for (let i = 0, o = j; i < n; i++, o += width) a0 += weights[i]! * data[o]!;
    sums[j] = a0;
  }
}
