/**
 * Standing approvals for scheduled retraining: a person's recorded "yes" to retraining a model family
 * without being asked each time, up to a budget cap in USD per calendar month (UTC), until an optional
 * expiry date. Rows are append-only: approving again replaces the terms, revoking ends them; the latest row
 * of a family decides. An approval never covers a run that would exceed its cap.
 */
import { randomUUID } from "node:crypto";
import { InputError } from "../errors.js";
import type { Db } from "../ledger/ledger.js";
import { checkFamily } from "../registry/versions.js";

export interface StandingApproval {
  id: string;
  family: string;
  action: "approve" | "revoke";
  /** The monthly cap (approve rows). */
  budgetUsd: number | null;
  /** Last day (UTC, inclusive) the approval holds, "YYYY-MM-DD"; null for no end. */
  expiresOn: string | null;
  decidedBy: string;
  reason: string | null;
  createdAt: string;
}

export interface ApproveRequest {
  family: string;
  budgetUsd: number;
  by: string;
  reason: string;
  expiresOn?: string;
}

const today = (now: Date) => now.toISOString().slice(0, 10);

function insert(db: Db, row: StandingApproval): StandingApproval {
  db.prepare(
    `INSERT INTO retrain_approvals (id, family, action, budget_usd, expires_on, decided_by, reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.id,
    row.family,
    row.action,
    row.budgetUsd,
    row.expiresOn,
    row.decidedBy,
    row.reason,
    row.createdAt,
  );
  return row;
}

/** Records a standing approval for FAMILY (it replaces any earlier one). */
export function approveRetraining(db: Db, request: ApproveRequest, now = new Date()): StandingApproval {
  const family = checkFamily(request.family);
  if (!(request.budgetUsd >= 0) || !Number.isFinite(request.budgetUsd))
    throw new InputError("the budget cap must be a number of US dollars of 0 or more", [
      { field: "--budget-usd", message: `got ${request.budgetUsd}` },
    ]);
  if (request.expiresOn !== undefined && request.expiresOn < today(now))
    throw new InputError(`--expires ${request.expiresOn} is in the past`, [], {
      hint: `Give a date from ${today(now)} on (YYYY-MM-DD, the last day the approval holds), or leave it out.`,
    });
  return insert(db, {
    id: `appr-${randomUUID().slice(0, 8)}`,
    family,
    action: "approve",
    budgetUsd: Math.round(request.budgetUsd * 100) / 100,
    expiresOn: request.expiresOn ?? null,
    decidedBy: request.by.trim(),
    reason: request.reason.trim(),
    createdAt: now.toISOString(),
  });
}

/** Ends FAMILY's standing approval; from now on every retraining run stops for confirmation. */
export function revokeRetraining(db: Db, family: string, by: string, reason?: string): StandingApproval {
  checkFamily(family);
  if (!latestApproval(db, family))
    throw new InputError(`${family} has no standing approval to revoke`, [], {
      hint: `\`cft retrain status ${family}\` shows it; \`cft retrain approve --family ${family} …\` records one.`,
    });
  return insert(db, {
    id: `appr-${randomUUID().slice(0, 8)}`,
    family,
    action: "revoke",
    budgetUsd: null,
    expiresOn: null,
    decidedBy: by.trim(),
    reason: reason?.trim() || null,
    createdAt: new Date().toISOString(),
  });
}

interface Row {
  id: string;
  family: string;
  action: "approve" | "revoke";
  budget_usd: number | null;
  expires_on: string | null;
  decided_by: string;
  reason: string | null;
  created_at: string;
}

const fromRow = (r: Row): StandingApproval => ({
  id: r.id,
  family: r.family,
  action: r.action,
  budgetUsd: r.budget_usd,
  expiresOn: r.expires_on,
  decidedBy: r.decided_by,
  reason: r.reason,
  createdAt: r.created_at,
});

/** FAMILY's latest approval row (approve or revoke), or undefined when there never was one. */
export function latestApproval(db: Db, family: string): StandingApproval | undefined {
  const row = db
    .prepare("SELECT * FROM retrain_approvals WHERE family = ? ORDER BY created_at DESC, rowid DESC LIMIT 1")
    .get(family) as Row | undefined;
  return row && fromRow(row);
}

export type ApprovalState =
  | { kind: "active"; approval: StandingApproval }
  | { kind: "none" | "revoked" | "expired"; approval: StandingApproval | null };

/** Whether FAMILY has a standing approval in force at NOW, and which. */
export function approvalState(db: Db, family: string, now = new Date()): ApprovalState {
  const latest = latestApproval(db, family);
  if (!latest) return { kind: "none", approval: null };
  if (latest.action === "revoke") return { kind: "revoked", approval: latest };
  if (latest.expiresOn !== null && latest.expiresOn < today(now))
    return { kind: "expired", approval: latest };
  return { kind: "active", approval: latest };
}

/** One line for people. */
export function describeApproval(state: ApprovalState): string {
  const a = state.approval;
  switch (state.kind) {
    case "none":
      return "no standing approval: every retraining run stops for confirmation";
    case "revoked":
      return `standing approval revoked by ${a!.decidedBy} on ${a!.createdAt.slice(0, 10)}: every run stops for confirmation`;
    case "expired":
      return `standing approval ${a!.id} expired on ${a!.expiresOn}: every run stops for confirmation`;
    case "active":
      return `standing approval ${a!.id} by ${a!.decidedBy} (${a!.reason}): up to $${a!.budgetUsd!.toFixed(2)} a month${a!.expiresOn ? `, until ${a!.expiresOn}` : ""}`;
  }
}
