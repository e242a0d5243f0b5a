/**
 * Check digits for the planted identifiers that carry one, computed from the published rules so the
 * corpus holds valid numbers: Luhn (cards, IMEI), NPI (Luhn over "80840" + NPI), DEA, VIN, GS1 GTIN,
 * and the Medicare Beneficiary Identifier grammar.
 */
import type { Random } from "../../src/dataset/random.js";
import { chars, DIGITS, digits } from "./builder.js";

/** The digit that makes PAYLOAD + digit pass the Luhn check. */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  let double = true; // the check digit itself will be undoubled, so the payload's last digit doubles
  for (let i = payload.length - 1; i >= 0; i--) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

export function luhnValid(number: string): boolean {
  return luhnCheckDigit(number.slice(0, -1)) === number.charCodeAt(number.length - 1) - 48;
}

/** A 10-digit NPI (first digit 1 or 2) whose check digit is Luhn over "80840" + the first nine. */
export function npi(r: Random): string {
  const body = r.pick(["1", "2"]) + digits(r, 8);
  return body + luhnCheckDigit(`80840${body}`);
}

export function npiValid(value: string): boolean {
  return /^[12]\d{9}$/.test(value) && luhnValid(`80840${value}`);
}

/** DEA check digit: (d1 + d3 + d5) + 2 × (d2 + d4 + d6), last digit. */
export function deaCheckDigit(six: string): number {
  const d = [...six].map((c) => c.charCodeAt(0) - 48);
  return (d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!)) % 10;
}

/** A DEA registration number: registrant type letter, the registrant's surname initial, 7 digits. */
export function dea(r: Random, surname: string): string {
  const first = r.pick(["A", "B", "F", "G", "M", "P", "R"]);
  const initial = /^[A-Z]/i.test(surname) ? surname[0]!.toUpperCase() : "9";
  const six = digits(r, 6);
  return `${first}${initial}${six}${deaCheckDigit(six)}`;
}

export function deaValid(value: string): boolean {
  const m = /^[A-Z][A-Z9](\d{6})(\d)$/.exec(value);
  return m !== null && deaCheckDigit(m[1]!) === Number(m[2]);
}

const VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"; // no I, O, Q
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
// biome-ignore format: a lookup table
const VIN_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};

function vinValue(c: string): number {
  return c >= "0" && c <= "9" ? c.charCodeAt(0) - 48 : (VIN_VALUES[c] ?? 0);
}

export function vinCheckCharacter(vin17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += vinValue(vin17[i]!) * VIN_WEIGHTS[i]!;
  const rest = sum % 11;
  return rest === 10 ? "X" : String(rest);
}

/** A 17-character VIN from a real manufacturer prefix, with a valid check character in position 9. */
export function vin(r: Random): string {
  const wmi = r.pick([
    "1HG",
    "1FT",
    "1G1",
    "2T1",
    "3VW",
    "4T1",
    "5YJ",
    "JHM",
    "JTD",
    "KMH",
    "WBA",
    "1C4",
    "5NP",
  ]);
  const vds = chars(r, VIN_ALPHABET.slice(0, 23) + DIGITS, 5);
  const year = r.pick([..."ABCDEFGHJKLMNPRSTVWXY123456789"]);
  const rest = chars(r, VIN_ALPHABET, 1) + digits(r, 6);
  const draft = `${wmi}${vds}0${year}${rest}`;
  return draft.slice(0, 8) + vinCheckCharacter(draft) + draft.slice(9);
}

export function vinValid(value: string): boolean {
  return /^[A-HJ-NPR-Z0-9]{17}$/.test(value) && vinCheckCharacter(value) === value[8];
}

/** GS1 check digit (GTIN-14 and friends): weights 3,1,3,… from the right of the payload. */
export function gs1CheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const d = payload.charCodeAt(payload.length - 1 - i) - 48;
    sum += d * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function gtin14(r: Random): string {
  const body = `0${r.pick(["0884838", "0643169", "0381780", "0885074", "0705031"])}${digits(r, 5)}`;
  return body + gs1CheckDigit(body);
}

/** A 15-digit IMEI: 14 digits and a Luhn check digit. */
export function imei(r: Random): string {
  const body = r.pick(["35", "86", "01", "49"]) + digits(r, 12);
  return body + luhnCheckDigit(body);
}

/** A payment card number of LENGTH digits starting with PREFIX that passes Luhn. */
export function card(r: Random, prefix: string, length: number): string {
  const body = prefix + digits(r, length - prefix.length - 1);
  return body + luhnCheckDigit(body);
}

// Medicare Beneficiary Identifier: C A AN N A AN N A A N N, letters without S L O I B Z.
const MBI_ALPHA = "ACDEFGHJKMNPQRTUVWXY";
const MBI_NUM = DIGITS;

export function mbi(r: Random): string {
  const an = MBI_ALPHA + MBI_NUM;
  return [
    chars(r, "123456789", 1),
    chars(r, MBI_ALPHA, 1),
    chars(r, an, 1),
    chars(r, MBI_NUM, 1),
    chars(r, MBI_ALPHA, 1),
    chars(r, an, 1),
    chars(r, MBI_NUM, 1),
    chars(r, MBI_ALPHA, 2),
    chars(r, MBI_NUM, 2),
  ].join("");
}

export function mbiValid(value: string): boolean {
  const a = "[AC-HJKMNP-RT-Y]";
  const an = "[AC-HJKMNP-RT-Y0-9]";
  return new RegExp(`^[1-9]${a}${an}\\d${a}${an}\\d${a}${a}\\d\\d$`).test(value.replaceAll("-", ""));
}
