import { describe, expect, it } from "vitest";
import type { Candidate, Recognizer } from "../../src/phi/candidate.js";
import { redact } from "../../src/phi/redact.js";
import { scanText } from "../../src/phi/scanner.js";
import { severityOf } from "../../src/phi/severity.js";
import { redactedSnippets } from "../../src/phi/snippet.js";
import { walkStrings } from "../../src/phi/walk.js";

/** A recognizer that reports fixed candidates wherever NEEDLE occurs. */
function fixed(
  needle: string,
  make: (start: number, end: number) => Omit<Candidate, "start" | "end">,
): Recognizer {
  return {
    name: `fixed-${needle}`,
    identifiers: [make(0, 0).identifier],
    scan(text, found) {
      for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1))
        found.push({ ...make(i, i + needle.length), start: i, end: i + needle.length });
    },
  };
}

describe("scanText (engine)", () => {
  it("keeps the more severe of overlapping candidates, then the longer", () => {
    const weakLong = fixed("555-1234 ext", () => ({ identifier: "PHONE", confidence: "weak", rule: "w" }));
    const strongShort = fixed("555-1234", () => ({ identifier: "PHONE", confidence: "strong", rule: "s" }));
    const findings = scanText("call 555-1234 ext 9", [weakLong, strongShort]);
    expect(findings).toEqual([
      { identifier: "PHONE", severity: "HIGH", confidence: "strong", start: 5, end: 13, rule: "s" },
    ]);
  });

  it("drops candidates inside clinical look-alikes unless the recognizer validated them", () => {
    const medium = fixed("131/94", () => ({ identifier: "DATE", confidence: "medium", rule: "d" }));
    expect(scanText("BP 131/94 today", [medium])).toEqual([]);
    const strong = fixed("911", () => ({ identifier: "PHONE", confidence: "strong", rule: "p" }));
    expect(scanText("dial 911", [strong])).toHaveLength(1);
    const dose = fixed("500", () => ({ identifier: "OTHER_UNIQUE_ID", confidence: "medium", rule: "o" }));
    expect(scanText("metformin 500 mg", [dose])).toEqual([]);
    expect(
      scanText("CPT 99213", [
        fixed("99213", () => ({ identifier: "GEOGRAPHIC", confidence: "medium", rule: "z" })),
      ]),
    ).toEqual([]);
  });

  it("maps confidence to severity as documented", () => {
    expect(severityOf("SSN", "strong")).toBe("CRITICAL");
    expect(severityOf("PHONE", "strong")).toBe("HIGH");
    expect(severityOf("PHONE", "medium")).toBe("HIGH");
    expect(severityOf("PHONE", "weak")).toBe("MEDIUM");
    expect(severityOf("URL", "weak")).toBe("LOW");
  });
});

describe("redaction", () => {
  const name = fixed("Ana Ruiz", () => ({ identifier: "NAME", confidence: "strong", rule: "n" }));
  const phone = fixed("555-0100", () => ({ identifier: "PHONE", confidence: "medium", rule: "p" }));

  it("replaces every finding with its placeholder", () => {
    const text = "Ana Ruiz called from 555-0100; call Ana Ruiz back.";
    const findings = scanText(text, [name, phone]);
    expect(redact(text, findings)).toBe("[NAME] called from [PHONE]; call [NAME] back.");
    expect(redact("nothing here", [])).toBe("nothing here");
  });

  it("gives each finding a snippet with all of the string's findings redacted", () => {
    const text = `${"x".repeat(50)} Ana Ruiz at 555-0100 ${"y".repeat(50)}`;
    const snippets = redactedSnippets(text, scanText(text, [name, phone]));
    expect(snippets).toHaveLength(2);
    for (const s of snippets) {
      expect(s).not.toContain("Ana");
      expect(s).not.toContain("555");
      expect(s).toContain("[NAME] at [PHONE]");
    }
    expect(snippets[0]!.startsWith("…")).toBe(true);
  });
});

describe("walkStrings", () => {
  it("visits every string with its path", () => {
    const seen: string[] = [];
    walkStrings(
      { messages: [{ role: "user", content: "a" }], "odd key": ["b", 3, null, { x: "c" }] },
      (p, t) => seen.push(`${p}=${t}`),
    );
    expect(seen).toEqual([
      "messages[0].role=user",
      "messages[0].content=a",
      '"odd key"[0]=b',
      '"odd key"[3].x=c',
    ]);
  });
});

describe("scanText on hostile input", () => {
  // No timing assertion: a pattern or a resolution step that is not linear would simply never return.
  it.each([
    "a.co/x ",
    "9",
    " ",
    ".",
    "@",
    "a.",
    "Smith ",
    "Dr. ",
    "1/",
    "1-",
    "1:",
    "MRN 12345 ",
    "-@-.",
    "Mr. A ",
  ])("returns on 400 KB of %j", (unit) => {
    const text = unit.repeat(Math.ceil(400_000 / unit.length));
    const findings = scanText(text);
    for (let i = 1; i < findings.length; i++)
      expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
  });
});
