/**
 * The data-dictionary section for a synthetic dataset: message fields, code systems, label policy and
 * proportions, how the seed drives generation, and the de-identification guarantees, per task.
 */
import type { Task } from "../chat.js";
import { PRICING_REVIEW_MARGIN_PERCENT, SERVICE_YEARS } from "./claims.js";
import { DIAGNOSES, ICD10_FY } from "./codes.js";
import { TOPIC_LABELS } from "./companion.js";
import { PROCEDURES } from "./procedures.js";
import { DOCUMENT_NAMES, DOCUMENT_TYPES } from "./scribe.js";
import { DISCHARGE_CASES } from "./scribe-discharge.js";
import { PROCEDURE_KINDS } from "./scribe-procedures.js";
import { DRUG_COUNT } from "./scribe-rx.js";
import { SOAP_CASES } from "./scribe-soap.js";
import { GENERATOR_VERSION } from "./version.js";

const TITLES: Readonly<Record<Task, string>> = {
  claims: "claims adjudication",
  scribe: "clinical documentation (scribe)",
  companion: "ketamine-therapy patient companion",
};

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  // The trailing blank line ends the table, so a following paragraph is not read as a row.
  return `${[line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n")}\n`;
}

function proportions(labels: readonly (readonly [string, number])[]): string {
  const total = labels.reduce((sum, [, w]) => sum + w, 0);
  return table(
    ["label", "target share"],
    labels.map(([l, w]) => [`\`${l}\``, `${((100 * w) / total).toFixed(1)}%`]),
  );
}

const SEED = `### How the seed drives generation
One seeded random stream (xoroshiro128+, integer-only draws, identical on every platform) makes every choice,
in order: which label comes next, then every field of that example. Label counts are fixed in advance by the
largest-remainder method over the target shares (each label gets at least 2 examples once N is at least twice
the number of labels); their order is a uniform shuffle drawn from the same stream. The same task, N, seed,
system prompt and generator version give byte-identical records; any other seed gives a different set.
The seed is read as a 32-bit integer: seeds that differ only above bit 31 give the same data.
The system message of every record is the task's default prompt (\`prompts/<task>-system.md\`) unless
another prompt was given.`;

const DEID = `### De-identification by construction
Records are assembled only from the fixed vocabularies of this generator, so none can carry a Safe Harbor
identifier (45 CFR 164.514(b)(2)):
- no names of patients, relatives or clinicians ("the patient", "the clinician"), no titles such as Dr. or Mrs.;
- ages are drawn from 18 to 89 only; the only date element is a bare four-digit service year (claims); durations
  ("for 3 weeks"), relative days and times of day carry no date;
- no addresses, cities, counties, ZIP codes, facility names, phone or fax numbers, emails, URLs or IP addresses;
- no SSNs, record, member, claim, account, license, NPI, DEA, device or serial numbers (only public code-set
  codes: ICD-10-CM, CPT numbers, HCPCS Level II, place-of-service codes);
- 988 and 911 (companion replies, discharge instructions) are public emergency services, not identifiers.

The PHI audit (\`cft audit\`) still scans every record before any fine-tune.`;

function claims(): string {
  const cpt = PROCEDURES.filter((p) => p.system === "CPT").length;
  const hcpcs = PROCEDURES.length - cpt;
  const withAuth = PROCEDURES.filter((p) => p.priorAuth).map((p) => p.code);
  const excluded = PROCEDURES.filter((p) => p.exclusion).map((p) => `${p.code} (${p.exclusion})`);
  return `### User message fields
${table(
  ["field", "content"],
  [
    ["instruction", "one of eight phrasings asking for a decision"],
    ["Service year", `four-digit year, ${SERVICE_YEARS[0]} to ${SERVICE_YEARS[1]} (the only date element)`],
    ["Place of service", "setting and CMS place-of-service code, e.g. `ambulatory surgical center (POS 24)`"],
    [
      "Plan type",
      "commercial PPO/HMO/EPO, high-deductible, marketplace, Medicaid managed care, Medicare Advantage (65+)",
    ],
    ["Patient", "age (18 to 89) and sex only"],
    ["Prior authorization", "`on file` or `none on file`"],
    ["Diagnoses (ICD-10-CM)", "1 to 5 numbered lines: code and official description"],
    [
      "Service lines",
      "1 to 3 numbered lines: `CPT n` or `HCPCS c`, generic label, units, billed amount to the cent, plan allowed range",
    ],
    ["Total billed", "sum of the lines"],
    [
      "Medical analysis",
      "2 to 5 sentences: patient, setting, main problem, duration, services, other conditions",
    ],
  ],
)}
The five context lines appear in a seeded random order half the time.

### Assistant message fields
${table(
  ["line", "content"],
  [
    ["1", "`Decision: APPROVED`, `Decision: DENIED` or `Decision: PENDING`"],
    [
      "2",
      "`Rationale: ` the rule's name, then the codes involved: the lines it applies to and the diagnoses that do or would support them",
    ],
  ],
)}
### Code systems
- ICD-10-CM, ${ICD10_FY} code set (public domain, CMS/NCHS): ${DIAGNOSES.length} real codes with their official descriptions.
- CPT: ${cpt} codes by number only; each carries a generic label written for this project, never the AMA descriptor.
- HCPCS Level II (public domain, CMS): ${hcpcs} codes with their CMS descriptions.
- Each procedure lists the diagnoses that establish its medical necessity, a plan allowed range, whether prior
  authorization is required (${withAuth.join(", ")}) and whether it is excluded (${excluded.join(", ")}).

### Label policy (first rule that applies wins)
${table(
  ["order", "decision", "rule", "condition"],
  [
    ["1", "DENIED", "Excluded service", "a line is a cosmetic or non-covered service"],
    ["2", "DENIED", "No medical necessity", "no diagnosis on the claim supports some line"],
    [
      "3",
      "PENDING",
      "Prior authorization missing",
      "a line requires prior authorization and none is on file",
    ],
    [
      "4",
      "PENDING",
      "Billed amount over allowed range",
      `a line is billed more than ${PRICING_REVIEW_MARGIN_PERCENT}% above its allowed maximum`,
    ],
    [
      "5",
      "APPROVED",
      "All criteria met",
      "every line supported, within range, authorization on file where required",
    ],
  ],
)}
The generator picks the decision first (and, for DENIED and PENDING, one of its two rules with equal odds), builds
a claim that meets exactly that rule, and checks it with the same policy function (\`adjudicate\`). Amounts that
trigger rule 4 are 1.6 to 3 times the allowed maximum; all other amounts lie inside the allowed range.

### Label proportions
${proportions([
  ["APPROVED", 50],
  ["DENIED", 30],
  ["PENDING", 20],
])}`;
}

function scribe(): string {
  return `### User message fields
${table(
  ["field", "content"],
  [
    ["Document type", DOCUMENT_TYPES.map((t) => `\`${DOCUMENT_NAMES[t]}\``).join(", ")],
    ["dictation label", "one of four phrasings, e.g. `Dictation:`"],
    [
      "dictation",
      "spoken-style text: age and sex, history, vitals as spoken (`132 over 84`), exam, assessment with its ICD-10-CM code, plan; occasional fillers (`Um,`)",
    ],
  ],
)}
### Assistant message: the finished document
${table(
  ["label", "document and sections"],
  [
    [
      "`soap_note`",
      "SOAP NOTE: Subjective, Objective (vitals, exam), Assessment (description and ICD-10-CM code), Plan (bullets)",
    ],
    [
      "`discharge_summary`",
      "DISCHARGE SUMMARY: patient, length of stay, reason for admission, discharge diagnosis, hospital course, procedures, condition, disposition, medications, follow-up, instructions",
    ],
    [
      "`prescription`",
      "PRESCRIPTION: patient, allergies, medication and strength, sig, quantity (digits and words), refills, indication with code, substitution and notes when dictated, prescriber signature line",
    ],
    [
      "`procedure_note`",
      "PROCEDURE NOTE: patient, procedure, indication with code, consent, time-out when dictated, anesthesia, preparation, description, findings, specimens, blood loss, complications, tolerance, aftercare",
    ],
  ],
)}
Dictation and document are rendered from the same facts, so the document states nothing that was not dictated
(only formatting: headings, units such as mmHg, official ICD-10-CM descriptions of dictated codes).
Codes are ICD-10-CM ${ICD10_FY}. Cases: ${SOAP_CASES.length} SOAP presentations, ${DISCHARGE_CASES.length} admissions, ${DRUG_COUNT} drugs,
${PROCEDURE_KINDS} office and emergency procedures, each with seeded measurements (sizes, volumes, counts, vitals).

### Label proportions
${proportions(DOCUMENT_TYPES.map((t) => [t, 1] as const))}`;
}

function companion(): string {
  return `### User message fields
${table(
  ["field", "content"],
  [
    ["opener", "optional greeting"],
    [
      "treatment context",
      "session number, count or timing, treatment format (IV, intramuscular, lozenge, esketamine nasal spray), relative time (`two days ago`)",
    ],
    ["background", "optional everyday sentence (lives alone, works night shifts, therapist away this week)"],
    [
      "situation",
      "the patient's concern on the topic, with seeded details (hours of sleep, a 0 to 10 rating, days)",
    ],
    ["question", "optional closing question"],
  ],
)}
### Assistant message fields
Paragraphs: an empathetic reflection of the patient's situation; for symptom questions a statement that it
cannot diagnose; for dosing questions a refusal to advise on doses, timing or combinations and a referral to the
prescriber (no amounts or units ever); one or two evidence-based facts; two or three practical tips; a safety
line (care team, 988, 911 as fits the topic); and a statement that the reply is not medical advice (every reply).
Crisis replies lead with safety: 911 or the nearest emergency department, 988 by call or text, the care team,
means safety and a trusted person.

### Topics (labels)
${table(
  ["label", "about"],
  [
    ["`integration`", "making sense of what came up in a session"],
    ["`anxiety`", "anxiety before or between sessions"],
    ["`sleep`", "sleep problems and vivid dreams"],
    ["`mood`", "mood dips, flatness, irritability"],
    ["`dosing_question`", "extra, missed, split or combined doses (declined, referred to the prescriber)"],
    ["`symptom_question`", "physical or perceptual symptoms (never diagnosed; red flags to 911)"],
    ["`crisis`", "suicidal thoughts (988, 911, care team)"],
    ["`lifestyle`", "alcohol, driving, exercise, diet, work, cannabis, caffeine"],
  ],
)}
### Label proportions
${proportions(TOPIC_LABELS.map((t) => [t, 1] as const))}`;
}

/** A Markdown section (### headings) describing the synthetic generator for `task`. */
export function describeGenerator(task: Task): string {
  const body = task === "claims" ? claims() : task === "scribe" ? scribe() : companion();
  return `### Source: synthetic ${TITLES[task]} generator (\`${GENERATOR_VERSION}\`)
Reproduce with \`cft prepare --task ${task} --synthetic N --seed S\` (same N, seed and generator version;
the default system prompt \`prompts/${task}-system.md\`). Labels are used to stratify the train/test split.

${body}

${SEED}

${DEID}`;
}
