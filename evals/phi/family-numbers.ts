/**
 * SSN, MRN, HEALTH_PLAN_ID, ACCOUNT_NUMBER and LICENSE_NUMBER: labelled and bare numbers, Medicare MBIs
 * in valid grammar, payment cards that pass Luhn, DEA and NPI numbers with valid check digits,
 * driver's licences in several state formats and professional licences.
 */
import type { Random } from "../../src/dataset/random.js";
import { chars, digits, type Family, number, UPPER, type Variant } from "./builder.js";
import { card, dea, mbi, npi } from "./checksums.js";
import { lastName } from "./family-names.js";

function ssn(r: Random): string {
  let area = r.int(1, 899);
  if (area === 666) area = 667;
  const a = r.chance(1, 5) ? "999" : String(area).padStart(3, "0");
  const g = String(r.int(1, 99)).padStart(2, "0");
  const s = String(r.int(1, 9999)).padStart(4, "0");
  return r.pick([`${a}-${g}-${s}`, `${a}-${g}-${s}`, `${a}-${g}-${s}`, `${a} ${g} ${s}`, `${a}${g}${s}`]);
}

function mrn(r: Random): string {
  return r.pick([
    digits(r, 8),
    number(r, 7),
    `00${digits(r, 6)}`,
    `${chars(r, UPPER, 1)}${digits(r, 7)}`,
    `MRN-${digits(r, 8)}`,
    `${digits(r, 2)}-${digits(r, 2)}-${digits(r, 3)}`,
    `E${digits(r, 9)}`,
    `${number(r, 3)}-${digits(r, 4)}`,
  ]);
}

function memberId(r: Random): string {
  return r.pick([
    `${chars(r, UPPER, 3)}${digits(r, 9)}`,
    `W${digits(r, 9)}`,
    `${chars(r, UPPER, 1)}${digits(r, 8)}`,
    `${number(r, 9)}${chars(r, UPPER, 1)}${digits(r, 1)}`,
    `${chars(r, UPPER, 2)}${digits(r, 7)}-${digits(r, 2)}`,
    `${digits(r, 11)}`,
    `U${digits(r, 10)}`,
  ]);
}

function medicare(r: Random): string {
  const id = mbi(r);
  return r.chance(1, 2) ? `${id.slice(0, 4)}-${id.slice(4, 7)}-${id.slice(7)}` : id;
}

function medicaid(r: Random): string {
  return r.pick([
    digits(r, 12),
    `${chars(r, UPPER, 2)}${digits(r, 5)}${chars(r, UPPER, 1)}`,
    `${number(r, 9)}`,
  ]);
}

function account(r: Random): string {
  return r.pick([
    number(r, 8),
    `${digits(r, 4)}-${digits(r, 4)}-${digits(r, 2)}`,
    `PA-${digits(r, 7)}`,
    `ACCT${digits(r, 9)}`,
    `${number(r, 10)}`,
    `${chars(r, UPPER, 2)}${digits(r, 8)}`,
  ]);
}

function bankAccount(r: Random): string {
  return number(r, r.int(9, 12));
}

function creditCard(r: Random): string {
  const [prefix, length] = r.pick([
    ["4", 16],
    ["4", 16],
    [String(r.int(51, 55)), 16],
    [r.pick(["34", "37"]), 15],
    ["6011", 16],
  ] as const);
  const n = card(r, prefix, length);
  const sep = r.pick([" ", "-", ""]);
  if (length === 15) return [n.slice(0, 4), n.slice(4, 10), n.slice(10)].join(sep);
  return [n.slice(0, 4), n.slice(4, 8), n.slice(8, 12), n.slice(12)].join(sep);
}

function driversLicense(r: Random): string {
  return r.pick([
    `${chars(r, UPPER, 1)}${digits(r, 7)}`, // CA
    `${digits(r, 3)} ${digits(r, 3)} ${digits(r, 3)}`, // NY
    `${chars(r, UPPER, 1)}${digits(r, 3)}-${digits(r, 3)}-${digits(r, 2)}-${digits(r, 3)}-${digits(r, 1)}`, // FL
    `${chars(r, UPPER, 1)}${digits(r, 3)}-${digits(r, 4)}-${digits(r, 4)}`, // IL
    number(r, 8), // TX, PA
    `${chars(r, UPPER, 2)}${digits(r, 6)}`, // OH
    `WDL${chars(r, `${UPPER}0123456789`, 9)}`, // WA
    `${chars(r, UPPER, 1)}${digits(r, 12)}`, // MI, MN
  ]);
}

function professionalLicense(r: Random): string {
  return r.pick([
    `${r.pick(["A", "C", "G"])}${number(r, 5)}`,
    `RN${digits(r, 7)}`,
    `MD.${digits(r, 6)}`,
    `${digits(r, 10)}`,
    `LPN-${digits(r, 6)}`,
    `${r.pick(["PA", "NP", "DO"])}${digits(r, 5)}`,
    `${number(r, 6)}`,
  ]);
}

const variants = {
  SSN: [
    {
      value: ssn,
      clinical: [
        "SSN {} verified with the patient.",
        "Social Security number on file: {}.",
        "Claim rejected because SSN {} did not match the subscriber record.",
        "Patient provided SS# {} for the disability paperwork.",
        "Guarantor soc sec no. {} entered.",
        "Identity confirmed, {}, per the disability application.",
      ],
      patient: ["my social is {}", "SSN: {} (for the billing office)", "my ssn # is {}"],
      labels: ["SSN", "SS#", "Social Security Number", "Social Security No.", "Soc Sec #", "Subscriber SSN"],
    },
  ],
  MRN: [
    {
      value: mrn,
      clinical: [
        "MRN {} merged with the duplicate chart.",
        "Medical Record # {} used for the order.",
        "Chart No. {} reviewed.",
        "Patient MRN: {}.",
        "Specimen labelled with MR# {}.",
        "Outside records filed under medical record number {}.",
        "Hospital number {} given at registration.",
      ],
      patient: ["my MRN is {}", "the chart number on my wristband is {}"],
      labels: [
        "MRN",
        "Medical Record #",
        "Medical Record Number",
        "Chart No.",
        "Chart #",
        "MR#",
        "Hospital No.",
      ],
    },
  ],
  HEALTH_PLAN_ID: [
    {
      value: memberId,
      clinical: [
        "Member ID {} verified with the payer.",
        "Subscriber ID {} is active as of today.",
        "Policy number {} on the insurance card.",
        "Eligibility check for member {} returned active coverage.",
      ],
      patient: ["my insurance member id is {}", "the id on my card is {}"],
      labels: ["Member ID", "Subscriber ID", "Policy #", "Policy Number", "Insurance ID", "Member #", "ID#"],
    },
    {
      value: medicare,
      clinical: [
        "Medicare MBI {} confirmed.",
        "Medicare number: {}.",
        "Part B claim submitted under MBI {}.",
      ],
      patient: ["my medicare number is {}"],
      labels: ["MBI", "Medicare ID", "Medicare Beneficiary Identifier", "Medicare #"],
    },
    {
      value: medicaid,
      clinical: ["Medicaid ID {} is pending renewal.", "Medicaid recipient number {} on file."],
      patient: ["my medicaid number is {}"],
      labels: ["Medicaid ID", "Medicaid #", "Recipient ID", "CIN"],
    },
    {
      value: (r: Random) =>
        r.pick([digits(r, 6), `GRP-${digits(r, 5)}`, `${chars(r, UPPER, 1)}${digits(r, 5)}`]),
      clinical: ["Group number {} through the employer plan.", "Group # {} listed on the card."],
      patient: ["group number is {}"],
      labels: ["Group #", "Group Number", "Group No."],
    },
  ],
  ACCOUNT_NUMBER: [
    {
      value: account,
      clinical: [
        "Billing account {} sent to collections.",
        "Payment posted to account # {}.",
        "Patient account number {} has a credit balance.",
        "Guarantor acct {} updated with new insurance.",
      ],
      patient: ["my account number is {}", "I paid online for account {}"],
      labels: ["Account #", "Account Number", "Acct No.", "Billing Account", "Patient Account", "Acct"],
    },
    {
      value: bankAccount,
      clinical: ["Refund issued by ACH to bank account {}.", "Autopay set up from checking account {}."],
      patient: ["please refund to my checking account {}"],
      labels: ["Bank Account", "Checking Account #"],
    },
    {
      value: creditCard,
      clinical: ["Copay charged to card {}.", "Payment declined for credit card {}.", "Card on file: {}."],
      patient: ["you can charge my card {}", "card number is {} if that works"],
      labels: ["Card Number", "Credit Card", "Card #", "CC"],
    },
  ],
  LICENSE_NUMBER: [
    {
      value: driversLicense,
      clinical: [
        "Identity verified with driver's license {}.",
        "DL# {} photocopied at registration.",
        "Driver's licence number {} recorded in the police report.",
      ],
      patient: ["my drivers license number is {}"],
      labels: ["Driver's License", "DL#", "DL Number", "Driver License No.", "State ID"],
    },
    {
      value: (r: Random) => dea(r, lastName(r)),
      clinical: [
        "Prescriber DEA {}.",
        "DEA# {} on the controlled substance prescription.",
        "DEA number {} verified.",
      ],
      patient: [],
      labels: ["DEA", "DEA #", "DEA Number"],
    },
    {
      value: npi,
      clinical: ["Rendering provider NPI {}.", "Referring NPI: {}.", "Claim returned: NPI {} not on file."],
      patient: [],
      labels: ["NPI", "Provider NPI", "Rendering NPI"],
    },
    {
      value: professionalLicense,
      clinical: [
        "State medical license {} is active.",
        "Nursing license #{} verified with the board.",
        "Physician license number {} listed on the certificate.",
        "Board of Pharmacy license {} on file.",
      ],
      patient: [],
      labels: ["License #", "Medical License", "RN License", "State License No.", "Lic. No."],
    },
  ],
} satisfies Record<string, Variant[]>;

export const SSN: Family = { identifier: "SSN", variants: variants.SSN };
export const MRN: Family = { identifier: "MRN", variants: variants.MRN };
export const HEALTH_PLAN_ID: Family = { identifier: "HEALTH_PLAN_ID", variants: variants.HEALTH_PLAN_ID };
export const ACCOUNT_NUMBER: Family = { identifier: "ACCOUNT_NUMBER", variants: variants.ACCOUNT_NUMBER };
export const LICENSE_NUMBER: Family = { identifier: "LICENSE_NUMBER", variants: variants.LICENSE_NUMBER };
