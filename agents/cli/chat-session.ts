/**
 * One chat with the assistant, as `cft chat` runs it: the chat graph and the workflow threads on one
 * checkpointer, the MCP tools, LangSmith tracing through the PHI anonymizer. `send` takes the person's
 * next message: when the chat waits at a workflow gate, the message is the answer (yes / no, a reason may
 * follow) and resumes the graph with `Command({ resume })`; anything else is not an answer and the
 * question stands. Otherwise it is a new turn. Identifiers in a message are replaced by placeholders
 * before it reaches the graph (and so the model, the checkpoints and the traces); endpoint URLs stay.
 */
import { randomBytes } from "node:crypto";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { type BaseMessage, HumanMessage } from "@langchain/core/messages";
import { Command } from "@langchain/langgraph";
import type { Config } from "../../src/config/config.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { recordThread } from "../../src/ledger/threads.js";
import { redact } from "../../src/phi/redact.js";
import { scanText } from "../../src/phi/scanner.js";
import { buildChatGraph, type ChatGraph } from "../chat-graph.js";
import { openCheckpointer } from "../checkpointer.js";
import type { GraphDeps } from "../deps.js";
import { loadMcpTools, type McpTools, readServersFile } from "../mcp-tools.js";
import { type ChatQuestion, parseGateAnswer } from "../tools/pipeline-gates.js";
import { pipelineRunner } from "../tools/pipeline-runner.js";
import { tracingFor } from "../tracing.js";

export interface ChatTurn {
  threadId: string;
  /** What the assistant said in this turn (null when it said nothing, e.g. straight to the next gate). */
  answer: string | null;
  /** The workflow gate waiting for the person's answer, if any. */
  question: ChatQuestion | null;
  /** The command that answers it. */
  resume: string | null;
  /** The message was meant to answer a gate but was not a yes or a no: the question stands. */
  unanswered?: boolean;
}

export interface ChatSession {
  /** Starts a chat thread (recorded for `cft threads`), titled by the first message. */
  newThread(firstMessage: string): string;
  pending(threadId: string): Promise<ChatQuestion | null>;
  send(threadId: string, text: string, onToken?: (text: string) => void): Promise<ChatTurn>;
  close(): Promise<void>;
}

export interface SessionOptions {
  model: BaseChatModel;
  /** Notes for people: workflow stages, MCP problems, redactions (stderr in the CLI). */
  onNote?: (text: string) => void;
  /** Start the workspace MCP server and the user's servers (default true). */
  mcp?: boolean;
  /** Workflow graph dependencies to override (tests). */
  deps?: Partial<GraphDeps>;
}

/** Identifiers out of a message, endpoints kept (a URL or an address there names a server, not a patient). */
export function redactMessage(text: string): { text: string; removed: string[] } {
  const findings = scanText(text).filter((f) => f.identifier !== "URL" && f.identifier !== "IP_ADDRESS");
  return { text: redact(text, findings), removed: [...new Set(findings.map((f) => f.identifier))] };
}

const NO_MCP: McpTools = { tools: [], problems: [], close: async () => {} };

export const answerCommand = (threadId: string) => `cft chat --thread ${threadId} --message yes`;

const textOf = (m: BaseMessage) => (typeof m.content === "string" ? m.content : "");

export async function openChatSession(config: Config, options: SessionOptions): Promise<ChatSession> {
  const note = options.onNote ?? (() => {});
  const tracing = tracingFor(config);
  // A mistake in HOME/mcp-servers.json is reported now, before anything is open or started.
  if (options.mcp !== false) readServersFile(config.home);
  const checkpointer = await openCheckpointer(config);
  const runner = pipelineRunner(config, checkpointer.saver, {
    deps: { model: options.model, ...options.deps },
    onNote: (thread, node, text) => note(`[${thread} ${node}] ${text}`),
    callbacks: tracing.callbacks,
  });
  const build = (tools: McpTools["tools"]) =>
    buildChatGraph({ config, model: options.model, runner, checkpointer: checkpointer.saver, tools });
  // Reading a thread's state needs the graph's shape only; the MCP servers start when a turn first runs.
  const reader = build([]);
  let full: Promise<{ graph: ChatGraph; mcp: McpTools }> | undefined;
  const ready = () => {
    full ??= (async () => {
      const mcp = options.mcp === false ? NO_MCP : await loadMcpTools(config);
      for (const p of mcp.problems) note(p);
      return { graph: build(mcp.tools), mcp };
    })();
    return full;
  };
  const configFor = (threadId: string) => ({
    configurable: { thread_id: threadId },
    recursionLimit: 50,
    callbacks: tracing.callbacks,
  });
  const pending = async (threadId: string) => {
    const snapshot = await reader.getState(configFor(threadId));
    const value = snapshot.tasks.flatMap((t) => t.interrupts ?? [])[0]?.value;
    return { question: (value ?? null) as ChatQuestion | null, stalled: snapshot.next.length > 0 && !value };
  };

  async function run(threadId: string, input: unknown, onToken?: (text: string) => void): Promise<string[]> {
    const { graph } = await ready();
    const said: string[] = [];
    const modes = onToken ? (["messages", "updates"] as const) : (["updates"] as const);
    const stream = await graph.stream(input as never, { ...configFor(threadId), streamMode: [...modes] });
    for await (const [mode, chunk] of stream as AsyncIterable<[string, unknown]>) {
      if (mode === "messages") {
        const [message, meta] = chunk as [BaseMessage, { langgraph_node?: string }];
        if (meta.langgraph_node === "agent" && textOf(message)) onToken?.(textOf(message));
      } else {
        const update = (chunk as { agent?: { messages?: BaseMessage[] } }).agent;
        for (const m of update?.messages ?? []) if (textOf(m).trim()) said.push(textOf(m).trim());
      }
    }
    return said;
  }

  return {
    newThread(firstMessage) {
      const threadId = `chat-${new Date().toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(4).toString("hex")}`;
      const title = redactMessage(firstMessage).text.replace(/\s+/g, " ").trim();
      const db = openLedger(config.home);
      try {
        recordThread(db, {
          threadId,
          kind: "chat",
          title: title.length > 70 ? `${title.slice(0, 69)}…` : title,
        });
      } finally {
        db.close();
      }
      return threadId;
    },
    pending: async (threadId) => (await pending(threadId)).question,
    async send(threadId, text, onToken) {
      const before = await pending(threadId);
      let input: unknown;
      if (before.question) {
        const answer = parseGateAnswer(redactMessage(text).text);
        if (!answer)
          return {
            threadId,
            answer: null,
            question: before.question,
            resume: answerCommand(threadId),
            unanswered: true,
          };
        input = new Command({ resume: answer });
      } else {
        // A process that died mid-turn left work pending: finish it before the new message.
        if (before.stalled) await run(threadId, null);
        const { text: clean, removed } = redactMessage(text);
        if (removed.length)
          note(
            `Replaced ${removed.join(", ")} in your message with placeholders: real patient data stays here.`,
          );
        input = { messages: [new HumanMessage(clean)] };
      }
      const said = await run(threadId, input, onToken);
      const question = (await pending(threadId)).question;
      return {
        threadId,
        answer: said.length ? said.join("\n\n") : null,
        question,
        resume: question ? answerCommand(threadId) : null,
      };
    },
    async close() {
      const started = full ? await full.catch(() => undefined) : undefined;
      await Promise.allSettled([started?.mcp.close(), tracing.flush()]);
      await checkpointer.close();
    },
  };
}
