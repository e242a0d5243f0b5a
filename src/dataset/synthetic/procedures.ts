/**
 * The procedure table and coverage policy behind the synthetic claims: CPT codes by number only, each with a
 * generic label of our own (never the AMA descriptor), and HCPCS Level II codes with their public CMS
 * descriptions. Each row carries the diagnoses that establish medical necessity, the plan allowed range for
 * the line, whether prior authorization is required, and whether the service is excluded from coverage.
 */
import { DIAGNOSES, diagnosis, type Sex } from "./codes.js";

export type Setting = "office" | "telehealth" | "outpatient" | "asc" | "ed" | "inpatient" | "lab" | "home";

export interface Procedure {
  code: string;
  system: "CPT" | "HCPCS";
  /** Our own generic label for CPT; the CMS description for HCPCS Level II. */
  label: string;
  units: number;
  /** Plan allowed range for the whole line, in cents. */
  allowedCents: readonly [number, number];
  settings: readonly Setting[];
  priorAuth: boolean;
  /** Excluded services are denied whatever the diagnosis. */
  exclusion: "cosmetic" | "non-covered" | null;
  /** Diagnoses that establish medical necessity (empty for excluded services). */
  supports: readonly string[];
  /** For excluded services: the diagnoses such claims typically carry. */
  billedWith: readonly string[];
  sex?: Sex;
  ages: readonly [number, number];
}

const ANY = "*";
const ED =
  "R07.9 R55 R06.02 J18.9 J44.1 J45.909 K35.80 R10.9 R10.11 N20.0 S52.501A S61.411A S01.81XA S06.0X0A";
const ED2 =
  "S93.401A S39.012A I63.9 G45.9 G40.909 L03.115 L02.411 A09 N39.0 R50.9 I48.91 I50.9 G43.909 R42 U07.1";
const INPT = "J18.9 J44.1 I50.9 I63.9 I48.91 K35.80 L03.115 N39.0 U07.1 I20.9";
const PREV = "Z00.00 Z01.419 Z13.1 Z13.220 Z13.31";
const MH = "F32.9 F33.1 F33.2 F41.1 F41.0 F43.10 F43.12 F90.0 F10.20 F31.9 F51.01";
const PT = "M54.50 M54.16 M51.16 S39.012A M54.2 M25.561 M25.511 M17.11 M17.12 M17.0 M16.11 S93.401A M75.101";
const PT2 = "S83.511A R26.81 M72.2";
const JOINT = "M17.11 M17.12 M17.0 M25.561 M25.511 M75.101 M06.9 M10.9";
const DM = "E11.9 E11.65 E11.22 E11.40 E10.9";
const GLUCOSE = `${DM} Z79.4 O24.410`;
const COLON = "K62.5 R19.5 D50.9 K51.90 K50.90";

/** code, label, min $, max $, settings, flags (PA, cosmetic, non-covered, F/M, aNN-MM, uN), supports. */
type Row = readonly [string, string, number, number, string, string, string];

// biome-ignore format: one row per procedure, read as a table
const ROWS: readonly Row[] = [
  ["99203", "office visit, new patient, low complexity (E/M)", 100, 180, "office telehealth", "", ANY],
  ["99204", "office visit, new patient, moderate complexity (E/M)", 160, 280, "office telehealth", "", ANY],
  ["99213", "office visit, established patient, low complexity (E/M)", 85, 150, "office telehealth", "", ANY],
  ["99214", "office visit, established patient, moderate complexity (E/M)", 125, 220, "office telehealth", "", ANY],
  ["99284", "emergency department visit, moderate complexity (E/M)", 180, 450, "ed", "", `${ED} ${ED2}`],
  ["99285", "emergency department visit, high complexity (E/M)", 280, 700, "ed", "", `${ED} ${ED2}`],
  ["99223", "initial hospital inpatient care, high complexity (E/M)", 200, 400, "inpatient", "", INPT],
  ["99395", "preventive medicine visit, established patient, age 18 to 39", 120, 230, "office", "a18-39", PREV],
  ["99396", "preventive medicine visit, established patient, age 40 to 64", 140, 260, "office", "a40-64", PREV],
  ["99397", "preventive medicine visit, established patient, age 65 and over", 150, 280, "office", "a65-89", PREV],
  ["G0439", "Annual wellness visit, includes a personalized prevention plan of service (pps), subsequent visit", 120, 200, "office", "a65-89", "Z00.00 Z13.31"],
  ["G0444", "Annual depression screening, 5 to 15 minutes", 15, 25, "office", "a65-89", "Z13.31 Z00.00"],
  ["90791", "psychiatric diagnostic evaluation", 150, 280, "office telehealth", "", MH],
  ["90834", "psychotherapy session, about 45 minutes", 90, 160, "office telehealth", "", MH],
  ["90837", "psychotherapy session, about 60 minutes", 125, 210, "office telehealth", "", MH],
  ["96127", "brief standardized emotional or behavioral assessment", 4, 12, "office telehealth", "", `${MH} Z13.31`],
  ["93000", "electrocardiogram, 12-lead, with interpretation", 15, 40, "office outpatient ed", "", "R07.9 R00.2 I48.91 R55 I20.9 I25.10 G45.9"],
  ["93306", "echocardiogram, transthoracic, complete", 180, 450, "outpatient office", "", "I50.9 I48.91 R06.02 R00.2 R55 G45.9 I63.9"],
  ["93015", "cardiovascular stress test with interpretation", 70, 180, "outpatient office", "", "R07.9 I20.9 I25.10"],
  ["36475", "endovenous ablation of incompetent vein, first vein", 900, 2000, "office outpatient", "PA", "I83.811"],
  ["71046", "chest X-ray, two views", 30, 90, "office outpatient ed", "", "J18.9 R05.9 R06.02 R07.9 J44.1 R50.9"],
  ["71250", "CT chest without contrast", 150, 400, "outpatient", "PA", "R91.1"],
  ["72148", "MRI lumbar spine without contrast", 220, 650, "outpatient", "PA", "M54.16 M51.16"],
  ["73721", "MRI knee joint without contrast", 220, 650, "outpatient", "PA", "S83.511A S83.241A"],
  ["73221", "MRI shoulder joint without contrast", 220, 650, "outpatient", "PA", "M75.101"],
  ["70551", "MRI brain without contrast", 250, 700, "outpatient", "PA", "G40.909 I63.9 G45.9 G43.709"],
  ["74177", "CT abdomen and pelvis with contrast", 280, 800, "outpatient ed", "", "K35.80 R10.9 N20.0 R31.9"],
  ["73610", "X-ray ankle, three or more views", 30, 80, "office outpatient ed", "", "S93.401A"],
  ["73110", "X-ray wrist, three or more views", 30, 80, "office outpatient ed", "", "S52.501A"],
  ["76700", "ultrasound abdomen, complete", 110, 260, "outpatient office", "", "R10.11 K80.20 K76.0"],
  ["76536", "ultrasound of soft tissues of the neck (thyroid)", 90, 220, "outpatient office", "", "E04.1 E05.90"],
  ["76805", "obstetric ultrasound after the first trimester", 120, 280, "office outpatient", "F", "Z34.00 Z34.80 O24.410"],
  ["77067", "screening mammography, both breasts", 100, 220, "outpatient office", "F a40-89", "Z12.31"],
  ["77080", "DXA bone density study, axial skeleton", 40, 130, "outpatient office", "a50-89", "M81.0"],
  ["19083", "breast biopsy with ultrasound guidance, first lesion", 500, 1100, "outpatient office", "F", "N63.0"],
  ["45378", "colonoscopy, diagnostic", 300, 900, "asc outpatient", "", COLON],
  ["45380", "colonoscopy with biopsy", 380, 1000, "asc outpatient", "", COLON],
  ["43239", "upper GI endoscopy with biopsy", 300, 850, "asc outpatient", "", "K21.9 D50.9"],
  ["G0121", "Colorectal cancer screening; colonoscopy on individual not meeting criteria for high risk", 300, 900, "asc outpatient", "a50-89", "Z12.11"],
  ["G0105", "Colorectal cancer screening; colonoscopy on individual at high risk", 300, 900, "asc", "a40-89", "Z80.0"],
  ["47562", "laparoscopic cholecystectomy", 700, 1600, "asc outpatient inpatient", "PA", "K80.20"],
  ["44970", "laparoscopic appendectomy", 600, 1400, "inpatient", "", "K35.80"],
  ["20610", "joint aspiration or injection, major joint", 55, 140, "office outpatient", "", JOINT],
  ["64483", "lumbar transforaminal epidural steroid injection, one level", 180, 480, "asc outpatient", "PA", "M54.16 M51.16"],
  ["29881", "knee arthroscopy with meniscectomy", 700, 1800, "asc outpatient", "PA", "S83.241A"],
  ["27447", "total knee arthroplasty", 1400, 3200, "inpatient outpatient", "PA a40-89", "M17.11 M17.12 M17.0"],
  ["27130", "total hip arthroplasty", 1400, 3200, "inpatient outpatient", "PA a40-89", "M16.11"],
  ["64721", "carpal tunnel release, open", 400, 900, "asc outpatient", "PA", "G56.01"],
  ["25600", "closed treatment of distal radius fracture", 200, 500, "ed office", "", "S52.501A"],
  ["97161", "physical therapy evaluation, low complexity", 80, 140, "office outpatient", "", `${PT} ${PT2}`],
  ["97110", "therapeutic exercise, each 15 minutes", 25, 55, "office outpatient", "", `${PT} ${PT2}`],
  ["97140", "manual therapy techniques, each 15 minutes", 22, 50, "office outpatient", "", PT],
  ["12002", "simple laceration repair, 2.6 to 7.5 cm", 120, 300, "ed office", "", "S61.411A S01.81XA"],
  ["10060", "incision and drainage of abscess, simple", 110, 260, "office ed", "", "L02.411"],
  ["11102", "tangential skin biopsy, single lesion", 80, 180, "office", "", "D48.5 L57.0 C44.91 D22.5"],
  ["11403", "excision of benign skin lesion, trunk or limbs, 2.1 to 3.0 cm", 150, 350, "office", "", "L72.3 D22.5"],
  ["17000", "destruction of premalignant skin lesion, first lesion", 55, 120, "office", "", "L57.0"],
  ["17110", "destruction of benign lesions such as warts, up to 14", 90, 200, "office", "", "B07.9"],
  ["11730", "nail avulsion, single nail", 90, 200, "office", "", "L60.0"],
  ["69210", "removal of impacted cerumen with instruments, one ear", 35, 80, "office", "", "H61.21"],
  ["66984", "cataract removal with intraocular lens, standard", 550, 1100, "asc outpatient", "a50-89", "H25.11"],
  ["92004", "comprehensive eye examination, new patient", 120, 250, "office", "", `H25.11 H40.9 ${DM}`],
  ["94010", "spirometry", 25, 70, "office outpatient", "", "J45.909 J44.9 R06.02 R05.9"],
  ["95810", "attended overnight polysomnography", 600, 1300, "outpatient", "PA", "G47.33"],
  ["E0601", "Continuous positive airway pressure (CPAP) device", 550, 1100, "home", "PA", "G47.33"],
  ["80053", "comprehensive metabolic panel", 10, 25, "lab office outpatient", "", `${DM} I10 N18.30 I50.9 K76.0`],
  ["83036", "hemoglobin A1c", 9, 22, "lab office", "", `${DM} R73.03 Z13.1 O24.410`],
  ["80061", "lipid panel", 12, 30, "lab office", "", "E78.5 E78.00 I25.10 Z13.220"],
  ["85025", "complete blood count with automated differential", 7, 18, "lab office ed", "", "D50.9 D64.9 R53.83 R50.9"],
  ["84443", "thyroid stimulating hormone (TSH)", 15, 35, "lab office", "", "E03.9 E05.90 E04.1 R53.83"],
  ["82306", "vitamin D, 25-hydroxy", 25, 50, "lab office", "", "E55.9 M81.0"],
  ["81001", "urinalysis with microscopy", 3, 8, "lab office ed", "", "N39.0 R31.9 N20.0"],
  ["87880", "rapid strep antigen test", 12, 30, "office", "", "J02.9"],
  ["84153", "prostate specific antigen (PSA), total", 18, 40, "lab office", "M", "R97.20 C61 N40.1"],
  ["90471", "immunization administration, first vaccine", 18, 40, "office", "", "Z23"],
  ["G0008", "Administration of influenza virus vaccine", 20, 40, "office", "", "Z23"],
  ["96413", "chemotherapy infusion, first hour", 120, 300, "outpatient", "PA a30-89", "C50.911 C61 Z51.11"],
  ["J9355", "Injection, trastuzumab, excludes biosimilar, 10 mg", 2500, 4500, "outpatient", "PA F u42", "C50.911"],
  ["J0585", "Injection, onabotulinumtoxina, 1 unit", 900, 1400, "office", "PA u155", "G43.709"],
  ["J3301", "Injection, triamcinolone acetonide, not otherwise specified, 10 mg", 4, 15, "office", "u4", JOINT],
  ["J1030", "Injection, methylprednisolone acetate, 40 mg", 4, 12, "office", "", JOINT],
  ["J1885", "Injection, ketorolac tromethamine, per 15 mg", 3, 12, "ed office", "u2", "N20.0 G43.909 S39.012A"],
  ["J1100", "Injection, dexamethasone sodium phosphate, 1 mg", 2, 8, "ed office", "u10", "J44.1 J45.909"],
  ["J0696", "Injection, ceftriaxone sodium, per 250 mg", 2, 10, "ed office", "u4", "J18.9 N39.0"],
  ["J2550", "Injection, promethazine hcl, up to 50 mg", 6, 20, "ed", "", "A09"],
  ["J7030", "Infusion, normal saline solution, 1000 cc", 8, 25, "ed", "", "A09 R55 N20.0"],
  ["E0114", "Crutches underarm, other than wood, adjustable or fixed, pair, with pad, tip and handgrips", 30, 75, "office ed", "", "S93.401A S83.511A S83.241A"],
  ["L3908", "Wrist hand orthosis, wrist extension control cock-up, non molded, prefabricated, off-the-shelf", 25, 70, "office", "", "G56.01 S52.501A"],
  ["E0570", "Nebulizer, with compressor", 40, 120, "home", "", "J45.909 J44.9 J44.1"],
  ["A4253", "Blood glucose test or reagent strips for home blood glucose monitor, per 50 strips", 25, 60, "home", "", GLUCOSE],
  ["E0607", "Home blood glucose monitor", 20, 60, "home", "", GLUCOSE],
  ["59400", "routine obstetric care package, vaginal delivery", 2000, 4500, "inpatient", "F", "Z34.00 Z34.80 O24.410 O13.3"],
  ["58558", "hysteroscopy with endometrial sampling or polypectomy", 350, 800, "asc outpatient", "F", "N92.0 D25.9"],
  ["58100", "endometrial biopsy", 90, 200, "office", "F", "N92.0"],
  ["52000", "cystoscopy, diagnostic", 150, 350, "office outpatient", "", "R31.9 N40.1"],
  ["55700", "prostate needle biopsy", 250, 600, "office outpatient", "M", "R97.20"],
  ["50590", "shock wave lithotripsy of kidney stone", 600, 1300, "outpatient asc", "PA", "N20.0"],
  ["15780", "dermabrasion, total face", 1200, 3000, "office asc", "cosmetic", "L90.5 L70.0 Z41.1"],
  ["30400", "rhinoplasty, primary", 2000, 5500, "asc", "cosmetic", "Z41.1"],
  ["15788", "chemical peel, facial, epidermal", 150, 500, "office", "cosmetic", "L81.4 Z41.1"],
  ["17380", "electrolysis hair removal, each 30 minutes", 60, 180, "office", "cosmetic", "L68.0 Z41.1"],
  ["19325", "breast augmentation with implant", 2500, 6000, "asc", "cosmetic F", "Z41.1"],
  ["15876", "suction-assisted lipectomy, head and neck", 1500, 4000, "asc", "cosmetic", "E66.9 Z41.1"],
  ["92015", "refraction for glasses or contact lenses", 20, 60, "office", "non-covered", "H52.4 H52.13"],
  ["V2020", "Frames, purchases", 60, 250, "office", "non-covered", "H52.4 H52.13"],
  ["A9270", "Non-covered item or service", 10, 500, "office home", "non-covered", "E66.9 M54.50 R53.83 Z41.1"],
];

const CONDITIONS = DIAGNOSES.filter((d) => !d.encounter).map((d) => d.code);

function parse([code, label, min, max, settings, flags, supports]: Row): Procedure {
  let units = 1;
  let priorAuth = false;
  let exclusion: Procedure["exclusion"] = null;
  let sex: Sex | undefined;
  let ages: readonly [number, number] = [18, 89];
  for (const flag of flags.split(" ")) {
    if (flag === "PA") priorAuth = true;
    else if (flag === "cosmetic" || flag === "non-covered") exclusion = flag;
    else if (flag === "F") sex = "female";
    else if (flag === "M") sex = "male";
    else if (flag.startsWith("u")) units = Number(flag.slice(1));
    else if (flag.startsWith("a")) {
      const [lo, hi] = flag.slice(1).split("-").map(Number);
      ages = [lo ?? 18, hi ?? 89];
    }
  }
  const codes = supports === ANY ? CONDITIONS : supports.split(" ");
  for (const dx of codes) diagnosis(dx); // fail fast on a typo in the table
  const proc: Procedure = {
    code,
    system: /^\d/.test(code) ? "CPT" : "HCPCS",
    label,
    units,
    allowedCents: [min * 100, max * 100],
    settings: settings.split(" ") as Setting[],
    priorAuth,
    exclusion,
    supports: exclusion ? [] : codes,
    billedWith: exclusion ? codes : [],
    ages,
  };
  if (sex) proc.sex = sex;
  return proc;
}

export const PROCEDURES: readonly Procedure[] = ROWS.map(parse);
export const PROCEDURE_BY_CODE: ReadonlyMap<string, Procedure> = new Map(PROCEDURES.map((p) => [p.code, p]));
/** Per procedure, the set of supporting diagnosis codes, for constant-time necessity checks. */
export const SUPPORTS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  PROCEDURES.map((p) => [p.code, new Set(p.supports)]),
);

export const SETTINGS: Readonly<Record<Setting, { name: string; pos: string; phrase: string }>> = {
  office: { name: "physician office", pos: "11", phrase: "in the office" },
  telehealth: { name: "telehealth, patient at home", pos: "10", phrase: "by telehealth" },
  outpatient: {
    name: "outpatient hospital, on campus",
    pos: "22",
    phrase: "in the hospital outpatient department",
  },
  asc: { name: "ambulatory surgical center", pos: "24", phrase: "at an ambulatory surgical center" },
  ed: { name: "hospital emergency department", pos: "23", phrase: "in the emergency department" },
  inpatient: { name: "inpatient hospital", pos: "21", phrase: "as a hospital inpatient" },
  lab: { name: "independent laboratory", pos: "81", phrase: "for laboratory testing" },
  home: {
    name: "patient's home (durable medical equipment)",
    pos: "12",
    phrase: "for equipment used at home",
  },
};

export function procedure(code: string): Procedure {
  const found = PROCEDURE_BY_CODE.get(code);
  if (!found) throw new Error(`unknown procedure code in synthetic tables: ${code}`);
  return found;
}

/** "CPT 72148" or "HCPCS J3301". */
export function procedureRef(p: Procedure): string {
  return `${p.system} ${p.code}`;
}
