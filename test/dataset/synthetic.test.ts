import { describe, expect, it } from "vitest";
import { type Example, TASKS, type Task } from "../../src/dataset/chat.js";
import { adjudicate, type ClaimFacts } from "../../src/dataset/synthetic/claims.js";
import {
  defaultSystemPromptName,
  describeGenerator,
  GENERATOR_VERSION,
  synthesize,
} from "../../src/dataset/synthetic/index.js";
import { loadPrompt } from "../../src/prompts/load.js";

const SYSTEM = "You are a test assistant.";
const LABELS: Record<Task, string[]> = {
  claims: ["APPROVED", "DENIED", "PENDING"],
  scribe: ["soap_note", "discharge_summary", "prescription", "procedure_note"],
  companion: [
    "integration",
    "anxiety",
    "sleep",
    "mood",
    "dosing_question",
    "symptom_question",
    "crisis",
    "lifestyle",
  ],
};

const generate = (task: Task, n: number, seed: number): Example[] => [...synthesize(task, n, seed, SYSTEM)];
const user = (e: Example) => e.record.messages[1]?.content ?? "";
const assistant = (e: Example) => e.record.messages[2]?.content ?? "";
const countLabels = (examples: Example[]) => {
  const counts: Record<string, number> = {};
  for (const e of examples) counts[e.label] = (counts[e.label] ?? 0) + 1;
  return counts;
};

describe.each(TASKS)("synthesize(%s)", (task) => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = generate(task, 200, 7);
    expect(generate(task, 200, 7)).toEqual(a);
    const b = generate(task, 200, 8);
    expect(b.map(user)).not.toEqual(a.map(user));
  });

  it("yields exactly n chat examples, lazily", () => {
    for (const n of [0, 1, 2, 37]) expect(generate(task, n, 1)).toHaveLength(n);
    const first = generate(task, 5, 3);
    for (const e of first) {
      expect(e.record.messages.map((m) => m.role)).toEqual(["system", "user", "assistant"]);
      expect(e.record.messages[0]?.content).toBe(SYSTEM);
      expect(LABELS[task]).toContain(e.label);
    }
    const taken: Example[] = [];
    for (const e of synthesize(task, 1_000_000_000, 3, SYSTEM)) {
      taken.push(e);
      if (taken.length === 3) break;
    }
    expect(taken).toHaveLength(3);
  });

  it("gives at least 95% distinct user prompts at n = 5,000", () => {
    const users = generate(task, 5000, 11).map(user);
    expect(new Set(users).size / users.length).toBeGreaterThanOrEqual(0.95);
  });

  it("covers every label and follows the target proportions", () => {
    const labels = LABELS[task];
    const small = countLabels(generate(task, 2 * labels.length, 5));
    for (const label of labels) expect(small[label]).toBeGreaterThanOrEqual(2);
    const examples = generate(task, 10_000, 42);
    const counts = countLabels(examples);
    const expected =
      task === "claims"
        ? { APPROVED: 5000, DENIED: 3000, PENDING: 2000 }
        : Object.fromEntries(labels.map((l) => [l, 10_000 / labels.length]));
    expect(counts).toEqual(expected);
    // Shuffled, not blocked by label.
    expect(new Set(examples.slice(0, 50).map((e) => e.label)).size).toBeGreaterThan(1);
  });

  it("contains no Safe Harbor identifiers in any string (n = 2,000)", () => {
    const patterns: [string, RegExp][] = [
      [
        "month name",
        /\b(January|February|March|April|June|July|August|September|October|November|December)\b/,
      ],
      ["month abbreviation", /\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d/],
      ["May with a day", /\bMay\s+\d/],
      ["weekday", /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/],
      ["numeric date", /\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b/],
      ["ISO date", /\b\d{4}-\d{2}-\d{2}\b/],
      ["age over 89", /\b(9\d|1\d\d)[- ]year[- ]old\b|\bage[ds]?\s+(9\d|1\d\d)\b/i],
      ["email", /[\w.+-]+@[\w-]+\.[\w.]+/],
      ["phone", /\(?\b\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}\b/],
      ["nine-digit run", /\d{9}/],
      ["SSN", /\b\d{3}-\d{2}-\d{4}\b/],
      ["URL", /https?:\/\/|www\.|\.(com|org|net|gov)\b/i],
      ["IP address", /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/],
      ["title", /\b(Dr|Mr|Mrs|Ms|Miss)\.?\s+[A-Z]/],
      ["identifier label", /\b(MRN|SSN|NPI|DEA|member id|claim (number|no\.?|#))\b/i],
    ];
    for (const e of generate(task, 2000, 2024)) {
      for (const m of e.record.messages) {
        const text = m.content ?? "";
        for (const [name, re] of patterns) {
          const hit = re.exec(text);
          if (hit) expect.fail(`${name} "${hit[0]}" in ${m.role} message: ${text.slice(0, 200)}`);
        }
      }
    }
  });

  it("has a default system prompt file and a data-dictionary section", () => {
    const prompt = loadPrompt(defaultSystemPromptName(task));
    expect(prompt.length).toBeGreaterThan(100);
    expect(prompt).not.toMatch(/^#/);
    const section = describeGenerator(task);
    expect(section).toMatch(/^### /m);
    expect(section).toContain(`cft prepare --task ${task} --synthetic N --seed S`);
    expect(section).toContain(GENERATOR_VERSION);
    for (const label of LABELS[task]) expect(section).toContain(label);
    expect(section).toMatch(/seed/i);
    expect(section).toMatch(/de-identif/i);
  });
});

describe("synthesize input checks", () => {
  it("rejects a negative or fractional n", () => {
    expect(() => synthesize("claims", -1, 1, SYSTEM)).toThrow(/synthetic/);
    expect(() => synthesize("claims", 1.5, 1, SYSTEM)).toThrow(/synthetic/);
  });
});

/** Reads the policy facts back out of the user message, as a reader of the dataset would. */
function parseClaim(text: string): ClaimFacts {
  const diagnoses: string[] = [];
  const lines: { code: string; billedCents: number }[] = [];
  let section = "";
  for (const line of text.split("\n")) {
    if (line.startsWith("Diagnoses (ICD-10-CM):")) section = "dx";
    else if (line.startsWith("Service lines:")) section = "lines";
    else if (line === "") section = "";
    const dx = section === "dx" ? /^\d+\. ([A-Z]\d[0-9A-Z.]*) /.exec(line) : null;
    if (dx?.[1]) diagnoses.push(dx[1]);
    const sl =
      section === "lines" ? /^\d+\. (?:CPT|HCPCS) (\w+) .*, billed \$([\d,]+)\.(\d\d);/.exec(line) : null;
    if (sl?.[1] && sl[2] && sl[3]) {
      lines.push({ code: sl[1], billedCents: Number(sl[2].replace(/,/g, "")) * 100 + Number(sl[3]) });
    }
  }
  const auth = /^Prior authorization: (on file|none on file)$/m.exec(text);
  if (!auth) throw new Error(`no prior authorization line in: ${text}`);
  return { diagnoses, lines, priorAuthOnFile: auth[1] === "on file" };
}

describe("claims policy", () => {
  const RULE_NAMES = {
    EXCLUDED_SERVICE: "Excluded service.",
    NO_MEDICAL_NECESSITY: "No medical necessity.",
    PRIOR_AUTH_MISSING: "Prior authorization missing.",
    AMOUNT_OVER_ALLOWED: "Billed amount over allowed range.",
    ALL_CRITERIA_MET: "All criteria met.",
  } as const;

  it("agrees with adjudicate() on every generated claim and names the rule and codes", () => {
    const rules = new Set<string>();
    for (const e of generate("claims", 3000, 99)) {
      const facts = parseClaim(user(e));
      expect(facts.diagnoses.length).toBeGreaterThan(0);
      expect(facts.lines.length).toBeGreaterThan(0);
      const result = adjudicate(facts);
      expect(result.decision).toBe(e.label);
      const [first, second] = assistant(e).split("\n");
      expect(first).toBe(`Decision: ${e.label}`);
      expect(second).toMatch(/^Rationale: /);
      expect(second).toContain(RULE_NAMES[result.rule]);
      for (const code of result.codes) expect(second).toContain(code);
      rules.add(result.rule);
      expect(user(e)).toMatch(/^Service year: \d{4}$/m);
      expect(user(e)).toMatch(/^Medical analysis: .+/m);
      expect(user(e)).not.toMatch(/APPROVED|DENIED|PENDING|pricing review|not covered/);
    }
    expect([...rules].sort()).toEqual(Object.keys(RULE_NAMES).sort());
  });

  it("applies the rules in order", () => {
    const base = {
      diagnoses: ["M54.16"],
      lines: [{ code: "72148", billedCents: 40_000 }],
      priorAuthOnFile: true,
    };
    expect(adjudicate(base)).toMatchObject({ decision: "APPROVED", rule: "ALL_CRITERIA_MET" });
    expect(adjudicate({ ...base, priorAuthOnFile: false })).toMatchObject({ rule: "PRIOR_AUTH_MISSING" });
    const over = { ...base, lines: [{ code: "72148", billedCents: 90_000 }] };
    expect(adjudicate(over)).toMatchObject({
      decision: "PENDING",
      rule: "AMOUNT_OVER_ALLOWED",
      codes: ["72148"],
    });
    // 25% over the allowed maximum is still within the margin.
    expect(adjudicate({ ...base, lines: [{ code: "72148", billedCents: 81_250 }] }).rule).toBe(
      "ALL_CRITERIA_MET",
    );
    expect(adjudicate({ ...base, diagnoses: ["M54.50"] })).toMatchObject({
      decision: "DENIED",
      codes: ["72148"],
    });
    const cosmetic = { ...base, lines: [...base.lines, { code: "15780", billedCents: 150_000 }] };
    expect(adjudicate(cosmetic)).toMatchObject({
      decision: "DENIED",
      rule: "EXCLUDED_SERVICE",
      codes: ["15780"],
    });
  });
});

describe("scribe documents", () => {
  const examples = generate("scribe", 2000, 17);
  const HEADERS: Record<string, string> = {
    soap_note: "SOAP NOTE",
    discharge_summary: "DISCHARGE SUMMARY",
    prescription: "PRESCRIPTION",
    procedure_note: "PROCEDURE NOTE",
  };

  it("names the document type and gives SOAP notes their four sections in order", () => {
    for (const e of examples) {
      const doc = assistant(e);
      expect(user(e)).toMatch(/^Document type: (SOAP note|discharge summary|prescription|procedure note)\n/);
      expect(doc.split("\n")[0]).toBe(HEADERS[e.label]);
      if (e.label === "soap_note") {
        const at = ["Subjective:", "Objective:", "Assessment:", "Plan:"].map((h) => doc.indexOf(`\n${h}\n`));
        expect(at.every((i) => i > 0)).toBe(true);
        expect([...at].sort((a, b) => a - b)).toEqual(at);
      }
    }
  });

  const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

  it("invents no numbers: every figure in the document was dictated", () => {
    for (const e of examples) {
      // Spoken counts ("four refills", "one tablet") count as dictated figures.
      const dictation = user(e).replace(/\b(zero|one|two|three|four|five|six|seven|eight|nine|ten)\b/g, (w) =>
        String(WORDS.indexOf(w)),
      );
      for (const [figure] of assistant(e).matchAll(/(?<![A-Za-z\d.])\d+(?:\.\d+)?/g)) {
        if (figure === "0") continue; // "Refills: 0" from "no refills"
        if (!new RegExp(`(?<![\\d.])${figure.replace(".", "\\.")}(?![\\d]|\\.\\d)`).test(dictation))
          expect.fail(`"${figure}" not dictated:\n${dictation}\n---\n${assistant(e)}`);
      }
      const code = /\(([A-Z]\d[0-9A-Z.]*)\)/.exec(assistant(e))?.[1];
      expect(code && dictation.includes(code)).toBe(true);
    }
  });
});

describe("companion replies", () => {
  const examples = generate("companion", 2000, 23);

  it("always says it is not medical advice", () => {
    for (const e of examples) expect(assistant(e)).toMatch(/not medical advice/i);
  });

  it("never gives dosing figures in answers to dosing questions", () => {
    const dosing = examples.filter((e) => e.label === "dosing_question");
    expect(dosing.length).toBeGreaterThan(100);
    for (const e of dosing) {
      const text = assistant(e);
      expect(text).not.toMatch(/\b(mg|mcg|milligrams?|micrograms?|ml|units?)\b/i);
      expect(text).not.toMatch(/\d+\s*(mg|mcg|ml)/i);
      expect(text).toMatch(/prescriber/);
    }
  });

  it("sends crises to 988, 911 and the care team, and never diagnoses symptoms", () => {
    for (const e of examples) {
      const text = assistant(e);
      if (e.label === "crisis") {
        expect(text).toContain("988");
        expect(text).toContain("911");
        expect(text).toMatch(/care team/);
      }
      if (e.label === "symptom_question") {
        expect(text).toMatch(/diagnose/);
        expect(text).not.toMatch(/\byou have\b|\bthis is (a|an) \w+ (infection|disorder|syndrome)\b/i);
      }
    }
  });
});
