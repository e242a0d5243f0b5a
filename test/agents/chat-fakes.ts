/**
 * A scripted chat model for the chat graph's tests: a LangChain chat model answering with the next
 * AIMessage of a script (text, tool calls, or a function of the conversation so far), and keeping the
 * messages of every call so tests can assert what the model saw. `bindTools` keeps the tools' names and
 * returns the model itself, as a real model's binding would, minus the wire format.
 */

import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import { AIMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

export type Step = AIMessage | ((messages: BaseMessage[]) => AIMessage);

export class ScriptedChatModel extends BaseChatModel {
  readonly calls: BaseMessage[][] = [];
  boundTools: string[] = [];
  private step = 0;

  constructor(private readonly script: Step[]) {
    super({});
  }

  _llmType(): string {
    return "scripted";
  }

  // biome-ignore lint/suspicious/noExplicitAny: matches the base class's loose signature
  override bindTools(tools: { name: string }[]): any {
    this.boundTools = tools.map((t) => t.name);
    return this;
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.calls.push(messages);
    const next = this.script[this.step++] ?? new AIMessage("(the script has ended)");
    const message = typeof next === "function" ? next(messages) : next;
    return { generations: [{ text: String(message.content), message }] };
  }
}

/** An AIMessage calling one tool. */
export function callTool(name: string, args: Record<string, unknown>, id = `call_${name}_${Math.random()}`) {
  return new AIMessage({ content: "", tool_calls: [{ name, args, id, type: "tool_call" }] });
}

/** The last tool message's content, parsed. */
export function lastToolResult(messages: BaseMessage[]): Record<string, unknown> {
  const tool = [...messages].reverse().find((m) => m.getType() === "tool");
  return JSON.parse(String(tool?.content ?? "null"));
}

/** One answer of the scripted server: text, tool calls, or both. */
export interface ScriptedReply {
  content?: string;
  toolCalls?: { name: string; args: Record<string, unknown> }[];
}

export interface ScriptedOpenAI {
  /** For CFT_LLM=openai-compatible:MODEL@URL. */
  baseURL: string;
  /** Bodies of the requests that carried tools (the chat's turns). */
  turns: { messages: { role: string; content: unknown }[]; stream: boolean }[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 that answers the chat's requests (those that
 * carry tools) from a script, streaming (server-sent events, as `stream: true` asks) or not; requests
 * without tools (a worker writing its notes) get a fixed sentence.
 */
export async function startScriptedOpenAI(
  script: ((turn: number) => ScriptedReply)[],
): Promise<ScriptedOpenAI> {
  const { createServer } = await import("node:http");
  const turns: ScriptedOpenAI["turns"] = [];
  let n = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    // biome-ignore lint/suspicious/noExplicitAny: a test server reads arbitrary JSON
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as any;
    let reply: ScriptedReply = { content: "Noted: the figures above are as reported." };
    if (body.tools?.length) {
      turns.push({ messages: body.messages, stream: Boolean(body.stream) });
      const i = n++;
      reply = script[i]?.(i) ?? { content: "(the script has ended)" };
    }
    const toolCalls = (reply.toolCalls ?? []).map((t, index) => ({
      index,
      id: `call_${n}_${index}`,
      type: "function",
      function: { name: t.name, arguments: JSON.stringify(t.args) },
    }));
    const finish = toolCalls.length ? "tool_calls" : "stop";
    const base = { id: `chatcmpl-${n}`, created: 1_700_000_000, model: body.model ?? "test-model" };
    if (!body.stream) {
      res.writeHead(200, { "content-type": "application/json" });
      const message = {
        role: "assistant",
        content: reply.content ?? null,
        tool_calls: toolCalls.length ? toolCalls : undefined,
      };
      res.end(
        JSON.stringify({
          ...base,
          object: "chat.completion",
          choices: [{ index: 0, message, finish_reason: finish }],
        }),
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream" });
    const send = (delta: object, finish_reason: string | null = null) =>
      res.write(
        `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason }] })}\n\n`,
      );
    send({ role: "assistant", content: "" });
    for (const word of (reply.content ?? "").split(/(?<= )/)) if (word) send({ content: word });
    if (toolCalls.length) send({ tool_calls: toolCalls });
    send({}, finish);
    res.end("data: [DONE]\n\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    turns,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
