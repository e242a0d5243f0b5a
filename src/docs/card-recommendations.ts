/**
 * The recommendations of a model card, derived from the figures it shows, most serious first: no PASS
 * attestation, an unfinished run, no evaluation, the regression recommendation (rollback, iterate, deploy),
 * inconclusive comparisons with too few items, false approvals above zero, critical intervals too wide to
 * rely on, and items without an answer.
 */
import { bold, type Rich } from "./document.js";
import * as f from "./format.js";
import type { ModelCardInput } from "./model-card.js";

/** Recommendations that follow from the figures, most serious first. */
export function cardRecommendations(input: ModelCardInput): Rich[] {
  const out: Rich[] = [];
  const { run, audit, evaluation: e, regression: r } = input;
  if (audit?.verdict !== "PASS")
    out.push([
      bold("Do not use this model:"),
      " no PASS HIPAA attestation is on record for its training data.",
    ]);
  if (run.status !== "succeeded")
    out.push(
      `The run is ${run.status}${run.error ? ` (${run.error})` : ""}: there is no finished model to use yet.`,
    );
  if (!e) out.push("Evaluate the model before any use; this card has no evaluation results.");
  if (r?.recommendation === "rollback") {
    const failed = r.metrics.filter((m) => m.verdict === "FAIL" && m.critical).map((m) => m.label);
    out.push([
      bold("Roll back:"),
      ` keep ${r.baseline.model} in service; critical metrics failed: ${failed.join(", ") || "see the regression report"}.`,
    ]);
  } else if (r?.recommendation === "iterate") {
    const flagged = r.metrics.filter((m) => m.verdict !== "PASS").map((m) => `${m.label} (${m.verdict})`);
    out.push(`Iterate before deploying: ${flagged.join(", ") || "see the regression report"}.`);
  } else if (r?.recommendation === "deploy") {
    out.push(
      `The regression test passed against ${r.baseline.model}; deploy behind human review and monitor.`,
    );
  } else if (e) {
    out.push("Run a regression test against the model in service before deploying.");
  }
  for (const m of r?.metrics ?? [])
    if (m.verdict === "WARN" && m.n < m.threshold.minItems)
      out.push(
        `${m.label}: only ${m.n} shared items (at least ${m.threshold.minItems} needed), so the comparison is inconclusive; add items to the suite.`,
      );
  const far = e?.metrics.find((m) => m.name === "falseApprovalRate");
  if (far && f.isNum(far.value) && far.value > 0)
    out.push([
      bold("False approvals:"),
      ` ${f.valueWithInterval(far.value, far.interval, far.kind)} of claims that should be denied were approved (n=${far.n}). Keep every suggested approval under adjudicator review.`,
    ]);
  for (const m of e?.metrics ?? [])
    if (m.critical && m.kind === "rate" && m.interval && m.interval.high - m.interval.low > 0.1)
      out.push(
        `The 95% interval of ${m.label} spans ${f.fixed((m.interval.high - m.interval.low) * 100, 1)} points (n=${m.n}): enlarge the test suite before relying on it.`,
      );
  const gaps = [
    e?.counts.noAnswer ? `${e.counts.noAnswer} items gave no readable answer` : "",
    e?.counts.errors ? `${e.counts.errors} items failed to get a prediction` : "",
  ].filter(Boolean);
  if (gaps.length) out.push(`${gaps.join("; ")}: inspect them before deployment.`);
  out.push("Keep a qualified person reviewing every output, as described under Intended use.");
  return out;
}
