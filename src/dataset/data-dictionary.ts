/**
 * `data-dictionary.md`: every field of the prepared records, the code systems, where the data came from
 * and how to reproduce it. Rendered from the manifest, so it never disagrees with `dataset.json`.
 */
import type { Task } from "./chat.js";
import type { DatasetManifest } from "./manifest.js";
import { describeGenerator } from "./synthetic/index.js";

const TASK_TITLE: Record<Task, string> = {
  claims: "claims adjudication",
  scribe: "clinical documentation (scribe)",
  companion: "patient-facing therapy companion",
};

const USER_FIELDS: Record<string, string> = {
  "claims-csv": `| user part | from column | notes |
|---|---|---|
| Diagnoses (ICD-10-CM), numbered | diagnosis_codes | split on commas, semicolons, bars or spaces; normalized (E119 → E11.9) |
| Service lines (CPT or HCPCS), numbered | procedure_codes | CPT or HCPCS Level II, optional 2-character modifier |
| Total billed | claim_amount | dollars, two decimals |
| Service year | service_date | the year only; the full date never enters the text |
| Medical analysis | medical_analysis | as written (the HIPAA audit scans it) |

Not used in training text: claim_id, policy_id, claim_number (identifiers). The assistant message is
\`Decision: APPROVED|DENIED|PENDING\` from final_decision, then a rationale that cites the codes and, where
adjudication_decision differs, the change on review.`,
  "documents-csv": `| part | from column | notes |
|---|---|---|
| user: Document type | document_type | also the split label (soap_note, discharge_summary, …) |
| user: Dictation | dictation | as written (the HIPAA audit scans it) |
| assistant | final_document | as written |
| (filter) | quality_score | rows below --min-quality are left out and counted |`,
  "chat-jsonl": `Records are kept as given (messages, and tools where present), after the same format checks as
\`cft validate\`. A record without a system message gets the task's system prompt.`,
};

function table(rows: [string, string | number][]): string {
  return rows.map(([k, v]) => `| ${k} | ${v} |`).join("\n");
}

export function renderDataDictionary(m: DatasetManifest, reproduce: string): string {
  const labels = [...new Set([...Object.keys(m.labels.train), ...Object.keys(m.labels.test)])].sort();
  const source =
    m.source.kind === "synthetic"
      ? describeGenerator(m.task)
      : `### ${m.source.kind}\n\nFile \`${m.source.file}\` (SHA-256 \`${m.source.sha256}\`).\n\n${USER_FIELDS[m.source.kind]}`;
  return `# Data dictionary: ${m.name}

Task: **${TASK_TITLE[m.task]}** (\`${m.task}\`). Format: OpenAI chat fine-tuning JSONL, one record a line:
\`{"messages": [{"role": "system", …}, {"role": "user", …}, {"role": "assistant", …}]}\`.

Reproduce: \`${reproduce}\`

## Files
| file | records | SHA-256 |
|---|---|---|
| train.jsonl | ${m.counts.train} | \`${m.files["train.jsonl"]?.sha256}\` |
| test.jsonl | ${m.counts.test} | \`${m.files["test.jsonl"]?.sha256}\` |

## Record fields
| field | meaning |
|---|---|
| messages[0] (system) | the task's system prompt (${m.systemPrompt.origin}, SHA-256 \`${m.systemPrompt.sha256.slice(0, 16)}…\`) |
| messages[1] (user) | the case to work on; its parts are listed below |
| messages[2] (assistant) | the reference answer the model learns to write |

## Split
Stratified by **${m.split.stratifiedBy}**, test fraction ${m.split.testFraction}, seed ${m.split.seed}; each
label's records are shuffled with the seed and the test share taken from each.

| ${m.split.stratifiedBy} | train | test |
|---|---|---|
${labels.map((l) => `| ${l} | ${m.labels.train[l] ?? 0} | ${m.labels.test[l] ?? 0} |`).join("\n")}

## Tokens (${m.tokens.encoding}, per example, as billed for ${m.tokens.model})
| split | min | median | mean | p95 | max | total |
|---|---|---|---|---|---|---|
| train | ${m.tokens.train.min} | ${m.tokens.train.median} | ${m.tokens.train.mean} | ${m.tokens.train.p95} | ${m.tokens.train.max} | ${m.tokens.train.sum} |
| test | ${m.tokens.test.min} | ${m.tokens.test.median} | ${m.tokens.test.mean} | ${m.tokens.test.p95} | ${m.tokens.test.max} | ${m.tokens.test.sum} |

## Counts
| count | records |
|---|---|
${table([
  ["total records", m.counts.total],
  ["left out by filters", m.counts.filtered],
])}

## Source

${source}

## Privacy
${m.source.kind === "synthetic" ? "These records are synthetic and de-identified by construction. " : "These records come from a user export and may hold PHI until audited. "}Every dataset, synthetic or
converted, goes through the mandatory HIPAA audit (the \`cft audit\` stage) before a fine-tuning job may use it.
`;
}
