/**
 * The three changes to a family's traffic: set a configuration (new variants or new weights), promote the
 * candidate (through the registry's promotion gate: it serves all traffic only if the gate allows it),
 * and roll back (the previous configuration exactly, and the registry's production version with it when
 * the change undone was a promotion). Each is one ledger transaction.
 */
import { GateError, InputError } from "../errors.js";
import type { Db } from "../ledger/ledger.js";
import { type PromoteOptions, type Promotion, production, promote, rollback } from "../registry/promotion.js";
import { getVersion } from "../registry/versions.js";
import {
  checkRouteConfig,
  configSha256,
  type RouteConfig,
  type RouteConfigInput,
  type Variant,
} from "./route-config.js";
import { liveRoute, type RouteRecord, recordRoute, requireLiveRoute, routeStack } from "./route-store.js";

export interface RouteChange {
  record: RouteRecord;
  /** False when the configuration asked for is already live (nothing recorded). */
  changed: boolean;
  /** The registry's promotion or rollback that came with it. */
  promotion: Promotion | null;
}

export interface Decision {
  by?: string | undefined;
  note?: string | undefined;
}

/** Every variant's version must be registered in the family. */
function checkVersions(db: Db, config: RouteConfig): void {
  for (const v of config.variants) if (v.version) getVersion(db, config.family, v.version);
}

/** Makes CONFIG live. Setting the live configuration again records nothing. */
export function setRoute(db: Db, config: RouteConfig, decision: Decision = {}): RouteChange {
  const checked = checkRouteConfig(config);
  return db.transaction(() => {
    checkVersions(db, checked);
    const live = liveRoute(db, checked.family);
    if (live && live.sha256 === configSha256(checked))
      return { record: live, changed: false, promotion: null };
    return {
      record: recordRoute(db, { action: "set", config: checked, ...decision }),
      changed: true,
      promotion: null,
    };
  })();
}

/** The live configuration with new weights, in the order of its variants ("80/20"). */
export function withWeights(live: RouteConfigInput, weights: number[]): RouteConfig {
  if (weights.length !== live.variants.length)
    throw new InputError(
      `${weights.length} weights for ${live.variants.length} variants (${live.variants.map((v) => v.name).join(", ")})`,
      [{ field: "--weights", message: "one weight per variant, in order, e.g. 80/20" }],
    );
  return checkRouteConfig({ ...live, variants: live.variants.map((v, i) => ({ ...v, weight: weights[i] })) });
}

/** Parses "80/20" (or "80,20"). */
export function parseWeights(text: string): number[] {
  const parts = text.split(/[/,]/).map((p) => p.trim());
  const weights = parts.map(Number);
  if (parts.some((p) => p === "") || weights.some((w) => !Number.isFinite(w) || w < 0))
    throw new InputError(`"${text}" is not a list of weights`, [
      { field: "--weights", message: "non-negative numbers separated by /, adding up to 100, e.g. 80/20" },
    ]);
  return weights;
}

function pickCandidate(config: RouteConfig, name: string | undefined): Variant {
  if (config.variants.length < 2)
    throw new InputError(
      `${config.family} routes all traffic to ${config.variants[0]!.name}: there is no candidate to promote`,
      [],
      {
        hint: `Add one: cft route set ${config.family} --candidate-url URL --candidate-model NAME --weights 90/10.`,
      },
    );
  const wanted = name ?? "candidate";
  const found = config.variants.find((v) => v.name === wanted);
  if (!found)
    throw new InputError(`${config.family}'s route has no variant "${wanted}"`, [], {
      hint: `Its variants: ${config.variants.map((v) => v.name).join(", ")}; name one with --variant.`,
    });
  return found;
}

/**
 * Sends all of FAMILY's traffic to its candidate, once the registry's promotion gate allows that version
 * into production (a GateError otherwise; nothing changes). The promoted variant becomes the baseline.
 */
export function promoteRoute(
  db: Db,
  family: string,
  options: PromoteOptions & Decision & { variant?: string } = {},
): RouteChange {
  return db.transaction(() => {
    const live = requireLiveRoute(db, family);
    const candidate = pickCandidate(live.config, options.variant);
    if (!candidate.version)
      throw new GateError(
        `variant "${candidate.name}" of ${family} is not bound to a registry version, so no regression gate can clear it`,
        {
          hint: `Register its run (cft models register RUN --family ${family}), regress it against production, and set the route with --candidate-version.`,
        },
      );
    const current = production(db, family);
    const promotion =
      current?.version === candidate.version
        ? null
        : promote(db, family, candidate.version, {
            regressionId: options.regressionId,
            override: options.override,
          });
    const config = checkRouteConfig({
      ...live.config,
      variants: [{ ...candidate, name: "baseline", weight: 100 }],
    });
    const record = recordRoute(db, {
      action: "promote",
      config,
      promotionId: promotion?.id ?? null,
      by: options.by ?? options.override?.by,
      note: options.note,
    });
    return { record, changed: true, promotion };
  })();
}

/**
 * Restores the configuration in force before FAMILY's latest set or promote, exactly. When the change
 * undone was a promotion that is still the registry's production, the registry rolls back with it.
 */
export function rollbackRoute(db: Db, family: string, decision: Decision = {}): RouteChange {
  return db.transaction(() => {
    requireLiveRoute(db, family);
    const stack = routeStack(db, family);
    const top = stack.at(-1)!;
    const previous = stack.at(-2);
    if (!previous)
      throw new InputError(`${family}'s route has no configuration before the live one to go back to`, [], {
        hint: "`cft route history FAMILY` lists the changes.",
      });
    let promotion: Promotion | null = null;
    if (top.action === "promote" && top.promotionId) {
      const promoted = db
        .prepare("SELECT version_id FROM model_promotions WHERE id = ?")
        .get(top.promotionId) as { version_id: string } | undefined;
      if (promoted && production(db, family)?.id === promoted.version_id) promotion = rollback(db, family);
    }
    const record = recordRoute(db, {
      action: "rollback",
      config: previous.config,
      restoresId: previous.id,
      promotionId: promotion?.id ?? null,
      ...decision,
    });
    return { record, changed: true, promotion };
  })();
}
