/**
 * Clinical sentences full of numbers that look like identifiers but are not: doses and routes, vitals,
 * labs and units, billing and terminology codes (ICD-10-CM, CPT, HCPCS, NDC, LOINC), money, ratios.
 * They hold no Safe Harbor identifier. Used alone in clean records and as filler around planted PHI.
 */
import type { Random } from "../../src/dataset/random.js";
import { digits, pad } from "./builder.js";

type Gen = (r: Random) => string;

const DRUGS: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ["metformin", ["500 mg", "850 mg", "1000 mg"], ["PO BID", "by mouth twice daily with meals", "PO daily"]],
  ["lisinopril", ["5 mg", "10 mg", "20 mg", "40 mg"], ["PO daily", "by mouth once a day"]],
  ["atorvastatin", ["20 mg", "40 mg", "80 mg"], ["PO qHS", "nightly"]],
  ["amlodipine", ["2.5 mg", "5 mg", "10 mg"], ["PO daily"]],
  ["levothyroxine", ["25 mcg", "50 mcg", "88 mcg", "112 mcg"], ["PO daily before breakfast"]],
  ["omeprazole", ["20 mg", "40 mg"], ["PO daily", "PO BID x 8 weeks"]],
  ["sertraline", ["25 mg", "50 mg", "100 mg"], ["PO daily"]],
  ["gabapentin", ["100 mg", "300 mg", "600 mg"], ["PO TID", "PO qHS"]],
  ["metoprolol tartrate", ["12.5 mg", "25 mg", "50 mg"], ["PO BID", "PO q12h"]],
  ["furosemide", ["20 mg", "40 mg", "80 mg"], ["IV BID", "PO daily", "IV push once"]],
  ["insulin glargine", ["10 units", "18 units", "24 units"], ["SC at bedtime", "subcutaneously nightly"]],
  ["insulin lispro", ["4 units", "6 units"], ["SC with meals per sliding scale"]],
  ["apixaban", ["2.5 mg", "5 mg"], ["PO BID"]],
  ["warfarin", ["2 mg", "5 mg", "7.5 mg"], ["PO daily, INR goal 2-3"]],
  ["prednisone", ["40 mg", "20 mg", "10 mg"], ["PO daily x 5 days", "PO daily, taper by 10 mg every 3 days"]],
  ["amoxicillin-clavulanate", ["875-125 mg"], ["PO BID x 7 days"]],
  ["ceftriaxone", ["1 g", "2 g"], ["IV q24h"]],
  ["vancomycin", ["1,250 mg", "1 g", "15 mg/kg"], ["IV q12h", "IV q8h, trough goal 15-20"]],
  ["acetaminophen", ["650 mg", "1,000 mg", "500 mg"], ["PO q6h PRN pain", "PO q8h PRN, max 3 g/day"]],
  ["ondansetron", ["4 mg", "8 mg"], ["IV q8h PRN nausea", "ODT q8h PRN"]],
  ["enoxaparin", ["40 mg", "1 mg/kg"], ["SC daily", "SC q12h"]],
  ["heparin", ["5,000 units"], ["SC q8h", "SC q12h"]],
  ["potassium chloride", ["20 mEq", "40 mEq"], ["PO once", "IV over 4 hours"]],
  ["magnesium sulfate", ["2 g"], ["IV over 2 hours"]],
  ["albuterol", ["2 puffs", "2.5 mg/3 mL neb"], ["q4h PRN wheeze", "q6h PRN"]],
  ["tamsulosin", ["0.4 mg"], ["PO qHS"]],
  ["hydrochlorothiazide", ["12.5 mg", "25 mg"], ["PO daily"]],
  ["losartan", ["25 mg", "50 mg", "100 mg"], ["PO daily"]],
  ["oxycodone", ["5 mg"], ["PO q4h PRN severe pain, #20, no refills"]],
  ["normal saline", ["1 L bolus", "75 mL/hr"], ["IV", "IV continuous"]],
];

const ICD10 =
  `E11.9 E11.65 I10 I50.9 J44.1 J45.909 N18.3 N39.0 K21.9 F32.1 F41.1 M54.5 M17.11 S72.001A S06.0X0A
  Z79.4 Z87.891 R07.9 R51.9 G43.909 E78.5 E03.9 I48.91 C50.911 O24.419 Z34.90 L03.115 A41.9 B20 U07.1 I25.10
  E66.9 G47.33 K57.30 N17.9 D64.9 R26.81 Z91.81 S52.501A T78.40XA`.split(/\s+/);
const CPT =
  "99213 99214 99203 99204 99285 99284 93000 36415 80053 85025 71046 70450 45378 27447 29881 96372 90471 90686 99232 99233 77067".split(
    " ",
  );
const HCPCS = "J3490 J1100 J1885 G0439 G0438 A4253 E0601 E1390 K0001 J0696 J2405 Q4101 A0428 G2211".split(
  " ",
);
const LOINC: readonly (readonly [string, string])[] = [
  ["4548-4", "HbA1c"],
  ["2345-7", "glucose"],
  ["718-7", "hemoglobin"],
  ["2160-0", "creatinine"],
  ["2951-2", "sodium"],
  ["2823-3", "potassium"],
  ["6690-2", "WBC"],
  ["777-3", "platelets"],
  ["1742-6", "ALT"],
  ["1920-8", "AST"],
  ["2093-3", "total cholesterol"],
  ["2571-8", "triglycerides"],
  ["13457-7", "LDL (calculated)"],
  ["2085-9", "HDL"],
  ["3016-3", "TSH"],
  ["33914-3", "eGFR"],
];

function dec(r: Random, lo: number, hi: number, places = 1): string {
  const scale = 10 ** places;
  return (r.int(lo * scale, hi * scale) / scale).toFixed(places);
}

function ndc(r: Random): string {
  return r.pick([
    `${pad(r.int(2, 9999), 4)}-${digits(r, 4)}-${digits(r, 2)}`,
    `${pad(r.int(2, 99999), 5)}-${digits(r, 3)}-${digits(r, 2)}`,
    `${pad(r.int(2, 99999), 5)}-${digits(r, 4)}-${digits(r, 1)}`,
    "0002-8215-01",
  ]);
}

function med(r: Random): string {
  const [name, doses, routes] = r.pick(DRUGS);
  return `${name} ${r.pick(doses)} ${r.pick(routes)}`;
}

function bp(r: Random): string {
  return `${r.int(92, 178)}/${r.int(52, 104)}`;
}

export const NUMBER_SENTENCES: readonly Gen[] = [
  (r) => `Continue ${med(r)}.`,
  (r) => `Start ${med(r)} and stop ${r.pick(DRUGS)[0]}.`,
  (r) => `Home meds: ${med(r)}; ${med(r)}; ${med(r)}.`,
  (r) => {
    const [name, doses] = r.pick(DRUGS);
    return `Increase ${name} to ${doses[doses.length - 1]} ${r.pick(["daily", "BID", "TID"])}.`;
  },
  (r) => `Take 1/2 tablet of ${r.pick(DRUGS)[0]} ${r.pick(["daily", "at bedtime", "every other day"])}.`,
  (r) => `Give epinephrine 1:1000 0.3 mg IM for anaphylaxis; may repeat in ${r.int(5, 15)} minutes.`,
  (r) => `Dispense #${r.pick([30, 60, 90])} with ${r.int(0, 5)} refills.`,
  (r) =>
    `Vitals: BP ${bp(r)}, HR ${r.int(52, 128)}, RR ${r.int(12, 24)}, SpO2 ${r.int(88, 100)}% on ${r.pick(["RA", "2 L NC", "room air"])}, temp ${dec(r, 97, 101.5)} F.`,
  (r) => `BP ${r.int(110, 170)} over ${r.int(60, 100)} at home this morning.`,
  (r) =>
    `T ${dec(r, 36.1, 39.4)} C, P ${r.int(55, 120)}, BP ${bp(r)}, weight ${dec(r, 45, 140)} kg, BMI ${dec(r, 18, 44)}.`,
  (r) => `Orthostatics: ${bp(r)} lying, ${bp(r)} standing, HR ${r.int(60, 90)} to ${r.int(90, 130)}.`,
  (r) => `Pain ${r.int(0, 10)}/10, improved from ${r.int(5, 10)}/10 on arrival.`,
  (r) => `HbA1c ${dec(r, 5.2, 12.4)}%, up from ${dec(r, 5.2, 9.9)}%.`,
  (r) => `WBC ${dec(r, 2.1, 24.9)} x10^9/L, Hgb ${dec(r, 6.8, 16.9)} g/dL, Plt ${r.int(40, 480)} K/uL.`,
  (r) =>
    `BMP: Na ${r.int(126, 148)}, K ${dec(r, 2.9, 6.1)}, Cl ${r.int(92, 112)}, CO2 ${r.int(16, 32)}, BUN ${r.int(6, 68)}, Cr ${dec(r, 0.5, 4.8)}, glucose ${r.int(62, 420)}.`,
  (r) => `Creatinine ${dec(r, 0.5, 3.9)} mg/dL, eGFR ${r.int(14, 118)} mL/min/1.73m2.`,
  (r) => `TSH ${dec(r, 0.1, 9.9, 2)} mIU/L, free T4 ${dec(r, 0.6, 2.2, 2)} ng/dL.`,
  (r) => `Lipids: LDL ${r.int(52, 212)} mg/dL, HDL ${r.int(28, 88)}, TG ${r.int(60, 480)}.`,
  (r) =>
    `INR ${dec(r, 0.9, 4.8)}; troponin ${r.pick(["<0.01", "0.03", "0.08", "0.41"])} ng/mL; BNP ${r.int(20, 2400)} pg/mL.`,
  (r) => `Lactate ${dec(r, 0.6, 6.2)} mmol/L, repeat ${dec(r, 0.6, 3.2)} after fluids.`,
  () => `Urine culture grew >100,000 CFU/mL E. coli, pan-sensitive.`,
  (r) =>
    `ABG ${dec(r, 7.18, 7.52, 2)}/${r.int(28, 68)}/${r.int(55, 110)} on FiO2 ${r.pick([30, 40, 50, 60])}%.`,
  (r) =>
    `Echo: EF ${r.pick(["35-40", "55-60", "20-25", "45-50"])}%, grade ${r.int(1, 3)} diastolic dysfunction.`,
  (r) => `Dx: ${r.pick(ICD10)}, ${r.pick(ICD10)}.`,
  (r) => `Billed CPT ${r.pick(CPT)}${r.pick(["", "-25", "-59"])} with ICD-10-CM ${r.pick(ICD10)}.`,
  (r) => `HCPCS ${r.pick(HCPCS)} x ${r.int(1, 4)} units added to the claim.`,
  (r) => `Dispensed NDC ${ndc(r)}, quantity ${r.pick([1, 10, 30, 90])}.`,
  (r) => {
    const [code, name] = r.pick(LOINC);
    return `Result for LOINC ${code} (${name}) filed.`;
  },
  (r) => `Copay $${r.int(5, 75)}.00 collected; balance $${r.int(10, 4999)}.${digits(r, 2)}.`,
  (r) =>
    `Allowed amount $${r.int(40, 900)}.${digits(r, 2)}, deductible remaining $${r.int(1, 3)},${digits(r, 3)}.`,
  (r) => `Nodule measures ${dec(r, 0.4, 3.9)} x ${dec(r, 0.3, 2.9)} cm, previously ${dec(r, 0.4, 3.9)} cm.`,
  (r) => `${r.int(1, 4)}+ pitting edema bilaterally; grade ${r.int(1, 4)}/6 systolic murmur.`,
  (r) => `Strength ${r.int(3, 5)}/5 throughout, DTRs ${r.int(1, 3)}+ and symmetric.`,
  (r) => `EBL ${r.int(5, 40) * 10} mL; UOP ${dec(r, 0.2, 1.5)} mL/kg/h; I/O +${dec(r, 0.1, 3.5)} L.`,
  (r) => `Visual acuity 20/${r.pick([20, 25, 30, 40, 60, 200])} OD, 20/${r.pick([20, 25, 30, 40])} OS.`,
  (r) =>
    `Ventilator: AC ${r.int(12, 20)}/${r.int(350, 500)}/${r.int(5, 12)}/${r.pick([30, 40, 50, 60, 100])}%.`,
  (r) => `Dilute 1:${r.pick([10, 100, 1000])} and give ${r.int(1, 9)} mL.`,
  (r) => `Fluid restriction ${dec(r, 1, 2)} L/day; sodium under ${r.pick([1500, 2000])} mg/day.`,
  (r) =>
    `Glucose log: fasting ${r.int(88, 210)}, pre-dinner ${r.int(100, 260)}, bedtime ${r.int(100, 300)} mg/dL.`,
  (r) =>
    `Take ${r.int(1, 2)}-${r.int(2, 3)} tabs @ HS; insulin @ bedtime; ${r.int(1, 2)} tab p.o. b.i.d., i.e. twice daily.`,
  (r) =>
    `${r.pick([16, 18, 20, 22])}-gauge IV in the left forearm; ${r.pick([14, 16, 18])} Fr Foley; ETT size ${dec(r, 6, 8)}.`,
  (r) =>
    `Reference range ${dec(r, 3.4, 3.6)}-${dec(r, 5, 5.2)} mmol/L; pH ${dec(r, 7.3, 7.45, 2)}; ${r.int(2, 3)}-${r.int(4, 6)} times a week.`,
  (r) =>
    `Staging ${r.pick(["T2N0M0", "T1cN1M0", "T3N2aM0"])}, stage ${r.pick(["IIA", "IIIA", "IB"])}; BI-RADS ${r.pick(["3", "4A", "4B", "5"])}.`,
  () => "Tdap given today; PPD read at 48-72 hours with 0 mm induration. TTY users dial 711.",
  (r) => `Chest x-ray, ${r.int(1, 2)} views; leads V1-V6 without ST elevation; QTc ${r.int(380, 520)} ms.`,
  (r) =>
    `A ${r.int(2, 11)}-month-old infant, weight ${dec(r, 4, 10)} kg, up ${dec(r, 0.2, 1)} kg in ${r.int(2, 9)} weeks.`,
  (r) => `Gleason ${r.pick(["3+3=6", "3+4=7", "4+3=7", "4+4=8"])}, PSA ${dec(r, 0.5, 24.9)} ng/mL.`,
];
