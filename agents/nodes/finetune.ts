/**
 * The fine-tune stage: the estimate (announced to the team before anyone says yes), the user's
 * confirmation (an interrupt showing the plan; the answer becomes the ledger confirmation, method
 * "graph-interrupt"), the launch through the same gate as the CLI, and the wait: a job in flight ends the
 * invocation (the thread is "running") and `cft resume` looks again later — no process has to stay alive.
 * Every step is idempotent, so a process killed anywhere and resumed never creates a second job.
 */
import { interrupt } from "@langchain/langgraph";
import { renderEstimate } from "../../src/cli/estimate-view.js";
import { estimateCostUsd } from "../../src/cost/estimate.js";
import { launchRun, refreshRun } from "../../src/finetune/launch.js";
import { confirmPlan, type LaunchPlan } from "../../src/finetune/launch-plan.js";
import { planLaunch, type TrainingSettings } from "../../src/finetune/plan-request.js";
import { TERMINAL_STATUSES } from "../../src/finetune/types.js";
import { getConfirmation } from "../../src/ledger/confirmations.js";
import { runCosts } from "../../src/ledger/costs.js";
import type { Db } from "../../src/ledger/ledger.js";
import { findOpenRun, getRun, type RunView } from "../../src/ledger/runs.js";
import { type GraphDeps, withDb } from "../deps.js";
import { type Approval, type GateQuestion, isApproved } from "../questions.js";
import type { RunResult, State, Update } from "../state.js";
import { tellTeam } from "../team-updates.js";
import { providerNotes } from "../workers/research.js";

function settingsOf(state: State): TrainingSettings {
  const r = state.request;
  const d = state.dataset;
  if (!r || !d) throw new Error("the fine-tune stage needs a request and a dataset");
  return {
    provider: r.provider,
    baseModel: r.baseModel,
    train: d.train.path,
    epochs: r.epochs,
    use4bit: r.use4bit,
  };
}

async function currentPlan(deps: GraphDeps, db: Db, state: State): Promise<LaunchPlan> {
  const settings = settingsOf(state);
  const provider = deps.createProvider(settings.provider, deps.config);
  return planLaunch(db, deps.config, settings, provider.target);
}

const runResult = (run: RunView): RunResult => ({
  runId: run.id,
  jobId: run.jobId,
  status: run.status,
  fineTunedModel: run.fineTunedModel,
  error: run.error,
});

export function estimateNode(deps: GraphDeps) {
  return async (state: State): Promise<Update> =>
    withDb(deps, async (db) => {
      const plan = await currentPlan(deps, db, state);
      const team = await tellTeam(deps, db, { kind: "estimate", estimate: plan.estimate });
      return {
        stage: "estimate",
        estimate: {
          provider: plan.request.provider,
          baseModel: plan.request.baseModel,
          costUsd: estimateCostUsd(plan.estimate),
          token: plan.token,
          summary: renderEstimate(plan.estimate),
        },
        pendingActions: team.pending,
        notes: [...providerNotes(state.request!), ...team.notes],
      };
    });
}

/**
 * Asks the user to confirm the estimate. On yes, the plan is rebuilt from the files as they are now: if it
 * is not the plan the user saw (a file changed, a price changed) the thread asks again rather than
 * confirming something else.
 */
export function confirmNode(deps: GraphDeps) {
  return async (state: State): Promise<Update> => {
    const e = state.estimate;
    if (!e) throw new Error("no estimate to confirm");
    const question: GateQuestion = {
      gate: "fine_tune",
      title: `Start this fine-tune (${e.provider}, ${e.baseModel}, estimated $${e.costUsd.toFixed(2)})?`,
      summary: [
        ...(state.assessment
          ? [`Prompt assessment: ${state.assessment.recommendation} (${state.assessment.path}).`]
          : []),
        e.summary,
      ].join("\n"),
      details: {
        provider: e.provider,
        baseModel: e.baseModel,
        costUsd: e.costUsd,
        token: e.token,
        assessment: state.assessment?.recommendation ?? null,
      },
    };
    const answer = interrupt(question) as Approval;
    if (!isApproved(answer))
      return {
        blocked: {
          stage: "fine-tune",
          reason: `the fine-tune was not confirmed${answer?.note ? `: ${answer.note}` : ""}; nothing was started`,
          kind: "declined",
        },
      };
    return withDb(deps, async (db) => {
      const plan = await currentPlan(deps, db, state);
      if (plan.token !== e.token)
        return {
          estimate: null,
          notes: ["The files, configuration or estimate changed since the question; estimating again."],
        };
      const open = findOpenRun(db, plan.datasetKey, plan.configSha256);
      if (open && getConfirmation(db, open.confirmationId)?.estimateSha256 === plan.estimateSha256)
        return { stage: "confirmed", run: runResult(open), notes: [`Run ${open.id} was already confirmed.`] };
      const { runId } = confirmPlan(db, deps.config.home, plan, "graph-interrupt");
      return {
        stage: "confirmed",
        run: runResult(getRun(db, runId)!),
        notes: [`Confirmed${answer.note ? ` (${answer.note})` : ""}: run ${runId}.`],
      };
    });
  };
}

export function launchNode(deps: GraphDeps) {
  return async (state: State): Promise<Update> =>
    withDb(deps, async (db) => {
      const run = getRun(db, state.run!.runId)!;
      if (run.jobId) return { stage: "launched", run: runResult(run) };
      const plan = await currentPlan(deps, db, state);
      const provider = deps.createProvider(plan.request.provider, deps.config);
      const notes: string[] = [];
      const result = await launchRun(
        db,
        provider,
        { request: plan.request, runId: run.id, confirmationId: run.confirmationId, runDir: run.runDir },
        (m) => notes.push(m),
      );
      const team = result.existing
        ? { pending: [], notes: [] }
        : await tellTeam(deps, db, { kind: "job_started", run: result.run, estimate: plan.estimate });
      return {
        stage: "launched",
        run: runResult(result.run),
        pendingActions: team.pending,
        notes: [`Run ${run.id}: ${result.run.status} (job ${result.run.jobId}).`, ...notes, ...team.notes],
      };
    });
}

/** Looks at the job; while it is in flight, the thread waits (interrupt) for `cft resume` to look again. */
export function waitJobNode(deps: GraphDeps) {
  return async (state: State): Promise<Update> => {
    const look = () =>
      withDb(deps, async (db) => {
        const known = getRun(db, state.run!.runId)!;
        const provider = deps.createProvider(known.provider as never, deps.config);
        return refreshRun(db, provider, known.id);
      });
    const run = await look();
    if (!TERMINAL_STATUSES.has(run.status as never)) {
      const p = run.progress;
      const question: GateQuestion = {
        gate: "job_running",
        title: `Training: run ${run.id} is ${run.status}`,
        summary: p?.totalSteps ? `step ${p.step} of ${p.totalSteps}` : `job ${run.jobId}`,
        details: { runId: run.id, jobId: run.jobId, status: run.status },
      };
      interrupt(question);
      // Resumed: the graph comes back here (wait_job → wait_job), looks again and decides with fresh state.
      return { stage: "fine-tune" };
    }
    return withDb(deps, async (db) => {
      const team = await tellTeam(deps, db, {
        kind: "job_finished",
        run,
        actualUsd: runCosts(db, run.id).actualUsd,
      });
      const update: Update = {
        stage: "fine-tune",
        run: runResult(run),
        pendingActions: team.pending,
        notes: [
          `Run ${run.id} ${run.status}${run.fineTunedModel ? `: ${run.fineTunedModel}` : ""}.`,
          ...team.notes,
        ],
      };
      if (run.status !== "succeeded")
        update.blocked = {
          stage: "fine-tune",
          reason: `the job ${run.status}${run.error ? `: ${run.error}` : ""}`,
          kind: "failed",
        };
      return update;
    });
  };
}
