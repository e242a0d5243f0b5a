/**
 * BIOMETRIC and PHOTO: biometric template references (fingerprint, voiceprint, retina, iris, palm vein,
 * facial geometry) and patient image references (file names, DICOM files, data URIs, "full-face
 * photograph").
 */
import type { Random } from "../../src/dataset/random.js";
import { chars, digits, type Family, pad, UPPER, type Variant } from "./builder.js";

const ALNUM = `${UPPER}0123456789`;
const HEX = "0123456789abcdef";
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function biometric(r: Random): string {
  const finger = r.pick(["right index", "left index", "left thumb", "right thumb"]);
  return r.pick([
    `${finger} fingerprint template FPT-${digits(r, 6)}`,
    `fingerprint hash ${chars(r, HEX, 16)}`,
    `voiceprint VP-${digits(r, 5)}-${chars(r, UPPER, 1)}`,
    `voice biometric enrollment ID VB${digits(r, 7)}`,
    `retinal scan hash ${chars(r, HEX, 12)}`,
    `iris template IRS-${digits(r, 5)}`,
    `palm vein pattern PV-${digits(r, 6)}`,
    `facial geometry template FGT-${chars(r, ALNUM, 8)}`,
  ]);
}

function photoFile(r: Random): string {
  const y = r.int(2019, 2025);
  return r.pick([
    `IMG_${digits(r, 4)}.${r.pick(["jpg", "JPG", "jpeg", "HEIC", "png"])}`,
    `DSC0${digits(r, 4)}.JPG`,
    `PXL_${y}${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}_${pad(r.int(0, 23), 2)}${pad(r.int(0, 59), 2)}${pad(r.int(0, 59), 2)}${digits(r, 3)}.jpg`,
    `patient_photo_${digits(r, 4)}.png`,
    `face_front_${digits(r, 3)}.jpeg`,
    `IM-0001-${digits(r, 4)}.dcm`,
    `1.2.840.113619.2.55.3.${digits(r, 9)}.${digits(r, 3)}.dcm`,
    `IMG${digits(r, 5)}.dcm`,
    `registration_headshot_${digits(r, 5)}.jpg`,
  ]);
}

function dataUri(r: Random): string {
  const jpeg = r.chance(1, 2);
  const head = jpeg
    ? "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ"
    : "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA";
  return head + chars(r, BASE64, r.int(24, 72)) + r.pick(["", "=", "=="]);
}

const variants = {
  BIOMETRIC: [
    {
      value: biometric,
      clinical: [
        "Identity verified by {}.",
        "Dispensing cabinet access logged with {}.",
        "Patient enrolled {} at the registration kiosk.",
        "Employer time clock stores {} for the patient.",
        "Record linked to {} from the prior admission.",
      ],
      patient: ["the app saved my {} when I logged in"],
      labels: [],
    },
    {
      value: (r: Random) => r.pick([`FPT-${digits(r, 6)}`, chars(r, HEX, 16)]),
      clinical: [],
      patient: [],
      labels: ["Fingerprint Template ID", "Fingerprint Hash", "Biometric ID"],
    },
    {
      value: (r: Random) => r.pick([`VP-${digits(r, 5)}-${chars(r, UPPER, 1)}`, `VB${digits(r, 7)}`]),
      clinical: [],
      patient: [],
      labels: ["Voiceprint ID", "Voice Biometric ID"],
    },
    {
      value: (r: Random) => r.pick([`IRS-${digits(r, 5)}`, chars(r, HEX, 12)]),
      clinical: [],
      patient: [],
      labels: ["Iris Scan ID", "Retina Scan Hash", "Iris Template"],
    },
  ],
  PHOTO: [
    {
      value: photoFile,
      clinical: [
        "Photo of patient attached: {}",
        "Registration photo saved as {}.",
        "Patient's face photo {} uploaded to the media tab.",
        "Identification photo on file: {}.",
        "Images of the facial laceration saved as {}.",
      ],
      patient: ["here is a picture of my face {}", "attached {} so you can see the swelling around my eye"],
      labels: ["Photo", "Image", "Attachment", "Patient Photo", "File"],
    },
    {
      value: dataUri,
      clinical: ["Patient photo embedded in the note: {}", '<img src="{}" alt="patient photo">'],
      patient: [],
      labels: ["Photo"],
    },
    {
      value: (r: Random) =>
        r.pick([
          "full-face photograph",
          "full face photo",
          "full-face photo",
          "facial photograph",
          "passport-style photo",
        ]),
      clinical: [
        "A {} was taken at registration and placed in the chart.",
        "Consent obtained for a {} for the trauma record.",
        "The {} in the chart was used to identify the patient.",
      ],
      patient: ["do you need a {} for my file?"],
      labels: [],
    },
  ],
} satisfies Record<string, Variant[]>;

export const BIOMETRIC: Family = { identifier: "BIOMETRIC", variants: variants.BIOMETRIC };
export const PHOTO: Family = { identifier: "PHOTO", variants: variants.PHOTO };
