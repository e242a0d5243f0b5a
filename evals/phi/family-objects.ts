/**
 * VEHICLE_ID, DEVICE_ID and OTHER_UNIQUE_ID: VINs with valid check characters and plates, implant and
 * equipment serials, GS1 UDIs, IMEIs, MAC addresses, and claim/employee/case/accession/specimen/
 * encounter/Rx numbers.
 */
import type { Random } from "../../src/dataset/random.js";
import { chars, digits, type Family, number, pad, UPPER, type Variant } from "./builder.js";
import { gtin14, imei, vin } from "./checksums.js";

const ALNUM = `${UPPER}0123456789`;

function plate(r: Random): string {
  return r.pick([
    `${chars(r, UPPER, 3)}-${digits(r, 4)}`,
    `${chars(r, UPPER, 3)} ${digits(r, 4)}`,
    `${r.int(1, 9)}${chars(r, UPPER, 3)}${digits(r, 3)}`,
    `${chars(r, UPPER, 3)}${digits(r, 4)}`,
    `${digits(r, 1)}${chars(r, UPPER, 3)}${digits(r, 2)}`,
    `${chars(r, UPPER, 3)}-${digits(r, 2)}${chars(r, UPPER, 1)}`,
  ]);
}

function serial(r: Random): string {
  return r.pick([
    `${chars(r, UPPER, 3)}${digits(r, 6)}${chars(r, UPPER, 1)}`,
    number(r, 8),
    `${chars(r, ALNUM, 4)}-${chars(r, ALNUM, 4)}-${digits(r, 4)}`,
    `SN${digits(r, 9)}`,
    `${digits(r, 2)}${chars(r, UPPER, 2)}${digits(r, 5)}`,
  ]);
}

function udi(r: Random): string {
  const gtin = gtin14(r);
  const expiry = `${pad(r.int(25, 30), 2)}${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}`;
  const lot = chars(r, ALNUM, r.int(5, 8));
  const sn = chars(r, ALNUM, r.int(6, 10));
  return r.chance(1, 4) ? `01${gtin}17${expiry}10${lot}` : `(01)${gtin}(17)${expiry}(10)${lot}(21)${sn}`;
}

function imeiFormatted(r: Random): string {
  const id = imei(r);
  return r.chance(1, 2) ? id : `${id.slice(0, 2)}-${id.slice(2, 8)}-${id.slice(8, 14)}-${id.slice(14)}`;
}

function macAddress(r: Random): string {
  const sep = r.pick([":", "-"]);
  return Array.from({ length: 6 }, () => chars(r, "0123456789ABCDEF", 2)).join(sep);
}

function year(r: Random): string {
  return String(r.int(2019, 2025));
}

/** OTHER_UNIQUE_ID kinds: a value shape with the sentences and labels that go with it. */
function other(
  value: (r: Random) => string,
  clinical: string[],
  patient: string[],
  labels: string[],
): Variant {
  return { value, clinical, patient, labels };
}

const OTHER: Variant[] = [
  other(
    (r) => r.pick([`CLM-${year(r)}-${digits(r, 7)}`, `${year(r)}${digits(r, 8)}`, number(r, 11)]),
    ["Claim number {} was denied for timely filing.", "Appeal filed for claim {}.", "ICN {} reprocessed."],
    ["my claim number is {}"],
    ["Claim #", "Claim Number", "ICN"],
  ),
  other(
    (r) => r.pick([`E${digits(r, 6)}`, `EMP-${digits(r, 5)}`, number(r, 7)]),
    ["Employee ID {} listed on the work injury form.", "Badge number {} recorded by occupational health."],
    ["my employee id is {}"],
    ["Employee ID", "Employee #", "Badge #"],
  ),
  other(
    (r) =>
      r.pick([`WC-${year(r)}-${digits(r, 6)}`, `${year(r).slice(2)}-${digits(r, 4)}`, `CASE${digits(r, 7)}`]),
    [
      "Workers' compensation case {} opened.",
      "APS case number {} assigned.",
      "Case # {} referenced by the adjuster.",
    ],
    ["my case number is {}"],
    ["Case #", "Case Number", "WC Claim"],
  ),
  other(
    (r) =>
      r.pick([
        `S${year(r).slice(2)}-${digits(r, 5)}`,
        `ACC${digits(r, 8)}`,
        `SP-${year(r).slice(2)}-${digits(r, 6)}`,
      ]),
    [
      "Accession # {} sent to pathology.",
      "Specimen ID {} received in the lab.",
      "Surgical pathology {} reviewed.",
    ],
    [],
    ["Accession #", "Specimen ID", "Accession No."],
  ),
  other(
    (r) => r.pick([`ENC${digits(r, 7)}`, number(r, 10), `V${digits(r, 8)}`]),
    [
      "Encounter number {} billed to the secondary payer.",
      "CSN {} linked to the visit.",
      "Visit ID {} closed.",
    ],
    [],
    ["Encounter #", "CSN", "Visit ID", "FIN"],
  ),
  other(
    (r) =>
      r.pick([number(r, 7), `${number(r, 7)}-${digits(r, 2)}`, `RX${digits(r, 8)}`, `PA${digits(r, 9)}`]),
    [
      "Rx # {} refilled at the pharmacy.",
      "Prescription number {} transferred.",
      "Prior authorization # {} approved.",
    ],
    ["the rx number on the bottle is {}"],
    ["Rx #", "Prescription #", "Prior Auth #"],
  ),
];

const variants = {
  VEHICLE_ID: [
    {
      value: vin,
      clinical: [
        "Patient was the driver of the vehicle with VIN {}.",
        "Police report lists VIN {}.",
        "Auto insurer claim references vehicle identification number {}.",
      ],
      patient: ["the VIN on my car is {} for the insurance form"],
      labels: ["VIN", "Vehicle ID", "Vehicle Identification Number"],
    },
    {
      value: plate,
      clinical: [
        "Struck by a vehicle with license plate {}.",
        "Patient's car (plate {}) is parked in the visitor lot.",
        "Tag number {} recorded by security.",
        "Ambulance crew noted plate {} at the scene.",
      ],
      patient: ["my plate number is {} for the parking pass"],
      labels: ["License Plate", "Plate #", "Tag #", "Plate No."],
    },
  ],
  DEVICE_ID: [
    {
      value: serial,
      clinical: [
        "Pacemaker serial number {} interrogated, normal function.",
        "Medtronic Azure XT DR, S/N {}.",
        "Insulin pump serial # {} replaced under warranty.",
        "ICD generator serial no. {} explanted and returned to the manufacturer.",
        "CPAP machine serial {} logged by the DME vendor.",
        "Hearing aid S/N {} sent for repair.",
      ],
      patient: ["the serial number on my pump is {}", "my CPAP S/N is {}"],
      labels: ["Serial No.", "S/N", "Serial #", "Device Serial", "SN"],
    },
    {
      value: udi,
      clinical: [
        "Implant UDI {} scanned into the record.",
        "Device identifier {} recorded in the implant log.",
      ],
      patient: [],
      labels: ["UDI", "Implant UDI", "Device UDI"],
    },
    {
      value: imeiFormatted,
      clinical: [
        "Cellular glucose monitor IMEI {} registered.",
        "Tablet issued for home monitoring, IMEI {}.",
      ],
      patient: ["the IMEI on the back of the monitor is {}"],
      labels: ["IMEI"],
    },
    {
      value: macAddress,
      clinical: ["Home hub MAC address {} registered for remote cardiac monitoring."],
      patient: [],
      labels: ["MAC Address", "MAC"],
    },
    {
      value: (r: Random) => r.pick([`DEV-${digits(r, 4)}-${digits(r, 5)}`, chars(r, ALNUM, 6)]),
      clinical: [
        "Remote monitor device ID {} paired with the patient account.",
        "CGM transmitter ID {} entered.",
      ],
      patient: ["the device id on my sensor box is {}"],
      labels: ["Device ID", "Transmitter ID"],
    },
  ],
  OTHER_UNIQUE_ID: OTHER,
} satisfies Record<string, Variant[]>;

export const VEHICLE_ID: Family = { identifier: "VEHICLE_ID", variants: variants.VEHICLE_ID };
export const DEVICE_ID: Family = { identifier: "DEVICE_ID", variants: variants.DEVICE_ID };
export const OTHER_UNIQUE_ID: Family = { identifier: "OTHER_UNIQUE_ID", variants: variants.OTHER_UNIQUE_ID };
