/**
 * What goes into a Slack message: the milestone messages (one header line with the milestone and its
 * verdict, then a few key fields), and `prepareForSlack`, the last step before the wire, which redacts
 * every string of a message (text, and each string in its blocks, keys included) and then cuts it to
 * Slack's limits. Redaction comes first: cutting first could split an identifier so that the scanner no
 * longer recognises the half that is sent.
 */
import { redact } from "../phi/redact.js";
import { redactDeep } from "../phi/redact-deep.js";

export type MilestoneKind =
  | "data_prep_plan"
  | "audit"
  | "estimate"
  | "job_started"
  | "job_finished"
  | "evaluation"
  | "regression"
  | "promotion"
  | "route"
  | "compliance_concern";

export type MilestoneFields = Record<string, string | number | null>;

export interface SlackMessage {
  text: string;
  blocks?: unknown[];
}

/** Each milestone's title and the fields shown first, in order (matched ignoring case, `_` and `-`). */
const MILESTONES: Record<MilestoneKind, { title: string; first: string[] }> = {
  data_prep_plan: { title: "Data-prep plan ready", first: ["task", "source", "records", "train", "test"] },
  audit: { title: "HIPAA audit", first: ["dataset", "files", "records", "findings", "attestation"] },
  estimate: { title: "Cost estimate", first: ["provider", "basemodel", "costusd", "hours", "tokens"] },
  job_started: { title: "Fine-tune job started", first: ["provider", "basemodel", "run", "job", "costusd"] },
  job_finished: { title: "Fine-tune job finished", first: ["run", "model", "trainedtokens", "costusd"] },
  evaluation: { title: "Evaluation ready", first: ["model", "suite", "examples"] },
  regression: {
    title: "Regression test",
    first: ["recommendation", "failmetrics", "warnmetrics", "baseline", "candidate"],
  },
  promotion: { title: "Model in production", first: ["model", "action", "regression", "overrideby"] },
  route: { title: "Traffic routing", first: ["family", "split", "by", "note"] },
  compliance_concern: { title: "Compliance concern", first: ["concern", "severity", "action"] },
};

/** Fields that go into the header line rather than the body. */
const VERDICT_KEYS = ["verdict", "status"];
/** Slack shows at most 10 fields in a section. */
const MAX_FIELDS = 10;
const MAX_VALUE_CHARS = 500;
const WORDS: Record<string, string> = { usd: "(USD)", id: "ID", url: "URL", llm: "LLM", sha256: "SHA-256" };

const norm = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "");

function label(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function value(key: string, v: string | number | null): string {
  if (v === null) return "n/a";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return String(v);
    if (/usd|cost/i.test(key)) return `$${v.toFixed(2)}`;
    if (Number.isInteger(v)) return v.toLocaleString("en-US");
    return String(Number(v.toPrecision(4)));
  }
  return truncate(v.trim() || "n/a", MAX_VALUE_CHARS);
}

/** Slack's mrkdwn control characters. */
const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The message for a milestone: "TITLE: VERDICT" (or "TITLE"), then the fields, the milestone's key ones
 * first; at most 10 (a note says how many more there were). Plain words, no emoji.
 */
export function milestoneMessage(kind: MilestoneKind, fields: MilestoneFields): Required<SlackMessage> {
  const { title, first } = MILESTONES[kind];
  const entries = Object.entries(fields);
  const verdict = entries.find(([k, v]) => VERDICT_KEYS.includes(norm(k)) && v !== null)?.[1];
  const header = verdict === undefined ? title : `${title}: ${String(verdict).trim().toUpperCase()}`;
  const rank = (k: string) => {
    const at = first.indexOf(norm(k));
    return at === -1 ? first.length : at;
  };
  const body = entries
    .filter(([k]) => !VERDICT_KEYS.includes(norm(k)))
    .map(([k, v], order) => ({ k, v, order }))
    .sort((a, b) => rank(a.k) - rank(b.k) || a.order - b.order);
  const shown = body
    .slice(0, MAX_FIELDS)
    .map(({ k, v }) => ({ label: label(k), value: escapeMrkdwn(value(k, v)) }));
  const more = body.length - shown.length;
  const moreNote = more > 0 ? `${more} more field${more === 1 ? "" : "s"} not shown` : undefined;

  const text = [
    escapeMrkdwn(header),
    ...shown.map((f) => `${f.label}: ${f.value}`),
    ...(moreNote ? [moreNote] : []),
  ];
  const blocks: unknown[] = [{ type: "header", text: { type: "plain_text", text: header, emoji: false } }];
  if (shown.length > 0)
    blocks.push({
      type: "section",
      fields: shown.map((f) => ({ type: "mrkdwn", text: `*${f.label}*\n${f.value}` })),
    });
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: `Clinical Fine-Tuner · ${kind}${moreNote ? ` · ${moreNote}` : ""}` }],
  });
  return { text: text.join("\n"), blocks };
}

/** Slack's limits, in characters. */
export const SLACK_LIMITS = { text: 40_000, blocks: 50, sectionText: 3_000, field: 2_000, header: 150 };

const ELLIPSIS = "…";

/** TEXT cut to MAX characters, the last one an ellipsis; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

type TextObject = { text?: unknown };

function cutText(object: unknown, max: number): void {
  const t = object as TextObject | null | undefined;
  if (t && typeof t === "object" && typeof t.text === "string") t.text = truncate(t.text, max);
}

/** Cuts the texts Slack limits per block: header, section text and section fields. */
function fitBlock(block: unknown): void {
  if (!block || typeof block !== "object") return;
  const b = block as { type?: unknown; text?: unknown; fields?: unknown };
  if (b.type === "header") cutText(b.text, SLACK_LIMITS.header);
  if (b.type === "section") {
    cutText(b.text, SLACK_LIMITS.sectionText);
    if (Array.isArray(b.fields)) for (const field of b.fields) cutText(field, SLACK_LIMITS.field);
  }
}

/** MESSAGE as it may leave the machine: every string redacted, then cut to Slack's limits. */
export function prepareForSlack(message: SlackMessage): SlackMessage {
  const text = truncate(redact(String(message.text ?? "")), SLACK_LIMITS.text);
  if (message.blocks === undefined) return { text };
  const blocks = (
    redactDeep(Array.from(message.blocks), { keys: true, numbers: true, maxDepth: 32 }) as unknown[]
  ).slice(0, SLACK_LIMITS.blocks);
  for (const block of blocks) fitBlock(block);
  return { text, blocks };
}
