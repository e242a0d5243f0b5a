/**
 * The prompt-only baseline: the model at an OpenAI-compatible endpoint, sent each test item with the
 * clinical system prompt in place of the item's own system message and the few-shot examples before the
 * item's turns, scored and recorded by the same `evaluate` that `cft evaluate` runs. The item ids stay
 * those of the suite, so the baseline pairs item by item with any later evaluation of the same test split
 * (`cft regress --baseline <evalId>`, or "latest"). The prediction cache key includes the prompt and the
 * examples, so answers given without them (or with another prompt) are never reused for this baseline.
 */
import { createHash } from "node:crypto";
import type { Config } from "../config/config.js";
import type { ChatMessage, Task } from "../dataset/chat.js";
import { InputError } from "../errors.js";
import { type ChatClient, createChatClient } from "../eval/chat-client.js";
import { evaluate } from "../eval/evaluate.js";
import type { MetricOptions } from "../eval/metrics.js";
import { loadSuite } from "../eval/suite.js";
import type { EvaluationSummary } from "../eval/types.js";
import type { Db } from "../ledger/ledger.js";
import { CATEGORY_ORDER } from "./example-category.js";
import { type FewShotExample, selectFewShot } from "./few-shot.js";
import { type BaselineFigure, baselineFromEvaluation, DEFAULT_TARGETS } from "./necessity.js";
import { type ClinicalSystemPrompt, clinicalSystemPrompt } from "./system-prompt.js";

export interface BaselineEndpoint {
  /** An OpenAI-compatible chat completions base URL, e.g. http://localhost:11434/v1. */
  baseUrl: string;
  model: string;
  /** Sent as the bearer key; default OPENAI_API_KEY from the configuration, or none. */
  apiKey?: string;
  maxTokens?: number;
}

export interface PromptBaselineInput {
  db: Db;
  config: Config;
  endpoint: BaselineEndpoint;
  /** The test split (chat JSONL, a `cft prepare` test.jsonl). */
  suite: string;
  /** Default: what the suite loader detects (dataset.json beside the file, else the references). */
  task?: Task;
  /** Default: clinicalSystemPrompt(task). */
  systemPrompt?: ClinicalSystemPrompt;
  /** Examples to show; or give `train` (and k, default one per category; seed, default 0) to select them. */
  fewShot?: readonly FewShotExample[];
  train?: string;
  k?: number;
  seed?: number;
  concurrency?: number;
  metricOptions?: MetricOptions;
  onProgress?: (done: number, total: number, cached: number) => void;
  signal?: AbortSignal;
}

export interface PromptBaseline {
  summary: EvaluationSummary;
  /** Answers reused from the prediction cache. */
  cached: number;
  prompt: { template: string; sha256: string };
  fewShot: { line: number; id: string }[];
  /** The task's primary metric with its interval, ready for assessFineTuningNecessity; null if unscored. */
  primary: BaselineFigure | null;
}

/** The item's turns behind the system prompt and the examples; the item's own system messages are dropped. */
export function promptedMessages(
  system: string,
  examples: readonly FewShotExample[],
  messages: readonly ChatMessage[],
): ChatMessage[] {
  return [
    { role: "system", content: system },
    ...examples.flatMap((e) => e.messages),
    ...messages.filter((m) => m.role !== "system"),
  ];
}

/** CLIENT with the prompt and examples prepended to every call, cached under its own key. */
export function promptedClient(
  client: ChatClient,
  prompt: ClinicalSystemPrompt,
  examples: readonly FewShotExample[],
): ChatClient {
  const key = createHash("sha256")
    .update(JSON.stringify({ base: client.key, prompt: prompt.sha256, examples: examples.map((e) => e.id) }))
    .digest("hex")
    .slice(0, 16);
  return {
    label: `${client.label} (prompt-only: ${prompt.template}@${prompt.sha256.slice(0, 8)}, ${examples.length}-shot)`,
    endpoint: client.endpoint,
    key,
    complete: (messages, signal) =>
      client.complete(promptedMessages(prompt.text, examples, messages), signal),
  };
}

function withKey(config: Config, apiKey: string | undefined): Config {
  return apiKey === undefined ? config : { ...config, env: { ...config.env, OPENAI_API_KEY: apiKey } };
}

export async function measurePromptBaseline(input: PromptBaselineInput): Promise<PromptBaseline> {
  const suite = await loadSuite(input.suite, input.task ? { task: input.task } : {});
  if (suite.task === "mcq")
    throw new InputError(
      `${input.suite} is scored as multiple choice; a clinical prompt baseline is for claims, scribe or companion`,
      [],
      {
        hint: "Pass task: claims | scribe | companion, or use a `cft prepare` test.jsonl.",
      },
    );
  const task: Task = suite.task;
  const prompt = input.systemPrompt ?? clinicalSystemPrompt(task);
  if (prompt.task !== task)
    throw new InputError(`the system prompt is for ${prompt.task} but ${input.suite} is a ${task} suite`);
  const examples =
    input.fewShot ??
    (input.train
      ? (
          await selectFewShot(input.train, {
            task,
            k: input.k ?? CATEGORY_ORDER[task].length,
            seed: input.seed ?? 0,
          })
        ).examples
      : []);

  const inSuite = new Map(suite.items.map((item) => [item.id, item.line]));
  const leaked = examples.filter((e) => inSuite.has(e.id));
  if (leaked.length)
    throw new InputError(
      `few-shot examples are also test items: ${leaked.map((e) => `example line ${e.line} is ${input.suite} line ${inSuite.get(e.id)}`).join("; ")}`,
      [],
      { hint: "Choose the examples from the training split, never the test split." },
    );

  const client = createChatClient(withKey(input.config, input.endpoint.apiKey), {
    model: input.endpoint.model,
    baseUrl: input.endpoint.baseUrl,
    maxTokens: input.endpoint.maxTokens,
  });
  const result = await evaluate(input.db, {
    suite,
    source: {
      kind: "endpoint",
      client: promptedClient(client, prompt, examples),
      concurrency: input.concurrency ?? 8,
    },
    runId: null,
    metricOptions: input.metricOptions,
    onProgress: input.onProgress,
    signal: input.signal,
  });
  let primary: BaselineFigure | null = null;
  try {
    primary = baselineFromEvaluation(result.summary, DEFAULT_TARGETS[task].metric);
  } catch {
    primary = null; // no item was scored for the primary metric: the summary says why
  }
  return {
    summary: result.summary,
    cached: result.cached,
    prompt: { template: prompt.template, sha256: prompt.sha256 },
    fewShot: examples.map((e) => ({ line: e.line, id: e.id })),
    primary,
  };
}
