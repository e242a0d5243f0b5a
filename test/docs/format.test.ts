import { describe, expect, it } from "vitest";
import * as f from "../../src/docs/format.js";

describe("number formats", () => {
  it("shows rates as percentages with one decimal and their interval", () => {
    expect(f.valueWithInterval(0.9133, { low: 0.8889, high: 0.9341 }, "rate")).toBe("91.3% (88.9–93.4)");
    expect(f.value(1, "rate")).toBe("100.0%");
  });

  it("shows set metrics with three decimals", () => {
    expect(f.valueWithInterval(0.874, { low: 0.851, high: 0.897 }, "set")).toBe("0.874 (0.851–0.897)");
  });

  it("shows changes of rates in points with a real minus sign, and never −0.0", () => {
    expect(f.delta(-0.0511, "rate")).toBe("−5.1 pts");
    expect(f.delta(0.021, "rate")).toBe("+2.1 pts");
    expect(f.delta(-0.0004, "rate")).toBe("0.0 pts");
    expect(f.delta(-0.004, "set")).toBe("−0.004");
    expect(f.deltaRange({ low: -0.07, high: -0.032 }, "rate")).toBe("−7.0 to −3.2 pts");
  });

  it("says — for anything missing or undefined, never a number", () => {
    expect(f.value(null, "rate")).toBe("—");
    expect(f.value(Number.NaN, "set")).toBe("—");
    expect(f.valueWithInterval(null, { low: 0, high: 1 }, "rate")).toBe("—");
    expect(f.delta(undefined, "rate")).toBe("—");
    expect(f.pValue(null)).toBe("—");
    expect(f.usd(null)).toBe("—");
  });

  it("formats p-values, money, counts and shares", () => {
    expect(f.pValue(0.00008)).toBe("<0.001");
    expect(f.pValue(0.0347)).toBe("0.035");
    expect(f.usd(1234.5)).toBe("$1,234.50");
    expect(f.count(1234567)).toBe("1,234,567");
    expect(f.share(1, 3)).toBe("33.3%");
    expect(f.share(1, 0)).toBe("—");
    expect(f.tolerance(0.02, "rate")).toBe("2.0 pts");
  });
});
