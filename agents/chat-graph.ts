/**
 * The conversational supervisor (`cft chat`): a ReAct loop over the chat model, with the workflow gates
 * kept out of the model's reach.
 *
 *   START → agent ─(tool calls)→ tools ─(a workflow waits at a human gate)→ ask_user ⟲ (one gate a run)
 *             ↑  └─(no tool calls)→ END     └──────────(otherwise)──────────→ agent ←─┘
 *
 * - agent: the chat model with the system prompt (prompts/supervisor.md) and the tools bound.
 * - tools: a ToolNode — run_pipeline, pipeline_status, search_knowledge, assess_prompt, rollout_status, and the MCP tools
 *   (the workspace's tracker, documents, notify_team, issues…, and the user's own servers).
 * - ask_user: interrupts with the gate's question; the person's answer resumes the workflow thread
 *   (agents/tools/pipeline-gates.ts). The edge to it is fixed: the model cannot route around it.
 * Checkpointed like the workflow graph, so a chat resumes across processes (`cft chat --thread`).
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { SystemMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { type BaseCheckpointSaver, END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import type { Config } from "../src/config/config.js";
import { InputError } from "../src/errors.js";
import { loadPrompt } from "../src/prompts/load.js";
import { assessPromptTool } from "./tools/assess-prompt.js";
import { askUserNode, pendingGate } from "./tools/pipeline-gates.js";
import type { PipelineRunner } from "./tools/pipeline-runner.js";
import { pipelineStatusTool } from "./tools/pipeline-status.js";
import { rolloutStatusTool } from "./tools/rollout-status.js";
import { runPipelineTool } from "./tools/run-pipeline.js";
import { searchKnowledgeTool } from "./tools/search-knowledge.js";
import { webSearchTool } from "./tools/web-search.js";

type ChatState = typeof MessagesAnnotation.State;

export interface ChatGraphOptions {
  config: Config;
  model: BaseChatModel;
  /** Runs the workflow threads (the same checkpointer as the chat). */
  runner: PipelineRunner;
  checkpointer?: BaseCheckpointSaver;
  /** More tools (the MCP tools). */
  tools?: StructuredToolInterface[];
}

/** The pipeline, knowledge and prompting tools, then the others; one tool per name (the first wins). */
export function chatTools(options: ChatGraphOptions): StructuredToolInterface[] {
  const all = [
    runPipelineTool(options.config, options.runner),
    pipelineStatusTool(options.config, options.runner),
    searchKnowledgeTool(),
    ...[webSearchTool(options.config)].filter((t) => t !== null),
    assessPromptTool(),
    rolloutStatusTool(options.config),
    ...(options.tools ?? []),
  ] as StructuredToolInterface[];
  const seen = new Set<string>();
  return all.filter((t) => !seen.has(t.name) && seen.add(t.name));
}

const afterAgent = (state: ChatState): "tools" | typeof END => {
  const last = state.messages.at(-1) as { tool_calls?: unknown[] } | undefined;
  return last?.tool_calls?.length ? "tools" : END;
};

const afterTools = (state: ChatState): "ask_user" | "agent" =>
  pendingGate(state.messages) ? "ask_user" : "agent";

export function buildChatGraph(options: ChatGraphOptions) {
  const tools = chatTools(options);
  if (!options.model.bindTools)
    throw new InputError("the chat model CFT_LLM names cannot call tools", [], {
      hint: "Choose a model with tool calling (function calling), or unset CFT_LLM for guided mode.",
    });
  const model = options.model.bindTools(tools);
  const system = new SystemMessage(loadPrompt("supervisor"));
  const agent = async (state: ChatState, config: RunnableConfig) => ({
    messages: [await model.invoke([system, ...state.messages], config)],
  });
  return new StateGraph(MessagesAnnotation)
    .addNode("agent", agent)
    .addNode("tools", new ToolNode(tools))
    .addNode("ask_user", askUserNode(options.runner))
    .addEdge(START, "agent")
    .addConditionalEdges("agent", afterAgent, ["tools", END])
    .addConditionalEdges("tools", afterTools, ["ask_user", "agent"])
    .addConditionalEdges("ask_user", afterTools, ["ask_user", "agent"])
    .compile({ checkpointer: options.checkpointer, name: "clinical-fine-tuner-chat" });
}

export type ChatGraph = ReturnType<typeof buildChatGraph>;
