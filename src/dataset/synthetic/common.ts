/**
 * Small helpers the synthetic generators share: patients (age 18 to 89 and sex only, never an identifier),
 * money to the cent, words for numbers, and capitalisation.
 */
import type { Random } from "../random.js";
import type { Sex } from "./codes.js";

export interface Patient {
  age: number;
  sex: Sex;
}

/** Ages stay within 18 to 89 by construction: Safe Harbor treats any age over 89 as an identifier. */
export const MIN_AGE = 18;
export const MAX_AGE = 89;

export function randomPatient(
  rng: Random,
  ages: readonly [number, number] = [MIN_AGE, MAX_AGE],
  sex?: Sex,
): Patient {
  return {
    age: rng.int(Math.max(MIN_AGE, ages[0]), Math.min(MAX_AGE, ages[1])),
    sex: sex ?? (rng.chance(1, 2) ? "female" : "male"),
  };
}

export interface Pronouns {
  subject: string;
  object: string;
  possessive: string;
  noun: string;
}

const FEMALE: Pronouns = { subject: "she", object: "her", possessive: "her", noun: "woman" };
const MALE: Pronouns = { subject: "he", object: "him", possessive: "his", noun: "man" };

export function pronouns(sex: Sex): Pronouns {
  return sex === "female" ? FEMALE : MALE;
}

/** 123456 cents → "$1,234.56". */
export function money(cents: number): string {
  const whole = Math.floor(cents / 100);
  const frac = cents % 100;
  let digits = String(whole);
  if (whole >= 1000) {
    let out = "";
    while (digits.length > 3) {
      out = `,${digits.slice(-3)}${out}`;
      digits = digits.slice(0, -3);
    }
    digits += out;
  }
  return `$${digits}.${frac < 10 ? "0" : ""}${frac}`;
}

const WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
];

/** Spoken form for small counts ("three"), digits beyond twelve. */
export function spoken(n: number): string {
  return WORDS[n] ?? String(n);
}

export function capitalize(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a" or "an" before a word. */
export function article(word: string): string {
  return /^[aeiou8]|^1[18]-/i.test(word) ? "an" : "a";
}

/** A duration such as "3 days" or "2 weeks", with the unit matching the count. */
export function duration(n: number, unit: "hour" | "day" | "week" | "month" | "year"): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** Joins "a", "a and b", "a, b and c"; items that hold commas themselves read better with separator "; ". */
export function listJoin(items: readonly string[], conjunction = "and", separator = ", "): string {
  if (items.length <= 1) return items[0] ?? "";
  if (items.length === 2) return `${items[0]} ${conjunction} ${items[1]}`;
  const last = separator === ", " ? " " : `${separator.trimEnd()} `;
  return `${items.slice(0, -1).join(separator)}${last}${conjunction} ${items[items.length - 1]}`;
}
