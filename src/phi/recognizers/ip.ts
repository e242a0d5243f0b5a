/**
 * IP_ADDRESS: IPv4 dotted quads (each octet 0-255, optional /prefix) and IPv6 in full and compressed forms
 * ("2001:db8::8a2e:370:7334", "fe80::1ff:fe23:4567:890a", "::ffff:192.0.2.1", "::1"). An address is
 * unmistakable, so strong, except where it identifies no one or may be something else: loopback and
 * unspecified addresses (127.x, 0.0.0.0, ::1, ::), all-single-digit quads ("1.2.3.4" is more often a
 * section number) and quads after "version"/"section" words are weak. Version strings ("v2.3.1", "1.2.3"),
 * lab values and OIDs never have exactly four dotted octets, so they never match.
 */
import type { Candidate, Recognizer } from "../candidate.js";
import { contextAt, labelTable, matchContext } from "./number-labels.js";
import { codeTokens } from "./number-tokens.js";

const NUMBERING = labelTable(
  [
    "version",
    "ver",
    "v",
    "release",
    "build",
    "firmware",
    "software",
    "section",
    "sec",
    "chapter",
    "figure",
    "fig",
    "table",
    "step",
    "item",
    "rule",
    "clause",
    "part",
    "appendix",
    "paragraph",
    "para",
    "oid",
  ],
  [],
  false,
);

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

function scanIpv4(text: string, found: Candidate[]): void {
  for (const t of codeTokens(text)) {
    if (t.letters > 0 || (t.groups !== 4 && t.groups !== 5) || t.text.length > 18) continue;
    const m = IPV4.exec(t.text);
    if (!m) continue;
    const octets = [m[1], m[2], m[3], m[4]].map(Number);
    if (octets.some((o) => o > 255) || (m[5] !== undefined && Number(m[5]) > 32)) continue;
    const singleDigits = octets.every((o) => o < 10) && t.text.length <= 9;
    const nobody = octets[0] === 127 || octets.every((o) => o === 0) || octets.every((o) => o === 255);
    const numbering = singleDigits || matchContext(contextAt(text, t.start), NUMBERING) !== undefined;
    found.push({
      identifier: "IP_ADDRESS",
      start: t.start,
      end: t.end,
      confidence: nobody || numbering ? "weak" : "strong",
      rule: nobody ? "ipv4-local" : numbering ? "ipv4-numbering" : "ipv4",
    });
  }
}

const isHex = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
const isWordChar = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
const isRunChar = (c: number) => isHex(c) || c === 58 || c === 46;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const EMBEDDED_V4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Number of 16-bit groups in one side of "::" (an embedded IPv4 counts 2), or -1 when malformed. */
function groupCount(side: string, last: boolean): number {
  if (side === "") return 0;
  const parts = side.split(":");
  let n = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (HEX_GROUP.test(p)) n++;
    else if (
      last &&
      i === parts.length - 1 &&
      EMBEDDED_V4.test(p) &&
      p.split(".").every((o) => Number(o) <= 255)
    )
      n += 2;
    else return -1;
  }
  return n;
}

/** Whether S is an IPv6 address: 8 groups, or fewer around exactly one "::". */
export function ipv6Valid(s: string): boolean {
  const halves = s.split("::");
  if (halves.length > 2) return false;
  if (halves.length === 1) return groupCount(s, true) === 8;
  const left = groupCount(halves[0]!, false);
  const right = groupCount(halves[1]!, true);
  return left >= 0 && right >= 0 && left + right <= 7;
}

function nearColon(text: string, k: number): boolean {
  for (let j = 1; j <= 5; j++)
    if (text.charCodeAt(k + j) === 58 || text.charCodeAt(k - j) === 58) return true;
  return false;
}

function scanIpv6(text: string, found: Candidate[]): void {
  const n = text.length;
  let from = 0;
  for (let k = text.indexOf(":"); k >= 0; k = text.indexOf(":", k + 1)) {
    if (k < from) continue;
    const prev = text.charCodeAt(k - 1);
    const next = text.charCodeAt(k + 1);
    // Cheap rejection of "Label: value" and times: an address has a hex digit or ":" on both sides of
    // some colon, or starts with "::".
    if (!(next === 58 || (isHex(prev) && isHex(next)))) continue;
    // An address has a second colon within five characters; times and ratios ("14:30", "1:2") do not.
    if (next !== 58 && prev !== 58 && !nearColon(text, k)) continue;
    let s = k;
    while (s > 0 && k - s < 46 && isRunChar(text.charCodeAt(s - 1))) s--;
    let e = k + 1;
    while (e < n && e - s < 64 && isRunChar(text.charCodeAt(e))) e++;
    from = e;
    while (e > k + 1 && text.charCodeAt(e - 1) === 46) e--;
    if (text.charCodeAt(e - 1) === 58 && text.charCodeAt(e - 2) !== 58) e--;
    while (s < k && text.charCodeAt(s) === 46) s++;
    if ((s > 0 && isWordChar(text.charCodeAt(s - 1))) || (e < n && isWordChar(text.charCodeAt(e)))) continue;
    const candidate = text.slice(s, e);
    if (e - s > 45 || !ipv6Valid(candidate)) continue;
    const local = candidate === "::" || candidate === "::1" || !/[0-9]/.test(candidate);
    found.push({
      identifier: "IP_ADDRESS",
      start: s,
      end: e,
      confidence: local ? "weak" : "strong",
      rule: local ? "ipv6-local" : "ipv6",
    });
  }
}

export const ipRecognizer: Recognizer = {
  name: "ip",
  identifiers: ["IP_ADDRESS"],
  scan(text: string, found: Candidate[]): void {
    scanIpv4(text, found);
    scanIpv6(text, found);
  },
};
