/**
 * Document shapes shared by the planted and clean corpora: clinical notes, claim narratives, discharge
 * instructions, referral letters, portal messages, chat transcripts, intake forms, "Label: value | ..."
 * lines and CSV rows. A document is written from sentences and fields that know how to write themselves.
 */
import type { Random } from "../../src/dataset/random.js";
import type { Builder, Voice } from "./builder.js";
import { NUMBER_SENTENCES } from "./lookalike-numbers.js";
import { FIELD_LOOKALIKES, PATIENT_SENTENCES, WORD_SENTENCES } from "./lookalike-words.js";

export const PROSE_STYLES = ["note", "claim", "discharge", "referral", "message", "chat"] as const;
export const FORM_STYLES = ["intake", "pipe", "csv"] as const;
export type Style = (typeof PROSE_STYLES)[number] | (typeof FORM_STYLES)[number];

export type Sentence = (b: Builder, voice: Voice) => void;
export interface Field {
  label: string;
  write: (b: Builder) => void;
  /** The written value when it is plain text; CSV quotes a cell whose text is unknown or holds a comma. */
  text?: string;
}

export interface Content {
  sentences: Sentence[];
  fields: Field[];
}

export function isForm(style: Style): boolean {
  return (FORM_STYLES as readonly string[]).includes(style);
}

export function voiceOf(style: Style): Voice {
  return style === "message" || style === "chat" ? "patient" : "clinical";
}

/** A sentence with no identifier, in the voice asked for. */
export function fillerSentence(r: Random): Sentence {
  return (b, voice) => {
    if (voice === "patient" && r.chance(2, 3)) b.t(r.pick(PATIENT_SENTENCES)(r));
    else b.t(r.pick(r.chance(1, 2) ? NUMBER_SENTENCES : WORD_SENTENCES)(r));
  };
}

/** K form fields with no identifier and distinct labels. */
export function fillerFields(r: Random, k: number): Field[] {
  return r.sample(FIELD_LOOKALIKES, k).map((gen) => {
    const [label, value] = gen(r);
    return { label, write: (b: Builder) => b.t(value), text: value };
  });
}

const NOTE_HEADERS = [
  "Progress note.",
  "HPI:",
  "ED provider note.",
  "Nursing note:",
  "Assessment and plan:",
  "S:",
  "Subjective:",
  "Telephone encounter.",
  "Case management note:",
];
const CLAIM_HEADERS = [
  "Claim narrative:",
  "Billing note:",
  "Appeal letter:",
  "Utilization review:",
  "Prior auth request:",
];
const GREETINGS = ["Hi,", "Hello,", "Good morning,", "hey", "Hi there,", ""];
const CLOSINGS = ["Thanks.", "Thank you!", "thanks", "Appreciate it.", ""];
const STAFF = [
  "Thanks, noted.",
  "Got it, I'll pass that along.",
  "Can you confirm that for me?",
  "Ok, one moment.",
];

function sentences(b: Builder, items: Sentence[], voice: Voice, sep: string, bullet = ""): void {
  items.forEach((item, i) => {
    // Chat-style sentences often end bare; on one line they need a full stop between them.
    if (i > 0 && sep === " " && /[\p{L}\p{N})]/u.test(b.last())) b.t(".");
    if (i > 0) b.t(sep);
    b.t(bullet);
    item(b, voice);
  });
}

function csvCell(b: Builder, field: Field): void {
  const quote = field.text === undefined || /[",]/.test(field.text);
  if (quote) b.t('"');
  field.write(b);
  if (quote) b.t('"');
}

/** Writes one document of STYLE from CONTENT; prose styles use the sentences, forms the fields. */
export function writeDocument(b: Builder, r: Random, style: Style, content: Content): void {
  const voice = voiceOf(style);
  const items = r.shuffle(content.sentences.slice());
  const fields = r.shuffle(content.fields.slice());
  switch (style) {
    case "note":
      b.t(`${r.pick(NOTE_HEADERS)}${r.pick([" ", "\n"])}`);
      sentences(b, items, voice, r.pick([" ", " ", "\n"]));
      return;
    case "claim":
      b.t(`${r.pick(CLAIM_HEADERS)} `);
      sentences(b, items, voice, " ");
      return;
    case "discharge":
      b.t("Discharge instructions:\n");
      sentences(b, items, voice, "\n", "- ");
      return;
    case "referral":
      b.t(`${r.pick(["Dear colleague,", "To the referral coordinator:", "Re: referral for evaluation"])}\n`);
      b.t("Thank you for seeing this patient. ");
      sentences(b, items, voice, " ");
      b.t(`\n${r.pick(["Sincerely,", "Best regards,", "Thank you,"])}\nReferring clinic`);
      return;
    case "message": {
      const greeting = r.pick(GREETINGS);
      if (greeting) b.t(`${greeting} `);
      sentences(b, items, voice, r.pick([" ", "\n"]));
      const closing = r.pick(CLOSINGS);
      if (closing) b.t(` ${closing}`);
      return;
    }
    case "chat":
      items.forEach((item, i) => {
        if (i > 0) b.t(`\nStaff: ${r.pick(STAFF)}\n`);
        b.t("Patient: ");
        item(b, voice);
      });
      return;
    case "intake":
      b.t(`${r.pick(["PATIENT INTAKE FORM", "Registration", "Face sheet", "Demographics"])}\n`);
      fields.forEach((f, i) => {
        if (i > 0) b.t("\n");
        b.t(`${f.label}: `);
        f.write(b);
      });
      return;
    case "pipe":
      fields.forEach((f, i) => {
        if (i > 0) b.t(" | ");
        b.t(`${f.label}: `);
        f.write(b);
      });
      return;
    case "csv":
      b.t(fields.map((f) => (f.label.includes(",") ? `"${f.label}"` : f.label)).join(","));
      b.t("\n");
      fields.forEach((f, i) => {
        if (i > 0) b.t(",");
        csvCell(b, f);
      });
      return;
  }
}
