/**
 * Synthetic clinical documentation: a clinician's spoken-style dictation in, the finished document out
 * (SOAP note, discharge summary, prescription, procedure note). Both texts are rendered from one set of
 * facts, so the document states nothing the dictation did not.
 */
import type { Random } from "../random.js";
import { DIAGNOSIS_BY_CODE, type Sex } from "./codes.js";
import { capitalize, duration, listJoin, MAX_AGE, MIN_AGE, pronouns, randomPatient } from "./common.js";
import { DISCHARGE_CASES } from "./scribe-discharge.js";
import { type ProcedureFacts, procedureBuilders } from "./scribe-procedures.js";
import { prescription } from "./scribe-rx.js";
import { SOAP_CASES, type SoapCase } from "./scribe-soap.js";

export type DocumentType = "soap_note" | "discharge_summary" | "prescription" | "procedure_note";
export const DOCUMENT_TYPES: readonly DocumentType[] = [
  "soap_note",
  "discharge_summary",
  "prescription",
  "procedure_note",
];
export const DOCUMENT_NAMES: Readonly<Record<DocumentType, string>> = {
  soap_note: "SOAP note",
  discharge_summary: "discharge summary",
  prescription: "prescription",
  procedure_note: "procedure note",
};

const DICTATION_LABELS = [
  "Dictation:",
  "Clinician dictation:",
  "Dictated by the clinician:",
  "Transcript of dictation:",
];
const FILLERS = ["Um, ", "Okay, ", "So, ", "Uh, ", "Alright, "];

export function scribeExample(rng: Random, type: DocumentType): { user: string; assistant: string } {
  const { dictation, document } =
    type === "soap_note"
      ? soap(rng)
      : type === "discharge_summary"
        ? discharge(rng)
        : type === "prescription"
          ? prescription(rng, randomPatient(rng))
          : procedureNote(rng);
  const user = `Document type: ${DOCUMENT_NAMES[type]}\n\n${rng.pick(DICTATION_LABELS)}\n${dictation}`;
  return { user, assistant: document };
}

/** Joins dictated sentences, now and then opening one with a spoken filler. */
function speak(rng: Random, sentences: readonly string[]): string {
  let out = "";
  for (const s of sentences) {
    if (out) out += " ";
    out += rng.chance(1, 6) ? rng.pick(FILLERS) + lowerFirst(s) : s;
  }
  return out;
}

/** Lower-cases the first letter unless the first word is an abbreviation ("CT", "IV", "TSH"). */
function lowerFirst(text: string): string {
  const c1 = text.charAt(1);
  return c1 >= "A" && c1 <= "Z" ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function pickCase<C extends { sex?: Sex; ages?: readonly [number, number] }>(
  rng: Random,
  cases: readonly C[],
) {
  const c = rng.pick(cases);
  return { c, patient: randomPatient(rng, c.ages ?? [MIN_AGE, MAX_AGE], c.sex) };
}

interface Vitals {
  sbp: number;
  dbp: number;
  hr: number;
  temp: string;
  rr: number;
  spo2: number;
}

// Systolic pressure stays at 100 or more so a reading never looks like a month/day pair.
function vitals(rng: Random, febrile: boolean): Vitals {
  const sbp = rng.int(104, 158);
  return {
    sbp,
    dbp: rng.int(62, Math.min(96, sbp - 32)),
    hr: febrile ? rng.int(88, 116) : rng.int(58, 98),
    temp: ((febrile ? rng.int(1004, 1026) : rng.int(976, 991)) / 10).toFixed(1),
    rr: rng.int(12, 20),
    spo2: rng.int(95, 100),
  };
}

function spokenVitals(rng: Random, v: Vitals): string {
  return rng.chance(1, 2)
    ? `Vitals: BP ${v.sbp} over ${v.dbp}, pulse ${v.hr}, temp ${v.temp}, respirations ${v.rr}, sat ${v.spo2} percent on room air.`
    : `Blood pressure ${v.sbp} over ${v.dbp}, heart rate ${v.hr}, temperature ${v.temp}, resp rate ${v.rr}, oxygen ${v.spo2} percent on room air.`;
}

function writtenVitals(v: Vitals): string {
  return `Vitals: BP ${v.sbp}/${v.dbp} mmHg, HR ${v.hr} bpm, Temp ${v.temp} °F, RR ${v.rr}/min, SpO2 ${v.spo2}% on room air.`;
}

const SOAP_OPENERS = [
  "Okay, this is a SOAP note.",
  "SOAP note, please.",
  "Starting a SOAP note.",
  "Let's do a SOAP note.",
  "SOAP note for a clinic visit.",
];
const PRESENTS = ["here for", "presenting with", "coming in with", "seen for"];
const FOLLOW_UPS = ["Follow up in", "Recheck in", "See back in"];

function soap(rng: Random): { dictation: string; document: string } {
  const { c, patient } = pickCase<SoapCase>(rng, SOAP_CASES);
  const who = pronouns(patient.sex);
  const since = duration(rng.int(c.onset[1], c.onset[2]), c.onset[0]);
  const when = c.lastSeen ? `, last seen ${since} ago` : ` for ${since}`;
  const context = rng.chance(2, 3) ? `${c.lastSeen ? "," : ""} ${rng.pick(c.context)}` : "";
  const symptoms = rng.sample(c.symptoms, rng.int(1, Math.min(3, c.symptoms.length)));
  const negatives = rng.sample(c.negatives, rng.int(2, Math.min(3, c.negatives.length)));
  const exam = rng.sample(c.exam, rng.int(2, Math.min(4, c.exam.length)));
  const med = rng.chance(4, 5) ? rng.pick(c.meds) : null;
  const plan = rng.sample(c.plan, rng.int(1, Math.min(3, c.plan.length)));
  const follow = duration(rng.int(c.followUp[1], c.followUp[2]), c.followUp[0]);
  const v = vitals(rng, c.febrile === true && rng.chance(1, 2));
  const desc = DIAGNOSIS_BY_CODE.get(c.dx)?.description ?? c.dx;
  const followVerb = rng.pick(FOLLOW_UPS);
  const dictation = speak(rng, [
    rng.pick(SOAP_OPENERS),
    `${patient.age}-year-old ${who.noun} ${rng.pick(PRESENTS)} ${c.complaint}${when}${context}.`,
    `${capitalize(who.subject)} also reports ${listJoin(symptoms)}.`,
    rng.chance(1, 2) ? `Denies ${listJoin(negatives, "or")}.` : `No ${negatives.join(", no ")}.`,
    spokenVitals(rng, v),
    `On exam, ${listJoin(exam)}.`,
    `Assessment is ${desc.toLowerCase()}, code ${c.dx}.`,
    `Plan: ${[...(med ? [med[1]] : []), ...plan].join("; ")}.`,
    `${followVerb} ${follow}.`,
  ]);
  const document = [
    "SOAP NOTE",
    "",
    "Subjective:",
    `${patient.age}-year-old ${patient.sex} presenting ${c.lastSeen ? "for" : "with"} ${c.complaint}${when}${context}. Reports ${listJoin(symptoms)}. Denies ${listJoin(negatives, "or")}.`,
    "",
    "Objective:",
    writtenVitals(v),
    `Exam: ${exam.map(capitalize).join(". ")}.`,
    "",
    "Assessment:",
    `${desc} (${c.dx}).`,
    "",
    "Plan:",
    ...(med ? [`- ${med[0]}.`] : []),
    ...plan.map((p) => `- ${capitalize(p)}.`),
    `- Follow up in ${follow}.`,
  ];
  return { dictation, document: document.join("\n") };
}

const DISPOSITIONS = ["home", "home with home health services", "home with family support"];

function discharge(rng: Random): { dictation: string; document: string } {
  const { c, patient } = pickCase(rng, DISCHARGE_CASES);
  const who = pronouns(patient.sex);
  const stay = rng.int(c.stay[0], c.stay[1]);
  const findings = rng.sample(c.findings, rng.int(1, Math.min(2, c.findings.length)));
  const treatments = rng.sample(c.treatments, rng.int(1, c.treatments.length));
  const response = rng.pick(c.response);
  const procedures = c.procedures.length > 0 && rng.chance(2, 3) ? c.procedures.slice() : [];
  const meds = rng.sample(c.meds, rng.int(1, c.meds.length));
  const followUp = rng
    .sample(c.followUp, rng.int(1, c.followUp.length))
    .map((f) => (f.includes(" in ") ? f : `${f} in ${duration(rng.int(3, 14), "day")}`));
  const instructions = rng.sample(c.instructions, rng.int(1, c.instructions.length));
  const condition = rng.pick(["stable", "improved", "good"]);
  const disposition = rng.pick(DISPOSITIONS);
  const desc = DIAGNOSIS_BY_CODE.get(c.dx)?.description ?? c.dx;
  const course = [...findings, `treated with ${listJoin(treatments)}`, response];
  const dictation = speak(rng, [
    rng.pick(["Discharge summary.", "This is a discharge summary.", "Dictating a discharge summary."]),
    `${patient.age}-year-old ${who.noun} admitted with ${c.presentation}, length of stay ${duration(stay, "day")}.`,
    `Discharge diagnosis ${desc.toLowerCase()}, code ${c.dx}.`,
    `Hospital course: ${course.join(", ")}.`,
    procedures.length > 0 ? `Procedures: ${listJoin(procedures)}.` : "No procedures.",
    `Discharge meds: ${meds.map((m) => m[1]).join("; ")}.`,
    `Follow-up: ${listJoin(followUp)}.`,
    `Instructions: ${instructions.join("; ")}.`,
    `Condition at discharge ${condition}, discharged ${disposition}.`,
  ]);
  const document = [
    "DISCHARGE SUMMARY",
    "",
    `Patient: ${patient.age}-year-old ${patient.sex}`,
    `Length of stay: ${duration(stay, "day")}`,
    `Reason for admission: ${capitalize(c.presentation)}`,
    `Discharge diagnosis: ${desc} (${c.dx})`,
    "",
    "Hospital course:",
    `${course.map(capitalize).join(". ")}.`,
    "",
    `Procedures: ${procedures.length > 0 ? capitalize(listJoin(procedures)) : "None"}`,
    `Condition at discharge: ${capitalize(condition)}`,
    `Disposition: ${capitalize(disposition)}`,
    "",
    "Discharge medications:",
    ...meds.map((m) => `- ${m[0]}`),
    "",
    "Follow-up:",
    ...followUp.map((f) => `- ${capitalize(f)}`),
    "",
    "Patient instructions:",
    ...instructions.map((i) => `- ${capitalize(i)}`),
  ];
  return { dictation, document: document.join("\n") };
}

function procedureNote(rng: Random): { dictation: string; document: string } {
  const patient = randomPatient(rng);
  const who = pronouns(patient.sex);
  const f: ProcedureFacts = rng.pick(procedureBuilders(patient))(rng, patient);
  const consent = rng.pick(["verbal", "written"]);
  const timeOut = rng.chance(1, 2);
  const prepped = f.prep !== "None";
  const dictation = speak(rng, [
    rng.pick(["Procedure note.", "This is a procedure note.", "Dictating a procedure note."]),
    `${patient.age}-year-old ${who.noun}. Procedure: ${lowerFirst(f.procedure)}.`,
    `Indication: ${lowerFirst(f.indication)}, code ${f.dx}.`,
    `Risks, benefits and alternatives discussed and ${consent} consent obtained.`,
    ...(timeOut ? ["Time-out performed."] : []),
    `Anesthesia: ${lowerFirst(f.anesthesia)}.`,
    prepped ? `Prepped with ${f.prep} and draped in sterile fashion.` : "No prep needed.",
    `${f.steps.join(", then ")}.`,
    `Findings: ${lowerFirst(f.findings)}.`,
    `Specimens: ${lowerFirst(f.specimens)}.`,
    `Blood loss ${lowerFirst(f.bloodLoss)}.`,
    `No complications, ${who.subject} tolerated it well.`,
    `Instructions: ${f.aftercare.map(lowerFirst).join("; ")}.`,
  ]);
  const document = [
    "PROCEDURE NOTE",
    "",
    `Patient: ${patient.age}-year-old ${patient.sex}`,
    `Procedure: ${f.procedure}`,
    `Indication: ${capitalize(f.indication)} (${f.dx})`,
    `Consent: Risks, benefits and alternatives discussed; ${consent} consent obtained.`,
    ...(timeOut ? ["Time-out: Performed."] : []),
    `Anesthesia: ${f.anesthesia}`,
    `Preparation: ${prepped ? `${capitalize(f.prep)}; sterile drape.` : "None"}`,
    `Description: ${f.steps.map(capitalize).join(". ")}.`,
    `Findings: ${f.findings}.`,
    `Specimens: ${f.specimens}`,
    `Estimated blood loss: ${f.bloodLoss}`,
    "Complications: None",
    "Tolerance: Tolerated the procedure well.",
    "",
    "Aftercare:",
    ...f.aftercare.map((a) => `- ${a}.`),
  ];
  return { dictation, document: document.join("\n") };
}
