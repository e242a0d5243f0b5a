/**
 * Facts for synthetic procedure notes: eight office and emergency procedures, each with its indication code,
 * measured parameters and steps. scribe.ts renders the same facts as a dictation and as the finished note.
 */
import type { Random } from "../random.js";
import type { Patient } from "./common.js";

export interface ProcedureFacts {
  procedure: string;
  dx: string;
  indication: string;
  anesthesia: string;
  prep: string;
  steps: string[];
  findings: string;
  specimens: string;
  bloodLoss: string;
  aftercare: string[];
}

type Builder = (rng: Random, patient: Patient) => ProcedureFacts;

const tenths = (rng: Random, lo: number, hi: number) => (rng.int(lo * 10, hi * 10) / 10).toFixed(1);
const PREPS = ["chlorhexidine", "povidone-iodine"];

const laceration: Builder = (rng) => {
  const [site, dx, face] = rng.pick([
    ["dorsum of the right hand", "S61.411A", false],
    ["right palm", "S61.411A", false],
    ["chin", "S01.81XA", true],
    ["forehead", "S01.81XA", true],
  ] as const);
  const length = tenths(rng, 1, 7);
  const sutures = rng.int(3, 12);
  const suture = face ? rng.pick(["5-0 nylon", "6-0 nylon"]) : rng.pick(["4-0 nylon", "5-0 nylon"]);
  return {
    procedure: `Simple repair of a ${length} cm laceration of the ${site}`,
    dx,
    indication: `${length} cm laceration of the ${site} from ${rng.pick(["a kitchen knife", "broken glass", "a fall", "a sharp metal edge"])}`,
    anesthesia: `${rng.int(2, 6)} mL of 1% lidocaine without epinephrine, local infiltration`,
    prep: rng.pick(PREPS),
    steps: [
      `Wound irrigated with ${rng.int(2, 10) * 50} mL of normal saline`,
      "explored in a bloodless field",
      `closed with ${sutures} simple interrupted ${suture} sutures`,
    ],
    findings: face
      ? "Clean wound edges, no foreign body"
      : "No foreign body, no tendon involvement, full flexion and extension",
    specimens: "None",
    bloodLoss: "Minimal",
    aftercare: [
      "Keep the wound clean and dry for 24 hours",
      `Suture removal in ${face ? rng.int(5, 7) : rng.int(10, 14)} days`,
      rng.chance(1, 2) ? "Tetanus immunization up to date" : "Tdap given today",
    ],
  };
};

const kneeInjection: Builder = (rng) => {
  const right = rng.chance(1, 2);
  const side = right ? "right" : "left";
  const fluid = rng.chance(1, 2) ? rng.int(5, 40) : 0;
  const drug = rng.pick(["40 mg of triamcinolone", "80 mg of triamcinolone", "40 mg of methylprednisolone"]);
  return {
    procedure: `${fluid ? "Aspiration and corticosteroid injection" : "Corticosteroid injection"} of the ${side} knee`,
    dx: right ? "M17.11" : "M17.12",
    indication: `Primary osteoarthritis of the ${side} knee with pain despite ${rng.pick(["physical therapy", "oral anti-inflammatories", "activity changes"])}`,
    anesthesia: "Topical vapocoolant spray",
    prep: rng.pick(PREPS),
    steps: [
      `${rng.pick(["Superolateral", "Anteromedial", "Anterolateral"])} approach with a ${rng.pick(["21", "22"])}-gauge needle`,
      fluid ? `${fluid} mL of fluid aspirated` : "no fluid aspirated",
      `${drug} with ${rng.int(3, 5)} mL of 1% lidocaine injected without resistance`,
      "bandage applied",
    ],
    findings: fluid ? `${rng.pick(["Clear yellow", "Straw-colored"])} synovial fluid` : "Dry tap",
    specimens: "None",
    bloodLoss: "None",
    aftercare: [
      "Ice for 20 minutes as needed",
      "Avoid strenuous activity for 48 hours",
      "Return for fever, redness or increasing pain",
    ],
  };
};

const skinBiopsy: Builder = (rng) => {
  const punch = rng.chance(1, 2);
  const site = rng.pick([
    "left upper back",
    "right forearm",
    "left shoulder",
    "right upper chest",
    "left calf",
    "right temple",
  ]);
  const size = rng.int(3, 12);
  const lesion = rng.pick([
    "pearly papule with fine vessels",
    "scaly pink plaque",
    "irregularly pigmented macule",
    "crusted nodule",
  ]);
  return {
    procedure: `${punch ? `${rng.pick(["3", "4"])} mm punch` : "Shave"} biopsy of a skin lesion of the ${site}`,
    dx: "D48.5",
    indication: `${size} mm ${lesion} of the ${site}, changing over ${rng.int(2, 11)} months`,
    anesthesia: `${tenths(rng, 0.5, 2)} mL of 1% lidocaine with epinephrine`,
    prep: rng.pick(["alcohol", ...PREPS]),
    steps: punch
      ? [
          "Punch biopsy taken to the subcutaneous fat",
          `defect closed with ${rng.int(1, 2)} ${rng.pick(["4-0", "5-0"])} nylon sutures`,
        ]
      : ["Lesion removed by shave technique with a flexible blade", "hemostasis with aluminum chloride"],
    findings: `${size} mm ${lesion}`,
    specimens: "Sent to pathology in formalin",
    bloodLoss: "Minimal",
    aftercare: ["Petrolatum and a bandage daily", `Pathology results expected in ${rng.int(1, 2)} weeks`],
  };
};

const abscess: Builder = (rng) => {
  const size = tenths(rng, 1.5, 5);
  const culture = rng.chance(1, 2);
  return {
    procedure: "Incision and drainage of an abscess of the right axilla",
    dx: "L02.411",
    indication: `${size} cm fluctuant abscess of the right axilla for ${rng.int(2, 7)} days`,
    anesthesia: `${rng.int(3, 8)} mL of 1% lidocaine, local infiltration`,
    prep: rng.pick(PREPS),
    steps: [
      `${rng.int(1, Math.floor(Number(size)))} cm linear incision with a number 11 blade`,
      "loculations broken up with a hemostat",
      "cavity irrigated with normal saline",
      `packed with ${rng.pick(["plain", "iodoform"])} gauze`,
    ],
    findings: `About ${rng.int(2, 15)} mL of purulent material`,
    specimens: culture ? "Wound culture sent" : "None",
    bloodLoss: "Minimal",
    aftercare: [
      "Warm compresses 3 times daily",
      `Packing removal in ${rng.int(1, 2)} days`,
      "Return for fever or spreading redness",
    ],
  };
};

const ingrownNail: Builder = (rng) => {
  const side = rng.pick(["right", "left"]);
  const border = rng.pick(["medial", "lateral"]);
  const phenol = rng.chance(1, 2);
  return {
    procedure: `Partial nail avulsion, ${border} border of the ${side} great toe${phenol ? ", with phenol matrixectomy" : ""}`,
    dx: "L60.0",
    indication: `Ingrown ${border} toenail of the ${side} great toe with ${rng.pick(["recurrent pain", "granulation tissue", "failed conservative care"])}`,
    anesthesia: `Digital block with ${rng.int(3, 6)} mL of 1% lidocaine without epinephrine`,
    prep: rng.pick(PREPS),
    steps: [
      "Tourniquet applied",
      `${border} nail border freed and removed to the matrix`,
      phenol ? "phenol applied to the matrix for 3 cycles of 30 seconds" : "matrix left intact",
      "tourniquet released and dressing applied",
    ],
    findings: "Ingrown nail border with surrounding inflammation",
    specimens: "None",
    bloodLoss: "Minimal",
    aftercare: [
      "Warm soaks twice daily for 1 week",
      "Open-toed shoes as needed",
      "Return for drainage or fever",
    ],
  };
};

const cerumen: Builder = (rng) => ({
  procedure: "Removal of impacted cerumen, right ear, with instrumentation",
  dx: "H61.21",
  indication: `Impacted cerumen of the right ear with ${rng.pick(["muffled hearing", "ear fullness", "ear discomfort"])} for ${rng.int(1, 4)} weeks`,
  anesthesia: "None",
  prep: "None",
  steps: [
    "Cerumen removed under direct visualization with a curette",
    rng.chance(1, 2) ? "followed by warm water irrigation" : "no irrigation needed",
  ],
  findings: `Canal clear afterwards, tympanic membrane intact${rng.chance(1, 2) ? ", hearing subjectively improved" : ""}`,
  specimens: "None",
  bloodLoss: "None",
  aftercare: ["Avoid cotton swabs in the ear canal", "Return for ear pain or drainage"],
});

const endometrialBiopsy: Builder = (rng) => ({
  procedure: "Endometrial biopsy",
  dx: "N92.0",
  indication: `Heavy menstrual bleeding with regular cycles for ${rng.int(3, 11)} months`,
  anesthesia: "None",
  prep: "povidone-iodine to the cervix",
  steps: [
    "Speculum placed and cervix visualized",
    "tenaculum applied to the anterior lip",
    `uterus sounded to ${rng.int(6, 9)} cm`,
    `${rng.int(2, 3)} passes with a flexible suction curette`,
  ],
  findings: "Adequate tissue obtained",
  specimens: "Endometrial tissue sent to pathology",
  bloodLoss: "Minimal",
  aftercare: [
    "Light spotting and cramping expected",
    "Ibuprofen as needed",
    "Return for heavy bleeding or fever",
  ],
});

const cystExcision: Builder = (rng) => {
  const site = rng.pick(["upper back", "posterior neck", "left shoulder", "right flank"]);
  const size = tenths(rng, 1, 3);
  return {
    procedure: `Excision of a ${size} cm epidermoid cyst of the ${site}`,
    dx: "L72.3",
    indication: `${size} cm cyst of the ${site}, ${rng.pick(["enlarging", "repeatedly inflamed", "painful"])} over ${rng.int(2, 11)} months`,
    anesthesia: `${rng.int(4, 10)} mL of 1% lidocaine with epinephrine`,
    prep: rng.pick(PREPS),
    steps: [
      "Elliptical incision over the cyst",
      `cyst removed ${rng.chance(2, 3) ? "intact" : "in pieces after rupture"}`,
      "deep layer closed with 4-0 absorbable sutures",
      `skin closed with ${rng.int(3, 8)} interrupted 4-0 nylon sutures`,
    ],
    findings: "Cyst with cheesy keratin contents",
    specimens: "Cyst sent to pathology",
    bloodLoss: "Less than 5 mL",
    aftercare: ["Keep dry for 24 hours", `Suture removal in ${rng.int(10, 14)} days`],
  };
};

const BASE: readonly Builder[] = [laceration, skinBiopsy, abscess, ingrownNail, cerumen, cystExcision];
const FROM_40: readonly Builder[] = [...BASE, kneeInjection];
const WOMEN_30_39: readonly Builder[] = [...BASE, endometrialBiopsy];
const WOMEN_40_54: readonly Builder[] = [...FROM_40, endometrialBiopsy];

export const PROCEDURE_KINDS = WOMEN_40_54.length;

/** Builders fit for this patient: knee osteoarthritis from 40, endometrial biopsy for women 30 to 54. */
export function procedureBuilders(patient: Patient): readonly Builder[] {
  const women = patient.sex === "female" && patient.age >= 30 && patient.age <= 54;
  if (patient.age < 40) return women ? WOMEN_30_39 : BASE;
  return women ? WOMEN_40_54 : FROM_40;
}
