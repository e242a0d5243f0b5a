/**
 * The planted corpus: realistic clinical documents, each carrying one identifier chosen round-robin (so
 * every identifier gets its share) plus up to three others, amid clinical filler full of look-alikes.
 */
import { Random } from "../../src/dataset/random.js";
import { IDENTIFIERS, type Identifier } from "../../src/phi/identifiers.js";
import type { PlantedRecord } from "../../src/phi/quality.js";
import { Builder, emitSentence, type Family, fieldOf } from "./builder.js";
import {
  type Content,
  type Field,
  fillerFields,
  fillerSentence,
  isForm,
  type Style,
  writeDocument,
} from "./documents.js";
import { EMAIL, FAX, IP_ADDRESS, PHONE, URL_FAMILY } from "./family-contact.js";
import { DATE } from "./family-dates.js";
import { BIOMETRIC, PHOTO } from "./family-media.js";
import { NAME } from "./family-names.js";
import { ACCOUNT_NUMBER, HEALTH_PLAN_ID, LICENSE_NUMBER, MRN, SSN } from "./family-numbers.js";
import { DEVICE_ID, OTHER_UNIQUE_ID, VEHICLE_ID } from "./family-objects.js";
import { GEOGRAPHIC } from "./family-places.js";

export const FAMILIES: Record<Identifier, Family> = {
  NAME,
  GEOGRAPHIC,
  DATE,
  PHONE,
  FAX,
  EMAIL,
  SSN,
  MRN,
  HEALTH_PLAN_ID,
  ACCOUNT_NUMBER,
  LICENSE_NUMBER,
  VEHICLE_ID,
  DEVICE_ID,
  URL: URL_FAMILY,
  IP_ADDRESS,
  BIOMETRIC,
  PHOTO,
  OTHER_UNIQUE_ID,
};

export const STYLE_WEIGHTS: readonly (readonly [Style, number])[] = [
  ["note", 3],
  ["claim", 2],
  ["discharge", 1],
  ["referral", 1],
  ["message", 2],
  ["chat", 1],
  ["intake", 2],
  ["pipe", 2],
  ["csv", 1],
];

function phiField(r: Random, family: Family): Field {
  const { label, pieces } = fieldOf(r, family);
  const text = pieces.map((p) => (typeof p === "string" ? p : p.phi)).join("");
  return { label, write: (b) => b.pieces(family.identifier, pieces), text };
}

export function plantedRecords(seed: number, count: number): PlantedRecord[] {
  const r = new Random(seed);
  const records: PlantedRecord[] = [];
  for (let i = 0; i < count; i++) {
    const primary = IDENTIFIERS[i % IDENTIFIERS.length]!;
    const others = r.sample(
      IDENTIFIERS.filter((id) => id !== primary),
      r.pick([0, 1, 1, 2, 2, 3]),
    );
    const families = [primary, ...others].map((id) => FAMILIES[id]);
    const style = r.pickWeighted(STYLE_WEIGHTS);
    const content: Content = { sentences: [], fields: [] };
    if (isForm(style)) {
      content.fields = [...families.map((f) => phiField(r, f)), ...fillerFields(r, r.int(1, 3))];
    } else {
      content.sentences = families.map((f) => (b, voice) => emitSentence(b, r, f, voice));
      for (let k = r.int(1, 3); k > 0; k--) content.sentences.push(fillerSentence(r));
    }
    const b = new Builder();
    writeDocument(b, r, style, content);
    records.push({ id: `planted-${String(i + 1).padStart(4, "0")}`, text: b.toString(), spans: b.spans });
  }
  return records;
}
