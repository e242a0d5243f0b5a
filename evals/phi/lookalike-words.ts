/**
 * Clinical sentences whose words look like identifiers but are not: eponymous diseases, signs and
 * scores, ages of 89 and under, lone years, times of day, durations, relative days, crisis lines, US
 * states, capitalized words that are also given names, device and web words without serials or
 * addresses, abbreviations. No month names, no weekdays, no Safe Harbor identifier.
 */
import type { Random } from "../../src/dataset/random.js";

type Gen = (r: Random) => string;

const EPONYMS = [
  "Parkinson's disease",
  "Crohn's disease",
  "Hodgkin lymphoma",
  "non-Hodgkin lymphoma",
  "Bell's palsy",
  "Cushing syndrome",
  "Graves' disease",
  "Down syndrome",
  "Alzheimer's dementia",
  "Hashimoto thyroiditis",
  "Addison's disease",
  "Barrett's esophagus",
  "Raynaud's phenomenon",
  "Sjögren's syndrome",
  "Guillain-Barré syndrome",
  "Wilson disease",
  "Kawasaki disease",
  "Tourette syndrome",
  "Ménière's disease",
  "Huntington's disease",
  "Lyme disease",
  "Epstein-Barr virus infection",
  "Kaposi sarcoma",
  "a Baker's cyst",
  "Dupuytren contracture",
  "Osgood-Schlatter disease",
  "Marfan syndrome",
  "Turner syndrome",
  "Paget disease of bone",
  "Wernicke encephalopathy",
  "Legionnaires' disease",
  "Stevens-Johnson syndrome",
  "von Willebrand disease",
  "Hirschsprung disease",
  "Lou Gehrig's disease",
  "Bright's disease",
];

const SIGNS = [
  "Murphy's sign negative",
  "McBurney point tenderness",
  "Babinski downgoing bilaterally",
  "Romberg negative",
  "Kernig and Brudzinski signs negative",
  "Homans sign negative",
  "Tinel sign positive at the wrist",
  "Phalen test positive",
  "Lachman negative",
  "McMurray negative",
  "Trendelenburg gait noted",
  "Epley maneuver performed",
  "Weber and Rinne tests normal",
  "Allen test normal",
  "Chvostek sign absent",
  "Gray Turner and Cullen signs absent",
];

const SURGERIES = [
  "Whipple procedure",
  "Nissen fundoplication",
  "Roux-en-Y gastric bypass",
  "Hartmann procedure",
  "Mohs surgery",
  "Bankart repair",
  "Colles fracture reduction",
  "Jones fracture fixation",
  "Billroth II gastrectomy",
];

const TESTS = [
  "Foley catheter placement",
  "Swan-Ganz catheter placement",
  "a Holter monitor",
  "a Pap smear",
  "a Gram stain and culture",
  "Kegel exercises",
  "a Tensilon test",
];

const SCORES: readonly Gen[] = [
  (r) => `Apgar ${r.int(5, 9)}/${r.int(7, 10)}`,
  (r) => `Glasgow Coma Scale ${r.int(3, 15)}`,
  () => "GCS 15 (E4V5M6)",
  (r) => `Wells score ${r.int(0, 7)}`,
  (r) => `CHA2DS2-VASc ${r.int(0, 7)}`,
  (r) => `HAS-BLED ${r.int(0, 5)}`,
  (r) => `Child-Pugh class ${r.pick(["A", "B", "C"])}`,
  (r) => `MELD ${r.int(6, 38)}`,
  (r) => `NIHSS ${r.int(0, 22)}`,
  (r) => `Braden ${r.int(9, 23)}`,
  (r) => `Morse fall score ${r.int(0, 12) * 5}`,
  (r) => `Mallampati ${r.pick(["I", "II", "III", "IV"])}`,
  (r) => `ASA class ${r.pick(["II", "III", "IV"])}`,
  (r) => `Bishop score ${r.int(2, 11)}`,
  (r) => `CURB-65 of ${r.int(0, 5)}`,
  (r) => `NYHA class ${r.pick(["I", "II", "III", "IV"])}`,
  (r) => `PHQ-9 of ${r.int(0, 27)}`,
  (r) => `GAD-7 of ${r.int(0, 21)}`,
  (r) => `MoCA ${r.int(14, 30)}/30`,
  (r) => `MMSE ${r.int(12, 30)}/30`,
  (r) => `ECOG ${r.int(0, 4)}`,
  (r) => `Karnofsky ${r.int(4, 10) * 10}`,
  (r) => `Berg balance ${r.int(20, 56)}/56`,
  (r) => `Epworth ${r.int(2, 22)}`,
  (r) => `STOP-BANG ${r.int(0, 8)}`,
];

/** "Ohio" and friends: states are coarser than Safe Harbor's geography and may stay. */
const STATES =
  `Ohio Texas Florida Arizona Nevada Oregon Michigan Kentucky Tennessee Alabama Louisiana Iowa Kansas
  Nebraska Montana Idaho Utah Colorado Minnesota Wisconsin Illinois Missouri Arkansas Oklahoma Alaska Hawaii Maine
  Vermont Georgia Virginia Indiana`.split(/\s+/);

const COUNTRIES = [
  "Mexico",
  "Canada",
  "India",
  "the Philippines",
  "Guatemala",
  "Vietnam",
  "Nigeria",
  "Germany",
];

function dec(r: Random, lo: number, hi: number): string {
  return (r.int(lo * 10, hi * 10) / 10).toFixed(1);
}

function age(r: Random): string {
  const n = r.int(18, 89);
  return r.pick([`a ${n}-year-old`, `${n} y/o`, `${n} yo`, `aged ${n}`, `age ${n}`, `${n} years old`]);
}

export const WORD_SENTENCES: readonly Gen[] = [
  (r) => `History of ${r.pick(EPONYMS)}, stable on current therapy.`,
  (r) => `Family history notable for ${r.pick(EPONYMS)} and ${r.pick(EPONYMS)}.`,
  (r) => `Exam: ${r.pick(SIGNS)}; ${r.pick(SIGNS)}.`,
  (r) => `Status post ${r.pick(SURGERIES)} in ${r.int(1998, 2024)}.`,
  (r) => `Recommend ${r.pick(TESTS)}; ${r.pick(TESTS)} declined.`,
  (r) => `${r.pick(SCORES)(r)}; ${r.pick(SCORES)(r)}.`,
  (r) => `Screening today: ${r.pick(SCORES)(r)}, ${r.pick(SCORES)(r)}.`,
  (r) =>
    `Patient is ${age(r)} ${r.pick(["man", "woman", "with COPD", "with CKD stage 3b", "presenting with syncope"])}.`,
  (r) => `The ${r.int(18, 89)}-year-old sibling has ${r.pick(EPONYMS)}.`,
  (r) => `Diagnosed in ${r.int(1995, 2024)}; on insulin since ${r.int(2005, 2024)}.`,
  (r) => `Former smoker, ${r.int(5, 60)} pack-years, quit in ${r.int(1990, 2024)}.`,
  (r) =>
    `Per ${r.int(2019, 2025)} guidelines, statin therapy is indicated. Service year ${r.int(2022, 2025)}.`,
  (r) => `Worked as a machinist from ${r.int(1975, 1995)} to ${r.int(1996, 2020)}.`,
  (r) => `Last dose given at ${String(r.int(0, 23)).padStart(2, "0")}:${r.pick(["00", "15", "30", "45"])}.`,
  (r) =>
    `Seen at ${r.int(1, 12)} ${r.pick(["am", "pm", "a.m.", "p.m."])}; next check at ${r.pick(["0800", "1400", "2200"])}.`,
  (r) =>
    `Symptoms for ${r.int(2, 6)} ${r.pick(["days", "weeks", "months"])}, worse over the past ${r.int(12, 72)} hours.`,
  (r) => `Complete a ${r.int(5, 14)}-day course; cephalexin x ${r.int(5, 10)} days.`,
  (r) => `Post-op day ${r.int(1, 9)}: ambulating, tolerating diet.`,
  (r) => `Hospital day ${r.int(2, 12)}; day ${r.int(2, 6)} of ${r.int(7, 14)} of antibiotics.`,
  (r) => `POD #${r.int(1, 5)}, drain output ${r.int(10, 90)} mL.`,
  (r) => `${r.int(8, 40)} weeks ${r.int(0, 6)} days gestation, G${r.int(1, 5)}P${r.int(0, 4)}.`,
  (r) => `Cycle ${r.int(1, 8)} day 1 of chemotherapy; return in ${r.int(2, 6)} weeks.`,
  () => "If you have thoughts of harming yourself, call or text 988.",
  () => "Call 911 for chest pain, trouble breathing or fainting.",
  () => "Return to the ED or call 911 if symptoms worsen.",
  (r) => `Transferred from ${r.pick(STATES)} after a motor vehicle collision.`,
  (r) => `Moved from ${r.pick(STATES)} ${r.int(2, 20)} years ago; recent travel to ${r.pick(COUNTRIES)}.`,
  () => "Will continue the current regimen.",
  () => "Rose Bengal staining of the cornea negative.",
  () => "Street drug use denied. Main concern today is fatigue. Uses a pill box organizer.",
  () => "Transferred from the county hospital ED; prior records on the shared drive.",
  (r) => `Hunter syndrome ruled out; Gaucher screen pending; Fabry enzyme ${dec(r, 2, 9)} nmol/hr/mL.`,
  () => "May use ice packs 20 minutes at a time; this medicine may cause drowsiness.",
  () => "Hope to wean oxygen before discharge.",
  () => "Mark the operative site in pre-op.",
  (r) => `Troponin rose to ${r.pick(["0.06", "0.12", "0.3"])} then plateaued.`,
  () => "Bill to the primary payer; no secondary on file.",
  () => "Faith-based support group information provided.",
  () => "Summer camp medication form completed.",
  () => "Young adult with well-controlled asthma.",
  () => "Brown stool, guaiac negative. White count trending down.",
  () => "Frank hematuria resolved. Black tarry stools denied.",
  () => "Grant-funded transportation voucher given.",
  () => "Major depressive disorder, recurrent, moderate.",
  () => "Long-acting insulin held the night before surgery.",
  () => "DME: Walker, shower chair, bedside commode.",
  (r) => `${r.int(2, 9)} mm ureteral stone seen on CT, no hydronephrosis.`,
  () => "Insulin pump settings reviewed; pacemaker interrogation normal.",
  (r) => `CPAP adherence ${r.int(40, 99)}% of nights; Holter monitor for ${r.pick([24, 48])} hours.`,
  () => "PICC line placed in the right basilic vein; ICD shock count zero.",
  () => "Results released to the patient portal.",
  () => "Telehealth video visit; patient prefers contact through the portal.",
  () => "Education materials printed from the hospital website.",
  () => "Fax sent to the pharmacy; phone number verified in the chart.",
  () => "MRI brain without contrast and CT abdomen/pelvis with contrast ordered.",
  (r) => `ECG: NSR at ${r.int(58, 98)}, no acute ST changes.`,
  () => "NPO after midnight. Full code. PT/OT evaluation requested.",
  () => "ID clinic (infectious disease) following for MRSA bacteremia.",
  () => "HIV and HCV screening negative. CBC with diff, CMP and UA pending.",
  () => "Acetaminophen PRN; ibuprofen BID with food; avoid NSAIDs if BP elevated.",
  () => "Discussed DNR/DNI; patient remains full code.",
  (r) => `Lives with spouse; ${r.int(1, 4)} children; independent in ADLs.`,
  (r) => `Return to clinic in ${r.int(2, 12)} weeks; labs ${r.int(1, 7)} days before the visit.`,
  () => "Follow up with PCP after discharge; cardiology to see in clinic.",
];

export const PATIENT_SENTENCES: readonly Gen[] = [
  (r) =>
    `i've been taking my metformin ${r.pick([500, 1000])} mg twice a day but my sugars are still in the ${r.pick([150, 180, 200])}s`,
  () => "can i take tylenol with my ibuprofen?",
  (r) => `my bp was ${r.int(120, 170)}/${r.int(70, 100)} this morning, is that too high?`,
  (r) => `I will be out of town for ${r.int(1, 3)} weeks, can I get a 90 day supply?`,
  () => "Thank you, see you at the next visit.",
  (r) => `the pain is about a ${r.int(3, 9)} out of 10 today`,
  (r) => `I've had a cough for ${r.int(2, 10)} days and a low fever of ${r.pick(["99.8", "100.4", "101"])}.`,
  () => "Will the new medicine make me dizzy? The pharmacist said it may cause drowsiness.",
  () => "I uploaded my glucose readings to the portal.",
  (r) => `my daughter is ${r.int(2, 17)} and has had a rash for ${r.int(2, 5)} days`,
  () => "Is it ok to take the second dose at 2 pm instead of 8 am?",
  () => "I got the flu shot at the pharmacy already.",
];

/** Form fields without identifiers, for intake forms and CSV-like lines. */
export const FIELD_LOOKALIKES: readonly ((r: Random) => [string, string])[] = [
  (r) => ["Allergies", r.pick(["NKDA", "penicillin (rash)", "sulfa", "latex, shellfish"])],
  (r) => [
    "Chief Complaint",
    r.pick(["chest pain x 2 days", "cough for 1 week", "fall at home", "med refill"]),
  ],
  (r) => ["BP", `${r.int(100, 170)}/${r.int(60, 100)}`],
  (r) => ["Pulse", String(r.int(55, 110))],
  (r) => ["Dx", r.pick(["E11.9", "I10", "J45.909", "M54.5", "F41.1", "N39.0"])],
  (r) => ["CPT", r.pick(["99213", "99214", "93000", "36415"])],
  (r) => ["Smoking", r.pick(["never", "former, quit 2015", "current, 1 ppd", "former, 20 pack-years"])],
  (r) => ["Code Status", r.pick(["Full", "DNR/DNI", "Full code"])],
  (r) => ["Insurance Type", r.pick(["Medicare Part B", "Medicaid", "commercial PPO", "self-pay"])],
  (r) => ["Preferred Language", r.pick(["English", "Spanish", "Vietnamese", "Arabic"])],
  (r) => ["Sex", r.pick(["F", "M", "X"])],
  (r) => ["Height", r.pick([`${r.int(150, 195)} cm`, `${r.int(4, 6)} ft ${r.int(0, 11)} in`])],
  (r) => ["Weight", `${r.int(98, 320)} lb`],
  (r) => ["Age", String(r.int(18, 89))],
  (r) => ["Copay", `$${r.int(0, 60)}.00`],
  (r) => ["Pain", `${r.int(0, 10)}/10`],
  (r) => ["Visit Type", r.pick(["new patient", "follow-up", "telehealth", "annual wellness"])],
];
