/**
 * The human side of the pipeline tools: the chat graph's `ask_user` node. When run_pipeline or
 * pipeline_status leaves a workflow thread at a human gate (the data plan, the fine-tune confirmation, team
 * updates), this node puts the gate's question to the person in the chat with LangGraph's `interrupt`, and
 * the person's answer — `Command({ resume: { approved, note } })`, or a reply like "yes" / "no: too
 * expensive" — resumes the workflow thread. It then runs the workflow to its next stop and rewrites the
 * tool's result in place (same message id), so the model only ever sees where the workflow ended up: the
 * model has no way to answer a gate.
 *
 * Why a node and not an interrupt inside the tool: a node that interrupts is run again from the top when
 * resumed, and the tools node runs every tool call of the model's message; an interrupt there would replay
 * side effects (a second notify_team) and, with several gates in one call, pair answers with gates by
 * position. Here each gate is its own node run, and an answer applies only to the workflow checkpoint it
 * was asked at: if the thread moved on meanwhile (`cft resume` in a shell), the answer is not applied.
 */
import { type BaseMessage, ToolMessage } from "@langchain/core/messages";
import { interrupt, type MessagesAnnotation } from "@langchain/langgraph";
import { z } from "zod";
import type { Approval, GateQuestion } from "../questions.js";
import {
  humanQuestion,
  type PipelineArtifact,
  type PipelineRunner,
  type PipelineStop,
  toolResult,
} from "./pipeline-runner.js";

export const PIPELINE_TOOLS = new Set(["run_pipeline", "pipeline_status"]);

/** What the chat shows: the workflow gate's question and the workflow thread it belongs to. */
export interface ChatQuestion extends GateQuestion {
  threadId: string;
}

const YES = /^\s*(?:yes|y|approve|approved)\b[\s,.:;!-]*/i;
const NO = /^\s*(?:no|n|reject|rejected|decline|declined)\b[\s,.:;!-]*/i;

/** A person's reply to a gate: yes / y / approve, or no / n / reject, with an optional reason after it. */
export function parseGateAnswer(text: string): Approval | null {
  for (const [pattern, approved] of [
    [YES, true],
    [NO, false],
  ] as const) {
    const match = pattern.exec(text);
    if (!match) continue;
    const note = text.slice(match[0].length).trim();
    return note ? { approved, note: note.slice(0, 2000) } : { approved };
  }
  return null;
}

const ApprovalAnswer = z.object({ approved: z.boolean(), note: z.string().max(2000).optional() });

/** The resume value as an answer; null for anything else (the question is asked again). */
export function toApproval(value: unknown): Approval | null {
  if (typeof value === "string") return parseGateAnswer(value);
  const parsed = ApprovalAnswer.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const isTool = (m: BaseMessage): m is ToolMessage => m.getType() === "tool";

/** This turn's pipeline tool result whose workflow waits at a human gate, if any. */
export function pendingGate(messages: BaseMessage[]): ToolMessage | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (!isTool(m)) return undefined;
    const artifact = m.artifact as PipelineArtifact | undefined;
    if (m.name && PIPELINE_TOOLS.has(m.name) && artifact?.gate) return m;
  }
  return undefined;
}

function rewrite(message: ToolMessage, content: string, artifact: PipelineArtifact): ToolMessage {
  return new ToolMessage({
    id: message.id,
    tool_call_id: message.tool_call_id,
    name: message.name,
    status: "success",
    content,
    artifact,
  });
}

function withStop(message: ToolMessage, stop: PipelineStop): ToolMessage {
  const [content, artifact] = toolResult(stop);
  return rewrite(message, content, artifact);
}

function withFailure(message: ToolMessage, artifact: PipelineArtifact, error: unknown): ToolMessage {
  const reason = error instanceof Error ? error.message : String(error);
  const content = JSON.stringify({
    threadId: artifact.threadId,
    status: "error",
    error: reason,
    next: `The workflow stopped with an error after the user's answer. Tell the user; \`cft resume ${artifact.threadId}\` continues it once the cause is fixed.`,
  });
  return rewrite(message, content, { ...artifact, gate: null });
}

/** The `ask_user` node: one gate per run; the graph comes back here while a gate is pending. */
export function askUserNode(runner: PipelineRunner) {
  return async (state: typeof MessagesAnnotation.State) => {
    const message = pendingGate(state.messages);
    if (!message) return {};
    const artifact = message.artifact as PipelineArtifact;
    const now = await runner.look(artifact.threadId);
    const question = humanQuestion(now.report);
    // Answered elsewhere meanwhile, or no longer waiting: report where it stands (and ask its new gate, if any).
    if (!question || now.checkpointId !== artifact.checkpointId)
      return { messages: [withStop(message, now)] };
    const answer = toApproval(interrupt<ChatQuestion, unknown>({ ...question, threadId: artifact.threadId }));
    if (!answer) return {}; // not a yes or a no: the node runs again and asks again
    try {
      return { messages: [withStop(message, await runner.answer(artifact.threadId, answer))] };
    } catch (error) {
      return { messages: [withFailure(message, artifact, error)] };
    }
  };
}
