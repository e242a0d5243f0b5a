/**
 * After training: worker 5 evaluates the tuned model on the held-out split and worker 6 compares it with
 * the baseline (the prompt-only baseline measured before training, else the newest earlier evaluation of
 * the same suite) — regression runs only when a baseline exists. The report node writes the model card
 * and the evaluation report and publishes them. Verdicts are computed; a model only explains them.
 */

import { regressionReport } from "../../src/docs/regression-report.js";
import { writeCard } from "../../src/docs/write-card.js";
import { createChatClient } from "../../src/eval/chat-client.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { loadSuite } from "../../src/eval/suite.js";
import type { EvaluationSummary } from "../../src/eval/types.js";
import { getEvaluation } from "../../src/ledger/evaluations.js";
import { getRun } from "../../src/ledger/runs.js";
import { findLatestBaseline, runRegression } from "../../src/regression/run-regression.js";
import { type GraphDeps, withDb } from "../deps.js";
import type { EvaluationResult, State, Update } from "../state.js";
import { tellTeam } from "../team-updates.js";
import { modelText } from "../workers/model-notes.js";

export const evaluationResult = (e: EvaluationSummary): EvaluationResult => ({
  evalId: e.evalId,
  model: e.model,
  metric: e.metrics[0]?.name ?? "none",
  value: e.metrics[0]?.value ?? null,
});

/** Where the tuned model answers: the request's endpoint, or OpenAI's API for an OpenAI run. */
function endpointOf(state: State): { model: string; baseUrl?: string } | null {
  const r = state.request!;
  const model = state.run?.fineTunedModel;
  if (!model) return null;
  if (r.evaluateAt) return { model, baseUrl: r.evaluateAt };
  return r.provider === "openai" ? { model } : null;
}

export function evaluateNode(deps: GraphDeps) {
  return async (state: State): Promise<Update> => {
    const at = endpointOf(state);
    if (!at)
      return {
        stage: "evaluation",
        notes: [
          state.request?.provider === "azure"
            ? `Not evaluated: deploy the model first (cft deploy azure ${state.run?.runId}), then cft evaluate --suite ${state.dataset?.test.path} --provider azure --model DEPLOYMENT.`
            : `Not evaluated: serve the adapter (e.g. cft export gguf ${state.run?.runId} and llama.cpp's server), then run again with --evaluate-at URL, or cft evaluate --suite ${state.dataset?.test.path} --base-url URL --model NAME.`,
        ],
      };
    const suite = await loadSuite(state.dataset!.test.path, { task: state.request!.task });
    return withDb(deps, async (db) => {
      const client = createChatClient(deps.config, { model: at.model, baseUrl: at.baseUrl });
      const result = await evaluate(db, {
        suite,
        source: { kind: "endpoint", client, concurrency: 8 },
        runId: state.run!.runId,
      });
      const team = await tellTeam(deps, db, { kind: "evaluation", evaluation: result.summary });
      const primary = result.summary.metrics[0];
      return {
        stage: "evaluation",
        evaluation: evaluationResult(result.summary),
        pendingActions: team.pending,
        notes: [
          `Evaluation ${result.summary.evalId}: ${primary?.label ?? "no metric"} ${primary?.value?.toFixed(3) ?? "n/a"} on ${result.summary.counts.items} items.`,
          ...team.notes,
        ],
      };
    });
  };
}

/** True when there is something to compare the tuned model with. */
export function hasBaseline(deps: GraphDeps) {
  return (state: State) =>
    withDb(deps, (db) => {
      if (!state.evaluation) return false;
      if (state.baseline) return true;
      const candidate = getEvaluation(db, state.evaluation.evalId);
      return Boolean(candidate && findLatestBaseline(db, candidate));
    });
}

export function regressNode(deps: GraphDeps) {
  return async (state: State): Promise<Update> =>
    withDb(deps, async (db) => {
      const { report, files } = runRegression(db, deps.config.home, {
        candidate: state.evaluation!.evalId,
        baseline: state.baseline?.evalId ?? "latest",
      });
      const failing = report.metrics
        .filter((m) => m.verdict !== "PASS")
        .map((m) => `${m.verdict} ${m.label}: ${m.reason}`);
      const explained = await modelText(deps, "workers-regression", {
        verdict: report.verdict,
        recommendation: report.recommendation,
        metrics: report.metrics.map((m) => ({
          metric: m.label,
          verdict: m.verdict,
          delta: m.delta,
          reason: m.reason,
        })),
      });
      const team = await tellTeam(deps, db, { kind: "regression", report }, [
        {
          subject: `regression:${report.regressionId}`,
          kind: "regression_report",
          path: files.markdown,
          document: regressionReport(report),
        },
      ]);
      return {
        stage: "regression",
        regression: {
          regressionId: report.regressionId,
          verdict: report.verdict,
          recommendation: report.recommendation,
          reportPath: files.markdown,
        },
        documents: [{ kind: "regression_report", path: files.markdown }],
        pendingActions: team.pending,
        notes: [
          `Regression ${report.verdict} → ${report.recommendation} (vs ${report.baseline.model}).`,
          ...failing,
          ...(explained ? [explained] : []),
          ...team.notes,
        ],
      };
    });
}

export function reportNode(deps: GraphDeps) {
  return async (state: State): Promise<Update> =>
    withDb(deps, async (db) => {
      const run = getRun(db, state.run!.runId)!;
      const written = await writeCard(db, deps.config, run, { evalId: state.evaluation?.evalId });
      const team = await tellTeam(deps, db, null, written.documents);
      return {
        stage: "done",
        documents: [
          { kind: "model_card", path: written.card.markdown },
          ...(written.report ? [{ kind: "evaluation_report", path: written.report.markdown }] : []),
        ],
        pendingActions: team.pending,
        notes: [`Model card: ${written.card.markdown}`, ...team.notes],
      };
    });
}
