/**
 * The prompt assessment as a Document (src/docs/document.ts), for `renderMarkdown` and `renderHtml`:
 * System prompt, Guardrails, Few-shot examples (ids, lines, why, redacted snippets), Strategy rationale
 * and Fine-tuning necessity (with the baseline's figure and interval when one was measured). Everything
 * shown comes from the artifact; example text appears only as the redacted snippets it already holds.
 */
import {
  type Block,
  bullets,
  code,
  type Document,
  heading,
  keyValue,
  note,
  num,
  paragraph,
  type Rich,
  type Tone,
  table,
} from "../docs/document.js";
import * as f from "../docs/format.js";
import { markdownToDocument } from "../docs/from-markdown.js";
import type { PromptAssessment } from "./assessment.js";
import { KIND_NAMES } from "./example-category.js";
import { NECESSITY_RULES, type Recommendation } from "./necessity.js";

const TONE: Readonly<Record<Recommendation, Tone>> = {
  "prompt-only": "success",
  "fine-tune": "warning",
  "measure-first": "info",
};

const HEADLINE: Readonly<Record<Recommendation, string>> = {
  "prompt-only": "Prompting is enough: no fine-tuning needed for this target.",
  "fine-tune": "Fine-tuning is warranted: the prompt-only baseline misses the target.",
  "measure-first": "Measure first: the data does not yet decide between prompting and fine-tuning.",
};

function systemPromptBlocks(a: PromptAssessment): Block[] {
  const p = a.systemPrompt;
  return [
    heading(2, "System prompt"),
    keyValue([
      ["template", code(`prompts/${p.template}.md`)],
      ["SHA-256", code(p.sha256)],
      ["answer format", p.outputFormat],
    ]),
    ...markdownToDocument(p.text, "System prompt").blocks,
  ];
}

function guardrailBlocks(a: PromptAssessment): Block[] {
  return [
    heading(2, "Guardrails"),
    table(
      [{ header: "id" }, { header: "rule" }, { header: "checked by" }],
      a.systemPrompt.guardrails.map((g) => [code(g.id), g.rule, g.checkedBy ?? "review only"]),
    ),
  ];
}

function fewShotBlocks(a: PromptAssessment): Block[] {
  const s = a.fewShot;
  const names = KIND_NAMES[a.task];
  const blocks: Block[] = [
    heading(2, "Few-shot examples"),
    paragraph(
      `${s.examples.length} of at most ${s.k} examples from `,
      code(s.file),
      `, seed ${s.seed}, chosen from ${f.count(s.considered)} of ${f.count(s.records)} records${s.sampled ? " (a seeded reservoir sample)" : ""}.`,
    ),
  ];
  if (s.examples.length)
    blocks.push(
      table(
        [
          num("line"),
          { header: "id" },
          { header: names.category },
          { header: names.facet },
          num("tokens"),
          { header: "why" },
        ],
        s.examples.map((e) => [
          f.count(e.line),
          code(e.id),
          e.category,
          e.facet,
          f.count(e.tokens),
          e.reason,
        ]),
      ),
      heading(3, "Snippets (PHI redacted)"),
      bullets(
        s.examples.map((e): Rich => [`line ${e.line}: `, e.snippet.user, " → ", { em: e.snippet.assistant }]),
      ),
    );
  blocks.push(
    table(
      [{ header: names.category }, num("records considered"), num("chosen")],
      s.categories.map((c) => [c.name, f.count(c.available), f.count(c.chosen)]),
    ),
  );
  if (s.notes.length) blocks.push(bullets(s.notes));
  return blocks;
}

function necessityBlocks(a: PromptAssessment): Block[] {
  const n = a.necessity;
  const t = n.target;
  const b = n.baseline;
  const pairs: [string, Rich][] = [
    ["recommendation", { bold: n.recommendation }],
    ["rule", `${n.rule}: ${NECESSITY_RULES.find((r) => r.id === n.rule)?.when ?? ""}`],
    [
      "target",
      `${t.label} ${t.direction === "higher" ? "≥" : "≤"} ${f.value(t.value, t.kind)} (${t.source}: ${t.why})`,
    ],
    [
      "prompt-only baseline",
      b
        ? `${t.label} ${f.valueWithInterval(b.value, { low: b.low, high: b.high }, t.kind)}${b.n ? ` on ${f.count(b.n)} items` : ""}${b.evalId ? ` (evaluation ${b.evalId})` : ""}`
        : "not measured",
    ],
    ["training examples", `${f.count(n.data.examples)} (${n.data.readiness})`],
  ];
  if (n.itemsToResolve !== null) pairs.push(["items to resolve", f.count(n.itemsToResolve)]);
  const blocks: Block[] = [
    heading(2, "Fine-tuning necessity"),
    note(TONE[n.recommendation], HEADLINE[n.recommendation]),
    keyValue(pairs),
    heading(3, "Reasons"),
    bullets(n.reasons),
  ];
  if (n.blockers.length) blocks.push(heading(3, "Blockers"), bullets(n.blockers));
  blocks.push(heading(3, "Next steps"), bullets(n.nextSteps));
  return blocks;
}

export function renderAssessment(a: PromptAssessment): Document {
  const d = a.dataset;
  return {
    title: `Prompt assessment: ${a.task}`,
    subtitle: `${d.name ?? d.file} · ${f.count(d.examples)} training examples (${d.source === "manifest" ? "from dataset.json" : "from the file"})`,
    blocks: [
      ...systemPromptBlocks(a),
      ...guardrailBlocks(a),
      ...fewShotBlocks(a),
      heading(2, "Strategy rationale"),
      bullets(a.strategy),
      ...necessityBlocks(a),
    ],
  };
}
