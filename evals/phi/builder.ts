/**
 * Builds one corpus record piece by piece so every planted span's offsets are known by construction
 * (never found by searching the finished text), plus the shared shapes of identifier families.
 */
import type { Random } from "../../src/dataset/random.js";
import type { Identifier } from "../../src/phi/identifiers.js";
import type { PlantedSpan } from "../../src/phi/quality.js";

/** Plain text, or a planted value of the family being emitted. */
export type Piece = string | { phi: string };

export type Voice = "clinical" | "patient";

/** One way an identifier shows up: a value shape, the sentences it fits in and the form labels it takes. */
export interface Variant {
  value: (r: Random) => string | Piece[];
  /** Sentence templates holding exactly one "{}", written by a clinician or billing clerk. */
  clinical: readonly string[];
  /** The same, in a patient's or relative's voice (portal messages, chat). */
  patient: readonly string[];
  /** Labels for form and CSV fields ("SSN", "Member ID"); empty when the value never stands in a field. */
  labels: readonly string[];
}

export interface Family {
  identifier: Identifier;
  variants: readonly Variant[];
}

export class Builder {
  private text = "";
  readonly spans: PlantedSpan[] = [];

  get length(): number {
    return this.text.length;
  }

  /** Appends plain text (no identifier in it). */
  t(s: string): this {
    this.text += s;
    return this;
  }

  /** Appends a planted value and records its span. */
  p(identifier: Identifier, value: string): this {
    if (value.length === 0) throw new Error(`empty ${identifier} value`);
    const start = this.text.length;
    this.text += value;
    this.spans.push({ identifier, start, end: this.text.length, value });
    return this;
  }

  pieces(identifier: Identifier, pieces: readonly Piece[]): this {
    for (const piece of pieces) {
      if (typeof piece === "string") this.t(piece);
      else this.p(identifier, piece.phi);
    }
    return this;
  }

  /** The last character written, or "" at the start. */
  last(): string {
    return this.text.slice(-1);
  }

  toString(): string {
    return this.text;
  }
}

export function asPieces(value: string | Piece[]): Piece[] {
  return typeof value === "string" ? [{ phi: value }] : value;
}

/** Splits a template at its single "{}" placeholder. */
export function splitTemplate(template: string): [string, string] {
  const at = template.indexOf("{}");
  if (at < 0 || template.indexOf("{}", at + 2) >= 0) throw new Error(`template needs one {}: ${template}`);
  return [template.slice(0, at), template.slice(at + 2)];
}

/** Writes one sentence of FAMILY in VOICE: a random variant that has templates for it, then a template. */
export function emitSentence(b: Builder, r: Random, family: Family, voice: Voice): void {
  const usable = family.variants.filter((v) => v[voice].length > 0);
  const variant = r.pick(usable.length > 0 ? usable : family.variants);
  const templates = variant[voice].length > 0 ? variant[voice] : variant.clinical;
  const [before, after] = splitTemplate(r.pick(templates));
  b.t(before)
    .pieces(family.identifier, asPieces(variant.value(r)))
    .t(after);
}

/** A label and its value pieces, for forms and CSV-like lines. */
export function fieldOf(r: Random, family: Family): { label: string; pieces: Piece[] } {
  const variant = r.pick(family.variants.filter((v) => v.labels.length > 0));
  return { label: r.pick(variant.labels), pieces: asPieces(variant.value(r)) };
}

// Small value helpers shared by the family modules.
export const DIGITS = "0123456789";
export const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function chars(r: Random, alphabet: string, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[r.int(0, alphabet.length - 1)];
  return s;
}

export function digits(r: Random, n: number): string {
  return chars(r, DIGITS, n);
}

/** N digits whose first is not zero. */
export function number(r: Random, n: number): string {
  return chars(r, "123456789", 1) + digits(r, n - 1);
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
