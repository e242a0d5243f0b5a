/**
 * `cft chat [--message TEXT] [--thread ID] [--home DIR] [--json]`: the assistant. Without a chat model
 * (CFT_LLM unset) it says so and offers guided mode — the exact `cft run` command — and exits 0. With one:
 * `--message` runs one turn (a new thread unless --thread) and prints the answer, streamed as it comes
 * (under --json one object: threadId, answer, question, resume); a turn that stops at a workflow gate
 * prints the question and the command that answers it (`cft chat --thread ID --message yes`, or no). Without
 * --message it is a conversation on stdin (agents/cli/chat-repl.ts). Chat threads are recorded for
 * `cft threads`. bin/cft adds this command; src/ knows nothing of agents/.
 */
import type { Command } from "commander";
import { z } from "zod";
import {
  type CommandContext,
  createContext,
  parseFlags,
  withCommonOptions,
} from "../../src/cli/command-kit.js";
import type { Config } from "../../src/config/config.js";
import { InputError } from "../../src/errors.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { getThread } from "../../src/ledger/threads.js";
import { CFT_LLM_FORMS, chatModelFrom } from "../chat-model.js";
import { disableEnvTracing } from "../tracing.js";
import { renderQuestion, runRepl } from "./chat-repl.js";
import { openChatSession } from "./chat-session.js";

const Flags = z.object({
  message: z.string().trim().min(1, { message: "expected a message" }).max(20_000).optional(),
  thread: z
    .string()
    .regex(/^chat-[\w-]{1,80}$/, { message: "expected a chat thread id like chat-20261203-1f3a9c0b" })
    .optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

/** The `cft run` command that does the same work without chat, for the configuration at hand. */
export function guidedCommand(config: Config, home?: string): string {
  const [provider, baseModel] = config.env.OPENAI_API_KEY
    ? ["openai", "gpt-4.1-mini-2025-04-14"]
    : config.env.AZURE_OPENAI_ENDPOINT
      ? ["azure", "gpt-4.1-mini-2025-04-14"]
      : ["local", "meta-llama/Llama-3.1-8B-Instruct"];
  const where = home
    ? ` --home ${/^[\w./~:@%+-]+$/.test(home) ? home : `'${home.replaceAll("'", "'\\''")}'`}`
    : "";
  return `cft run --task claims --synthetic 200 --provider ${provider} --base-model ${baseModel}${where}`;
}

function guided(ctx: CommandContext, home?: string): void {
  const command = guidedCommand(ctx.config, home);
  const message = [
    "No chat model is configured: set CFT_LLM to one of",
    ...CFT_LLM_FORMS.map((f) => `  ${f}`),
    "Until then, guided mode runs the same workflow, with the same gates, without chat:",
  ].join("\n");
  ctx.out.say(`${message}\n  ${command}`);
  ctx.out.result({ mode: "guided", message, command });
}

async function chat(raw: unknown): Promise<void> {
  const flags = parseFlags(Flags, raw);
  // Before anything can run: LangChain's own tracer would send un-anonymized traces (agents/tracing.ts).
  disableEnvTracing();
  const ctx = createContext(flags);
  const model = chatModelFrom(ctx.config);
  if (!model) return guided(ctx, flags.home);
  if (flags.json && !flags.message)
    throw new InputError("--json needs --message: a conversation prints no single JSON object", [], {
      hint: 'Run one turn: cft chat --message "…" --json',
    });
  if (flags.thread) {
    const db = openLedger(ctx.config.home);
    const known = getThread(db, flags.thread);
    db.close();
    if (known?.kind !== "chat")
      throw new InputError(`no chat thread "${flags.thread}" in ${ctx.config.home}`, [], {
        hint: "List them with `cft threads`; start a new one without --thread.",
      });
  }
  const session = await openChatSession(ctx.config, { model, onNote: (t) => ctx.out.note(t) });
  try {
    if (!flags.message) {
      await runRepl(session, flags.thread ?? null, {
        input: process.stdin,
        output: process.stdout,
        prompts: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      });
      return;
    }
    const threadId = flags.thread ?? session.newThread(flags.message);
    let streamed = false;
    const onToken = flags.json
      ? undefined
      : (token: string) => {
          streamed = true;
          process.stdout.write(token);
        };
    const turn = await session.send(threadId, flags.message, onToken);
    if (turn.unanswered)
      throw new InputError(`chat ${threadId} waits for an answer: ${turn.question!.title}`, [], {
        hint: `Answer with \`cft chat --thread ${threadId} --message yes\` or \`--message no\` (a reason may follow: "no: too expensive").`,
      });
    if (streamed) process.stdout.write("\n");
    else if (turn.answer) ctx.out.say(turn.answer);
    if (turn.question)
      ctx.out.say(
        `${renderQuestion(turn.question)}\nApprove? [yes/no]\nAnswer: ${turn.resume}   (or --message no; a reason may follow: "no: too expensive")`,
      );
    else ctx.out.note(`Thread ${threadId}: continue with cft chat --thread ${threadId} --message "…"`);
    const { unanswered: _unanswered, ...result } = turn;
    ctx.out.result(result);
  } finally {
    await session.close();
  }
}

export function registerChat(program: Command): void {
  const command = program
    .command("chat")
    .summary("the assistant: a conversation that runs the workflow and asks you at each gate")
    .description(
      "Talk to the assistant (the chat model CFT_LLM names). It starts and follows fine-tuning workflows, explains audit and regression verdicts, and keeps the team informed through the workspace tools (and any MCP servers in HOME/mcp-servers.json). The gates stay code: at the data plan, the fine-tune confirmation and team updates you are asked directly and answer yes or no — the model cannot answer for you. With --message, one turn; without, a conversation on stdin (/exit to leave). Without CFT_LLM it shows the equivalent `cft run` command (guided mode).",
    )
    .option("--message <text>", "one turn: your message, or the answer (yes / no) to the pending question")
    .option("--thread <id>", "continue this chat thread (see `cft threads`)");
  withCommonOptions(command, [
    'cft chat --message "Fine-tune a claims model on 500 synthetic examples with OpenAI gpt-4.1-mini"',
    "cft chat --thread chat-20261203-1f3a9c0b --message yes",
    "CFT_LLM=ollama:llama3.1 cft chat",
  ]).action(chat);
}
