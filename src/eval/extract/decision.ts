/**
 * Reads a claims decision (APPROVED, DENIED or PENDING) from free text: an explicit `Decision: X` line
 * (any case, Markdown bold, ":", "-", "=" or "is"), else a JSON object's `decision` field (bare or inside
 * a ```json fence). Synonyms are normalized ("deny", "rejected", "pend", "needs more information").
 * Explicit lines win over JSON; if what is left still disagrees, there is no answer (null).
 */

export const DECISIONS = ["APPROVED", "DENIED", "PENDING"] as const;
export type Decision = (typeof DECISIONS)[number];

const SYNONYMS: readonly (readonly [RegExp, Decision])[] = [
  [/^(?:approved?|approval|accept(?:ed)?|pay|paid|allow(?:ed)?|covered)\b/, "APPROVED"],
  [/^(?:denied|deny|denial|reject(?:ed)?|decline[d]?|not covered)\b/, "DENIED"],
  [
    /^(?:pending|pend(?:ed)?|on hold|hold|held|needs? (?:more|additional) (?:info(?:rmation)?|documentation|review)|more (?:info(?:rmation)?|documentation) (?:needed|required)|request(?:ing)? (?:more )?(?:info(?:rmation)?|documentation)|review required|under review|defer(?:red)?)\b/,
    "PENDING",
  ],
];

/** "Approve", "denied.", "needs more information" → the decision; anything else → null. */
export function normalizeDecision(phrase: string): Decision | null {
  const text = phrase
    .toLowerCase()
    .replace(/[*_`"'“”]/g, "")
    .replace(/^(?:to|is|the claim is|claim)\s+/, "")
    .trim();
  for (const [pattern, decision] of SYNONYMS) if (pattern.test(text)) return decision;
  return null;
}

// "Decision: X", "**Decision:** X", "Final decision - X", "DECISION = X", "decision is X", "Decision：X".
const EXPLICIT =
  /\bdecision\b[ \t]*(?:\*\*|__)?[ \t]*(?:[:：=–—-]|\bis\b)[ \t]*(?:\*\*|__)?[ \t]*([^\n]{1,60})/gi;

function unique(decisions: (Decision | null)[]): Decision | null | "conflict" {
  const found = new Set(decisions.filter((d): d is Decision => d !== null));
  if (found.size === 0) return null;
  return found.size === 1 ? ([...found][0] as Decision) : "conflict";
}

function explicitDecisions(text: string): (Decision | null)[] {
  const out: (Decision | null)[] = [];
  for (const m of text.matchAll(EXPLICIT)) {
    // A JSON key ("decision": "DENIED") is read as JSON, not as a line.
    const before = text.slice(Math.max(0, m.index - 1), m.index);
    if (before === '"' || before === "'") continue;
    out.push(normalizeDecision(m[1] as string));
  }
  return out;
}

/** Candidate JSON objects: the contents of ``` fences, then every balanced {...} span. */
function jsonCandidates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/```(?:json|JSON)?[ \t]*\n?([\s\S]*?)```/g))
    out.push((m[1] as string).trim());
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"' && depth > 0) inString = true;
    else if (c === "{") {
      if (depth === 0) start = i;
      depth++;
    } else if (c === "}" && depth > 0) {
      depth--;
      if (depth === 0) out.push(text.slice(start, i + 1));
    }
  }
  return out;
}

function decisionField(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > 3) return undefined;
  if (Array.isArray(value)) return undefined;
  for (const [key, field] of Object.entries(value)) if (key.toLowerCase() === "decision") return field;
  for (const field of Object.values(value)) {
    const nested = decisionField(field, depth + 1);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

function jsonDecisions(text: string): (Decision | null)[] {
  if (!text.includes("{")) return [];
  const out: (Decision | null)[] = [];
  const seen = new Set<string>();
  for (const candidate of jsonCandidates(text)) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    const field = decisionField(value);
    if (typeof field === "string") out.push(normalizeDecision(field));
  }
  return out;
}

/** The decision a text states, or null when it states none or contradicts itself. */
export function extractDecision(text: string): Decision | null {
  const explicit = unique(explicitDecisions(text));
  if (explicit === "conflict") return null;
  if (explicit) return explicit;
  const json = unique(jsonDecisions(text));
  return json === "conflict" ? null : json;
}
