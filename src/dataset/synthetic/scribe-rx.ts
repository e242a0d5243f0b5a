/**
 * Synthetic prescriptions: a dictated order (drug, strength, directions, quantity, refills, indication,
 * allergies) and the finished prescription built from exactly those facts. No prescriber identifiers.
 */
import type { Random } from "../random.js";
import { DIAGNOSIS_BY_CODE, fitsPatient } from "./codes.js";
import { capitalize, type Patient, pronouns, spoken } from "./common.js";

interface Drug {
  name: string;
  strengths: readonly string[];
  /** Form: [singular, plural]. */
  form: readonly [string, string];
  /** [document directions, spoken directions]. */
  sigs: readonly (readonly [string, string])[];
  quantities: readonly number[];
  refills: readonly [number, number];
  dx: readonly string[];
  /** Beta-lactams are never ordered for a patient who reports a penicillin allergy. */
  betaLactam?: boolean;
}

const TAB = ["tablet", "tablets"] as const;
const CAP = ["capsule", "capsules"] as const;
const DAILY = [["Take 1 tablet by mouth once daily", "one tablet by mouth once a day"]] as const;

const DRUGS: readonly Drug[] = [
  {
    name: "Lisinopril",
    strengths: ["10 mg", "20 mg", "40 mg"],
    form: TAB,
    sigs: DAILY,
    quantities: [30, 90],
    refills: [1, 5],
    dx: ["I10"],
  },
  {
    name: "Amlodipine",
    strengths: ["2.5 mg", "5 mg", "10 mg"],
    form: TAB,
    sigs: DAILY,
    quantities: [30, 90],
    refills: [1, 5],
    dx: ["I10"],
  },
  {
    name: "Losartan",
    strengths: ["25 mg", "50 mg", "100 mg"],
    form: TAB,
    sigs: DAILY,
    quantities: [30, 90],
    refills: [1, 5],
    dx: ["I10"],
  },
  {
    name: "Metformin",
    strengths: ["500 mg", "850 mg", "1000 mg"],
    form: TAB,
    sigs: [["Take 1 tablet by mouth twice daily with meals", "one tablet twice a day with meals"]],
    quantities: [60, 180],
    refills: [1, 5],
    dx: ["E11.9", "E11.65"],
  },
  {
    name: "Atorvastatin",
    strengths: ["10 mg", "20 mg", "40 mg", "80 mg"],
    form: TAB,
    sigs: [...DAILY, ["Take 1 tablet by mouth once daily at bedtime", "one tablet at bedtime"]],
    quantities: [30, 90],
    refills: [1, 5],
    dx: ["E78.5", "E78.00"],
  },
  {
    name: "Levothyroxine",
    strengths: ["25 mcg", "50 mcg", "75 mcg", "88 mcg", "100 mcg", "112 mcg"],
    form: TAB,
    sigs: [
      [
        "Take 1 tablet by mouth once daily on an empty stomach",
        "one tablet every morning on an empty stomach",
      ],
    ],
    quantities: [30, 90],
    refills: [1, 5],
    dx: ["E03.9"],
  },
  {
    name: "Sertraline",
    strengths: ["25 mg", "50 mg", "100 mg"],
    form: TAB,
    sigs: DAILY,
    quantities: [30, 90],
    refills: [0, 3],
    dx: ["F41.1", "F32.9", "F33.1"],
  },
  {
    name: "Escitalopram",
    strengths: ["5 mg", "10 mg", "20 mg"],
    form: TAB,
    sigs: DAILY,
    quantities: [30, 90],
    refills: [0, 3],
    dx: ["F41.1", "F32.9"],
  },
  {
    name: "Omeprazole delayed-release",
    strengths: ["20 mg", "40 mg"],
    form: CAP,
    sigs: [
      ["Take 1 capsule by mouth once daily before breakfast", "one capsule before breakfast once a day"],
    ],
    quantities: [30, 90],
    refills: [0, 3],
    dx: ["K21.9"],
  },
  {
    name: "Montelukast",
    strengths: ["10 mg"],
    form: TAB,
    sigs: [["Take 1 tablet by mouth once daily in the evening", "one tablet every evening"]],
    quantities: [30, 90],
    refills: [1, 5],
    dx: ["J45.909"],
  },
  {
    name: "Amoxicillin",
    strengths: ["500 mg", "875 mg"],
    form: CAP,
    sigs: [
      ["Take 1 capsule by mouth twice daily for 10 days", "one capsule twice a day for 10 days"],
      ["Take 1 capsule by mouth every 12 hours for 7 days", "one capsule every 12 hours for 7 days"],
    ],
    quantities: [14, 20],
    refills: [0, 0],
    dx: ["J02.9", "J01.90"],
    betaLactam: true,
  },
  {
    name: "Cephalexin",
    strengths: ["500 mg"],
    form: CAP,
    sigs: [["Take 1 capsule by mouth 4 times daily for 7 days", "one capsule 4 times a day for 7 days"]],
    quantities: [28],
    refills: [0, 0],
    dx: ["L03.115"],
    betaLactam: true,
  },
  {
    name: "Nitrofurantoin monohydrate/macrocrystals",
    strengths: ["100 mg"],
    form: CAP,
    sigs: [
      [
        "Take 1 capsule by mouth twice daily with food for 5 days",
        "one capsule twice a day with food for 5 days",
      ],
    ],
    quantities: [10],
    refills: [0, 0],
    dx: ["N39.0"],
  },
  {
    name: "Sumatriptan",
    strengths: ["50 mg", "100 mg"],
    form: TAB,
    sigs: [
      [
        "Take 1 tablet by mouth at migraine onset; may repeat once after 2 hours; no more than 2 tablets in 24 hours",
        "one tablet at the start of a migraine, may repeat once after 2 hours, no more than 2 in 24 hours",
      ],
    ],
    quantities: [9, 18],
    refills: [0, 3],
    dx: ["G43.909"],
  },
  {
    name: "Meloxicam",
    strengths: ["7.5 mg", "15 mg"],
    form: TAB,
    sigs: [["Take 1 tablet by mouth once daily with food", "one tablet once a day with food"]],
    quantities: [30],
    refills: [0, 2],
    dx: ["M17.11", "M17.12", "M17.0"],
  },
  {
    name: "Cyclobenzaprine",
    strengths: ["5 mg", "10 mg"],
    form: TAB,
    sigs: [
      [
        "Take 1 tablet by mouth 3 times daily as needed for muscle spasm",
        "one tablet up to 3 times a day as needed for spasm",
      ],
    ],
    quantities: [21, 30],
    refills: [0, 0],
    dx: ["S39.012A"],
  },
  {
    name: "Tamsulosin",
    strengths: ["0.4 mg"],
    form: CAP,
    sigs: [
      [
        "Take 1 capsule by mouth once daily, 30 minutes after the same meal",
        "one capsule a day, 30 minutes after the same meal",
      ],
    ],
    quantities: [30, 90],
    refills: [1, 5],
    dx: ["N40.1"],
  },
];

function fits(code: string, patient: Patient): boolean {
  const d = DIAGNOSIS_BY_CODE.get(code);
  return d !== undefined && fitsPatient(d, patient.age, patient.sex);
}

export const DRUG_COUNT = DRUGS.length;

const QUANTITY_WORDS: Readonly<Record<number, string>> = {
  9: "nine",
  10: "ten",
  14: "fourteen",
  18: "eighteen",
  20: "twenty",
  21: "twenty-one",
  28: "twenty-eight",
  30: "thirty",
  60: "sixty",
  90: "ninety",
  180: "one hundred eighty",
};

const ALLERGIES: readonly (readonly [string, number])[] = [
  ["no known drug allergies", 6],
  ["penicillin", 2],
  ["sulfa drugs", 1],
  ["codeine", 1],
  ["latex", 1],
];
const NOTES = [
  "Take with a full glass of water.",
  "Counseled on common side effects.",
  "Reviewed how and when to take it.",
  "Pharmacy may contact the office with questions.",
];
const OPENERS = [
  "Prescription please, for",
  "New prescription for",
  "Okay, writing a prescription for",
  "Send a prescription for",
  "I need a script for",
];

export function prescription(rng: Random, patient: Patient): { dictation: string; document: string } {
  const who = pronouns(patient.sex);
  // Only drugs with an indication that fits the patient's age and sex (no prostate drug at 32).
  const drugs = DRUGS.filter((d) => d.dx.some((c) => fits(c, patient)));
  const drug = rng.pick(drugs);
  const allergy = rng.pickWeighted(ALLERGIES.filter(([a]) => !(drug.betaLactam && a === "penicillin")));
  const strength = rng.pick(drug.strengths);
  const [sigDoc, sigSpoken] = rng.pick(drug.sigs);
  const qty = rng.pick(drug.quantities);
  const refills = rng.int(drug.refills[0], drug.refills[1]);
  const dx = rng.pick(drug.dx.filter((c) => fits(c, patient)));
  const dxText = DIAGNOSIS_BY_CODE.get(dx)?.description ?? dx;
  const daw = rng.pickWeighted([
    ["", 3],
    ["dispense as written", 1],
    ["generic substitution is fine", 2],
  ] as const);
  const note = rng.chance(1, 3) ? rng.pick(NOTES) : "";
  const spokenStrength = strength.replace(" mg", " milligram").replace(" mcg", " microgram");
  const allergyText =
    allergy === "no known drug allergies" ? "no known drug allergies" : `allergic to ${allergy}`;
  const parts = [
    `${rng.pick(OPENERS)} a ${patient.age}-year-old ${who.noun}, ${allergyText}.`,
    `${drug.name} ${spokenStrength} ${drug.form[1]}, ${sigSpoken}.`,
    `Dispense ${qty}, ${refills === 0 ? "no refills" : `${spoken(refills)} refill${refills === 1 ? "" : "s"}`}.`,
    `${rng.pick(["It's for", "Indication is", "This is for"])} ${dxText.toLowerCase()}, code ${dx}.`,
  ];
  if (rng.chance(1, 2)) parts.splice(1, 0, parts.pop() as string); // some clinicians give the indication first
  if (daw) parts.push(`${capitalize(daw)}.`);
  if (note) parts.push(note);
  const document = [
    "PRESCRIPTION",
    "",
    `Patient: ${patient.age}-year-old ${patient.sex}`,
    `Allergies: ${capitalize(allergy)}`,
    `Medication: ${drug.name} ${strength} ${drug.form[0]}`,
    `Sig: ${sigDoc}`,
    `Quantity: ${qty} ${drug.form[1]} (${QUANTITY_WORDS[qty] ?? qty})`,
    `Refills: ${refills}`,
    `Indication: ${dxText} (${dx})`,
  ];
  if (daw === "dispense as written") document.push("Substitution: Dispense as written");
  else if (daw) document.push("Substitution: Generic substitution permitted");
  if (note) document.push(`Notes: ${note}`);
  document.push("Prescriber: signature of the prescribing clinician required");
  return { dictation: parts.join(" "), document: document.join("\n") };
}
