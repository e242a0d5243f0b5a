import { describe, expect, it } from "vitest";
import { extractChoice } from "../../src/eval/extract/choice.js";
import { extractDecision, normalizeDecision } from "../../src/eval/extract/decision.js";

describe("extractDecision", () => {
  it.each([
    ["Decision: APPROVED\nRationale: All criteria met.", "APPROVED"],
    ["decision: denied", "DENIED"],
    ["**Decision:** PENDING\n**Rationale:** prior auth missing", "PENDING"],
    ["**Decision**: Approved.", "APPROVED"],
    ["## Decision - Deny", "DENIED"],
    ["Final decision = rejected", "DENIED"],
    ["Decision：PEND", "PENDING"],
    ["Decision: needs more information before a determination", "PENDING"],
    ["The decision is to approve the claim.", "APPROVED"],
    ["DECISION: `DENIED`", "DENIED"],
    ['{"decision": "approve", "rationale": "supported"}', "APPROVED"],
    ['Here you go:\n```json\n{"decision": "DENIED", "reason": "cosmetic {excluded}"}\n```', "DENIED"],
    ['{"result": {"Decision": "pending"}}', "PENDING"],
    // The explicit line wins over JSON that disagrees.
    ['Decision: DENIED\n```json\n{"decision": "APPROVED"}\n```', "DENIED"],
    // Repeating the same decision is fine.
    ["Decision: APPROVED\n...\nDecision: approved", "APPROVED"],
  ])("%j → %s", (text, expected) => {
    expect(extractDecision(text)).toBe(expected);
  });

  it.each([
    ["I would approve this claim."],
    ["Decision: APPROVED\nDecision: DENIED"],
    ['{"decision": "APPROVED"} {"decision": "DENIED"}'],
    ["Decision: partially approved"],
    ["Decision: not approved"],
    ["The decision-making process requires review."],
    ['{"decision": 3}'],
    ["{broken json"],
    [""],
  ])("%j → null", (text) => {
    expect(extractDecision(text)).toBeNull();
  });

  it("normalizes synonyms", () => {
    expect(normalizeDecision("Approval")).toBe("APPROVED");
    expect(normalizeDecision("declined")).toBe("DENIED");
    expect(normalizeDecision("on hold")).toBe("PENDING");
    expect(normalizeDecision("more information needed")).toBe("PENDING");
    expect(normalizeDecision("maybe")).toBeNull();
  });
});

const MEDQA = {
  A: "Renal ultrasound",
  B: "Nitrofurantoin for 5 days",
  C: "Intravenous ceftriaxone",
  D: "Observation",
};
const PUBMEDQA = { A: "yes", B: "no", C: "maybe" };

describe("extractChoice", () => {
  it.each([
    ["B", "B"],
    ["b", "B"],
    ["(B)", "B"],
    ["B.", "B"],
    ["**B**", "B"],
    ["Option C", "C"],
    ["Answer: B", "B"],
    ["answer: (d)", "D"],
    ["The answer is B.", "B"],
    ["The correct answer is option C because IV therapy is needed.", "C"],
    ["The answer is A because imaging comes first.", "A"],
    ["**Answer:** D", "D"],
    ["Final answer: B", "B"],
    ["I would choose B.", "B"],
    ['{"answer": "C"}', "C"],
    ["\\boxed{A}", "A"],
    ["B. Nitrofurantoin for 5 days", "B"],
    ["C) Intravenous ceftriaxone", "C"],
    ["Nitrofurantoin for 5 days", "B"],
    ["nitrofurantoin for 5 days.", "B"],
    ["The answer is Observation", "D"],
    ["Let me think. Uncomplicated cystitis, so **B** is best.", "B"],
  ])("%j → %s", (text, expected) => {
    expect(extractChoice(text, MEDQA)).toBe(expected);
  });

  it.each([
    ["A or B"],
    ["Answer: B. On reflection, the answer is C."],
    ["**A** and **C** are both reasonable"],
    ["The answer is a tough one to call."],
    ["Answer: E"],
    ["Something else entirely"],
    ["B. Actually (C) is better."],
    [""],
  ])("%j → null (invalid)", (text) => {
    expect(extractChoice(text, MEDQA)).toBeNull();
  });

  it.each([
    ["yes", "A"],
    ["Yes.", "A"],
    ["No, the trial found no difference.", "B"],
    ["Maybe - the evidence is limited.", "C"],
    ["The answer is maybe", "C"],
    ["Answer: B", "B"],
    ["Not sure", null],
    ["Nope", null],
  ])("PubMedQA %j → %s", (text, expected) => {
    expect(extractChoice(text, PUBMEDQA)).toBe(expected);
  });
});
