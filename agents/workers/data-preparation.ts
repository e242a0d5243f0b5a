/**
 * Worker 1, Clinical Data Preparation: the data-preparation plan a person approves before any data is made
 * — domain analysis, key terminology, the synthetic schema, two sample records, HIPAA notes and a volume
 * recommendation — as a document. The facts come from the generators and the task notes; with a chat
 * model the worker adds its own analysis (written from those facts, redacted), without one the template
 * stands alone. Nothing here reads real patient data.
 */
import { LABEL_TARGETS, synthesize } from "../../src/dataset/synthetic/index.js";
import { MIN_EXAMPLES, RECOMMENDED_EXAMPLES } from "../../src/dataset/validate.js";
import {
  type Block,
  bullets,
  type Document,
  heading,
  keyValue,
  paragraph,
  table,
} from "../../src/docs/document.js";
import { TASK_NOTES } from "../../src/docs/task-notes.js";
import { redact } from "../../src/phi/redact.js";
import { loadPrompt } from "../../src/prompts/load.js";
import type { GraphDeps } from "../deps.js";
import type { RunRequest } from "../request.js";
import { modelNotes } from "./model-notes.js";

const TERMINOLOGY: Record<RunRequest["task"], string[]> = {
  claims: [
    "ICD-10-CM diagnosis codes and CPT/HCPCS procedure codes, and whether they support each other",
    "billed versus allowed amount; a pricing review when billed exceeds allowed by the review margin",
    "prior authorization, timely filing, duplicate claims, member eligibility",
    "decisions: APPROVED, DENIED (with the rule that denies), PENDING (needs a human or a document)",
  ],
  scribe: [
    "SOAP note: Subjective, Objective, Assessment, Plan",
    "discharge summary, procedure note, prescription sections",
    "medications with dose, route and frequency exactly as dictated; allergies; follow-up",
  ],
  companion: [
    "preparation, dosing-session support and integration between sessions",
    "crisis language and escalation (988 Suicide & Crisis Lifeline, emergency services)",
    "scope: support and education, never diagnosis or dosing advice",
  ],
};

/** Examples the generator makes per task before the volume is worth training on (per label, at least). */
const RECOMMENDED_TOTAL: Record<RunRequest["task"], number> = { claims: 1000, scribe: 500, companion: 800 };

function volume(request: RunRequest): Block[] {
  const labels = LABEL_TARGETS[request.task].length;
  const recommended = RECOMMENDED_TOTAL[request.task];
  const asked = request.source.kind === "synthetic" ? request.source.count : null;
  const trainShare = 1 - request.testFraction;
  const lines = [
    `At least ${MIN_EXAMPLES} training examples are required and ${RECOMMENDED_EXAMPLES} recommended by the fine-tuning APIs; clinical tasks with ${labels} label${labels === 1 ? "" : "s"} need more for every label to be learned and measured.`,
    `Recommended: about ${recommended.toLocaleString("en-US")} examples (${Math.round(recommended / labels)} per label), of which ${Math.round(request.testFraction * 100)}% are held out for evaluation.`,
  ];
  if (asked !== null)
    lines.push(
      asked < recommended
        ? `Requested ${asked.toLocaleString("en-US")}: enough to try the pipeline end to end; plan a larger set before judging the model (the test split will have about ${Math.round(asked * request.testFraction)} items, so intervals will be wide).`
        : `Requested ${asked.toLocaleString("en-US")} (about ${Math.round(asked * trainShare).toLocaleString("en-US")} for training): in the recommended range.`,
    );
  return [heading(2, "Volume"), bullets(lines)];
}

function samples(request: RunRequest): Block[] {
  if (request.source.kind !== "synthetic")
    return [
      heading(2, "Sample records"),
      paragraph(
        `The records come from ${request.source.file} (${request.source.kind}); they are converted to chat format and must pass the HIPAA audit before anything trains on them.`,
      ),
    ];
  const examples = [
    ...synthesize(request.task, 2, request.source.seed, loadPrompt(`${request.task}-system`)),
  ];
  const cut = (text: string) => redact(text.length > 400 ? `${text.slice(0, 399)}…` : text);
  return [
    heading(2, "Sample records"),
    table(
      [{ header: "label" }, { header: "user" }, { header: "assistant" }],
      examples.map((e) => [
        e.label,
        cut(e.record.messages.find((m) => m.role === "user")?.content ?? ""),
        cut(e.record.messages.find((m) => m.role === "assistant")?.content ?? ""),
      ]),
      "Two examples from the generator with this run's seed (synthetic by construction).",
    ),
  ];
}

export interface DataPlan {
  document: Document;
  /** One paragraph for the approval question. */
  summary: string;
}

export async function dataPreparationPlan(deps: GraphDeps, request: RunRequest): Promise<DataPlan> {
  const notes = TASK_NOTES[request.task];
  const source =
    request.source.kind === "synthetic"
      ? `${request.source.count.toLocaleString("en-US")} synthetic examples, seed ${request.source.seed}`
      : `${request.source.kind} file ${request.source.file}`;
  const summary = `Prepare ${source} for ${notes.title}, split ${Math.round((1 - request.testFraction) * 100)}/${Math.round(request.testFraction * 100)} by label, into ${request.outDir}; then the mandatory HIPAA audit.`;
  const blocks: Block[] = [
    heading(2, "Domain analysis"),
    bullets([...notes.intended, ...notes.outOfScope.map((o) => `Out of scope: ${o}`)]),
    heading(2, "Key terminology"),
    bullets(TERMINOLOGY[request.task]),
    heading(2, "Synthetic schema"),
    keyValue([
      ["format", "OpenAI chat JSONL: a system prompt, the user's input, the assistant's answer"],
      ["labels", LABEL_TARGETS[request.task].map((l) => `${l.label} (weight ${l.weight})`).join(", ")],
      ["source", source],
      ["split", `stratified by label, ${Math.round(request.testFraction * 100)}% held out`],
    ]),
    ...samples(request),
    heading(2, "HIPAA notes"),
    bullets([
      "Synthetic data only: the generators invent every name, date, code and amount; no real patient is involved.",
      "The audit is mandatory: every string of every record is scanned for the 18 Safe Harbor identifiers, and a PASS attests the files' exact SHA-256s. A FAIL blocks fine-tuning.",
      "Files edited after the audit lose their attestation; the launcher re-hashes them before anything is sent.",
    ]),
    ...volume(request),
  ];
  const extra = await modelNotes(deps, "workers-data-preparation", { task: request.task, summary, notes });
  return {
    document: { title: `Data-preparation plan: ${notes.title}`, blocks: [...blocks, ...extra] },
    summary,
  };
}
