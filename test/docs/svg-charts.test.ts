import { describe, expect, it } from "vitest";
import type { DeltaRow } from "../../src/docs/document.js";
import { barChart, deltaChart, lossChart, niceScale } from "../../src/docs/svg-charts.js";
import { svgProblems } from "./fixtures.js";

const row = (over: Partial<DeltaRow> = {}): DeltaRow => ({
  label: "accuracy",
  delta: -5.1,
  low: -7,
  high: -3.2,
  limit: -2,
  verdict: "FAIL",
  text: "−5.1 pts",
  ...over,
});

describe("niceScale", () => {
  it("covers the range with round ticks", () => {
    expect(niceScale(0.31, 2.4, 5)).toEqual({ lo: 0, hi: 2.5, ticks: [0, 0.5, 1, 1.5, 2, 2.5] });
    expect(niceScale(-7, 3, 5).ticks).toEqual([-8, -6, -4, -2, 0, 2, 4]);
    const flat = niceScale(1, 1);
    expect(flat.hi).toBeGreaterThan(flat.lo);
  });
});

describe("lossChart", () => {
  it("draws train and validation loss with axes, ticks and a legend", () => {
    const points = Array.from({ length: 50 }, (_, i) => ({
      step: i * 10,
      train: 2 / (i + 1) + 0.3,
      valid: i % 10 === 9 ? 2 / (i + 1) + 0.4 : null,
    }));
    const svg = lossChart(points);
    expect(svgProblems(svg)).toEqual([]);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain("train loss");
    expect(svg).toContain("validation loss");
    expect(svg).toContain(">step<");
    expect(svg).toContain('stroke-dasharray="6 4"');
  });

  it("leaves the validation series and legend out when there is none", () => {
    const svg = lossChart([
      { step: 1, train: 1.2, valid: null },
      { step: 2, train: 0.9, valid: null },
    ]);
    expect(svgProblems(svg)).toEqual([]);
    expect(svg).not.toContain("validation loss");
  });

  it("stays valid on empty, NaN, single-point and flat data", () => {
    const cases = [
      [],
      [{ step: Number.NaN, train: Number.NaN, valid: null }],
      [{ step: 5, train: 0.7, valid: 0.8 }],
      [
        { step: 1, train: 0.5, valid: null },
        { step: 2, train: 0.5, valid: null },
      ],
      [
        { step: 1, train: Number.POSITIVE_INFINITY, valid: null },
        { step: 2, train: 0, valid: null },
      ],
    ];
    for (const c of cases) expect(svgProblems(lossChart(c)), JSON.stringify(c)).toEqual([]);
    expect(lossChart([])).toContain("No training metrics");
    expect(lossChart([{ step: 5, train: 0.7, valid: 0.8 }])).toMatch(/<circle/);
  });

  it("thins very long logs", () => {
    const points = Array.from({ length: 20_000 }, (_, i) => ({
      step: i,
      train: 1 + Math.sin(i),
      valid: null,
    }));
    const svg = lossChart(points);
    expect(svgProblems(svg)).toEqual([]);
    expect(svg.length).toBeLessThan(40_000);
  });
});

describe("deltaChart", () => {
  it("draws one row per metric coloured by verdict, with a zero line", () => {
    const svg = deltaChart([
      row(),
      row({ label: "macro F1", delta: 0.2, low: -0.5, high: 0.9, verdict: "PASS", limit: null }),
      row({ label: "recall of pends", delta: -8.3, low: -33, high: 17, verdict: "WARN" }),
    ]);
    expect(svgProblems(svg)).toEqual([]);
    expect(svg).toContain("#cf222e");
    expect(svg).toContain("#1a7f37");
    expect(svg).toContain("#9a6700");
    expect(svg).toContain("<polygon");
    expect(svg).toContain('stroke-width="1.5"');
  });

  it("stays valid with missing values, no rows, or all zeros", () => {
    expect(svgProblems(deltaChart([]))).toEqual([]);
    expect(svgProblems(deltaChart([row({ delta: null, low: null, high: null, limit: null })]))).toEqual([]);
    expect(svgProblems(deltaChart([row({ delta: 0, low: 0, high: 0, limit: 0 })]))).toEqual([]);
    expect(svgProblems(deltaChart([row({ delta: Number.NaN, low: Number.NaN, high: 3 })]))).toEqual([]);
  });

  it("escapes labels", () => {
    const svg = deltaChart([row({ label: '<script>alert("x")</script> & co' })]);
    expect(svgProblems(svg)).toEqual([]);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
  });
});

describe("barChart", () => {
  it("draws bars with interval whiskers", () => {
    const svg = barChart(
      [
        { label: "accuracy", value: 91.3, low: 88.9, high: 93.4, text: "91.3%" },
        { label: "false-approval rate", value: 3.1, low: 1.7, high: 5.5, text: "3.1%", critical: true },
        { label: "no data", value: null, low: null, high: null, text: "—" },
      ],
      { percent: true, axisLabel: "percent" },
    );
    expect(svgProblems(svg)).toEqual([]);
    expect(svg.match(/<rect [^>]*fill="#0969da"/g)).toHaveLength(2);
    expect(svg).toContain("100%");
    expect(svg).toContain("◆");
  });

  it("stays valid with no rows and with NaN", () => {
    expect(svgProblems(barChart([]))).toEqual([]);
    expect(
      svgProblems(
        barChart([{ label: "x", value: Number.NaN, low: Number.NaN, high: Number.NaN, text: "—" }]),
      ),
    ).toEqual([]);
    expect(
      svgProblems(barChart([{ label: "neg", value: -0.2, low: -0.4, high: 0.1, text: "−0.200" }])),
    ).toEqual([]);
  });
});

describe("the well-formedness check itself", () => {
  it("catches unbalanced tags, NaN coordinates and raw brackets in text", () => {
    expect(svgProblems("<svg><g></svg>")).not.toEqual([]);
    expect(svgProblems('<svg><line x1="NaN" y1="0"/></svg>')).not.toEqual([]);
    expect(svgProblems('<svg><text x="1" y="2">a < b</text></svg>')).not.toEqual([]);
    expect(svgProblems('<svg><circle cx="1" cy="2" r="3"/></svg>')).toEqual([]);
  });
});
