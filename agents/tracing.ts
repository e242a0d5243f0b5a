/**
 * LangSmith tracing of the assistant, through the PHI anonymizer. With LANGSMITH_TRACING=true and a
 * LANGSMITH_API_KEY, the chat graph runs with one LangChainTracer whose client redacts every run's inputs,
 * outputs, metadata and errors (src/eval/phi-anonymizer.ts) before they leave the machine.
 *
 * Why the environment variables are removed: LangChain adds its own tracer whenever LANGSMITH_TRACING (or
 * LANGCHAIN_TRACING_V2, …) is "true" in process.env, with a client that has no anonymizer, for every run
 * that lacks a tracer of its own (a worker's model call, a graph started outside the chat's callbacks).
 * That tracer would send patient text as is. `disableEnvTracing` takes those switches out of this process
 * before any model or graph runs, so the only tracer is ours; LANGSMITH_API_KEY and the rest stay.
 */
import type { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { LangChainTracer } from "@langchain/core/tracers/tracer_langchain";
import { Client } from "langsmith";
import type { Config } from "../src/config/config.js";
import { anonymizeMetadata, anonymizePhi } from "../src/eval/phi-anonymizer.js";

/** Every variable LangChain and LangSmith read to switch on their default, un-anonymized tracer. */
const ENV_SWITCHES = [
  "LANGSMITH_TRACING",
  "LANGSMITH_TRACING_V2",
  "LANGCHAIN_TRACING_V2",
  "LANGCHAIN_TRACING",
];

export const DEFAULT_PROJECT = "clinical-fine-tuner";

export interface Tracing {
  /** For the `callbacks` of a graph run: [] when tracing is off. */
  callbacks: BaseCallbackHandler[];
  /** Where traces go, in words (null when off). */
  where: string | null;
  /** Waits until every trace batch has been sent (call before the process exits). */
  flush(): Promise<void>;
}

/** Removes the default tracer's switches from process.env (see the file's comment). */
export function disableEnvTracing(): void {
  for (const name of ENV_SWITCHES) delete process.env[name];
}

export function tracingFor(config: Config): Tracing {
  disableEnvTracing();
  const env = config.env;
  if (env.LANGSMITH_TRACING !== "true" || !env.LANGSMITH_API_KEY)
    return { callbacks: [], where: null, flush: async () => {} };
  // LANGSMITH_HIDE_INPUTS/OUTPUTS/METADATA=true still hide everything; otherwise redact.
  const hidden = Client.getDefaultClientConfig({ apiKey: env.LANGSMITH_API_KEY });
  const client = new Client({
    ...(env.LANGSMITH_ENDPOINT ? { apiUrl: env.LANGSMITH_ENDPOINT } : {}),
    apiKey: env.LANGSMITH_API_KEY,
    anonymizer: anonymizePhi,
    hideInputs: hidden.hideInputs ? true : anonymizePhi,
    hideOutputs: hidden.hideOutputs ? true : anonymizePhi,
    hideMetadata: hidden.hideMetadata ? true : anonymizeMetadata,
  });
  const projectName = env.LANGSMITH_PROJECT ?? DEFAULT_PROJECT;
  return {
    callbacks: [new LangChainTracer({ client, projectName })],
    where: `LangSmith project ${projectName} (PHI redacted before upload)`,
    flush: () => client.awaitPendingTraceBatches(),
  };
}
