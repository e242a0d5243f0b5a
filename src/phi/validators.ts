/**
 * Check-digit and grammar validators that turn a weak number shape into a strong finding: Luhn (cards,
 * IMEI), NPI (Luhn over "80840" + NPI), DEA registration numbers, VIN check digit, SSN structure, Medicare
 * MBI grammar, GS1 GTIN (UDI device identifiers), ABA routing numbers and IBAN. Pure functions of one string;
 * each returns false for anything that is not exactly the expected shape.
 */

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Luhn mod-10 over a string of digits (at least 2): credit cards, IMEI, NPI with its prefix. */
export function luhn(digits: string): boolean {
  if (digits.length < 2 || !isDigits(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** National Provider Identifier: 10 digits whose check digit is Luhn over "80840" + NPI (CMS NPI standard). */
export function npiValid(npi: string): boolean {
  return npi.length === 10 && isDigits(npi) && luhn(`80840${npi}`);
}

/**
 * DEA registration number: a registrant-type letter, the registrant's last-name initial (or "9" for a
 * business whose name starts with a digit), seven digits. Check: (d1+d3+d5) + 2·(d2+d4+d6) ends in d7.
 */
export function deaValid(dea: string): boolean {
  if (!/^[A-Za-z][A-Za-z9][0-9]{7}$/.test(dea)) return false;
  const d = (i: number) => dea.charCodeAt(2 + i) - 48;
  const sum = d(0) + d(2) + d(4) + 2 * (d(1) + d(3) + d(5));
  return sum % 10 === d(6);
}

const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
// ISO 3779 / 49 CFR 565 transliteration of letters to values; I, O and Q never occur in a VIN.
const VIN_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};

/** The characters a VIN may hold: digits and capital letters except I, O, Q. */
export function vinShape(vin: string): boolean {
  return /^[A-HJ-NPR-Z0-9]{17}$/.test(vin);
}

/** North American VIN: 17 characters without I/O/Q, check digit (0-9 or X) at position 9. */
export function vinValid(vin: string): boolean {
  const v = vin.toUpperCase();
  if (!vinShape(v)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = v.charAt(i);
    const value = ch >= "0" && ch <= "9" ? ch.charCodeAt(0) - 48 : (VIN_VALUES[ch] ?? 0);
    sum += value * VIN_WEIGHTS[i]!;
  }
  const check = sum % 11;
  return v.charAt(8) === (check === 10 ? "X" : String(check));
}

/**
 * SSN structure (SSA rules): area not 000 or 666, group not 00, serial not 0000. Areas 900-999 are NOT
 * rejected although SSA never issues them: synthetic generators use 999-xx-xxxx and an audit must flag
 * those too. Accepts 123-45-6789, 123 45 6789 and 123456789.
 */
export function ssnStructureValid(ssn: string): boolean {
  const m = /^([0-9]{3})([- ]?)([0-9]{2})\2([0-9]{4})$/.exec(ssn);
  if (!m) return false;
  const [, area, , group, serial] = m;
  return area !== "000" && area !== "666" && group !== "00" && serial !== "0000";
}

// MBI letters: A-Z without S, L, O, I, B, Z (CMS MBI format specification).
const MBI_ALPHA = "[AC-HJKMNP-RT-Y]";
const MBI_ALNUM = "[AC-HJKMNP-RT-Y0-9]";
const MBI = new RegExp(
  `^[1-9]${MBI_ALPHA}${MBI_ALNUM}[0-9]-?${MBI_ALPHA}${MBI_ALNUM}[0-9]-?${MBI_ALPHA}${MBI_ALPHA}[0-9]{2}$`,
);

/**
 * Medicare Beneficiary Identifier: 11 characters C A AN N A AN N A A N N (C = 1-9, N = 0-9, A = a letter
 * but S L O I B Z, AN = either), printed with or without dashes after the 4th and 7th characters.
 */
export function mbiValid(mbi: string): boolean {
  const dashes = mbi.indexOf("-") >= 0;
  if (dashes && !(mbi.length === 13 && mbi.charAt(4) === "-" && mbi.charAt(8) === "-")) return false;
  return MBI.test(mbi.toUpperCase());
}

/** GS1 check digit (GTIN-8/12/13/14, the device identifier of a GS1 UDI): weights 3,1,3,… from the right. */
export function gtinValid(gtin: string): boolean {
  if (![8, 12, 13, 14].includes(gtin.length) || !isDigits(gtin)) return false;
  let sum = 0;
  for (let i = gtin.length - 2, w = 3; i >= 0; i--, w = 4 - w) sum += (gtin.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10 === gtin.charCodeAt(gtin.length - 1) - 48;
}

/** ABA routing transit number: 9 digits, 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function abaValid(routing: string): boolean {
  if (routing.length !== 9 || !isDigits(routing) || routing === "000000000") return false;
  const d = (i: number) => routing.charCodeAt(i) - 48;
  const sum = 3 * (d(0) + d(3) + d(6)) + 7 * (d(1) + d(4) + d(7)) + (d(2) + d(5) + d(8));
  return sum % 10 === 0;
}

/** IBAN (ISO 13616): country letters, two check digits, up to 30 alphanumerics; mod 97 of the rearranged number is 1. */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/ /g, "").toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    // Letters count as two digits (A = 10 … Z = 35); the remainder stays small, so no big integers.
    if (c >= 65) rest = (rest * 100 + (c - 55)) % 97;
    else rest = (rest * 10 + (c - 48)) % 97;
  }
  return rest === 1;
}
