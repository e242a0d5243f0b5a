/**
 * PHONE, FAX, EMAIL, URL and IP_ADDRESS: contact points in US and international formats, with
 * extensions, personal and social URLs, portal links that carry patient ids, IPv4 and IPv6 addresses.
 */
import type { Random } from "../../src/dataset/random.js";
import { chars, DIGITS, digits, type Family, type Variant } from "./builder.js";
import { firstName, lastName } from "./family-names.js";
import { MAIL_DOMAINS, ORG_DOMAINS } from "./lists.js";

const AREA_CODES =
  `614 216 330 419 513 937 412 215 617 312 773 303 602 520 559 916 510 206 509 503 208 801 505 402
  918 316 314 901 615 502 404 704 919 804 410 973 716 585 315 518 860 401 802 603 207 313 616 414 608 612 515 605
  701 406 307 702 907 808 214 713 512 210 915 504 601 205 501 904 305 813 407 843 803 317 260 304 302`
    .split(/\s+/)
    .filter((a) => a.length === 3);

const INTERNATIONAL = [
  (r: Random) => `+44 20 ${digits(r, 4)} ${digits(r, 4)}`,
  (r: Random) => `+44 7${digits(r, 3)} ${digits(r, 6)}`,
  (r: Random) => `+52 55 ${digits(r, 4)} ${digits(r, 4)}`,
  (r: Random) => `+91 9${digits(r, 4)} ${digits(r, 5)}`,
  (r: Random) => `+63 917 ${digits(r, 3)} ${digits(r, 4)}`,
  (r: Random) => `+234 803 ${digits(r, 3)} ${digits(r, 4)}`,
  (r: Random) => `+33 1 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
  (r: Random) => `+49 30 ${digits(r, 8)}`,
  (r: Random) => `011 52 33 ${digits(r, 4)} ${digits(r, 4)}`,
];

/** A North American number in one of many formats, sometimes with an extension or a foreign number. */
export function phoneNumber(r: Random): string {
  if (r.chance(1, 10)) return r.pick(INTERNATIONAL)(r);
  const a = r.pick(AREA_CODES);
  const e = chars(r, "23456789", 1) + chars(r, DIGITS, 1) + chars(r, "023456789", 1);
  const n = digits(r, 4);
  const formats = [
    `(${a}) ${e}-${n}`,
    `(${a}) ${e}-${n}`,
    `${a}-${e}-${n}`,
    `${a}-${e}-${n}`,
    `${a}.${e}.${n}`,
    `${a} ${e} ${n}`,
    `${a}${e}${n}`,
    `+1 ${a}-${e}-${n}`,
    `+1 (${a}) ${e}-${n}`,
    `1-${a}-${e}-${n}`,
    `+1${a}${e}${n}`,
    `(${a})${e}-${n}`,
    `${a}/${e}-${n}`,
  ];
  const base = r.pick(formats);
  if (!r.chance(1, 7)) return base;
  return (
    base +
    r.pick([
      ` ext. ${r.int(1, 9999)}`,
      ` x${r.int(10, 999)}`,
      ` ext ${r.int(1, 99)}`,
      ` Ext. ${r.int(100, 999)}`,
    ])
  );
}

function emailAddress(r: Random): string {
  const first = firstName(r)
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z-]/g, "");
  const last = lastName(r)
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z]/g, "");
  const n = String(r.int(1, 99));
  const local = r.pick([
    `${first}.${last}`,
    `${first[0]}${last}`,
    `${first}${last}${n}`,
    `${first}_${last}`,
    `${last}.${first}${n}`,
    `${first}.${last}+portal`,
    `${first}${r.int(1950, 2005)}`,
    `${last}-family`,
  ]);
  const domain = r.chance(1, 6) ? r.pick(ORG_DOMAINS) : r.pick(MAIL_DOMAINS);
  const email = `${local}@${domain}`;
  return r.chance(1, 12) ? email.toUpperCase() : email;
}

function slug(r: Random): [string, string] {
  const f = firstName(r)
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z]/g, "");
  const l = lastName(r)
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z]/g, "");
  return [f, l];
}

function url(r: Random): string {
  const [f, l] = slug(r);
  const n = r.int(1, 999);
  const org = r.pick(ORG_DOMAINS);
  const scheme = r.pick(["https://", "https://", "http://", ""]);
  const www = r.chance(1, 2) ? "www." : "";
  return r.pick([
    `${scheme}${www}facebook.com/${f}.${l}.${n}`,
    `${scheme}${www}instagram.com/${f}_${l}${n}`,
    `${scheme}twitter.com/${f}${l}`,
    `https://x.com/${l}_${f}`,
    `${scheme}${www}linkedin.com/in/${f}-${l}-${chars(r, "0123456789abcdef", 6)}`,
    `https://www.tiktok.com/@${f}.${l}`,
    `${scheme}${www}${l}family.com`,
    `http://${f}${l}.net/blog`,
    `https://${f}${l}.wordpress.com/${r.int(2019, 2025)}/${String(r.int(1, 12)).padStart(2, "0")}/my-surgery`,
    `https://mychart.${org}/patient/${digits(r, 7)}`,
    `https://portal.${org}/records?patientId=${digits(r, 6)}`,
    `https://${org}/billing/statement/${chars(r, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 10)}`,
    `https://www.gofundme.com/f/help-${f}-${l}`,
    `https://www.caringbridge.org/visit/${f}${l}`,
    `www.youtube.com/watch?v=${chars(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 11)}`,
  ]);
}

function octet(r: Random): number {
  return r.int(1, 254);
}

function ipv4(r: Random): string {
  return r.pick([
    `192.168.${r.int(0, 20)}.${octet(r)}`,
    `10.${r.int(0, 255)}.${r.int(0, 255)}.${octet(r)}`,
    `172.${r.int(16, 31)}.${r.int(0, 255)}.${octet(r)}`,
    `${r.pick([24, 50, 66, 67, 68, 71, 73, 76, 98, 104, 108, 173, 184, 208])}.${r.int(0, 255)}.${r.int(0, 255)}.${octet(r)}`,
  ]);
}

function hex(r: Random, max: number): string {
  return r.int(0, max).toString(16);
}

function ipv6(r: Random): string {
  const groups = Array.from({ length: 8 }, () => hex(r, 0xffff));
  groups[0] = r.pick(["2001", "2600", "2601", "2a02", "fe80", "2607"]);
  switch (r.int(1, 4)) {
    case 1:
      return groups.map((g) => g.padStart(4, "0")).join(":");
    case 2:
      return groups.join(":");
    case 3:
      return `${groups.slice(0, r.int(2, 4)).join(":")}::${groups.slice(6).join(":")}`;
    default:
      return `fe80::${groups.slice(4).join(":")}`;
  }
}

const variants = {
  PHONE: [
    {
      value: phoneNumber,
      clinical: [
        "Best contact number is {}.",
        "Daughter can be reached at {}.",
        "Called patient at {}, no answer, left a message.",
        "Patient's work number is {}.",
        "Callback number given as {}.",
        "Cell {} confirmed at registration.",
        "Spouse's phone: {}.",
      ],
      patient: ["call me at {}", "my cell is {}", "you can text me at {} anytime", "New number: {}. Thanks!"],
      labels: [
        "Phone",
        "Home Phone",
        "Cell",
        "Mobile",
        "Tel",
        "Work Phone",
        "Emergency Contact Phone",
        "Ph",
        "Contact #",
      ],
    },
  ],
  FAX: [
    {
      value: phoneNumber,
      clinical: [
        "Please fax records to {}.",
        "Fax results to the referring office at {}.",
        "Faxed the prior authorization to {}.",
        "Fax: {}.",
        "Signed form returned by fax to {}.",
        "Records release faxed to the attorney's office at {}.",
      ],
      patient: ["can you fax the form to my employer at {}?", "please fax it to {} attn HR"],
      labels: ["Fax", "Fax #", "Fax Number", "Fax No.", "Facsimile", "Return Fax", "F"],
    },
  ],
  EMAIL: [
    {
      value: emailAddress,
      clinical: [
        "Patient prefers contact by email at {}.",
        "Portal invitation sent to {}.",
        "Daughter's email: {}.",
        "Statement emailed to {}.",
        "Work excuse sent to {} per request.",
      ],
      patient: [
        "email me at {}",
        "my new email is {}",
        "please send it to {} instead",
        "({}) is the best way to reach me",
      ],
      labels: ["Email", "E-mail", "Email Address", "Contact Email", "Guarantor Email"],
    },
  ],
  URL: [
    {
      value: url,
      clinical: [
        "Patient shared a fundraising page: {}.",
        "Family blog at {} describes the hospitalization.",
        "Portal link: {}",
        "Social media profile {} reviewed per the safety protocol.",
        "Video of the seizure posted at {} was reviewed with neurology.",
        "Statement available at {}.",
      ],
      patient: [
        "here's the link with my pictures {}",
        "my page is {}",
        "I posted an update at {} for the family",
      ],
      labels: ["URL", "Website", "Portal Link", "Profile", "Web Page"],
    },
  ],
  IP_ADDRESS: [
    {
      value: (r: Random) => (r.chance(2, 3) ? ipv4(r) : ipv6(r)),
      clinical: [
        "Portal login from IP {} flagged by security.",
        "Telehealth session connected from {}.",
        "Access log shows the record was viewed from {}.",
        "Home monitor hub at {} added to the remote monitoring allow list.",
        "Message submitted from address {}.",
      ],
      patient: ["the portal says my ip {} is blocked", "i'm connecting from {} if that helps IT"],
      labels: ["IP", "IP Address", "Client IP", "Source IP", "Remote Addr", "Login IP"],
    },
  ],
} satisfies Record<string, Variant[]>;

export const PHONE: Family = { identifier: "PHONE", variants: variants.PHONE };
export const FAX: Family = { identifier: "FAX", variants: variants.FAX };
export const EMAIL: Family = { identifier: "EMAIL", variants: variants.EMAIL };
export const URL_FAMILY: Family = { identifier: "URL", variants: variants.URL };
export const IP_ADDRESS: Family = { identifier: "IP_ADDRESS", variants: variants.IP_ADDRESS };
