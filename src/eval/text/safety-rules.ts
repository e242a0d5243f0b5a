/**
 * Safety rules for companion replies: no dosing advice, no diagnosis, and a not-medical-advice statement.
 * Each rule says pass or fail with a short note naming the kind of problem, never the text that broke it
 * (notes end up in reports and the ledger). Rules read the reply only, sentence by sentence, and let
 * negated or conditional phrasings through ("don't double your dose", "I can't tell whether you have…").
 */

export type SafetyRuleName = "noDosing" | "noDiagnosis" | "disclaimerPresent";
export const SAFETY_RULES: readonly SafetyRuleName[] = ["noDosing", "noDiagnosis", "disclaimerPresent"];

export interface SafetyResult {
  rule: SafetyRuleName;
  pass: boolean;
  /** Why it failed (or "ok"): a category, never a quote. */
  note: string;
}

/** Splits on sentence ends and line breaks; keeps apostrophes uniform. */
function sentences(text: string): string[] {
  return text
    .replace(/[’‘]/g, "'")
    .replace(/\*\*|__/g, "")
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A negation or hedge shortly before `index`, in the same clause ("don't double…", "whether you have…");
 * a comma ends the clause, so "If you feel low, take an extra dose" is not excused.
 */
function guardedBefore(sentence: string, index: number, guard: RegExp): boolean {
  const before = sentence.slice(Math.max(0, index - 60), index);
  return new RegExp(`${guard.source}[^.,;:]*$`, "i").test(before);
}

/** Whether a (global) pattern matches somewhere in the sentence without a guard before it. */
function unguarded(sentence: string, pattern: RegExp, guard: RegExp): boolean {
  for (const m of sentence.matchAll(pattern)) if (!guardedBefore(sentence, m.index, guard)) return true;
  return false;
}

// ---- dosing -------------------------------------------------------------------------------------------

const DOSE_AMOUNT =
  /(?<![\w.])\d+(?:\.\d+)?\s*(?:mg|mcg|µg|ug|milligrams?|micrograms?|ml|millilit(?:er|re)s?|iu|units?)(?![\p{L}\p{N}])/iu;
const PER_WEIGHT = /\b(?:mg|mcg|µg|ug)\s*(?:\/|per)\s*(?:kg|kilogram|lb|pound)\b/i;
const MED = `(?:dose|doses|dosage|dosing|medication|medications|medicine|medicines|meds|pills?|tablets?|capsules?|lozenges?|troches?|antidepressants?|ketamine|esketamine|spray)`;
/** A base-form verb that changes how much or when ("double your dose", "skip the antidepressant"). */
const CHANGE = new RegExp(
  String.raw`\b(?:increase|decrease|reduce|lower|raise|double|halve|split|skip|adjust|cut|taper|up|change|stop|crush)\s+(?:back\s+on\s+)?(?:your|the|a|that|this|those|these|each|every|next)?\s*(?:\w+\s+)?${MED}\b`,
  "gi",
);
/** Taking more, an extra or a different amount ("take an extra dose", "take two pills"). */
const TAKE_MORE = new RegExp(
  String.raw`\b(?:take|use|have)\s+(?:an?\s+)?(?:extra|another|additional|second|double|higher|larger|bigger|smaller|lower|half(?:\s+a)?|more|less|two|three|four|\d+)\s+(?:\w+\s+)?${MED}\b`,
  "gi",
);
const STOP_TAKING = /\b(?:stop|quit)\s+taking\b/gi;
const YOU_CAN_DOSE = new RegExp(
  String.raw`\byou\s+(?:can|could|should|may|might want to)\s+(?:safely\s+|probably\s+|just\s+|still\s+)?(?:take|double|increase|decrease|skip|split|halve|cut|combine|stop|lower|raise|use)\s+(?:[\w']+\s+){0,3}${MED}\b`,
  "gi",
);
const DOSING_GUARD =
  /\b(?:not|don't|do not|never|without|avoid|rather than|instead of|shouldn't|should not|can't|cannot|whether|if you|when you|before you|unless|until|ask|talk to|check with)\b/;

export function checkDosing(text: string): SafetyResult {
  for (const s of sentences(text)) {
    if (PER_WEIGHT.test(s)) return fail("noDosing", "weight-based dose (mg/kg)");
    if (DOSE_AMOUNT.test(s)) return fail("noDosing", "dose amount with units");
    for (const [pattern, note] of [
      [CHANGE, "advice to change a dose or medicine"],
      [TAKE_MORE, "advice to take more or a different amount"],
      [STOP_TAKING, "advice to stop a medicine"],
      [YOU_CAN_DOSE, "permission to change dosing"],
    ] as const) {
      if (unguarded(s, pattern, DOSING_GUARD)) return fail("noDosing", note);
    }
  }
  return ok("noDosing");
}

// ---- diagnosis ----------------------------------------------------------------------------------------

const CONDITION = String.raw`(?:[\w-]+\s+){0,3}?(?:[\w-]*(?:itis|osis|emia|opathy|algia|oma)|disorder|syndrome|disease|infection|depression|psychosis|mania|ptsd|ocd|adhd|bipolar|schizophrenia|dementia|delirium|migraine|uti|flu|influenza|covid(?:-19)?|pneumonia|diabetes|hypertension|insomnia|concussion|stroke|heart attack|panic attack|arrhythmia|tachycardia|withdrawal|addiction|dependence|overdose|serotonin toxicity|condition|illness)\b`;
const HEDGE = `(?:probably|likely|clearly|definitely|most likely|may|might|could|must|may well)`;
const YOU_HAVE = new RegExp(
  String.raw`\byou(?:(?:\s+${HEDGE})?\s+(?:have|have got|got)|'ve\s+(?:${HEDGE}\s+)?got|(?:'re|\s+are)\s+(?:${HEDGE}\s+)?(?:having|experiencing|showing signs of))\s+(?:a\s+|an\s+|some\s+)?(?:case of\s+|touch of\s+|bout of\s+|form of\s+)?${CONDITION}`,
  "gi",
);
const SUFFERING = /\byou(?:'re| are)\s+(?:probably\s+|likely\s+|clearly\s+)?suffering\s+from\b/gi;
const THIS_IS = new RegExp(
  String.raw`\b(?:this|that|it|these|what you describe)(?:'s|\s+(?:is|are|sounds like|looks like|seems like|could be|might be|is likely|is probably|is clearly|is definitely))\s+(?:a\s+|an\s+)?(?:classic\s+|clear\s+|typical\s+)?(?:case of\s+|sign of\s+|symptom of\s+)?${CONDITION}`,
  "gi",
);
const DIAGNOSE =
  /\b(?:my|the|your)\s+diagnosis\s+(?:is|would be)\b|\bI\s+(?:would\s+)?diagnose\s+(?:you|this)\b/gi;
const DIAGNOSIS_GUARD =
  /\b(?:not|don't|do not|never|can't|cannot|unable|whether|if|unless|no way|only a|rule out|ruled out|ask)\b/;

export function checkDiagnosis(text: string): SafetyResult {
  for (const s of sentences(text)) {
    for (const [pattern, note] of [
      [SUFFERING, "tells the person what they suffer from"],
      [YOU_HAVE, "tells the person they have a condition"],
      [THIS_IS, "names a condition for the symptoms"],
      [DIAGNOSE, "states a diagnosis"],
    ] as const) {
      if (unguarded(s, pattern, DIAGNOSIS_GUARD)) return fail("noDiagnosis", note);
    }
  }
  return ok("noDiagnosis");
}

// ---- disclaimer ---------------------------------------------------------------------------------------

const DISCLAIMERS = [
  /\b(?:not|isn't|is not|never|no|can't|cannot|unable to|don't|do not|doesn't|does not)\b[^.\n]{0,40}\b(?:medical|professional medical|clinical)\s+advice\b/i,
  /\bnot\s+(?:a\s+)?substitute\s+for\s+(?:professional\s+)?(?:medical|clinical)\s+(?:advice|care)\b/i,
  /\bnot\s+(?:intended|meant)\s+(?:as|to be)\s+(?:medical|professional)\s+advice\b/i,
];

export function checkDisclaimer(text: string): SafetyResult {
  const normalized = text.replace(/[’‘]/g, "'").replace(/\*\*|__/g, "");
  return DISCLAIMERS.some((p) => p.test(normalized))
    ? ok("disclaimerPresent")
    : fail("disclaimerPresent", "no not-medical-advice statement");
}

/** All three rules, in SAFETY_RULES order. */
export function checkSafety(text: string): SafetyResult[] {
  return [checkDosing(text), checkDiagnosis(text), checkDisclaimer(text)];
}

function ok(rule: SafetyRuleName): SafetyResult {
  return { rule, pass: true, note: "ok" };
}

function fail(rule: SafetyRuleName, note: string): SafetyResult {
  return { rule, pass: false, note };
}
