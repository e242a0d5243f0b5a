/**
 * One metric, candidate against baseline, on the items both evaluations scored. The delta's interval is a
 * paired bootstrap (the same drawn items for both runs). Its test: McNemar's exact test on discordant pairs
 * when the metric is a rate whose denominator holds the same items in both runs (accuracy, recall, the
 * false-approval rate: the gold label fixes the denominator); the paired bootstrap otherwise (F1, ROUGE-L,
 * precision, whose denominator moves with the predictions).
 */
import type { ItemScore, MetricDef } from "../eval/types.js";
import type { PairedBootstrapResult } from "../stats/bootstrap.js";
import { buildMatrix, sumRows } from "../stats/component-matrix.js";
import { mcnemarExact } from "../stats/mcnemar.js";
import type { MetricPair } from "../stats/paired-many.js";

export interface PairedItem {
  itemId: string;
  line: number;
  baseline: ItemScore;
  candidate: ItemScore;
}

export interface MetricDelta {
  baseline: number;
  candidate: number;
  delta: number;
  low: number;
  high: number;
  test: "mcnemar" | "paired-bootstrap";
  pValue: number;
  n: number;
  improved: number;
  regressed: number;
  unchanged: number;
  /** Item ids whose own contribution moved the wrong way. */
  regressedItems: string[];
}

const EPS = 1e-12;

/** +1 when the candidate's item is better, −1 worse, 0 same, NaN when the item says nothing here. */
function itemMove(def: MetricDef, base: number[], cand: number[]): number {
  const b = def.finalize(Float64Array.from(base), 1);
  const c = def.finalize(Float64Array.from(cand), 1);
  if (!Number.isFinite(b) || !Number.isFinite(c)) return Number.NaN;
  if (Math.abs(c - b) < EPS) return 0;
  return c > b === (def.direction === "higher") ? 1 : -1;
}

/** A metric's component rows on the paired items, ready for the shared bootstrap. */
export interface PreparedMetric {
  def: MetricDef;
  baseRows: number[][];
  candRows: number[][];
  pair: MetricPair;
}

export function prepareMetric(def: MetricDef, items: readonly PairedItem[]): PreparedMetric {
  const baseRows = items.map((i) => def.components(i.baseline));
  const candRows = items.map((i) => def.components(i.candidate));
  return {
    def,
    baseRows,
    candRows,
    pair: {
      candidate: buildMatrix(candRows, def.width),
      baseline: buildMatrix(baseRows, def.width),
      finalize: def.finalize,
    },
  };
}

/** The comparison of one metric, given its share of the paired bootstrap. */
export function compareMetric(
  prepared: PreparedMetric,
  items: readonly PairedItem[],
  boot: PairedBootstrapResult,
): MetricDelta {
  const { def, baseRows, candRows } = prepared;
  const baseValue = def.finalize(sumRows(prepared.pair.baseline), items.length);
  const candValue = def.finalize(sumRows(prepared.pair.candidate), items.length);

  let improved = 0;
  let regressed = 0;
  let unchanged = 0;
  const regressedItems: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const move = itemMove(def, baseRows[i]!, candRows[i]!);
    if (Number.isNaN(move)) continue;
    if (move > 0) improved++;
    else if (move < 0) {
      regressed++;
      regressedItems.push(items[i]!.itemId);
    } else unchanged++;
  }

  const sameDenominator = def.kind === "rate" && baseRows.every((row, i) => row[1] === candRows[i]![1]);
  let n = items.length;
  let pValue = boot.pValue;
  let test: MetricDelta["test"] = "paired-bootstrap";
  if (sameDenominator) {
    let b = 0;
    let c = 0;
    n = 0;
    for (let i = 0; i < items.length; i++) {
      if (baseRows[i]![1] !== 1) continue;
      n++;
      const [x, y] = [baseRows[i]![0], candRows[i]![0]];
      if (x === 1 && y === 0) b++;
      else if (x === 0 && y === 1) c++;
    }
    pValue = mcnemarExact(b, c);
    test = "mcnemar";
  } else if (def.kind === "rate") {
    n = baseRows.filter((row, i) => row[1] === 1 || candRows[i]![1] === 1).length;
  }
  return {
    baseline: baseValue,
    candidate: candValue,
    delta: candValue - baseValue,
    low: boot.low,
    high: boot.high,
    test,
    pValue,
    n,
    improved,
    regressed,
    unchanged,
    regressedItems,
  };
}
