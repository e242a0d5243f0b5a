/**
 * The pipeline as the chat drives it: the guided graph (agents/graph.ts) on its own threads, in the chat's
 * checkpointer, run to its next stop — a human gate, a training job in flight, a block, the end. Each run
 * is detached from the chat's run context, so the pipeline is a graph of its own (its interrupts stop it,
 * not the chat; its notes do not stream into the chat's answer), traced only through the callbacks given.
 *
 * What the chat model sees of a thread is `forModel`: the distilled report without the stages' notes, the
 * CLI's resume command or the confirmation token — paths, hashes, verdicts, costs, never record content.
 */
import type { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { type BaseCheckpointSaver, Command } from "@langchain/langgraph";
import type { Config } from "../../src/config/config.js";
import { redactDeep } from "../../src/phi/redact-deep.js";
import { type GraphDeps, graphDeps } from "../deps.js";
import { buildGraph, type CompiledGraph } from "../graph.js";
import type { Approval, GateQuestion } from "../questions.js";
import type { RunRequest } from "../request.js";
import { type ThreadReport, threadReport } from "../thread-status.js";

/** A thread's report and the checkpoint it was read from (a gate's answer applies to that checkpoint). */
export interface PipelineStop {
  report: ThreadReport;
  checkpointId: string | null;
}

export interface PipelineRunner {
  graph: CompiledGraph;
  look(threadId: string): Promise<PipelineStop>;
  start(threadId: string, request: RunRequest): Promise<PipelineStop>;
  /** Answers the pending human gate. */
  answer(threadId: string, answer: Approval): Promise<PipelineStop>;
  /** Looks again at a training job in flight, and goes on when it has ended. */
  poll(threadId: string): Promise<PipelineStop>;
  /** Continues a thread whose process stopped mid-stage. */
  proceed(threadId: string): Promise<PipelineStop>;
}

export interface RunnerOptions {
  /** Graph dependencies to override (tests: the provider factory; the CLI: the chat model). */
  deps?: Partial<GraphDeps>;
  /** The stages' notes as they complete (the CLI prints them to stderr). */
  onNote?: (threadId: string, node: string, note: string) => void;
  callbacks?: BaseCallbackHandler[];
}

/**
 * The gate the thread waits at for a person's answer, if it does: every gate but job_running (which only
 * waits for time to pass) — data_plan, fine_tune, external_actions, and any the workflow gains later.
 */
export function humanQuestion(report: ThreadReport): GateQuestion | null {
  return report.status === "interrupted" && report.question && report.question.gate !== "job_running"
    ? report.question
    : null;
}

/** Runs FN outside the caller's LangChain run context (no inherited callbacks, config or parent run). */
function detached<T>(fn: () => Promise<T>): Promise<T> {
  return AsyncLocalStorageProviderSingleton.getInstance().run(undefined, fn);
}

export function pipelineRunner(
  config: Config,
  saver: BaseCheckpointSaver,
  options: RunnerOptions = {},
): PipelineRunner {
  const graph = buildGraph(graphDeps(config, options.deps), saver);
  const configFor = (threadId: string) => ({
    configurable: { thread_id: threadId },
    recursionLimit: 100,
    ...(options.callbacks?.length ? { callbacks: options.callbacks } : {}),
  });
  const look = async (threadId: string): Promise<PipelineStop> => {
    const snapshot = await graph.getState({ configurable: { thread_id: threadId } });
    const checkpointId = (snapshot.config?.configurable?.checkpoint_id as string | undefined) ?? null;
    return { report: threadReport(threadId, snapshot), checkpointId };
  };
  const drive = (threadId: string, input: unknown) =>
    detached(async () => {
      const stream = await graph.stream(input as never, { ...configFor(threadId), streamMode: "updates" });
      for await (const chunk of stream)
        for (const [node, update] of Object.entries(chunk as Record<string, unknown>)) {
          if (node === "__interrupt__") continue;
          for (const note of (update as { notes?: string[] } | null)?.notes ?? [])
            options.onNote?.(threadId, node, note);
        }
      return look(threadId);
    });
  return {
    graph,
    look,
    start: (threadId, request) => drive(threadId, { request, stage: "start" }),
    answer: (threadId, answer) =>
      drive(threadId, new Command({ resume: { approved: answer.approved === true, note: answer.note } })),
    poll: (threadId) => drive(threadId, new Command({ resume: { poll: true } })),
    proceed: (threadId) => drive(threadId, null),
  };
}

/** Paths and URLs name files and endpoints, not patients: they reach the model intact. */
const LOCATION = /^(?:\/|[A-Za-z]:\\|https?:\/\/)\S*$/;

/**
 * The report as the chat model gets it: what it needs to explain and what to do next — no stage notes, no
 * resume command, and no confirmation token (with it, a fine-tune tool elsewhere could be started without
 * the person); free text redacted.
 */
export function forModel(report: ThreadReport) {
  const question = report.question ? { gate: report.question.gate, title: report.question.title } : null;
  const estimate = report.estimate ? (({ token: _token, ...rest }) => rest)(report.estimate) : null;
  return redactDeep(
    {
      threadId: report.threadId,
      status: report.status,
      stage: report.stage,
      question,
      next: NEXT[report.status],
      blocked: report.blocked,
      dataset: report.dataset,
      audit: report.audit,
      baseline: report.baseline,
      estimate,
      run: report.run,
      evaluation: report.evaluation,
      regression: report.regression,
      documents: report.documents,
    },
    { keep: (text) => LOCATION.test(text) },
  );
}

const NEXT: Record<ThreadReport["status"], string> = {
  interrupted: "The user is being asked at this gate; only the user can answer it.",
  running:
    "A training job is in flight. Tell the user; call pipeline_status with this thread_id when they ask for news.",
  blocked: "A gate said no, or the user declined, or the job failed: explain why. The thread stays blocked.",
  completed: "The workflow is done: summarize the evaluation, the regression verdict and the documents.",
};

/** What a pipeline tool's ToolMessage carries besides its text: where the thread stood, for the gate node. */
export interface PipelineArtifact {
  threadId: string;
  checkpointId: string | null;
  status: ThreadReport["status"];
  /** The human gate the thread waits at, if any. */
  gate: GateQuestion["gate"] | null;
}

/** A pipeline tool's result: [text for the model, artifact] (responseFormat "content_and_artifact"). */
export function toolResult(stop: PipelineStop): [string, PipelineArtifact] {
  const artifact: PipelineArtifact = {
    threadId: stop.report.threadId,
    checkpointId: stop.checkpointId,
    status: stop.report.status,
    gate: humanQuestion(stop.report)?.gate ?? null,
  };
  return [JSON.stringify(forModel(stop.report)), artifact];
}

/** The message for arguments a tool does not take (a model trying `approved: true`, say). */
export function refuseExtraArguments(toolName: string) {
  return (issue: { code?: string; keys?: string[] }) =>
    issue.code === "unrecognized_keys"
      ? `${toolName} takes no ${issue.keys?.join(", ")} argument: the user answers every gate, no argument approves anything`
      : undefined;
}
