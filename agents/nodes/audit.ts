/**
 * The audit stage: worker 2 audits the prepared files and explains the verdict; the team is told. What
 * comes next is not this node's choice: the audit gate (gates.ts) routes on the attested hashes.
 */
import { markdownDocument } from "../../src/integrations/milestones.js";
import { listDatasets } from "../../src/ledger/datasets.js";
import { type GraphDeps, withDb } from "../deps.js";
import type { State, Update } from "../state.js";
import { tellTeam } from "../team-updates.js";
import { auditDataset } from "../workers/compliance.js";

export function auditNode(deps: GraphDeps) {
  return async (state: State): Promise<Update> => {
    const d = state.dataset;
    if (!d) throw new Error("nothing to audit: the data stage did not run");
    return withDb(deps, async (db) => {
      const audit = await auditDataset(deps, db, [d.train.path, d.test.path]);
      const r = audit.report;
      const datasets = listDatasets(db).filter((x) => x.id === d.datasetId);
      const team = await tellTeam(deps, db, { kind: "audit", report: r, auditId: audit.auditId, datasets }, [
        markdownDocument(
          `audit:${audit.auditId}`,
          "compliance_report",
          audit.reportPath,
          "HIPAA compliance report",
        ),
      ]);
      return {
        stage: "audit",
        audit: {
          auditId: audit.auditId,
          verdict: r.verdict,
          findings: r.findingsTotal,
          identifiers: r.failingIdentifiers,
          reportPath: audit.reportPath,
        },
        documents: [{ kind: "compliance_report", path: audit.reportPath }],
        pendingActions: team.pending,
        notes: [...audit.explanation, ...team.notes],
      };
    });
  };
}

/** Where a blocked audit leaves the thread: it stays blocked, whatever anyone answers later. */
export function blockedNode() {
  return (state: State): Update => ({
    stage: "blocked",
    blocked: state.blocked ?? {
      stage: "audit",
      reason: `the HIPAA audit did not attest the current dataset (${state.audit?.verdict ?? "no audit"}${state.audit?.identifiers.length ? `: ${state.audit.identifiers.join(", ")}` : ""}); fix or regenerate the data and start a new run`,
      kind: "gate",
    },
  });
}
