/**
 * A second, small yardstick: sentences written by hand, apart from the generated corpus and without
 * reading the recognizers, so nothing was tuned to them. It checks that recall generalizes beyond the
 * corpus the recognizers were developed against.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanText } from "../../src/phi/scanner.js";
import { ROOT } from "../helpers.js";

interface Planted {
  text: string;
  spans: { identifier: string; start: number; end: number; value: string }[];
}
const load = <T>(name: string): T[] =>
  readFileSync(join(ROOT, "evals/phi", name), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as T);

const failing = (severity: string) => severity === "CRITICAL" || severity === "HIGH";

describe("hand-written held-out sentences", () => {
  const planted = load<Planted>("holdout.jsonl");
  const clean = load<{ text: string }>("holdout-clean.jsonl");

  it("finds at least 95% of the planted identifiers at a failing severity", () => {
    const missed = planted.filter(({ text, spans: [span] }) => {
      expect(text.slice(span!.start, span!.end)).toBe(span!.value);
      return !scanText(text).some((f) => failing(f.severity) && f.start < span!.end && span!.start < f.end);
    });
    expect(planted.length).toBeGreaterThanOrEqual(50);
    expect(missed.length / planted.length).toBeLessThanOrEqual(0.05);
  });

  it("reports nothing above LOW on clean clinical sentences full of look-alikes", () => {
    const flagged = clean.flatMap(({ text }) =>
      scanText(text)
        .filter((f) => f.severity !== "LOW")
        .map((f) => `${f.identifier}: ${text}`),
    );
    expect(flagged).toEqual([]);
  });
});
