/**
 * GEOGRAPHIC: street addresses (with units), PO boxes, cities, ZIP and ZIP+4 codes, counties and
 * parishes. In an address the street line, the city and the ZIP are separate planted spans; the state
 * is not PHI and stays plain text.
 */
import type { Random } from "../../src/dataset/random.js";
import { digits, type Family, type Piece, type Variant } from "./builder.js";
import { CITIES, COUNTIES, PARISHES, STREET_SUFFIXES, STREETS } from "./lists.js";

function houseNumber(r: Random): string {
  return String(r.pick([r.int(1, 99), r.int(100, 999), r.int(1000, 9999), r.int(10000, 29999)]));
}

function street(r: Random): string {
  const direction = r.chance(1, 5) ? `${r.pick(["N", "S", "E", "W", "North", "South", "NE", "SW"])} ` : "";
  return `${houseNumber(r)} ${direction}${r.pick(STREETS)} ${r.pick(STREET_SUFFIXES)}`;
}

function unit(r: Random): string {
  return r.pick([
    `Apt ${r.int(1, 30)}${r.pick(["", "A", "B", "C"])}`,
    `Apt. ${r.int(100, 999)}`,
    `Unit ${r.int(1, 40)}`,
    `#${r.int(1, 999)}`,
    `Suite ${r.int(100, 900)}`,
    `Lot ${r.int(1, 80)}`,
  ]);
}

function streetLine(r: Random): string {
  if (!r.chance(1, 3)) return street(r);
  return `${street(r)}${r.pick([", ", " "])}${unit(r)}`;
}

function poBox(r: Random): string {
  return `${r.pick(["PO Box", "P.O. Box", "P. O. Box", "POB"])} ${r.int(1, 99999)}`;
}

function zip(r: Random, prefix: string): string {
  const five = prefix + digits(r, 2);
  return r.chance(1, 3) ? `${five}-${digits(r, 4)}` : five;
}

/** [street line, city, ZIP] as separate spans: "12 Oak St, Dayton, OH 45402". */
function address(r: Random, line: (r: Random) => string): Piece[] {
  const [city, state, prefix] = r.pick(CITIES);
  const sep = r.pick([", ", ", ", " "]);
  return [{ phi: line(r) }, sep, { phi: city }, `, ${state} `, { phi: zip(r, prefix) }];
}

function cityState(r: Random): Piece[] {
  const [city, state] = r.pick(CITIES);
  return r.chance(1, 2) ? [{ phi: city }, `, ${state}`] : [{ phi: city }];
}

function cityStateZip(r: Random): Piece[] {
  const [city, state, prefix] = r.pick(CITIES);
  return [{ phi: city }, `, ${state} `, { phi: zip(r, prefix) }];
}

function county(r: Random): string {
  if (r.chance(1, 8)) return `${r.pick(PARISHES)} Parish`;
  return `${r.pick(COUNTIES)} County`;
}

const ADDRESS_CLINICAL = [
  "Lives at {} with her spouse.",
  "Home address: {}.",
  "Patient resides at {} and has stairs to enter.",
  "EMS responded to {} for a fall.",
  "Home health referral sent for services at {}.",
  "Mailing address updated to {}.",
  "Found unresponsive at {} by a neighbor.",
];

const ADDRESS_PATIENT = [
  "My new address is {}, can you update it?",
  "Please mail the bill to {}.",
  "I moved to {} last month.",
  "send the equipment to {} please",
];

const CITY_CLINICAL = [
  "Lives in {} with her husband.",
  "Recently moved here from {}.",
  "Transferred from an outside hospital in {}.",
  "Works at a warehouse in {}.",
  "Grew up in {} and moved here for work.",
  "Plans to stay with family in {} after discharge.",
];

const CITY_PATIENT = [
  "I'm staying at my sister's place in {} this week.",
  "we are driving back from {} tomorrow",
  "Is there a lab closer to {}?",
];

const variants: Variant[] = [
  {
    value: (r) => address(r, streetLine),
    clinical: ADDRESS_CLINICAL,
    patient: ADDRESS_PATIENT,
    labels: ["Address", "Home Address", "Mailing Address", "Street Address", "Residence"],
  },
  {
    value: (r) => address(r, poBox),
    clinical: ["Mailing address: {}.", "Statements go to {}."],
    patient: ["Please use my PO box, {}."],
    labels: ["Mailing Address", "Billing Address"],
  },
  { value: streetLine, clinical: ADDRESS_CLINICAL, patient: ADDRESS_PATIENT, labels: ["Street"] },
  { value: cityState, clinical: CITY_CLINICAL, patient: CITY_PATIENT, labels: ["City", "Birthplace"] },
  {
    value: cityStateZip,
    clinical: ["Patient is from {}.", "Pharmacy of choice is located in {}."],
    patient: ["I live in {} now."],
    labels: ["City/State/ZIP", "Location"],
  },
  {
    value: (r) => zip(r, r.pick(CITIES)[2]),
    clinical: ["ZIP code on file: {}.", "Coverage area check for ZIP {} completed."],
    patient: ["my zip is {}"],
    labels: ["ZIP", "Zip Code", "Postal Code", "ZIP+4"],
  },
  {
    value: county,
    clinical: [
      "Resident of {}.",
      "Reported to the {} health department per protocol.",
      "Lives in rural {} with limited transportation.",
      "Referred by {} Adult Protective Services.",
    ],
    patient: ["we live out in {} so the drive is long"],
    labels: ["County", "County of Residence"],
  },
];

export const GEOGRAPHIC: Family = { identifier: "GEOGRAPHIC", variants };
