/**
 * Worker 4, Prompt Engineering, as a stage: once the data is attested, an optimized clinical system
 * prompt with its guardrails, few-shot examples chosen from the training split for coverage, a strategy
 * rationale and a fine-tuning necessity assessment — and, when an endpoint for the untuned model is given
 * (`--baseline-model`), the prompt-only baseline measured on the held-out split, so that the decision
 * rests on a number and the tuned model is regression-tested against it. The assessment is written as a
 * document and shown again at the fine-tune confirmation; the user decides.
 */
import { join } from "node:path";
import { writeDocuments, writeFilesAtomically } from "../../src/docs/write-documents.js";
import type { Db } from "../../src/ledger/ledger.js";
import { type PromptAssessment, promptAssessment, renderAssessment } from "../../src/prompting/assessment.js";
import { measurePromptBaseline, type PromptBaseline } from "../../src/prompting/baseline.js";
import { type GraphDeps, withDb } from "../deps.js";
import type { State, Update } from "../state.js";
import { tellTeam } from "../team-updates.js";
import { modelNotes } from "../workers/model-notes.js";
import { evaluationResult } from "./evaluation.js";

const DEFAULT_OPENAI_URL = "https://api.openai.com/v1";

async function measure(deps: GraphDeps, db: Db, state: State): Promise<PromptBaseline | null> {
  const r = state.request!;
  const d = state.dataset!;
  if (!r.baseline) return null;
  return measurePromptBaseline({
    db,
    config: deps.config,
    endpoint: {
      baseUrl: r.baseline.baseUrl ?? deps.config.env.OPENAI_BASE_URL ?? DEFAULT_OPENAI_URL,
      model: r.baseline.model,
    },
    suite: d.test.path,
    task: r.task,
    train: d.train.path,
    seed: r.source.kind === "synthetic" ? r.source.seed : 0,
  });
}

function necessityNotes(a: PromptAssessment): string[] {
  const n = a.necessity;
  return [
    `Prompt assessment: ${n.recommendation} (${n.rule}).`,
    ...n.reasons,
    ...n.blockers.map((b) => `Blocker: ${b}`),
  ];
}

export function assessPromptNode(deps: GraphDeps) {
  return async (state: State, config: { configurable?: { thread_id?: string } }): Promise<Update> =>
    withDb(deps, async (db) => {
      const r = state.request!;
      const d = state.dataset!;
      const baseline = await measure(deps, db, state);
      const assessment = await promptAssessment({
        task: r.task,
        train: d.train.path,
        seed: r.source.kind === "synthetic" ? r.source.seed : 0,
        baseline: baseline?.primary ?? null,
      });
      const thread = config.configurable?.thread_id ?? "thread";
      const dir = join(deps.config.home, "docs", "prompts");
      const extra = await modelNotes(deps, "workers-prompt-engineering", {
        task: r.task,
        guardrails: assessment.systemPrompt.guardrails.map((g) => g.rule),
        strategy: assessment.strategy,
        necessity: {
          recommendation: assessment.necessity.recommendation,
          reasons: assessment.necessity.reasons,
        },
        baseline: assessment.necessity.baseline,
      });
      const document = renderAssessment(assessment);
      document.blocks.push(...extra);
      const written = writeDocuments(dir, `${thread}-prompt-assessment`, document);
      const promptFile = writeFilesAtomically(dir, {
        [`${thread}-system-prompt.md`]: `${assessment.systemPrompt.text}\n`,
      })[`${thread}-system-prompt.md`]!;
      const team = await tellTeam(
        deps,
        db,
        baseline ? { kind: "evaluation", evaluation: baseline.summary } : null,
        [{ subject: `dataset:${d.datasetId}`, kind: "prompt_assessment", path: written.markdown, document }],
      );
      return {
        stage: "prompt assessment",
        assessment: {
          path: written.markdown,
          recommendation: assessment.necessity.recommendation,
          fewShot: assessment.fewShot.examples.length,
          systemPromptPath: promptFile,
        },
        baseline: baseline ? evaluationResult(baseline.summary) : null,
        documents: [
          { kind: "prompt_assessment", path: written.markdown },
          { kind: "system_prompt", path: promptFile },
        ],
        pendingActions: team.pending,
        notes: [...necessityNotes(assessment), ...team.notes],
      };
    });
}
