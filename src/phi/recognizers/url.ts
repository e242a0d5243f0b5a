/**
 * URL: addresses with a scheme (https://…, ftp://…), "www." hosts, and bare domains ("example.com/path",
 * "linkedin.com/in/jdoe", "danielsfamily.com"). Confidence: a scheme or "www." is strong; a bare domain
 * with a path or a .com/.net/.org/.edu/.io/.info/.biz TLD is medium; a social-network profile is medium
 * (it points at a person); other bare domains without a path are weak (a sentence can end in
 * "…better.it"). Public health agencies and reference sites (cdc.gov, nih.gov, who.int, medlineplus.gov,
 * any .gov or .mil host, mayoclinic.org …) are weak, reported as LOW: citing them reveals no one.
 * Anchors are "://", "www." and each "." followed by a known TLD; every expansion is bounded, and a URL
 * in a CSV row ends with its cell.
 */
import type { Candidate, Confidence, Recognizer } from "../candidate.js";
import { columnAt } from "./number-columns.js";

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
const isAlnum = (c: number) => isDigit(c) || isLetter(c);
const isHostChar = (c: number) => isAlnum(c) || c === 45 || c === 46;
// RFC 3986 unreserved, reserved and "%": what a URL may carry before whitespace or quotes.
const URL_CHARS = new Set("-._~:/?#[]@!$&'()*+,;=%".split("").map((ch) => ch.charCodeAt(0)));
const isUrlChar = (c: number) => isAlnum(c) || URL_CHARS.has(c);
const MAX_URL = 2048;

// Top-level domains a bare domain may end in: common generic ones and large country codes, leaving out
// those that are file extensions in clinical exports (.md, .py, .pl, .sh, .rs, .ai, .pdf …).
const TLDS = new Set(
  "com org net edu gov mil int io co us uk ca au de fr nl es it ch se no dk fi ie nz jp cn in br mx ru za info biz me tv ly app dev health care clinic hospital online site xyz".split(
    " ",
  ),
);

const COMMON_TLDS = new Set(["com", "net", "org", "edu", "gov", "io", "info", "biz"]);

// Public health agencies and reference sites: citing them identifies nobody (hosts and their subdomains).
const PUBLIC_HEALTH = [
  "cdc.gov",
  "nih.gov",
  "who.int",
  "fda.gov",
  "cms.gov",
  "hhs.gov",
  "samhsa.gov",
  "ahrq.gov",
  "health.gov",
  "healthcare.gov",
  "medlineplus.gov",
  "clinicaltrials.gov",
  "cancer.gov",
  "988lifeline.org",
  "paho.org",
  "ecdc.europa.eu",
  "nhs.uk",
  // Public health information sites that patients and models cite.
  "mayoclinic.org",
  "clevelandclinic.org",
  "webmd.com",
  "medscape.com",
  "healthline.com",
  "uptodate.com",
  "drugs.com",
  "nami.org",
  "heart.org",
  "cancer.org",
  "diabetes.org",
  "aafp.org",
  "acog.org",
  "aap.org",
  "psychiatry.org",
  "apa.org",
  "crisistextline.org",
  "suicidepreventionlifeline.org",
  "wikipedia.org",
];
const SOCIAL = [
  "facebook.com",
  "fb.com",
  "instagram.com",
  "linkedin.com",
  "twitter.com",
  "x.com",
  "tiktok.com",
  "youtube.com",
  "snapchat.com",
  "pinterest.com",
  "reddit.com",
  "tumblr.com",
  "github.com",
  "myspace.com",
  "medium.com",
  "about.me",
  "threads.net",
  "wa.me",
  "t.me",
  "venmo.com",
  "cash.app",
  "gofundme.com",
  "caringbridge.org",
  "onlyfans.com",
  "patreon.com",
];

function hostIn(host: string, list: readonly string[]): boolean {
  for (const d of list) if (host === d || host.endsWith(`.${d}`)) return true;
  return false;
}

function isPublic(host: string): boolean {
  return hostIn(host, PUBLIC_HEALTH) || host.endsWith(".gov") || host.endsWith(".mil");
}

/** End of the URL body from S: URL characters up to whitespace, minus trailing punctuation. */
function bodyEnd(text: string, s: number): number {
  // In a CSV row the cell ends the URL: "…,https://x.com/jdoe,5421429622,…".
  const limit = Math.min(text.length, s + MAX_URL, columnAt(text, s)?.end ?? text.length);
  let e = s;
  while (e < limit && isUrlChar(text.charCodeAt(e))) e++;
  for (;;) {
    const c = text.charCodeAt(e - 1);
    if (e <= s) break;
    // A closing bracket is the URL's own only when it opens inside the URL: "(see https://x.org/a)".
    if (c === 41 || c === 93) {
      const body = text.slice(s, e);
      const open = c === 41 ? "(" : "[";
      const close = c === 41 ? ")" : "]";
      if (body.split(open).length >= body.split(close).length) break;
      e--;
    } else if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 39 || c === 42)
      e--;
    else break;
  }
  return e;
}

/** The host of a URL body (after "scheme://", or the body itself): lowercase, without user or port. */
function hostOf(body: string): string {
  let h = body;
  const slash = h.search(/[/?#]/);
  if (slash >= 0) h = h.slice(0, slash);
  const at = h.lastIndexOf("@");
  if (at >= 0) h = h.slice(at + 1);
  const colon = h.indexOf(":");
  if (colon >= 0 && !h.startsWith("[")) h = h.slice(0, colon);
  return h.toLowerCase();
}

function push(found: Candidate[], spans: number[], start: number, end: number, c: Confidence, rule: string) {
  found.push({ identifier: "URL", start, end, confidence: c, rule });
  spans.push(start, end);
}

/** Whether I lies in one of SPANS (start, end pairs sorted by start, not overlapping): binary search. */
function covers(spans: readonly number[], i: number): boolean {
  let lo = 0;
  let hi = spans.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (i < spans[2 * mid]!) hi = mid - 1;
    else if (i >= spans[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Two sorted span lists as one, so each pass skips what earlier passes found in O(log n). */
function merge(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) out.push(a[i++]!, a[i++]!);
    else out.push(b[j++]!, b[j++]!);
  }
  return out;
}

function classify(host: string, hasPath: boolean, base: Confidence): [Confidence, string] {
  if (isPublic(host)) return ["weak", "url-public-health"];
  if (hostIn(host, SOCIAL)) return [hasPath ? "medium" : "weak", "url-social"];
  return [base, base === "strong" ? "url" : hasPath ? "url-bare-path" : "url-bare-domain"];
}

export const urlRecognizer: Recognizer = {
  name: "url",
  identifiers: ["URL"],
  scan(text: string, found: Candidate[]): void {
    // Spans reported by earlier passes (sorted); each pass reports in order, so its own spans are sorted too.
    let seen: number[] = [];
    let pass: number[] = [];

    for (let k = text.indexOf("://"); k >= 0; k = text.indexOf("://", k + 3)) {
      if (covers(pass, k)) continue;
      let s = k;
      while (s > 0 && k - s < 16 && (isAlnum(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 43)) s--;
      if (s === k || !isLetter(text.charCodeAt(s)) || (s > 0 && isAlnum(text.charCodeAt(s - 1)))) continue;
      const e = bodyEnd(text, k + 3);
      const host = hostOf(text.slice(k + 3, e));
      if (host.length === 0) continue;
      const [confidence, rule] = classify(host, e > k + 3 + host.length + 1, "strong");
      push(found, pass, s, e, confidence, rule);
    }

    for (const www of ["www.", "WWW.", "Www."]) {
      seen = merge(seen, pass);
      pass = [];
      for (let k = text.indexOf(www); k >= 0; k = text.indexOf(www, k + 4)) {
        const b = text.charCodeAt(k - 1);
        if (
          covers(seen, k) ||
          (k > 0 && (isAlnum(b) || b === 46 || b === 47 || b === 64 || b === 45 || b === 95))
        )
          continue;
        const e = bodyEnd(text, k);
        const host = hostOf(text.slice(k, e));
        if (host.indexOf(".", 4) < 0) continue;
        const [confidence, rule] = classify(host, e > k + host.length + 1, "strong");
        push(found, pass, k, e, confidence, rule);
      }
    }

    // Bare domains: from each "." followed by a known TLD, walk back over the host.
    seen = merge(seen, pass);
    for (let d = text.indexOf("."); d >= 0; d = text.indexOf(".", d + 1)) {
      const c = text.charCodeAt(d + 1);
      if (!(c >= 97 && c <= 122) || d === 0 || !isAlnum(text.charCodeAt(d - 1))) continue;
      let t = d + 1;
      while (t < text.length && t - d <= 10 && isLetter(text.charCodeAt(t))) t++;
      const after = text.charCodeAt(t);
      if (isAlnum(after) || after === 45 || (after === 46 && isLetter(text.charCodeAt(t + 1)))) continue;
      if (!TLDS.has(text.slice(d + 1, t)) || covers(seen, d)) continue;
      let s = d;
      while (s > 0 && d - s < 253 && isHostChar(text.charCodeAt(s - 1))) s--;
      while (s < d && !isAlnum(text.charCodeAt(s))) s++;
      const before = text.charCodeAt(s - 1);
      // An e-mail domain ("@example.com") or a path segment is not a bare domain of its own.
      if (s > 0 && (before === 64 || before === 47 || before === 58 || before === 95)) continue;
      const e = text.charCodeAt(t) === 47 ? bodyEnd(text, s) : t;
      const host = text.slice(s, t).toLowerCase();
      const hasPath = e > t + 1;
      // Without a path, only an unambiguous TLD makes a domain ("danielsfamily.com"); "better.it" is prose.
      const base = hasPath || COMMON_TLDS.has(text.slice(d + 1, t)) ? "medium" : "weak";
      const [confidence, rule] = classify(host, hasPath, base);
      found.push({ identifier: "URL", start: s, end: e, confidence, rule });
      d = e - 1;
    }
  },
};
