/**
 * DATE: every date element but the year, in the formats notes and forms use (numeric, ISO, spelled
 * months, ordinals, month-year, dates with times), under birth, admission, discharge and service labels;
 * and ages of 90 and over, whose number is the planted span.
 */
import type { Random } from "../../src/dataset/random.js";
import { type Family, type Piece, pad, type Variant } from "./builder.js";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const ABBR_DOT = [
  "Jan.",
  "Feb.",
  "Mar.",
  "Apr.",
  "May",
  "Jun.",
  "Jul.",
  "Aug.",
  "Sept.",
  "Oct.",
  "Nov.",
  "Dec.",
];

function ordinal(d: number): string {
  if (d % 10 === 1 && d !== 11) return `${d}st`;
  if (d % 10 === 2 && d !== 12) return `${d}nd`;
  if (d % 10 === 3 && d !== 13) return `${d}rd`;
  return `${d}th`;
}

/** One date (Y, M 1-12, D 1-28) in one of many formats; some drop the year, none drops the day. */
export function formatDate(r: Random, y: number, m: number, d: number): string {
  const mm = pad(m, 2);
  const dd = pad(d, 2);
  const yy = pad(y % 100, 2);
  const month = MONTHS[m - 1]!;
  switch (r.int(1, 20)) {
    case 1:
    case 2:
      return `${mm}/${dd}/${y}`;
    case 3:
      return `${m}/${d}/${y}`;
    case 4:
      return `${mm}/${dd}/${yy}`;
    case 5:
      return `${m}-${d}-${yy}`;
    case 6:
      return `${mm}-${dd}-${y}`;
    case 7:
    case 8:
      return `${y}-${mm}-${dd}`;
    case 9:
      return `${month} ${d}, ${y}`;
    case 10:
      return `${ABBR[m - 1]} ${d}, ${y}`;
    case 11:
      return `${d} ${ABBR[m - 1]} ${y}`;
    case 12:
      return `${d} ${month} ${y}`;
    case 13:
      return `${dd}-${ABBR[m - 1]!.toUpperCase()}-${y}`;
    case 14:
      return `the ${ordinal(d)} of ${month}`;
    case 15:
      return `${month} ${ordinal(d)}`;
    case 16:
      return `${ABBR_DOT[m - 1]} ${d}`;
    case 17:
      return `${m}/${d}`;
    case 18:
      return `${y}-${mm}-${dd}T${pad(r.int(0, 23), 2)}:${pad(r.int(0, 59), 2)}:00`;
    case 19:
      return `${y}/${mm}/${dd}`;
    default:
      return `${month} ${d}`;
  }
}

function randomDate(r: Random, fromYear: number, toYear: number): string {
  return formatDate(r, r.int(fromYear, toYear), r.int(1, 12), r.int(1, 28));
}

function monthYear(r: Random): string {
  const y = r.int(1990, 2025);
  const m = r.int(1, 12);
  return r.pick([
    `${MONTHS[m - 1]} ${y}`,
    `${ABBR[m - 1]} ${y}`,
    `${pad(m, 2)}/${y}`,
    `${MONTHS[m - 1]} of ${y}`,
  ]);
}

const AGE_WORDS = ["ninety", "ninety-one", "ninety-two", "ninety-three", "ninety-four", "ninety-six"];

/** "93-year-old", "94 y/o", "91 yo": the number is the span. */
function ageAdjective(r: Random): Piece[] {
  if (r.chance(1, 12)) return [{ phi: r.pick(AGE_WORDS) }, "-year-old"];
  const age = String(r.pick([r.int(90, 99), r.int(90, 104)]));
  return [{ phi: age }, r.pick(["-year-old", "-year-old", " year old", " y/o", " yo", "-yr-old"])];
}

/** "age 94", "aged 96", "92 years old", "101 years of age". */
function agePhrase(r: Random): Piece[] {
  const age = String(r.int(90, 106));
  switch (r.int(1, 4)) {
    case 1:
      return ["age ", { phi: age }];
    case 2:
      return ["aged ", { phi: age }];
    case 3:
      return [{ phi: age }, " years old"];
    default:
      return [{ phi: age }, " years of age"];
  }
}

const EVENT_CLINICAL = [
  "Admitted on {} for CHF exacerbation.",
  "Discharged {} in stable condition.",
  "Surgery performed {} without complication.",
  "Last colonoscopy {} was normal.",
  "Seen in the ED on {} for chest pain.",
  "Date of injury: {}.",
  "Follow up scheduled for {} at 10:30.",
  "Symptoms began on {}.",
  "Claim for date of service {} was denied.",
  "Last tetanus booster given {}.",
  "Started insulin glargine on {}.",
  "Expired {} at 04:12, family at bedside.",
];

const EVENT_PATIENT = [
  "I have an appointment on {} but need to cancel.",
  "I was in the ER on {} and they said to follow up.",
  "can I move my visit from {}?",
  "I started the new pills on {} and feel dizzy.",
];

const variants: Variant[] = [
  {
    value: (r) => randomDate(r, 1920, 2010),
    clinical: ["DOB {}.", "Born {}.", "Date of birth: {}.", "Patient (DOB {}) identified at check-in."],
    patient: ["my birthday is {}", "My date of birth is {}.", "dob {} if you need it"],
    labels: ["DOB", "Date of Birth", "D.O.B.", "Birthdate", "Birth Date"],
  },
  {
    value: (r) => randomDate(r, 2015, 2025),
    clinical: EVENT_CLINICAL,
    patient: EVENT_PATIENT,
    labels: [
      "Admission Date",
      "Discharge Date",
      "Date of Service",
      "DOS",
      "Date of Injury",
      "Surgery Date",
      "Visit Date",
      "Admit Date",
      "Date of Death",
    ],
  },
  {
    value: monthYear,
    clinical: ["Diagnosed with breast cancer in {}.", "Last mammogram {}.", "Quit smoking in {}."],
    patient: ["I had my gallbladder out in {}."],
    labels: ["Onset", "Last Visit"],
  },
  {
    value: ageAdjective,
    clinical: [
      "The patient is a {} woman with atrial fibrillation.",
      "A {} man presents after a mechanical fall.",
      "This {} nursing home resident has a new sacral wound.",
      "Pt is a {} with dementia and dysphagia.",
    ],
    patient: ["My grandmother is {} and very frail."],
    labels: [],
  },
  {
    value: agePhrase,
    clinical: ["Widowed, {}, lives alone.", "Now {} and independent in ADLs.", "Patient is {}."],
    patient: ["My dad is {} and still drives."],
    labels: [],
  },
  {
    value: (r) => String(r.int(90, 103)),
    clinical: [],
    patient: [],
    labels: ["Age", "Age (yrs)", "Pt Age"],
  },
];

export const DATE: Family = { identifier: "DATE", variants };
