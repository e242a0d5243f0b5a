/**
 * The words of a synthetic claim: the user message (context, diagnoses, service lines, a short medical
 * analysis) and the assistant's decision with a rationale that names the rule and the codes involved.
 */
import type { Random } from "../random.js";
import type { Adjudication, Claim } from "./claims.js";
import { PRICING_REVIEW_MARGIN_PERCENT } from "./claims.js";
import { DIAGNOSES, DIAGNOSIS_BY_CODE } from "./codes.js";
import { article, capitalize, duration, listJoin, money } from "./common.js";
import {
  PROCEDURE_BY_CODE,
  type Procedure,
  procedure,
  procedureRef,
  SETTINGS,
  SUPPORTS,
} from "./procedures.js";

const INTROS = [
  "Adjudicate the following claim.",
  "Review this claim and return a coverage decision.",
  "Please adjudicate the claim below against the plan's coverage policy.",
  "Claim for review:",
  "Decide whether this claim should be approved, denied or pended.",
  "A new claim is in the adjudication queue.",
  "A claim was submitted for the services below. What is the decision?",
  "Evaluate this claim for coverage, medical necessity, prior authorization and pricing.",
];

const SEEN = ["was seen", "was evaluated", "was treated", "had services"];
const ONSET = [
  (d: string) => `The problem had been present for ${d} before this encounter.`,
  (d: string) => `The record notes onset about ${d} earlier.`,
  (d: string) => `The condition has been followed for ${d}.`,
  (d: string) => `Symptoms were documented over ${d}.`,
];
const SERVICES = [
  (s: string) => `Services on the claim: ${s}.`,
  (s: string) => `The clinician documented the indication for ${s}.`,
  (s: string) => `Billed services were ${s}.`,
  (s: string) => `The visit note describes ${s}.`,
];
const OTHERS = [
  (s: string) => `Also documented: ${s}.`,
  (s: string) => `Relevant history includes ${s}.`,
  (s: string) => `Coexisting conditions: ${s}.`,
];
const CLOSINGS = [
  "",
  "",
  " Vital signs were recorded at the encounter.",
  " No complications were recorded.",
  " The note includes the history, the examination and the clinician's assessment.",
  " Records from the prior encounter were reviewed.",
  " The patient tolerated the services without documented adverse events.",
  " Medication reconciliation was completed.",
];

/** Narrative forms of the descriptions, computed once: lower-case start, "Encounter for" dropped. */
const PHRASE = new Map(
  DIAGNOSES.map((d) => {
    let text = d.description.replace(/^Encounter for /, "");
    if (!/^[A-Z][a-z]*'|^[A-Z]{2}/.test(text)) text = text.charAt(0).toLowerCase() + text.slice(1);
    return [d.code, text];
  }),
);
const LABEL = new Map(
  [...PROCEDURE_BY_CODE.values()].map((p) => [
    p.code,
    p.system === "HCPCS" ? p.label.toLowerCase() : p.label,
  ]),
);

/** Per procedure, the fixed parts of a service line: "CPT 72148 (label), 1 unit, billed " and the range. */
const LINE_TEXT = new Map(
  [...PROCEDURE_BY_CODE.values()].map((p) => [
    p.code,
    {
      head: `${procedureRef(p)} (${p.label}), ${p.units} unit${p.units === 1 ? "" : "s"}, billed `,
      range: `; plan allowed range ${money(p.allowedCents[0])} to ${money(p.allowedCents[1])}`,
    },
  ]),
);
const DX_TEXT = new Map(DIAGNOSES.map((d) => [d.code, `${d.code} ${d.description}`]));

export function claimUserText(rng: Random, claim: Claim): string {
  const { patient, diagnoses, lines } = claim;
  const setting = SETTINGS[claim.setting];
  const context = [
    `Service year: ${claim.year}`,
    `Place of service: ${setting.name} (POS ${setting.pos})`,
    `Plan type: ${claim.plan}`,
    `Patient: ${patient.age}-year-old ${patient.sex}`,
    `Prior authorization: ${claim.priorAuthOnFile ? "on file" : "none on file"}`,
  ];
  if (rng.chance(1, 2)) rng.shuffle(context);
  let text = `${rng.pick(INTROS)}\n\n${context.join("\n")}\n\nDiagnoses (ICD-10-CM):`;
  for (let i = 0; i < diagnoses.length; i++) text += `\n${i + 1}. ${DX_TEXT.get(diagnoses[i] as string)}`;
  text += "\n\nService lines:";
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Claim["lines"][number];
    const fixed = LINE_TEXT.get(line.code);
    total += line.billedCents;
    text += `\n${i + 1}. ${fixed?.head}${money(line.billedCents)}${fixed?.range}`;
  }
  return `${text}\nTotal billed: ${money(total)}\n\nMedical analysis: ${narrative(rng, claim)}`;
}

function narrative(rng: Random, claim: Claim): string {
  const { patient, diagnoses, lines } = claim;
  const [first = "", ...rest] = diagnoses;
  const who = `${patient.age}-year-old ${patient.sex}`;
  const where = SETTINGS[claim.setting].phrase;
  const dx0 = PHRASE.get(first) ?? first;
  let text = rng.chance(1, 2)
    ? `${capitalize(article(who))} ${who} ${rng.pick(SEEN)} ${where} for ${dx0}.`
    : `The patient is ${article(who)} ${who} seen ${where} for ${dx0}.`;
  if (!DIAGNOSIS_BY_CODE.get(first)?.encounter && rng.chance(2, 3)) {
    const unit =
      claim.setting === "ed"
        ? rng.pick(["hour", "day"] as const)
        : rng.pick(["day", "week", "month"] as const);
    text += ` ${rng.pick(ONSET)(duration(rng.int(1, unit === "hour" ? 36 : 11), unit))}`;
  }
  text += ` ${rng.pick(SERVICES)(
    listJoin(
      lines.map((l) => LABEL.get(l.code) ?? l.code),
      "and",
      "; ",
    ),
  )}`;
  if (rest.length > 0)
    text += ` ${rng.pick(OTHERS)(
      listJoin(
        rest.map((c) => PHRASE.get(c) ?? c),
        "and",
        "; ",
      ),
    )}`;
  return text + rng.pick(CLOSINGS);
}

export function claimAssistantText(claim: Claim, result: Adjudication): string {
  const procs = claim.lines.map((l) => procedure(l.code));
  const named = (codes: readonly string[]) =>
    listJoin(codes.map((c) => procedure(c)).map((p) => `${procedureRef(p)} (${p.label})`));
  const supporting = (p: Procedure) => claim.diagnoses.filter((dx) => SUPPORTS.get(p.code)?.has(dx));
  const support = procs.map((p) => `${procedureRef(p)} by ${listJoin(supporting(p), "or")}`).join("; ");
  let rationale: string;
  switch (result.rule) {
    case "EXCLUDED_SERVICE": {
      const kinds = new Set(result.codes.map((c) => PROCEDURE_BY_CODE.get(c)?.exclusion));
      const why = kinds.has("cosmetic")
        ? kinds.has("non-covered")
          ? "cosmetic or non-covered services excluded from the plan's benefits"
          : `${result.codes.length > 1 ? "cosmetic services" : "a cosmetic service"} excluded from the plan's benefits`
        : `${result.codes.length > 1 ? "services" : "a service"} not covered under the plan's benefits`;
      rationale = `Excluded service. ${named(result.codes)} ${result.codes.length > 1 ? "are" : "is"} ${why}, so the claim is denied whatever the diagnoses (${claim.diagnoses.join(", ")}).`;
      break;
    }
    case "NO_MEDICAL_NECESSITY": {
      const wanted = result.codes.map((c) => {
        const p = procedure(c);
        return `${procedureRef(p)}: ${listJoin(p.supports.slice(0, 3), "or")}`;
      });
      rationale = `No medical necessity. No diagnosis on the claim (${claim.diagnoses.join(", ")}) establishes medical necessity for ${named(result.codes)}. Diagnoses that would support it include ${wanted.join("; ")}.`;
      break;
    }
    case "PRIOR_AUTH_MISSING":
      rationale = `Prior authorization missing. ${named(result.codes)} ${result.codes.length > 1 ? "require" : "requires"} prior authorization and none is on file, so the claim is pended until authorization is documented. Medical necessity is supported (${support}).`;
      break;
    case "AMOUNT_OVER_ALLOWED": {
      const over = result.codes.map((c) => {
        const line = claim.lines.find((l) => l.code === c);
        const p = procedure(c);
        return `${procedureRef(p)} is billed at ${money(line?.billedCents ?? 0)} against an allowed maximum of ${money(p.allowedCents[1])}`;
      });
      rationale = `Billed amount over allowed range. ${capitalize(over.join("; "))}, more than ${PRICING_REVIEW_MARGIN_PERCENT}% above the top of the plan allowed range, so the claim is pended for pricing review. Medical necessity is supported (${support}).`;
      break;
    }
    default: {
      const auth = procs.filter((p) => p.priorAuth);
      const authText =
        auth.length > 0
          ? `the prior authorization required for ${listJoin(auth.map(procedureRef))} is on file`
          : "no service on the claim requires prior authorization";
      rationale = `All criteria met. Medical necessity is established for every line (${support}), each billed amount is within the plan allowed range, and ${authText}.`;
    }
  }
  return `Decision: ${result.decision}\nRationale: ${rationale}`;
}
