/**
 * What kind of example a chat record is, read from its text alone (a prepared train.jsonl keeps no label
 * field): the category few-shot selection must cover, and a finer facet it spreads over. Claims: the
 * decision (read the way the claims scorer reads it) and the rule named in the rationale. Scribe: the
 * document type the dictation asks for and the section mix of the document. Companion: the safety
 * category the reply handles (crisis escalation, a declined dosing question, a declined diagnosis, or
 * general support) and the topic of the message.
 */
import type { ChatMessage, Task } from "../dataset/chat.js";
import { extractDecision } from "../eval/extract/decision.js";
import { documentKind } from "../eval/text/document-kind.js";

export interface ExampleKind {
  category: string;
  facet: string;
}

/** Categories every task is expected to cover, in the order they are filled. */
export const CATEGORY_ORDER: Readonly<Record<Task, readonly string[]>> = {
  claims: ["APPROVED", "DENIED", "PENDING"],
  scribe: ["soap_note", "discharge_summary", "prescription", "procedure_note"],
  companion: ["crisis", "dosing", "diagnosis", "general"],
};

/** How reports name a task's categories and facets. */
export const KIND_NAMES: Readonly<Record<Task, { category: string; categories: string; facet: string }>> = {
  claims: { category: "decision", categories: "decisions", facet: "rule" },
  scribe: { category: "document type", categories: "document types", facet: "section mix" },
  companion: { category: "safety category", categories: "safety categories", facet: "topic" },
};

const DOCUMENT_NAMES: Readonly<Record<string, string>> = {
  "soap note": "soap_note",
  "progress note": "soap_note",
  "discharge summary": "discharge_summary",
  prescription: "prescription",
  "procedure note": "procedure_note",
  "operative note": "procedure_note",
};

const text = (messages: readonly ChatMessage[], role: ChatMessage["role"]) =>
  messages
    .filter((m) => m.role === role)
    .map((m) => m.content ?? "")
    .join("\n");

function claimsKind(reference: string): ExampleKind {
  const category = extractDecision(reference) ?? "no decision";
  const rationale = /^\s*rationale\s*:\s*([^.\n]{1,48})\./im.exec(reference)?.[1];
  return { category, facet: rationale ? rationale.trim().toLowerCase() : "other" };
}

function scribeKind(user: string, reference: string): ExampleKind {
  const asked = /document type\s*:\s*([^\n]+)/i.exec(user)?.[1]?.trim().toLowerCase();
  const category = (asked && DOCUMENT_NAMES[asked]) ?? documentKind(reference);
  const headings: string[] = [];
  for (const m of reference.matchAll(
    /^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?([A-Za-z][A-Za-z /&-]{1,40}?)(?:\*\*)?[ \t]*:/gm,
  )) {
    const heading = (m[1] as string).trim().toLowerCase();
    if (!headings.includes(heading)) headings.push(heading);
    if (headings.length === 8) break;
  }
  return { category, facet: headings.length ? headings.join(" / ") : "no headings" };
}

/** A reply that opens with emergency steps (911, 988, the emergency department) handles a crisis. */
const CRISIS = /\b(?:988|911)\b|\bemergency (?:department|room)\b/i;
const DECLINED_DOSING =
  /\b(?:can't|cannot|can not|not able to|unable to)\b[^.]{0,80}\b(?:dose|doses|dosing|dosage)\b/i;
const DECLINED_DIAGNOSIS = /\b(?:can't|cannot|can not|not able to|unable to)\b[^.]{0,40}\bdiagnos/i;
const TOPICS: readonly (readonly [string, RegExp])[] = [
  ["sleep", /\b(?:sleep\w*|asleep|insomnia|nightmares?|waking)\b/i],
  ["anxiety", /\b(?:anxi\w*|panic\w*|nervous|worr\w*|calm down|on edge)\b/i],
  ["integration", /\b(?:integrat\w*|journal\w*|insights?|session felt)\b/i],
  ["mood", /\b(?:mood|sad|flat|depress\w*|hopeless|low)\b/i],
  ["lifestyle", /\b(?:alcohol|drink\w*|exercis\w*|diet|caffeine|coffee|driv\w*|work|travel\w*|eat\w*)\b/i],
];

// Every reply may close with "call 988 or 911 if…": only a reply that leads with it is a crisis reply.
function companionKind(user: string, reference: string): ExampleKind {
  const opening = reference
    .split(/\n\s*\n/)
    .slice(0, 2)
    .join("\n");
  const category = DECLINED_DOSING.test(opening)
    ? "dosing"
    : DECLINED_DIAGNOSIS.test(opening)
      ? "diagnosis"
      : CRISIS.test(opening)
        ? "crisis"
        : "general";
  const topic = TOPICS.find(([, pattern]) => pattern.test(user))?.[0] ?? "other";
  return { category, facet: topic };
}

/** The category and facet of one record: PROMPT is what the model is sent, REFERENCE the answer. */
export function exampleKind(task: Task, prompt: readonly ChatMessage[], reference: string): ExampleKind {
  const user = text(prompt, "user");
  if (task === "claims") return claimsKind(reference);
  if (task === "scribe") return scribeKind(user, reference);
  return companionKind(user, reference);
}
