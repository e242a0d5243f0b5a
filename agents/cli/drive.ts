/**
 * Running a thread from the command line: open the checkpointer, build the graph (guided mode, or with
 * the chat model CFT_LLM names), stream the stages' notes to stderr as they complete, and report where
 * the thread stopped — the human summary, or one JSON object under --json.
 */
import type { CommandContext } from "../../src/cli/command-kit.js";
import { chatModelFrom } from "../chat-model.js";
import { openCheckpointer } from "../checkpointer.js";
import { type GraphDeps, graphDeps } from "../deps.js";
import { buildGraph, type CompiledGraph } from "../graph.js";
import { type ThreadReport, threadReport } from "../thread-status.js";
import { tracingFor } from "../tracing.js";

export interface Driver {
  graph: CompiledGraph;
  report(threadId: string): Promise<ThreadReport>;
  /** Runs the thread from INPUT (initial state, a Command, or null to continue) to its next stop. */
  drive(threadId: string, input: unknown): Promise<ThreadReport>;
  close(): Promise<void>;
}

export async function openDriver(ctx: CommandContext, overrides: Partial<GraphDeps> = {}): Promise<Driver> {
  const checkpointer = await openCheckpointer(ctx.config);
  // Traces, when on, go only through the PHI anonymizer; with CFT_LLM the workers write with that model.
  const tracing = tracingFor(ctx.config);
  const model = overrides.model ?? chatModelFrom(ctx.config) ?? undefined;
  const graph = buildGraph(graphDeps(ctx.config, { ...overrides, model }), checkpointer.saver);
  const configFor = (threadId: string) => ({
    configurable: { thread_id: threadId },
    recursionLimit: 100,
    callbacks: tracing.callbacks,
  });
  const report = async (threadId: string) =>
    threadReport(threadId, await graph.getState(configFor(threadId)));
  return {
    graph,
    report,
    async drive(threadId, input) {
      try {
        const stream = await graph.stream(input as never, { ...configFor(threadId), streamMode: "updates" });
        for await (const chunk of stream) {
          for (const [node, update] of Object.entries(chunk as Record<string, unknown>)) {
            const notes = (update as { notes?: string[] } | null)?.notes ?? [];
            if (node !== "__interrupt__") for (const n of notes) ctx.out.note(`[${node}] ${n}`);
          }
        }
      } catch (error) {
        // The thread keeps its last checkpoint: once the cause is fixed, the stage runs again from there.
        ctx.out.note(
          `Thread ${threadId} stopped; fix what follows, then \`cft resume ${threadId}\` continues.`,
        );
        throw error;
      }
      return report(threadId);
    },
    close: async () => {
      await tracing.flush();
      await checkpointer.close();
    },
  };
}

/** The human report: where the thread is, the question waiting, and the command that answers it. */
export function renderReport(r: ThreadReport): string {
  const lines = [`Thread ${r.threadId}: ${r.status} (${r.stage})`];
  if (r.blocked) lines.push(`  blocked: ${r.blocked.reason}`);
  if (r.question) {
    lines.push(`  ${r.question.title}`);
    for (const l of r.question.summary.split("\n")) lines.push(`    ${l}`);
  }
  if (r.regression) lines.push(`  regression: ${r.regression.verdict} → ${r.regression.recommendation}`);
  for (const d of r.documents.slice(-3)) lines.push(`  ${d.kind}: ${d.path}`);
  if (r.resume)
    lines.push(
      r.question && r.status === "interrupted"
        ? `Answer: ${r.resume}   (or --reject; --note TEXT records why)`
        : `Continue: ${r.resume}`,
    );
  return lines.join("\n");
}
