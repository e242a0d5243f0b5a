/**
 * What a graph run is asked to do: the task, where the data comes from, the provider and base model, and
 * optionally an OpenAI-compatible endpoint to measure the prompt-only baseline and to evaluate the tuned
 * model on. Checked with zod when `cft run` starts a thread; it is part of the thread's state, so a
 * resumed thread carries on with exactly what was asked. Paths only, never records or secrets.
 */
import { z } from "zod";
import { TASKS } from "../src/dataset/chat.js";
import { PROVIDERS } from "../src/finetune/types.js";

export const DataSource = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("synthetic"),
    count: z.number().int().min(20).max(1_000_000),
    seed: z.number().int().min(0),
  }),
  z.object({ kind: z.literal("claims-csv"), file: z.string().min(1) }),
  z.object({ kind: z.literal("documents-csv"), file: z.string().min(1) }),
  z.object({ kind: z.literal("chat-jsonl"), file: z.string().min(1) }),
]);
export type DataSource = z.infer<typeof DataSource>;

export const Endpoint = z.object({
  model: z.string().min(1),
  /** OpenAI-compatible base URL (default OpenAI, i.e. OPENAI_BASE_URL). */
  baseUrl: z.url().optional(),
});
export type Endpoint = z.infer<typeof Endpoint>;

export const RunRequest = z.object({
  task: z.enum(TASKS),
  source: DataSource,
  provider: z.enum(PROVIDERS),
  baseModel: z.string().min(1),
  /** Where the prepared dataset goes. */
  outDir: z.string().min(1),
  testFraction: z.number().gt(0).lt(1).default(0.1),
  epochs: z.number().int().min(1).max(50).optional(),
  use4bit: z.boolean().optional(),
  /** The untuned model behind an endpoint, to measure the prompt-only baseline on the test split. */
  baseline: Endpoint.optional(),
  /** Where the tuned model is served, when it is not the provider's own API (local runs, tests). */
  evaluateAt: z.url().optional(),
});
export type RunRequest = z.infer<typeof RunRequest>;
