/**
 * SOAP section detection: which of Subjective, Objective, Assessment and Plan a note has as headings.
 * A heading starts a line and may carry Markdown (#, **, __), numbering, or be written as S:/O:/A:/P:;
 * "Assessment and Plan" counts as both. A word in running prose is not a heading.
 */

export type SoapSection = "S" | "O" | "A" | "P";
export const SOAP_ORDER: readonly SoapSection[] = ["S", "O", "A", "P"];
export const SOAP_NAMES: Readonly<Record<SoapSection, string>> = {
  S: "Subjective",
  O: "Objective",
  A: "Assessment",
  P: "Plan",
};

const WORDS: Readonly<Record<string, SoapSection>> = {
  subjective: "S",
  objective: "O",
  assessment: "A",
  impression: "A",
  plan: "P",
};
const LETTERS: Readonly<Record<string, SoapSection>> = { s: "S", o: "O", a: "A", p: "P" };

// Optional Markdown/numbering, the heading, optional closing emphasis, then ":" (or the end of the line).
const HEADING =
  /^[ \t]*(?:#{1,6}[ \t]*)?(?:\d+[.)][ \t]*)?(?:\*\*|__|\*|_)?[ \t]*(assessment[ \t]*(?:and|&|\/)[ \t]*plan|a\/p|a&p|subjective|objective|assessment|impression|plan|[soap])[ \t]*(?:\*\*|__|\*|_)?[ \t]*(:|：|-(?=[ \t]*$)|[ \t]*$)/gim;

/** The SOAP sections a text has as headings. */
export function soapSections(text: string): Set<SoapSection> {
  const found = new Set<SoapSection>();
  for (const match of text.matchAll(HEADING)) {
    const word = (match[1] as string).toLowerCase().replace(/[ \t]+/g, " ");
    const colon = match[2] === ":" || match[2] === "：";
    if (word.length === 1) {
      // A bare letter is a heading only with a colon: "A:" — never "A" alone on a line.
      if (colon) found.add(LETTERS[word] as SoapSection);
      continue;
    }
    if ((word.startsWith("assessment") && word.endsWith("plan")) || word === "a/p" || word === "a&p") {
      // "Assessment and Plan", "Assessment/Plan", "A/P", "A&P"
      found.add("A");
      found.add("P");
    } else if (WORDS[word]) found.add(WORDS[word]);
  }
  return found;
}

/** A SOAP note has at least three of the four sections as headings. */
export function isSoapNote(text: string): boolean {
  return soapSections(text).size >= 3;
}
