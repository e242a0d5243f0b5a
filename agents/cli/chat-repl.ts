/**
 * The interactive `cft chat`: a line-by-line conversation on stdin/stdout. The assistant's words stream as
 * they come; a workflow gate is shown as its question with "Approve? [yes/no]", and the next line answers
 * it (a reason may follow: "no: too expensive"); anything else is asked again. /exit or end of input ends
 * the session; the thread stays, and `cft chat --thread ID` picks it up later.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { ChatQuestion } from "../tools/pipeline-gates.js";
import type { ChatSession, ChatTurn } from "./chat-session.js";

export const APPROVE_PROMPT = "Approve? [yes/no] ";

/** A gate's question as the chat shows it. */
export function renderQuestion(q: ChatQuestion): string {
  const lines = [`Workflow ${q.threadId} asks: ${q.title}`];
  for (const line of q.summary.split("\n")) lines.push(`    ${line}`);
  return lines.join("\n");
}

export interface ReplIO {
  input: Readable;
  output: Writable;
  /** Show prompts (a terminal); piped input gets none. */
  prompts: boolean;
}

/** Runs the conversation on THREAD (a new one starts on the first message when THREAD is null). */
export async function runRepl(
  session: ChatSession,
  thread: string | null,
  io: ReplIO,
): Promise<string | null> {
  const write = (text: string) => io.output.write(text);
  const rl = createInterface({ input: io.input, terminal: false });
  let threadId = thread;
  let question = threadId ? await session.pending(threadId) : null;
  // On a terminal "Approve? [yes/no]" is the prompt; piped, it is a line after the question.
  const prompt = () => {
    if (io.prompts) write(question ? APPROVE_PROMPT : "you> ");
    else if (question) write(`${APPROVE_PROMPT.trim()}\n`);
  };
  write(
    `Clinical Fine-Tuner chat${threadId ? ` (thread ${threadId})` : ""}. Synthetic data only; /exit to leave.\n`,
  );
  if (question) write(`${renderQuestion(question)}\n`);
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "/exit" || line === "/quit") break;
    if (!line) {
      prompt();
      continue;
    }
    threadId ??= session.newThread(line);
    let streamed = false;
    const turn: ChatTurn = await session.send(threadId, line, (token) => {
      if (!streamed) write("assistant> ");
      streamed = true;
      write(token);
    });
    if (streamed) write("\n");
    else if (turn.answer) write(`assistant> ${turn.answer}\n`);
    if (turn.unanswered) write('Please answer yes or no (a reason may follow, e.g. "no: too expensive").\n');
    else if (turn.question) write(`${renderQuestion(turn.question)}\n`);
    question = turn.question;
    prompt();
  }
  rl.close();
  if (threadId) write(`\nThread ${threadId}: continue with \`cft chat --thread ${threadId}\`.\n`);
  return threadId;
}
