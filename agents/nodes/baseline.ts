/**
 * The prompt-only baseline: before any training, the untuned model (`--baseline-model`, at
 * `--baseline-url` or OpenAI) answers the held-out split with the dataset's own system prompt, and the
 * evaluation is recorded like any other. The fine-tuning decision then rests on a number, and the tuned
 * model is regression-tested against it.
 */
import { createChatClient } from "../../src/eval/chat-client.js";
import { evaluate } from "../../src/eval/evaluate.js";
import { loadSuite } from "../../src/eval/suite.js";
import { type GraphDeps, withDb } from "../deps.js";
import type { State, Update } from "../state.js";
import { tellTeam } from "../team-updates.js";
import { evaluationResult } from "./evaluation.js";

export function baselineNode(deps: GraphDeps) {
  return async (state: State): Promise<Update> => {
    const at = state.request?.baseline;
    const test = state.dataset?.test.path;
    if (!at || !test) return { stage: "baseline" };
    const suite = await loadSuite(test, { task: state.request!.task });
    return withDb(deps, async (db) => {
      const client = createChatClient(deps.config, { model: at.model, baseUrl: at.baseUrl });
      const { summary } = await evaluate(db, {
        suite,
        source: { kind: "endpoint", client, concurrency: 8 },
        runId: null,
      });
      const team = await tellTeam(deps, db, { kind: "evaluation", evaluation: summary });
      const primary = summary.metrics[0];
      return {
        stage: "baseline",
        baseline: evaluationResult(summary),
        pendingActions: team.pending,
        notes: [
          `Prompt-only baseline ${summary.evalId} (${at.model}): ${primary?.label ?? "no metric"} ${primary?.value?.toFixed(3) ?? "n/a"}; the tuned model will be compared with it.`,
          ...team.notes,
        ],
      };
    });
  };
}
