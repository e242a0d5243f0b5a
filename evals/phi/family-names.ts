/**
 * NAME: patients, relatives, caregivers and clinicians, in the formats clinical text uses (First Last,
 * Last, First, titles, middle initials, possessives, lowercase in chat, hyphens, apostrophes, non-English
 * names).
 */
import type { Random } from "../../src/dataset/random.js";
import type { Family, Piece, Variant } from "./builder.js";
import { INTL_FIRST, INTL_LAST, SPECIAL_LAST, US_FIRST, US_LAST } from "./lists.js";

export function firstName(r: Random): string {
  return r.chance(3, 10) ? r.pick(INTL_FIRST) : r.pick(US_FIRST);
}

export function lastName(r: Random): string {
  const roll = r.int(1, 20);
  if (roll <= 3) return r.pick(SPECIAL_LAST);
  if (roll <= 8) return r.pick(INTL_LAST);
  return r.pick(US_LAST);
}

function initial(r: Random): string {
  return `${String.fromCharCode(65 + r.int(0, 25))}.`;
}

/** A full name in one of several orders and cases, as one planted value. */
function fullName(r: Random): string {
  const first = firstName(r);
  const last = lastName(r);
  switch (r.int(1, 8)) {
    case 1:
      return `${first} ${initial(r)} ${last}`;
    case 2:
      return `${first} ${firstName(r)} ${last}`;
    default:
      return `${first} ${last}`;
  }
}

function lastFirst(r: Random): string {
  const first = firstName(r);
  const last = lastName(r);
  switch (r.int(1, 4)) {
    case 1:
      return `${last.toUpperCase()}, ${first.toUpperCase()}`;
    case 2:
      return `${last}, ${first} ${initial(r)}`;
    default:
      return `${last}, ${first}`;
  }
}

const FULL_CLINICAL = [
  "{} was seen today for follow-up of type 2 diabetes.",
  "Spoke with {} by phone regarding the lab results.",
  "{} tolerated the procedure well and was transferred to PACU.",
  "Emergency contact is {}, spouse.",
  "Daughter {} is at the bedside and agrees with the plan.",
  "Caregiver {} reports improved appetite this week.",
  "Health care proxy: {} (son).",
  "Patient identified as {} by two identifiers.",
  "Claim filed on behalf of {} for the emergency visit.",
  "Per {}, the patient has been taking the medication as prescribed.",
  "Chart reviewed for {} prior to the visit.",
  "Left voicemail for {} to call back about the biopsy.",
  "{}, a retired teacher, presents with worsening dyspnea.",
  "Records requested by the patient's sister, {}.",
];

const FULL_PATIENT = [
  "Hi, this is {} following up on my refill request.",
  "This is {}. I was seen last week and still have a cough.",
  "My wife {} will call to schedule the MRI.",
  "Please send the forms to my daughter {}.",
  "Hello, my name is {} and I need to reschedule.",
  "I'm writing for my father, {}, who had a fall yesterday.",
  "Thanks so much! - {}",
];

const TITLE_CLINICAL = [
  "{} reports intermittent chest pain with exertion.",
  "{} was counseled on smoking cessation.",
  "Discussed risks and benefits with {}, who wishes to proceed.",
  "{} denies fevers or chills.",
  "Called {} to review the imaging.",
  "Will ask {} to bring the glucose log next visit.",
];

const TITLE_PATIENT = [
  "Could {} please call me back?",
  "I was told {} would review my results.",
  "Please thank {} for me.",
];

const DOCTOR_CLINICAL = [
  "Seen by {} in cardiology clinic.",
  "Case discussed with {}, attending.",
  "Referring physician: {}.",
  "Consult placed to {} for wound care.",
  "Dictated by {}.",
  "Follow up with {} in 2 weeks.",
];

const DOCTOR_PATIENT = ["Can I get an appointment with {}?", "{} said I could stop the antibiotic."];

const POSSESSIVE = [
  "{}'s wife reports he has been more confused at night.",
  "{}'s daughter will provide transportation.",
  "Reviewed {}'s home glucose log.",
  "{}'s pain is better controlled on the current regimen.",
  "Obtained {}'s consent for the procedure.",
];

const RELATION_CLINICAL = [
  "Son {} is the health care proxy.",
  "Lives with her husband {} and two dogs.",
  "Wife {} present for the discussion.",
  "Granddaughter {} helps with medications.",
  "Brother {} was also diagnosed with colon cancer.",
];

const CHAT = [
  "my husband {} will drive me to the appointment",
  "can my son {} pick up my prescription?",
  "hi its {} again, the rash is spreading",
  "my mom {} has been dizzy since tuesday's visit",
  "ok thanks! {} will bring the paperwork",
  "this is {}'s mother, he still has a fever",
];

function title(r: Random): Piece[] {
  return [`${r.pick(["Mr. ", "Mrs. ", "Ms. ", "Miss ", "Mr ", "Mrs "])}`, { phi: lastName(r) }];
}

function doctor(r: Random): Piece[] {
  switch (r.int(1, 4)) {
    case 1:
      return [{ phi: `${firstName(r)} ${lastName(r)}` }, r.pick([", MD", ", DO", ", NP", ", PA-C"])];
    case 2:
      return [r.pick(["Dr. ", "Dr "]), { phi: `${firstName(r)} ${lastName(r)}` }];
    default:
      return [r.pick(["Dr. ", "Dr ", "Doctor "]), { phi: lastName(r) }];
  }
}

const variants: Variant[] = [
  {
    value: fullName,
    clinical: FULL_CLINICAL,
    patient: FULL_PATIENT,
    labels: ["Name", "Patient Name", "Patient", "Emergency Contact", "Guarantor", "Subscriber", "Insured"],
  },
  {
    value: lastFirst,
    clinical: ["Patient: {}.", "Pt {} seen in clinic today.", "Label verified: {}."],
    patient: [],
    labels: ["Name", "Patient Name", "Pt Name", "Name (Last, First)"],
  },
  { value: title, clinical: TITLE_CLINICAL, patient: TITLE_PATIENT, labels: ["Contact"] },
  {
    value: doctor,
    clinical: DOCTOR_CLINICAL,
    patient: DOCTOR_PATIENT,
    labels: ["PCP", "Referring Provider", "Attending"],
  },
  {
    value: (r) => (r.chance(1, 2) ? firstName(r) : lastName(r)),
    clinical: POSSESSIVE,
    patient: [],
    labels: [],
  },
  { value: firstName, clinical: RELATION_CLINICAL, patient: [], labels: ["Spouse", "Mother's First Name"] },
  {
    value: (r) => (r.chance(2, 3) ? firstName(r) : `${firstName(r)} ${lastName(r)}`).toLowerCase(),
    clinical: [],
    patient: CHAT,
    labels: [],
  },
];

export const NAME: Family = { identifier: "NAME", variants };
