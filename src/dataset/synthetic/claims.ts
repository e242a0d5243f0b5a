/**
 * Synthetic claims adjudication: the coverage policy as a pure function (`adjudicate`), and a generator that
 * chooses the decision first, then builds a claim that meets exactly that rule and checks it with `adjudicate`.
 */
import type { Random } from "../random.js";
import { DIAGNOSES, DIAGNOSIS_BY_CODE, type Diagnosis, fitsPatient, type Sex } from "./codes.js";
import { type Patient, randomPatient } from "./common.js";
import { PROCEDURE_BY_CODE, PROCEDURES, type Procedure, type Setting, SUPPORTS } from "./procedures.js";

export type Decision = "APPROVED" | "DENIED" | "PENDING";
export type Rule =
  | "EXCLUDED_SERVICE"
  | "NO_MEDICAL_NECESSITY"
  | "PRIOR_AUTH_MISSING"
  | "AMOUNT_OVER_ALLOWED"
  | "ALL_CRITERIA_MET";

export interface ClaimLine {
  code: string;
  billedCents: number;
}

/** What the policy looks at, all of it visible in the user message. */
export interface ClaimFacts {
  diagnoses: readonly string[];
  lines: readonly ClaimLine[];
  priorAuthOnFile: boolean;
}

export interface Adjudication {
  decision: Decision;
  rule: Rule;
  /** The procedure codes the rule is about (every line for ALL_CRITERIA_MET). */
  codes: string[];
}

/** A line billed more than this far above the top of its allowed range is pended for pricing review. */
export const PRICING_REVIEW_MARGIN_PERCENT = 25;

/**
 * The coverage policy, first rule that applies wins:
 * 1. DENIED  EXCLUDED_SERVICE      a line is a cosmetic or non-covered service;
 * 2. DENIED  NO_MEDICAL_NECESSITY  no diagnosis on the claim supports a line;
 * 3. PENDING PRIOR_AUTH_MISSING    a line requires prior authorization and none is on file;
 * 4. PENDING AMOUNT_OVER_ALLOWED   a line is billed more than 25% above its allowed maximum;
 * 5. APPROVED ALL_CRITERIA_MET     otherwise.
 */
export function adjudicate(facts: ClaimFacts): Adjudication {
  const procs = facts.lines.map((line) => {
    const p = PROCEDURE_BY_CODE.get(line.code);
    if (!p) throw new Error(`unknown procedure code: ${line.code}`);
    return { p, line };
  });
  const excluded = procs.filter(({ p }) => p.exclusion !== null);
  if (excluded.length > 0) return { decision: "DENIED", rule: "EXCLUDED_SERVICE", codes: codesOf(excluded) };
  const unsupported = procs.filter(({ p }) => !facts.diagnoses.some((dx) => SUPPORTS.get(p.code)?.has(dx)));
  if (unsupported.length > 0)
    return { decision: "DENIED", rule: "NO_MEDICAL_NECESSITY", codes: codesOf(unsupported) };
  const needsAuth = procs.filter(({ p }) => p.priorAuth);
  if (needsAuth.length > 0 && !facts.priorAuthOnFile) {
    return { decision: "PENDING", rule: "PRIOR_AUTH_MISSING", codes: codesOf(needsAuth) };
  }
  const over = procs.filter(({ p, line }) => isOverAllowed(line.billedCents, p));
  if (over.length > 0) return { decision: "PENDING", rule: "AMOUNT_OVER_ALLOWED", codes: codesOf(over) };
  return { decision: "APPROVED", rule: "ALL_CRITERIA_MET", codes: codesOf(procs) };
}

export function isOverAllowed(billedCents: number, p: Procedure): boolean {
  return billedCents * 100 > p.allowedCents[1] * (100 + PRICING_REVIEW_MARGIN_PERCENT);
}

function codesOf(items: readonly { p: Procedure }[]): string[] {
  return items.map(({ p }) => p.code);
}

/** A generated claim: the facts plus the context the text shows (none of it changes the decision). */
export interface Claim extends ClaimFacts {
  patient: Patient;
  setting: Setting;
  year: number;
  plan: string;
  lines: ClaimLine[];
  diagnoses: string[];
}

export const SERVICE_YEARS: readonly [number, number] = [2022, 2025];
const COMMERCIAL = [
  "commercial PPO",
  "commercial HMO",
  "commercial EPO",
  "high-deductible health plan",
  "ACA marketplace plan",
];
const PUBLIC = ["Medicaid managed care plan", "Medicaid managed care plan"];
const SENIOR = ["Medicare Advantage HMO", "Medicare Advantage PPO", "Medicare Advantage PPO"];

/** Long-standing conditions that may appear on any claim besides the ones its services are for. */
const COMORBID = new Set(
  (
    "E11.9 E11.65 E10.9 R73.03 E03.9 E78.5 E78.00 E66.9 E55.9 I10 I25.10 I48.91 I50.9 J45.909 J44.9 G47.33 " +
    "M17.0 M79.7 M81.0 M06.9 M10.9 F32.9 F33.1 F41.1 F43.10 F90.0 F51.01 K21.9 K58.9 K76.0 L40.0 L20.9 " +
    "N18.30 N40.1 H40.9 D50.9 G43.909 G40.909"
  ).split(" "),
);

interface Pool {
  conditions: readonly Diagnosis[];
  comorbid: readonly string[];
  covered: readonly Procedure[];
  coveredBySetting: ReadonlyMap<Setting, readonly Procedure[]>;
  narrow: readonly Procedure[];
  withAuth: readonly Procedure[];
  excluded: readonly Procedure[];
  /** Supporting (or, for excluded services, usual) diagnoses that fit the patient. */
  fitting: ReadonlyMap<string, readonly string[]>;
  /** Filled lazily: per procedure, diagnoses fitting the patient that do not support it. */
  nearMiss: Map<string, { close: readonly string[]; unsupported: readonly string[] }>;
  /** The diagnoses that fit the patient, as a bitset. */
  fitBits: Uint32Array;
  /** Filled lazily: per primary procedure and setting, covered services that share a diagnosis with it. */
  related: Map<string, readonly Procedure[]>;
}

// Diagnosis sets as bitsets, so "do these two services share a diagnosis the patient can have" is a few ANDs.
const DX_BIT = new Map(DIAGNOSES.map((d, i) => [d.code, i]));
function bitsOf(codes: Iterable<string>): Uint32Array {
  const bits = new Uint32Array(Math.ceil(DIAGNOSES.length / 32));
  for (const code of codes) {
    const i = DX_BIT.get(code) as number;
    bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
  }
  return bits;
}
const PROC_BITS = new Map(PROCEDURES.map((p) => [p.code, bitsOf(p.exclusion ? p.billedWith : p.supports)]));

// Every age limit in the tables falls on one of these boundaries, so one pool per (sex, band) is exact.
const BOUNDARIES = [
  ...new Set([...DIAGNOSES, ...PROCEDURES].flatMap((d) => [d.ages[0], d.ages[1] + 1])),
].sort((a, b) => a - b);
const pools = new Map<string, Pool>();

function poolFor(patient: Patient): Pool {
  const band = BOUNDARIES.filter((b) => b <= patient.age).length;
  const key = `${patient.sex}${band}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = buildPool(patient.age, patient.sex);
    pools.set(key, pool);
  }
  return pool;
}

function buildPool(age: number, sex: Sex): Pool {
  const dx = DIAGNOSES.filter((d) => fitsPatient(d, age, sex));
  const ok = new Set(dx.map((d) => d.code));
  const fitting = new Map<string, readonly string[]>();
  for (const p of PROCEDURES) {
    if (!fitsPatient(p, age, sex)) continue;
    const codes = (p.exclusion ? p.billedWith : p.supports).filter((c) => ok.has(c));
    if (codes.length > 0) fitting.set(p.code, codes);
  }
  const usable = PROCEDURES.filter((p) => fitting.has(p.code));
  const covered = usable.filter((p) => p.exclusion === null);
  const coveredBySetting = new Map<Setting, Procedure[]>();
  for (const p of covered)
    for (const s of p.settings) coveredBySetting.set(s, [...(coveredBySetting.get(s) ?? []), p]);
  return {
    conditions: dx.filter((d) => !d.encounter),
    comorbid: dx.filter((d) => COMORBID.has(d.code)).map((d) => d.code),
    covered,
    coveredBySetting,
    // Services whose support is specific enough that a near-miss diagnosis can leave them unsupported.
    narrow: covered.filter((p) => p.supports.length <= 12),
    withAuth: covered.filter((p) => p.priorAuth),
    excluded: usable.filter((p) => p.exclusion !== null),
    fitting,
    fitBits: bitsOf(ok),
    nearMiss: new Map(),
    related: new Map(),
  };
}

/** Builds a claim whose adjudication is `label`; the variant (which rule) is drawn by the seed. */
export function generateClaim(rng: Random, label: Decision): Claim {
  const variant: Rule =
    label === "APPROVED"
      ? "ALL_CRITERIA_MET"
      : label === "DENIED"
        ? rng.chance(1, 2)
          ? "EXCLUDED_SERVICE"
          : "NO_MEDICAL_NECESSITY"
        : rng.chance(1, 2)
          ? "PRIOR_AUTH_MISSING"
          : "AMOUNT_OVER_ALLOWED";
  const patient = randomPatient(rng);
  const pool = poolFor(patient);
  const primary = rng.pick(
    variant === "EXCLUDED_SERVICE"
      ? pool.excluded
      : variant === "NO_MEDICAL_NECESSITY"
        ? pool.narrow
        : variant === "PRIOR_AUTH_MISSING"
          ? pool.withAuth
          : pool.covered,
  );
  const setting = rng.pick(primary.settings);
  const procs = [primary];
  const extras = rng.pickWeighted([
    [0, 10],
    [1, 7],
    [2, 3],
  ] as const);
  const candidates = related(pool, primary, setting);
  for (let i = 0; i < extras && candidates.length > 0; i++) {
    const p = rng.pick(candidates);
    if (!procs.includes(p)) procs.push(p);
  }

  const dx: string[] = [];
  const add = (code: string) => {
    if (!dx.includes(code)) dx.push(code);
  };
  // For a necessity denial, no diagnosis on the claim may support the primary line.
  const blocked =
    variant === "NO_MEDICAL_NECESSITY" ? (SUPPORTS.get(primary.code) ?? new Set<string>()) : null;
  if (blocked) {
    add(nearMiss(rng, pool, primary, blocked));
    for (const p of procs.slice(1)) {
      const options = (pool.fitting.get(p.code) ?? []).filter((c) => !blocked.has(c));
      if (options.length > 0) add(rng.pick(options));
    }
  } else {
    for (const p of procs) {
      if (p.exclusion === null && dx.some((c) => SUPPORTS.get(p.code)?.has(c))) continue;
      add(rng.pick(pool.fitting.get(p.code) ?? []));
    }
  }
  const comorbidities = rng.pickWeighted([
    [0, 4],
    [1, 4],
    [2, 2],
  ] as const);
  for (let i = 0; i < comorbidities && dx.length < 5; i++) {
    const code = rng.pick(pool.comorbid);
    if (!blocked?.has(code)) add(code);
  }

  const needsAuth = procs.some((p) => p.priorAuth);
  const priorAuthOnFile =
    variant === "PRIOR_AUTH_MISSING"
      ? false
      : needsAuth && variant !== "EXCLUDED_SERVICE"
        ? true
        : rng.chance(1, 2);
  const overIndex = variant === "AMOUNT_OVER_ALLOWED" ? rng.int(0, procs.length - 1) : -1;
  const lines = procs.map((p, i) => ({ code: p.code, billedCents: billed(rng, p, i === overIndex) }));
  const plan = rng.pick(patient.age >= 65 ? SENIOR : rng.chance(1, 5) ? PUBLIC : COMMERCIAL);
  const year = rng.int(SERVICE_YEARS[0], SERVICE_YEARS[1]);
  const claim: Claim = { patient, setting, year, plan, lines, diagnoses: dx, priorAuthOnFile };
  const check = adjudicate(claim);
  if (check.decision !== label || check.rule !== variant) {
    throw new Error(`synthetic claim generator bug: wanted ${label}/${variant}, policy says ${check.rule}`);
  }
  return claim;
}

/** Other services billed in the same setting for a shared diagnosis, so a claim's lines belong together. */
function related(pool: Pool, primary: Procedure, setting: Setting): readonly Procedure[] {
  const key = `${primary.code} ${setting}`;
  let found = pool.related.get(key);
  if (!found) {
    const own = PROC_BITS.get(primary.code) as Uint32Array;
    found = (pool.coveredBySetting.get(setting) ?? []).filter((q) => {
      if (q === primary) return false;
      const theirs = PROC_BITS.get(q.code) as Uint32Array;
      for (let w = 0; w < own.length; w++)
        if ((own[w] as number) & (theirs[w] as number) & (pool.fitBits[w] as number)) return true;
      return false;
    });
    pool.related.set(key, found);
  }
  return found;
}

/** A diagnosis that does not support `p`: from the same specialty when one exists, three times in four. */
function nearMiss(rng: Random, pool: Pool, p: Procedure, blocked: ReadonlySet<string>): string {
  let options = pool.nearMiss.get(p.code);
  if (!options) {
    const specialties = new Set(p.supports.map((c) => DIAGNOSIS_BY_CODE.get(c)?.specialty));
    const unsupported = pool.conditions.filter((d) => !blocked.has(d.code)).map((d) => d.code);
    const close = unsupported.filter((c) => specialties.has(DIAGNOSIS_BY_CODE.get(c)?.specialty));
    options = { close, unsupported };
    pool.nearMiss.set(p.code, options);
  }
  return rng.pick(options.close.length > 0 && rng.chance(3, 4) ? options.close : options.unsupported);
}

/** In range: uniform over the allowed range. Over: 1.6 to 3 times the maximum, clear of the review margin. */
function billed(rng: Random, p: Procedure, over: boolean): number {
  const [min, max] = p.allowedCents;
  return over ? rng.int(Math.ceil(max * 1.6), max * 3) : rng.int(min, max);
}
