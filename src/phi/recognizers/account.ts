/**
 * ACCOUNT_NUMBER: account, billing, invoice, bank and card numbers. After a label (account/acct, billing or
 * patient account, invoice, credit/debit card, bank account, routing/ABA, IBAN) the value is strong.
 * Unlabelled: a 13-19 digit card number (contiguous, or in groups of 4-6 by spaces or dashes) that passes
 * Luhn is strong when its issuer prefix and length match a card network, else medium; a Luhn-failing
 * 4-4-4-4 grouping is weak. A contiguous or 4-grouped IBAN that passes mod-97 is strong.
 */
import type { Candidate, Confidence, Recognizer } from "../candidate.js";
import { ibanValid, luhn } from "../validators.js";
import { labelledValue, labelOf, labelTable } from "./number-labels.js";
import { type CodeToken, codeTokens, digitsOf } from "./number-tokens.js";

const LABELS = labelTable(
  [
    "account",
    "account id",
    "acct",
    "acct id",
    "billing account",
    "patient account",
    "guarantor account",
    "bank account",
    "checking account",
    "savings account",
    "invoice",
    "invoice id",
    "credit card",
    "debit card",
    "card",
    "visa",
    "mastercard",
    "amex",
    "american express",
    "routing",
    "routing transit",
    "aba",
    "aba routing",
    "iban",
    "financial account",
    "hsa",
    "fsa",
  ],
  // With a marker only: "Statement #: 44812", "Billing no. 77120", "Checking: 000123456789".
  [
    "billing",
    "statement",
    "inv",
    "checking",
    "savings",
    "fin",
    "har",
    "financial",
    "bank",
    "guarantor",
    "cc",
    "a c",
  ],
);
// Other identifiers own these numbers even when Luhn-valid (an IMEI is Luhn-valid and 15 digits).
const NOT_CARDS = labelTable([
  "imei",
  "meid",
  "npi",
  "udi",
  "serial",
  "sn",
  "s n",
  "device id",
  "gtin",
  "ndc",
  "snomed",
  "snomed ct",
  "loinc",
]);

/** Whether DIGITS start with a card network's issuer prefix at a length that network issues. */
function cardNetwork(d: string): boolean {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p4 = Number(d.slice(0, 4));
  if (d[0] === "4") return n === 13 || n === 16 || n === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p4 === 6011 || p2 === 65 || (p4 >= 6440 && p4 <= 6499)) return n >= 16 && n <= 19; // Discover
  if (p2 === 35 || p2 === 62) return n >= 16 && n <= 19; // JCB, UnionPay
  if (p2 === 36 || p2 === 38 || p2 === 30) return n >= 14 && n <= 16; // Diners Club
  return false;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlnum = (c: number) => isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 122);
const isUpperAlnum = (c: number) => isDigit(c) || (c >= 65 && c <= 90);

/** End of digit groups of 4-6 after single spaces from a token ending at END ("4111 1111 1111 1111"). */
function spacedGroupsEnd(text: string, end: number): number {
  for (let n = 0; n < 4 && text.charCodeAt(end) === 32; n++) {
    let e = end + 1;
    while (e < text.length && e - end <= 7 && isDigit(text.charCodeAt(e))) e++;
    if (e - end - 1 < 3 || e - end - 1 > 6 || (e < text.length && isAlnum(text.charCodeAt(e)))) break;
    end = e;
  }
  return end;
}

/** Whether a dashed token is card-like: 2-5 groups of 3-6 digits, the first of 4-6 ("3782-822463-10005"). */
function dashedGroups(v: string): boolean {
  if (v.length > 30) return false;
  const groups = v.split("-");
  if (groups.length < 2 || groups.length > 5 || groups[0]!.length < 4) return false;
  return groups.every((g) => g.length >= 3 && g.length <= 6 && /^\d+$/.test(g));
}

function card(text: string, t: CodeToken, found: Candidate[]): number {
  let end = t.end;
  if (t.letters > 0) return -1;
  // Cheap counts first: a card is 13-19 digits in one token, or starts a spaced run with a 4-6 digit group.
  const spacedStart = t.groups === 1 && t.digits >= 4 && t.digits <= 6;
  if (!spacedStart && (t.digits < 13 || t.digits > 19)) return -1;
  if (t.groups > 1 && !dashedGroups(t.text)) return -1;
  if (spacedStart) end = spacedGroupsEnd(text, t.end);
  const value = text.slice(t.start, end);
  const d = digitsOf(value);
  if (d.length < 13 || d.length > 19) return -1;
  if (labelOf(text, t, NOT_CARDS)) return -1;
  let confidence: Confidence | undefined;
  if (luhn(d)) confidence = cardNetwork(d) ? "strong" : "medium";
  else if (/^\d{4}([- ])\d{4}\1\d{4}\1\d{4}$/.test(value)) confidence = "weak";
  if (!confidence) return -1;
  found.push({ identifier: "ACCOUNT_NUMBER", start: t.start, end, confidence, rule: "card" });
  return end;
}

function iban(text: string, t: CodeToken, found: Candidate[]): number {
  if (!/^[A-Z]{2}\d{2}/.test(t.text)) return -1;
  let end = t.end;
  if (t.text.length === 4) {
    // Printed in groups of four: "GB82 WEST 1234 5698 7654 32" (a last group may be shorter).
    for (let n = 0; n < 8 && text.charCodeAt(end) === 32; n++) {
      let e = end + 1;
      while (e < text.length && e - end <= 5 && isUpperAlnum(text.charCodeAt(e))) e++;
      const len = e - end - 1;
      if (len < 1 || len > 4 || (e < text.length && isAlnum(text.charCodeAt(e)))) break;
      end = e;
      if (len < 4) break;
    }
  }
  if (end - t.start < 15 || !ibanValid(text.slice(t.start, end))) return -1;
  found.push({ identifier: "ACCOUNT_NUMBER", start: t.start, end, confidence: "strong", rule: "iban" });
  return end;
}

export const accountRecognizer: Recognizer = {
  name: "account",
  identifiers: ["ACCOUNT_NUMBER"],
  scan(text: string, found: Candidate[]): void {
    let consumed = 0;
    for (const t of codeTokens(text)) {
      if (t.start < consumed) continue;
      if (t.letters === 2 && t.text.length === 4 && iban(text, t, found) > 0) continue;
      if (t.text.length < 3) continue;
      const v = labelledValue(text, t, LABELS, true);
      if (v) {
        const { start, end } = v;
        found.push({
          identifier: "ACCOUNT_NUMBER",
          start,
          end,
          confidence: "strong",
          rule: "account-labelled",
        });
        consumed = v.end;
        continue;
      }
      const end = t.digits >= 4 ? Math.max(card(text, t, found), iban(text, t, found)) : -1;
      if (end > 0) consumed = end;
    }
  },
};
