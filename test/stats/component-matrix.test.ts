import { describe, expect, it } from "vitest";
import { buildMatrix, countIndices, sumRows, weightedSums } from "../../src/stats/component-matrix.js";

describe("buildMatrix", () => {
  it("packs rows row-major", () => {
    const m = buildMatrix(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      2,
    );
    expect(m.n).toBe(3);
    expect(m.width).toBe(2);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it("names the row with the wrong length or a non-finite component", () => {
    expect(() => buildMatrix([[1, 0], [1], [0, 0]], 2)).toThrow(/row 1 has 1 components, expected 2/);
    expect(() =>
      buildMatrix(
        [
          [1, 0],
          [0, Number.NaN],
        ],
        2,
      ),
    ).toThrow(/row 1 component 1/);
    expect(() => buildMatrix([[1]], 0)).toThrow(/width/);
  });
  it("accepts no rows", () => {
    const m = buildMatrix([], 3);
    expect(m.n).toBe(0);
    expect(Array.from(sumRows(m))).toEqual([0, 0, 0]);
  });
});

describe("sumRows", () => {
  const m = buildMatrix(
    [
      [1, 1, 0],
      [0, 1, 2],
      [1, 0, 5],
    ],
    3,
  );
  it("sums all rows", () => {
    expect(Array.from(sumRows(m))).toEqual([2, 2, 7]);
  });
  it("sums drawn rows with repetition", () => {
    expect(Array.from(sumRows(m, Uint32Array.from([2, 2, 0])))).toEqual([3, 1, 10]);
    expect(Array.from(sumRows(m, new Uint32Array(0)))).toEqual([0, 0, 0]);
  });
  it("rejects an index outside the matrix", () => {
    expect(() => sumRows(m, Uint32Array.from([0, 3]))).toThrow(/index 3 out of range for 3 rows/);
  });
});

describe("weightedSums", () => {
  it("agrees with a plain loop at every width path (8-wide, 2-wide and single columns)", () => {
    const n = 37;
    for (let width = 1; width <= 19; width++) {
      const rows = Array.from({ length: n }, (_, i) =>
        Array.from({ length: width }, (_, j) => (i * 7 + j * 3) % 5),
      );
      const m = buildMatrix(rows, width);
      const indices = Uint32Array.from({ length: 50 }, (_, k) => (k * 13) % n);
      const counts = new Float64Array(n);
      countIndices(indices, counts);
      const sums = new Float64Array(width).fill(99);
      weightedSums(m, counts, sums);
      const expected = new Array(width).fill(0);
      for (const i of indices) {
        rows[i]!.forEach((v, j) => {
          expected[j] += v;
        });
      }
      expect(Array.from(sums)).toEqual(expected);
    }
  });
});
