/**
 * EMAIL: addresses found from each "@" (local part before it, a dotted domain with a letter TLD after it),
 * and the obfuscated spellings "jane.doe [at] example [dot] com" / "(at)" / "(dot)". An address is
 * unmistakable, so strong; an obfuscated one is medium. Anchored on "@" and "[at"/"(at" with indexOf;
 * every expansion is bounded (64 characters of local part, 253 of domain), so the scan is linear.
 */
import type { Candidate, Recognizer } from "../candidate.js";

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
const isAlnum = (c: number) => isDigit(c) || isLetter(c);
// RFC 5322 atext that real addresses use: letters, digits and . _ % + - '
const isLocal = (c: number) =>
  isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39;
const isDomain = (c: number) => isAlnum(c) || c === 46 || c === 45;

/** End of a valid domain starting at S (labels of letters, digits, "-", a letter TLD of 2+), or -1. */
function domainEnd(text: string, s: number): number {
  let e = s;
  while (e < text.length && e - s < 253 && isDomain(text.charCodeAt(e))) e++;
  while (e > s && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--;
  const domain = text.slice(s, e);
  const dot = domain.lastIndexOf(".");
  if (dot <= 0 || domain.includes("..") || domain.startsWith(".") || domain.startsWith("-")) return -1;
  const tld = domain.slice(dot + 1);
  if (tld.length < 2 || !/^[A-Za-z]+$/.test(tld)) return -1;
  return e;
}

/** Start of the local part ending at AT (exclusive), or -1. */
function localStart(text: string, at: number): number {
  let s = at;
  while (s > 0 && at - s < 64 && isLocal(text.charCodeAt(s - 1))) s--;
  while (s < at && (text.charCodeAt(s) === 46 || text.charCodeAt(s) === 39)) s++;
  return s < at && isAlnum(text.charCodeAt(at - 1)) ? s : -1;
}

// "[at]" / "(at)" with optional spaces, then a domain whose dots may be "[dot]" / "(dot)".
const OBFUSCATED_AT = /[[(]\s?at\s?[\])]/giu;
// indexOf is fastest when the first character is rare: "(" and "[" are, "a" is not.
const OBFUSCATED_HINTS = ["[at", "(at", "[AT", "(AT", "[ at", "( at", "[At", "(At"];
const DOT_WORD = /^\s?[[(]\s?dot\s?[\])]\s?/i;

function obfuscatedDomainEnd(text: string, s: number): number {
  let i = s;
  let labels = 0;
  let lastLabel = "";
  for (let guard = 0; guard < 8; guard++) {
    const ls = i;
    while (i < text.length && i - ls < 63 && (isAlnum(text.charCodeAt(i)) || text.charCodeAt(i) === 45)) i++;
    if (i === ls) return -1;
    labels++;
    lastLabel = text.slice(ls, i);
    const rest = text.slice(i, i + 12);
    const dot = DOT_WORD.exec(rest);
    if (dot) i += dot[0].length;
    else if (text.charCodeAt(i) === 46 && isAlnum(text.charCodeAt(i + 1))) i++;
    else break;
  }
  return labels >= 2 && /^[A-Za-z]{2,}$/.test(lastLabel) ? i : -1;
}

export const emailRecognizer: Recognizer = {
  name: "email",
  identifiers: ["EMAIL"],
  scan(text: string, found: Candidate[]): void {
    let from = 0;
    for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
      if (at < from) continue;
      const s = localStart(text, at);
      if (s < 0) continue;
      const e = domainEnd(text, at + 1);
      if (e < 0) continue;
      found.push({ identifier: "EMAIL", start: s, end: e, confidence: "strong", rule: "email" });
      from = e;
    }
    // Most texts hold no "[at]" at all: a few indexOf calls are cheaper than the regex over every "(".
    if (!OBFUSCATED_HINTS.some((h) => text.indexOf(h) >= 0)) return;
    OBFUSCATED_AT.lastIndex = 0;
    for (let m = OBFUSCATED_AT.exec(text); m !== null; m = OBFUSCATED_AT.exec(text)) {
      const at = text.charCodeAt(m.index - 1) === 32 ? m.index - 1 : m.index;
      const s = localStart(text, at);
      if (s < 0) continue;
      let d = m.index + m[0].length;
      if (text.charCodeAt(d) === 32) d++;
      const e = obfuscatedDomainEnd(text, d);
      if (e < 0) continue;
      found.push({ identifier: "EMAIL", start: s, end: e, confidence: "medium", rule: "email-obfuscated" });
    }
  },
};
