/**
 * The milestones of a fine-tune and what each tells the team: a Slack message, a comment on the project's
 * tracking issue (labelled by stage), and rows in the tracking sheets. Everything here is counts, hashes,
 * ids and verdicts — never a record's text — and it all passes through the workspace layer, which redacts,
 * applies the action policy and says where each action went.
 */
import { readFileSync } from "node:fs";
import type { Estimate } from "../cost/estimate.js";
import { estimateCostUsd } from "../cost/estimate.js";
import type { Document } from "../docs/document.js";
import { markdownToDocument } from "../docs/from-markdown.js";
import type { EvaluationSummary } from "../eval/types.js";
import type { DatasetRow } from "../ledger/datasets.js";
import type { RunView } from "../ledger/runs.js";
import type { AuditReport } from "../phi/audit.js";
import type { Promotion } from "../registry/promotion.js";
import type { RegressionReport } from "../regression/types.js";
import { describeSplit } from "../routing/route-config.js";
import type { RouteRecord } from "../routing/route-store.js";
import type { SheetCell, SheetKey } from "./sheet-columns.js";
import { type MilestoneFields, type MilestoneKind, milestoneMessage } from "./slack-messages.js";
import {
  actualCostRow,
  datasetRow,
  estimatedCostRow,
  evaluationRow,
  regressionRow,
  runRow,
} from "./tracking-rows.js";
import type { ActionOutcome, Workspace } from "./workspace.js";

export type Milestone =
  | { kind: "data_prep_plan"; dataset: DatasetRow }
  | { kind: "audit"; report: AuditReport; auditId: string | null; datasets: DatasetRow[] }
  | { kind: "estimate"; estimate: Estimate }
  | { kind: "job_started"; run: RunView; estimate: Estimate | null }
  | { kind: "job_finished"; run: RunView; actualUsd: number | null }
  | { kind: "evaluation"; evaluation: EvaluationSummary }
  | { kind: "regression"; report: RegressionReport }
  | { kind: "promotion"; promotion: Promotion }
  | { kind: "route"; route: RouteRecord };

/** A document written for the milestone: its Markdown file, and its Google Doc when Docs is configured. */
export interface MilestoneDocument {
  subject: string;
  kind: string;
  path: string;
  document: Document;
}

/** A Markdown file a stage wrote, as a milestone document (for its Google Doc copy). */
export function markdownDocument(
  subject: string,
  kind: string,
  path: string,
  title: string,
): MilestoneDocument {
  return { subject, kind, path, document: markdownToDocument(readFileSync(path, "utf8"), title) };
}

interface Announcement {
  slack: { kind: MilestoneKind; fields: MilestoneFields }[];
  comment: { body: string; labels: string[] } | null;
  rows: { sheet: SheetKey; cells: SheetCell[]; source: string }[];
}

const sha = (s: string | null | undefined) => (s ? s.slice(0, 12) : null);
const list = (fields: MilestoneFields) =>
  Object.entries(fields)
    .filter(([, v]) => v !== null && v !== "")
    .map(([k, v]) => `- **${k}**: ${typeof v === "number" && /usd/i.test(k) ? `$${v.toFixed(2)}` : v}`)
    .join("\n");
const comment = (title: string, fields: MilestoneFields, labels: string[]) => ({
  body: `### ${title}\n\n${list(fields)}`,
  labels,
});

function announcement(m: Milestone): Announcement {
  switch (m.kind) {
    case "data_prep_plan": {
      const d = m.dataset;
      const fields = {
        task: d.task,
        source: d.source,
        records: d.trainCount + d.testCount,
        train: d.trainCount,
        test: d.testCount,
        dataset: d.name,
        trainSha256: sha(d.trainSha256),
      };
      return {
        slack: [{ kind: "data_prep_plan", fields }],
        comment: comment(`Data prepared: ${d.name}`, fields, ["data-prep"]),
        rows: [
          { sheet: "datasets", cells: datasetRow(d, null, null, null), source: `dataset:${d.id}:prepared` },
        ],
      };
    }
    case "audit": {
      const r = m.report;
      const records = r.files.reduce((n, f) => n + f.records, 0);
      const fields: MilestoneFields = {
        verdict: r.verdict,
        files: r.files.length,
        records,
        findings: r.findingsTotal,
        critical: r.countsBySeverity.CRITICAL,
        high: r.countsBySeverity.HIGH,
        identifiers: r.failingIdentifiers.join(", ") || null,
        attestation: r.attestation,
        scanner: r.scannerVersion,
      };
      const slack: Announcement["slack"] = [{ kind: "audit", fields }];
      if (r.verdict === "FAIL")
        slack.push({
          kind: "compliance_concern",
          fields: {
            concern: `possible PHI: ${r.findingsTotal} finding(s) of ${r.failingIdentifiers.join(", ") || "identifiers"}`,
            severity: r.countsBySeverity.CRITICAL > 0 ? "CRITICAL" : "HIGH",
            action: "fine-tuning blocked until the data is fixed and audited again",
            files: r.files.map((f) => sha(f.sha256)).join(", "),
          },
        });
      const rows = m.datasets.map((d) => ({
        sheet: "datasets" as const,
        cells: datasetRow(d, r.verdict, r.findingsTotal, r.attestation),
        source: `dataset:${d.id}:audit:${m.auditId ?? r.files.map((f) => f.sha256).join("+")}`,
      }));
      return { slack, comment: comment(`HIPAA audit: ${r.verdict}`, fields, ["hipaa-audit"]), rows };
    }
    case "estimate": {
      const e = m.estimate;
      const fields: MilestoneFields = {
        provider: e.provider,
        baseModel: e.baseModel,
        costUsd: estimateCostUsd(e),
        hours: e.kind === "local" ? e.hours : null,
        tokens: e.kind === "hosted" ? e.billedTokens : e.train.tokens,
        trainSha256: sha(e.train.sha256),
      };
      return { slack: [{ kind: "estimate", fields }], comment: null, rows: [] };
    }
    case "job_started": {
      const { run, estimate } = m;
      const usd = estimate ? estimateCostUsd(estimate) : null;
      const fields: MilestoneFields = {
        status: run.status,
        provider: run.provider,
        baseModel: run.baseModel,
        run: run.id,
        job: run.jobId,
        costUsd: usd,
        target: run.target,
      };
      const rows: Announcement["rows"] = [
        { sheet: "runs", cells: runRow(run), source: `run:${run.id}:${run.status}` },
      ];
      if (estimate)
        rows.push({
          sheet: "costs",
          cells: estimatedCostRow(run, estimate),
          source: `cost:${run.id}:estimated`,
        });
      return {
        slack: [{ kind: "job_started", fields }],
        comment: comment(`Fine-tune started: ${run.id}`, fields, ["fine-tuning"]),
        rows,
      };
    }
    case "job_finished": {
      const { run, actualUsd } = m;
      const fields: MilestoneFields = {
        status: run.status,
        run: run.id,
        model: run.fineTunedModel,
        trainedTokens: run.trainedTokens,
        costUsd: actualUsd,
        error: run.error,
      };
      const rows: Announcement["rows"] = [
        { sheet: "runs", cells: runRow(run), source: `run:${run.id}:${run.status}` },
      ];
      if (actualUsd !== null)
        rows.push({
          sheet: "costs",
          cells: actualCostRow(run, actualUsd),
          source: `cost:${run.id}:actual`,
        });
      return {
        slack: [{ kind: "job_finished", fields }],
        comment: comment(`Fine-tune ${run.status}: ${run.id}`, fields, ["fine-tuning"]),
        rows,
      };
    }
    case "evaluation": {
      const e = m.evaluation;
      const fields: MilestoneFields = {
        model: e.model,
        suite: e.suite.name,
        examples: e.counts.items,
        run: e.runId,
        evaluation: e.evalId,
        ...Object.fromEntries(
          e.metrics.slice(0, 5).map((x) => [x.label, x.value === null ? null : Number(x.value.toFixed(4))]),
        ),
      };
      return {
        slack: [{ kind: "evaluation", fields }],
        comment: comment(`Evaluation: ${e.evalId}`, fields, ["evaluation"]),
        rows: [
          {
            sheet: "evaluations",
            cells: evaluationRow(e),
            source: `evaluation:${e.evalId}`,
          },
        ],
      };
    }
    case "promotion": {
      const p = m.promotion;
      const fields: MilestoneFields = {
        status: p.action === "promote" ? "promoted" : "rolled back",
        model: `${p.family}@${p.version}`,
        action: p.action,
        regression: p.regressionId,
        verdict: p.verdict,
        overrideBy: p.overrideBy,
        overrideReason: p.overrideReason,
      };
      const title = `${p.family}@${p.version} ${p.action === "promote" ? "promoted to production" : "restored by rollback"}`;
      return {
        slack: [{ kind: "promotion", fields }],
        comment: comment(title, fields, ["rollout"]),
        rows: [],
      };
    }
    case "route": {
      const r = m.route;
      const status = { set: "traffic split changed", promote: "candidate promoted", rollback: "rolled back" };
      const fields: MilestoneFields = {
        status: status[r.action],
        family: r.family,
        split: describeSplit(r.config),
        config: r.id,
        sha256: sha(r.sha256),
        by: r.by,
        note: r.note,
      };
      return {
        slack: [{ kind: "route", fields }],
        comment: comment(`Traffic for ${r.family}: ${status[r.action]}`, fields, ["rollout"]),
        rows: [],
      };
    }
    case "regression": {
      const r = m.report;
      const fields: MilestoneFields = {
        verdict: r.verdict,
        recommendation: r.recommendation,
        failMetrics:
          r.metrics
            .filter((x) => x.verdict === "FAIL")
            .map((x) => x.label)
            .join(", ") || null,
        warnMetrics:
          r.metrics
            .filter((x) => x.verdict === "WARN")
            .map((x) => x.label)
            .join(", ") || null,
        baseline: r.baseline.evalId,
        candidate: r.candidate.evalId,
        items: r.sharedItems,
      };
      return {
        slack: [{ kind: "regression", fields }],
        comment: comment(`Regression test: ${r.verdict}`, fields, ["regression-test"]),
        rows: [
          {
            sheet: "regressions",
            cells: regressionRow(r),
            source: `regression:${r.regressionId}`,
          },
        ],
      };
    }
  }
}

/**
 * Tells the team about M: tracking rows first (the record), then Slack, then the tracking issue. A
 * milestone whose first row was recorded before was announced before, and is not announced again. Returns
 * every action's outcome; a service that fails leaves its entry waiting and does not stop the others.
 */
export async function announce(
  ws: Workspace,
  m: Milestone,
  documents: readonly MilestoneDocument[] = [],
): Promise<ActionOutcome[]> {
  const a = announcement(m);
  const outcomes: ActionOutcome[] = [];
  for (const row of a.rows) outcomes.push(await ws.appendRow(row.sheet, row.cells, row.source));
  // The milestone's record was already there: it was announced before (a retried command, a second poll).
  if (outcomes[0]?.status === "recorded") return outcomes;
  for (const s of a.slack) {
    const message = milestoneMessage(s.kind, s.fields);
    outcomes.push(await ws.act("notify_team", "slack", "notify", message));
  }
  if (a.comment) outcomes.push(await ws.trackingComment(a.comment.body, a.comment.labels));
  for (const doc of documents) outcomes.push(await ws.createDocument(doc));
  return outcomes;
}
