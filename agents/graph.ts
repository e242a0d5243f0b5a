/**
 * The supervisor graph: data-preparation plan → data preparation → HIPAA audit → prompt-engineering
 * assessment (and the prompt-only baseline) → fine-tune → evaluation → regression, as a LangGraph
 * StateGraph with fixed edges for the gates. The prompt assessment is the pre-step of the fine-tune: it
 * comes after the audit because its few-shot examples and baseline are drawn from attested data. Data
 * preparation always goes to the audit; only a PASS attestation of the current dataset bytes reaches the
 * assessment and the fine-tune stage (the audit gate re-hashes the files); regression runs only when
 * there is a baseline. People answer at the human gates (interrupts): the data plan, the fine-tune
 * confirmation, external actions. A language model, when there is one, writes and explains inside the
 * workers; it never chooses an edge.
 */
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { END, START, StateGraph } from "@langchain/langgraph";
import { TERMINAL_STATUSES } from "../src/finetune/types.js";
import type { GraphDeps } from "./deps.js";
import { datasetAttested } from "./gates.js";
import { approveActionsNode } from "./nodes/approvals.js";
import { auditNode, blockedNode } from "./nodes/audit.js";
import { approvePlanNode, planDataNode, prepareDataNode } from "./nodes/data.js";
import { evaluateNode, hasBaseline, regressNode, reportNode } from "./nodes/evaluation.js";
import { confirmNode, estimateNode, launchNode, waitJobNode } from "./nodes/finetune.js";
import { assessPromptNode } from "./nodes/prompting.js";
import { GraphState, type State } from "./state.js";

type Router = (state: State) => string | Promise<string>;

/** Where each stage goes next, once its team updates are approved (or there were none to approve). */
function routers(deps: GraphDeps): Record<string, Router> {
  const baselineExists = hasBaseline(deps);
  return {
    prepare_data: () => "run_audit",
    run_audit: async (s) => ((await datasetAttested(deps, s)) ? "assess_prompt" : "audit_blocked"),
    assess_prompt: () => "estimate_cost",
    estimate_cost: () => "confirm_fine_tune",
    launch: () => "wait_job",
    wait_job: (s) =>
      s.blocked ? END : TERMINAL_STATUSES.has(s.run?.status as never) ? "evaluate" : "wait_job",
    evaluate: async (s) => (s.evaluation && (await baselineExists(s)) ? "regress" : "report"),
    regress: () => "report",
    report: () => END,
  };
}

export function buildGraph(deps: GraphDeps, checkpointer?: BaseCheckpointSaver) {
  const next = routers(deps);
  /** After a stage that told the team: the approval gate first when updates wait for the user. */
  const thenApprove =
    (stage: string): Router =>
    async (s) =>
      s.pendingActions.length > 0 ? "approve_actions" : next[stage]!(s);
  const stop =
    (to: string): Router =>
    (s) =>
      s.blocked ? END : to;

  const graph = new StateGraph(GraphState)
    .addNode("plan_data", planDataNode(deps))
    .addNode("approve_plan", approvePlanNode())
    .addNode("prepare_data", prepareDataNode(deps))
    .addNode("run_audit", auditNode(deps))
    .addNode("audit_blocked", blockedNode())
    .addNode("assess_prompt", assessPromptNode(deps))
    .addNode("estimate_cost", estimateNode(deps))
    .addNode("confirm_fine_tune", confirmNode(deps))
    .addNode("launch", launchNode(deps))
    .addNode("wait_job", waitJobNode(deps))
    .addNode("evaluate", evaluateNode(deps))
    .addNode("regress", regressNode(deps))
    .addNode("report", reportNode(deps))
    .addNode("approve_actions", approveActionsNode(deps))
    .addEdge(START, "plan_data")
    .addEdge("plan_data", "approve_plan")
    .addConditionalEdges("approve_plan", stop("prepare_data"), ["prepare_data", END])
    .addConditionalEdges(
      "confirm_fine_tune",
      (s) => (s.blocked ? END : s.estimate ? "launch" : "estimate_cost"),
      ["launch", "estimate_cost", END],
    )
    .addEdge("audit_blocked", END);
  const targets = [
    "run_audit",
    "audit_blocked",
    "assess_prompt",
    "estimate_cost",
    "confirm_fine_tune",
    "wait_job",
    "evaluate",
  ];
  for (const stage of Object.keys(next))
    graph.addConditionalEdges(stage as never, thenApprove(stage), [
      "approve_actions",
      ...targets,
      "regress",
      "report",
      END,
    ] as never);
  graph.addConditionalEdges("approve_actions", (s) => next[STAGE_OF[s.stage] ?? "report"]!(s), [
    ...targets,
    "regress",
    "report",
    END,
  ] as never);
  return graph.compile({ checkpointer, name: "clinical-fine-tuner" });
}

/** The stage label a node leaves in the state → the node whose router applies after approval. */
const STAGE_OF: Record<string, string> = {
  "data prepared": "prepare_data",
  audit: "run_audit",
  "prompt assessment": "assess_prompt",
  estimate: "estimate_cost",
  "fine-tune": "wait_job",
  launched: "launch",
  evaluation: "evaluate",
  regression: "regress",
  done: "report",
};

export type CompiledGraph = ReturnType<typeof buildGraph>;
