/**
 * The promotion gate of the model registry. A family's production version is the one named by its latest
 * promote or rollback action (append-only rows). Promotion is computed, never asked of a model: the
 * candidate needs a regression test whose candidate evaluation is of the candidate version and whose
 * baseline is of the current production version (any baseline for a family's first promotion). PASS
 * promotes; WARN only with an override naming who and why (recorded); FAIL never. Rollback returns to the
 * version promoted before the current one, and is recorded too.
 */
import { randomUUID } from "node:crypto";
import { GateError, InputError } from "../errors.js";
import type { Db } from "../ledger/ledger.js";
import type { RegressionReport, Verdict } from "../regression/types.js";
import { evaluationsOfVersion, isEvaluationOf, lineageOf } from "./lineage.js";
import { getVersion, type ModelVersion, versionById } from "./versions.js";

export interface Promotion {
  id: string;
  family: string;
  versionId: string;
  version: string;
  action: "promote" | "rollback";
  regressionId: string | null;
  verdict: Verdict | null;
  overrideBy: string | null;
  overrideReason: string | null;
  createdAt: string;
}

export interface PromoteOptions {
  /** The regression test to judge by (default: the newest one that fits). */
  regressionId?: string;
  /** Accepts a WARN (or a first promotion without a regression test): who decided, and why. */
  override?: { by: string; reason: string };
}

/** FAMILY's promote and rollback actions, oldest first. */
export function promotionHistory(db: Db, family: string): Promotion[] {
  return db
    .prepare(
      `SELECT p.id, p.family, p.version_id AS versionId, v.version, p.action, p.regression_id AS regressionId,
         p.verdict, p.override_by AS overrideBy, p.override_reason AS overrideReason, p.created_at AS createdAt
       FROM model_promotions p JOIN model_versions v ON v.id = p.version_id
       WHERE p.family = ? ORDER BY p.rowid`,
    )
    .all(family) as Promotion[];
}

/** The versions in production, oldest first: a promotion pushes one, a rollback pops back to the one below. */
function productionStack(db: Db, family: string): string[] {
  const stack: string[] = [];
  for (const p of promotionHistory(db, family)) {
    if (p.action === "promote") stack.push(p.versionId);
    else stack.pop();
  }
  return stack;
}

/** FAMILY's version in production, or undefined before its first promotion. */
export function production(db: Db, family: string): ModelVersion | undefined {
  const stack = productionStack(db, family);
  return stack.length ? versionById(db, stack[stack.length - 1]!) : undefined;
}

function record(db: Db, family: string, version: ModelVersion, fields: Partial<Promotion>): Promotion {
  const p: Promotion = {
    id: randomUUID(),
    family,
    versionId: version.id,
    version: version.version,
    action: fields.action ?? "promote",
    regressionId: fields.regressionId ?? null,
    verdict: fields.verdict ?? null,
    overrideBy: fields.overrideBy ?? null,
    overrideReason: fields.overrideReason ?? null,
    createdAt: new Date().toISOString(),
  };
  db.prepare(
    `INSERT INTO model_promotions (id, family, version_id, action, regression_id, verdict, override_by,
       override_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.id,
    family,
    p.versionId,
    p.action,
    p.regressionId,
    p.verdict,
    p.overrideBy,
    p.overrideReason,
    p.createdAt,
  );
  return p;
}

function regressionById(db: Db, id: string): RegressionReport {
  const row = db.prepare("SELECT report_json FROM regressions WHERE id = ?").get(id) as
    | { report_json: string }
    | undefined;
  if (!row)
    throw new InputError(`no regression test "${id}" in the ledger`, [], {
      hint: "Regression ids are printed by `cft regress --json` (regressionId) and listed by `cft models show`.",
    });
  return JSON.parse(row.report_json) as RegressionReport;
}

const name = (v: ModelVersion) => `${v.family}@${v.version}`;

/** The regression test to judge CANDIDATE by: the one named (checked) or the newest that fits. */
function chooseRegression(
  db: Db,
  candidate: ModelVersion,
  current: ModelVersion | undefined,
  regressionId: string | undefined,
): RegressionReport | undefined {
  if (regressionId) {
    const r = regressionById(db, regressionId);
    if (!isEvaluationOf(db, r.candidate.evalId, candidate))
      throw new GateError(
        `regression ${r.regressionId} tested ${r.candidate.model} (${r.candidate.evalId}), not ${name(candidate)} (run ${candidate.runId})`,
        {
          hint: `Regress an evaluation of ${name(candidate)}'s run against production and promote with that.`,
        },
      );
    if (current && !isEvaluationOf(db, r.baseline.evalId, current))
      throw new GateError(
        `regression ${r.regressionId} compared against ${r.baseline.model} (${r.baseline.evalId}), not the production version ${name(current)} (run ${current.runId})`,
        {
          hint: `Regress ${name(candidate)} against an evaluation of ${name(current)}'s model: cft regress --candidate EVAL --baseline EVAL.`,
        },
      );
    // Naming an older test cannot set aside a newer FAIL of the same pair.
    const newer = fitting(db, candidate, current).find(
      (x) => x.createdAt > r.createdAt && x.verdict === "FAIL",
    );
    if (newer)
      throw new GateError(
        `${name(candidate)} FAILED a newer regression test (${newer.regressionId}) than ${r.regressionId}; a FAIL cannot be set aside by naming an older test`,
        { hint: "Fix the regression, evaluate again and regress; the newest test of the pair decides." },
      );
    return r;
  }
  return fitting(db, candidate, current)[0];
}

/** CANDIDATE's regression tests against CURRENT (any baseline before a first promotion), newest first. */
function fitting(db: Db, candidate: ModelVersion, current: ModelVersion | undefined): RegressionReport[] {
  return lineageOf(db, candidate).regressions.filter(
    (r) => !current || isEvaluationOf(db, r.baseline.evalId, current),
  );
}

function missingRegression(db: Db, candidate: ModelVersion, current: ModelVersion | undefined): never {
  const c = evaluationsOfVersion(db, candidate).at(-1)?.evalId ?? "EVAL";
  if (!current)
    throw new GateError(
      `${name(candidate)} has no regression test: a first promotion needs a PASS or an override`,
      {
        hint: `Run \`cft regress --candidate ${c}\` (baseline: the base model's evaluation), or promote with --override-warn --by WHO --reason TEXT.`,
      },
    );
  const b = evaluationsOfVersion(db, current).at(-1)?.evalId ?? "EVAL";
  throw new GateError(
    `no regression test of ${name(candidate)} against the production version ${name(current)}`,
    {
      hint: `Evaluate both on the same suite, then run \`cft regress --candidate ${c} --baseline ${b}\`.`,
    },
  );
}

const failing = (r: RegressionReport, verdict: Verdict) =>
  r.metrics
    .filter((m) => m.verdict === verdict)
    .map((m) => `${m.label} (${m.reason})`)
    .join("; ");

/** Promotes FAMILY@VERSION to production if the gate allows it; otherwise throws a GateError saying why. */
export function promote(
  db: Db,
  family: string,
  version: string | undefined,
  options: PromoteOptions = {},
): Promotion {
  const override = options.override && {
    by: options.override.by.trim(),
    reason: options.override.reason.trim(),
  };
  if (override && (!override.by || !override.reason))
    throw new InputError("an override needs both who decided (--by) and why (--reason)");
  return db.transaction(() => {
    const candidate = getVersion(db, family, version);
    const current = production(db, family);
    if (current?.id === candidate.id)
      throw new InputError(`${name(candidate)} is already in production`, [], {
        hint: "`cft models show NAME` lists the promotion history.",
      });
    const r = chooseRegression(db, candidate, current, options.regressionId);
    if (!r) {
      if (current || !override) missingRegression(db, candidate, current);
      return record(db, family, candidate, { overrideBy: override!.by, overrideReason: override!.reason });
    }
    if (r.verdict === "FAIL")
      throw new GateError(
        `${name(candidate)} FAILED regression ${r.regressionId} on: ${failing(r, "FAIL") || "(no metric named)"}. A FAIL cannot be overridden`,
        {
          hint: "Fix the model (more or better data, other hyperparameters), register the new run and regress it again.",
        },
      );
    if (r.verdict === "WARN" && !override)
      throw new GateError(
        `${name(candidate)} got WARN in regression ${r.regressionId} on: ${failing(r, "WARN") || "(no metric named)"}`,
        {
          hint: "Evaluate on more items to settle it, or accept the risk with --override-warn --by WHO --reason TEXT (recorded).",
        },
      );
    const accepted = r.verdict === "WARN" ? override : undefined;
    return record(db, family, candidate, {
      regressionId: r.regressionId,
      verdict: r.verdict,
      overrideBy: accepted?.by,
      overrideReason: accepted?.reason,
    });
  })();
}

/** Puts back the version promoted before the current production one, recorded as a rollback. */
export function rollback(db: Db, family: string): Promotion {
  return db.transaction(() => {
    getVersion(db, family);
    const stack = productionStack(db, family);
    if (stack.length < 2)
      throw new InputError(
        stack.length === 0
          ? `${family} has never been promoted: there is nothing to roll back`
          : `${family} has no version promoted before the current one to roll back to`,
        [],
        { hint: "`cft models show NAME` lists the promotion history." },
      );
    return record(db, family, versionById(db, stack[stack.length - 2]!)!, { action: "rollback" });
  })();
}
