/**
 * The clinical system prompts: every guardrail is in the text, the output format asked for is the one
 * the scorers read, and site rules can be added but not collide with the built-in ones.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TASKS } from "../../src/dataset/chat.js";
import { extractDecision } from "../../src/eval/extract/decision.js";
import { checkSafety } from "../../src/eval/text/safety-rules.js";
import { clinicalSystemPrompt } from "../../src/prompting/system-prompt.js";

describe("clinicalSystemPrompt", () => {
  it.each(TASKS)("%s: holds every guardrail as text and as data", (task) => {
    const p = clinicalSystemPrompt(task);
    expect(p.template).toBe(`clinical-${task}-system`);
    expect(p.text).not.toContain("{{");
    expect(p.guardrails.length).toBeGreaterThanOrEqual(4);
    for (const g of p.guardrails) expect(p.text).toContain(`- ${g.rule}`);
    expect(new Set(p.guardrails.map((g) => g.id)).size).toBe(p.guardrails.length);
    expect(p.sha256).toBe(createHash("sha256").update(p.text).digest("hex"));
  });

  it("claims: asks for the decision line the claims scorer reads", () => {
    const p = clinicalSystemPrompt("claims");
    const example = p.text.slice(p.text.indexOf("Decision: APPROVED\nRationale:"));
    expect(extractDecision(example.split("\n\n")[0] ?? "")).toBe("APPROVED");
    expect(p.guardrails.map((g) => g.id)).toContain("claims-no-assumed-facts");
  });

  it("scribe and companion: forbid invented facts, dosing and diagnosis, and escalate emergencies", () => {
    expect(clinicalSystemPrompt("scribe").text).toMatch(/Never invent findings/);
    const companion = clinicalSystemPrompt("companion");
    expect(companion.text).toMatch(/call 911/);
    expect(companion.text).toMatch(/988/);
    expect(companion.guardrails.map((g) => g.id)).toEqual(
      expect.arrayContaining([
        "companion-no-dosing",
        "companion-no-diagnosis",
        "companion-not-medical-advice",
      ]),
    );
    // The prompt's own wording would pass the companion safety rules it asks for.
    expect(checkSafety(companion.text).find((r) => r.rule === "disclaimerPresent")?.pass).toBe(true);
  });

  it("appends site guardrails and refuses a duplicate id", () => {
    const p = clinicalSystemPrompt("claims", { extraGuardrails: ["Always cite the plan section."] });
    expect(p.guardrails.at(-1)).toEqual({
      id: "site-1",
      rule: "Always cite the plan section.",
      checkedBy: null,
    });
    expect(p.text).toContain("- Always cite the plan section.");
    expect(p.sha256).not.toBe(clinicalSystemPrompt("claims").sha256);
    expect(() =>
      clinicalSystemPrompt("claims", {
        extraGuardrails: [{ id: "claims-decision-line", rule: "again", checkedBy: null }],
      }),
    ).toThrow(/used twice/);
  });
});
