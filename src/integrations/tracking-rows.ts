/**
 * The tracking sheets' rows, built from ledger records, in each sheet's column order
 * (src/integrations/sheet-columns.ts): ids, time stamps, counts, hashes, verdicts — never a record's text.
 */
import type { Estimate } from "../cost/estimate.js";
import { estimateCostUsd } from "../cost/estimate.js";
import type { EvaluationSummary } from "../eval/types.js";
import type { DatasetRow } from "../ledger/datasets.js";
import type { RunView } from "../ledger/runs.js";
import type { RegressionReport } from "../regression/types.js";
import type { SheetCell } from "./sheet-columns.js";

export function datasetRow(
  d: DatasetRow,
  verdict: string | null,
  findings: number | null,
  attestation: string | null,
): SheetCell[] {
  return [
    d.id,
    d.createdAt,
    d.name,
    d.task,
    d.source,
    d.trainCount,
    d.testCount,
    d.filteredCount,
    d.trainTokens,
    d.testTokens,
    d.trainSha256,
    d.testSha256,
    verdict,
    findings,
    attestation,
  ];
}

export function runRow(run: RunView): SheetCell[] {
  return [
    run.id,
    run.createdAt,
    run.provider,
    run.baseModel,
    run.target,
    run.trainSha256,
    run.configSha256,
    run.confirmationId,
    run.status,
    run.jobId,
    run.fineTunedModel,
    run.trainedTokens,
    run.updatedAt,
  ];
}

export function estimatedCostRow(run: RunView, estimate: Estimate): SheetCell[] {
  const hosted = estimate.kind === "hosted";
  return [
    `${run.id}:estimated`,
    run.createdAt,
    run.id,
    run.provider,
    run.baseModel,
    "estimated",
    hosted ? estimate.billedTokens : estimate.train.tokens,
    hosted ? null : estimate.hours,
    estimateCostUsd(estimate),
    hosted ? `price table ${estimate.price.asOf}` : `GPU plan ${estimate.gpu ?? "n/a"}`,
  ];
}

export function actualCostRow(run: RunView, usd: number): SheetCell[] {
  const row: SheetCell[] = [`${run.id}:actual`, run.updatedAt, run.id, run.provider, run.baseModel, "actual"];
  return [...row, run.trainedTokens, null, usd, "provider report"];
}

export function evaluationRow(e: EvaluationSummary): SheetCell[] {
  const primary = e.metrics[0];
  const summary = e.metrics
    .map((x) => `${x.name}=${x.value === null ? "n/a" : x.value.toFixed(4)}`)
    .join("; ");
  return [
    e.evalId,
    e.createdAt,
    e.runId,
    e.model,
    e.suite.name,
    e.suite.sha256,
    e.suite.task,
    e.counts.items,
    primary?.name ?? null,
    primary?.value ?? null,
    primary?.interval?.low ?? null,
    primary?.interval?.high ?? null,
    summary,
  ];
}

/** The worst metric is the first FAIL with the largest drop, else the largest drop. */
export function regressionRow(r: RegressionReport): SheetCell[] {
  const count = (v: string) => r.metrics.filter((x) => x.verdict === v).length;
  const failFirst = (x: { verdict: string }) => (x.verdict === "FAIL" ? 0 : 1);
  const worst = [...r.metrics].sort(
    (a, b) => failFirst(a) - failFirst(b) || (a.delta ?? 0) - (b.delta ?? 0),
  )[0];
  return [
    r.regressionId,
    r.createdAt,
    r.task,
    r.candidate.evalId,
    r.baseline.evalId,
    r.verdict,
    r.recommendation,
    count("PASS"),
    count("WARN"),
    count("FAIL"),
    worst?.label ?? null,
    worst?.delta ?? null,
  ];
}
