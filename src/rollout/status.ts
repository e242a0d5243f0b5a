/**
 * Where a model family's rollout stands, in one read-only view: the registry (versions, production, the
 * latest promotions), the live traffic split, the online comparison so far, and scheduled retraining
 * (the standing approval, this month's spend against its cap, the latest cycle). The assistant's
 * `rollout_status` tool and any other reader share it; it holds ids, versions, figures and verdicts only.
 */
import { InputError } from "../errors.js";
import type { Db } from "../ledger/ledger.js";
import { production, promotionHistory } from "../registry/promotion.js";
import { listVersions } from "../registry/versions.js";
import { monthSpend } from "../retrain/budget.js";
import { listCycles } from "../retrain/cycle-log.js";
import { cycleReport } from "../retrain/report.js";
import { approvalState, describeApproval } from "../retrain/standing-approval.js";
import { onlineReport } from "../routing/online-report.js";
import { describeSplit } from "../routing/route-config.js";
import { liveRoute } from "../routing/route-store.js";

export function rolloutStatus(db: Db, family: string) {
  const versions = listVersions(db, family);
  if (versions.length === 0) {
    const families = [...new Set(listVersions(db).map((v) => v.family))];
    // The families go in the message itself: a tool's caller (a model) sees the message, not the hint.
    throw new InputError(
      `no model family "${family}" in the registry (${families.length ? `its families: ${families.join(", ")}` : "nothing is registered yet"})`,
      [],
      { hint: "Register a succeeded run with `cft models register RUN --family NAME`." },
    );
  }
  const live = production(db, family);
  const route = liveRoute(db, family);
  const online = route ? onlineReport(db, family) : null;
  const approval = approvalState(db, family);
  const cycle = listCycles(db, family, 1)[0];
  return {
    family,
    production: live ? { version: live.version, runId: live.runId, artifact: live.artifact.kind } : null,
    versions: versions.map((v) => ({ version: v.version, runId: v.runId, registered: v.createdAt })),
    promotions: promotionHistory(db, family)
      .slice(-5)
      .map((p) => ({
        action: p.action,
        version: p.version,
        verdict: p.verdict,
        overrideBy: p.overrideBy,
        at: p.createdAt,
      })),
    route: route && {
      id: route.id,
      change: route.action,
      split: describeSplit(route.config),
      since: route.createdAt,
      variants: route.config.variants.map((v) => ({
        name: v.name,
        version: v.version ?? null,
        weight: v.weight,
        backend: `${v.backend.kind} ${v.backend.model}`,
      })),
    },
    online: online && {
      requests: online.requests,
      from: online.since,
      to: online.until,
      reference: online.reference,
      variants: online.variants.map((v) => ({
        variant: v.label,
        requests: v.requests,
        errorRate: v.errors.rate,
        errorInterval: v.errors.interval,
        p50Ms: v.latencyMs.p50?.value ?? null,
        p90Ms: v.latencyMs.p90?.value ?? null,
        outcomes: Object.fromEntries(
          Object.entries(v.outcomes).map(([l, r]) => [l, { rate: r.rate, interval: r.interval }]),
        ),
      })),
      differences: online.differences,
    },
    retraining: {
      approval: describeApproval(approval),
      cap: approval.kind === "active" ? approval.approval.budgetUsd : null,
      spentThisMonthUsd: monthSpend(db, family).usd,
      latestCycle: cycle ? cycleReport(cycle) : null,
    },
  };
}

export type RolloutStatus = ReturnType<typeof rolloutStatus>;
