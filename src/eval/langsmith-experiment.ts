/**
 * Records a finished evaluation as a LangSmith experiment, when LANGSMITH_API_KEY is set: the suite becomes
 * a dataset (`cft-<suite>-<sha8>`, created once, examples added by item id), and `evaluate()` from
 * `langsmith/evaluation` replays what was already computed — the target returns the stored prediction for
 * each example (no model is called) and the evaluators return the stored per-item figures; the metrics,
 * with their intervals, become the experiment's summary feedback.
 *
 * PHI: dataset examples are redacted here before upload (the SDK's anonymizer covers runs, not examples);
 * runs' inputs, outputs, metadata and errors go through the client's anonymizer and hide functions, all
 * `redactDeep`; names, prefixes and warnings are redacted too.
 *
 * LangSmith is optional: an error there never fails the evaluation. It comes back as `warning`, and every
 * call to LangSmith must finish within a deadline (default 10 minutes), so a slow or failing service
 * (the SDK retries 5xx answers four times with backoff) cannot hold the evaluation up for long.
 */
import { createHash } from "node:crypto";
import { Client, type Example } from "langsmith";
import { type EvaluationResult, evaluate } from "langsmith/evaluation";
import type { Config } from "../config/config.js";
import { redact } from "../phi/redact.js";
import { redactDeep } from "../phi/redact-deep.js";
import { anonymizeMetadata, anonymizePhi } from "./phi-anonymizer.js";
import type { ItemScore, MetricValue, SuiteItem } from "./types.js";

export interface ExperimentItem {
  item: SuiteItem;
  /** The model's answer, or null when it gave none (an error). */
  prediction: string | null;
  score: ItemScore | null;
}

export interface ExperimentInput {
  suite: { name: string; sha256: string; task: string };
  model: string;
  evalId: string;
  items: ExperimentItem[];
  metrics: MetricValue[];
}

export interface ExperimentOptions {
  /** A ready client (tests, or a caller that configured its own); built from CONFIG when absent. */
  client?: Client;
  /** Every LangSmith call must be done this many ms after the start (default 600,000). */
  deadlineMs?: number;
  /** Examples per upload request (default 200). */
  uploadBatch?: number;
  /** Predictions and evaluations run at once (default 8). */
  concurrency?: number;
}

export interface ExperimentRecord {
  /** The experiment's name in LangSmith ("" when it could not be recorded). */
  experiment: string;
  /** Where to see it, when it could be resolved. */
  url: string | null;
  /** Why the experiment was not (fully) recorded; already redacted. */
  warning?: string;
}

/** `cft-<suite name>-<first 8 of the suite's sha256>`. */
export function datasetName(suite: { name: string; sha256: string }): string {
  return `cft-${redact(suite.name)}-${suite.sha256.slice(0, 8)}`;
}

/** A stable example id per dataset and item (UUID-shaped), so a re-run finds the examples it added. */
function exampleId(dataset: string, itemId: string): string {
  const h = createHash("sha256").update(`${dataset}\0${itemId}`).digest("hex");
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

class DeadlineError extends Error {
  // The SDK's retry loop gives up at once on a TimeoutError.
  override readonly name = "TimeoutError";
}

/**
 * Client fetch that refuses to start, and aborts, anything past the deadline. The refusal names the last
 * failed answer, so the warning says why the calls kept failing rather than only that time ran out.
 */
function deadlineFetch(deadline: number): typeof fetch {
  let lastProblem = "";
  return async (input, init) => {
    const left = deadline - Date.now();
    if (left <= 0)
      throw new DeadlineError(
        `LangSmith deadline passed${lastProblem ? ` (last answer: ${lastProblem})` : ""}`,
      );
    const timeout = AbortSignal.timeout(left);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const response = await fetch(input, { ...init, signal });
    if (!response.ok) {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      lastProblem = `${response.status} from ${init?.method ?? "GET"} ${new URL(url).pathname}`;
    }
    return response;
  };
}

export function buildClient(config: Config, deadline: number): Client {
  // LANGSMITH_HIDE_INPUTS/OUTPUTS/METADATA=true still hide everything; otherwise redact.
  const env = Client.getDefaultClientConfig({ apiKey: config.env.LANGSMITH_API_KEY });
  return new Client({
    ...(config.env.LANGSMITH_ENDPOINT ? { apiUrl: config.env.LANGSMITH_ENDPOINT } : {}),
    apiKey: config.env.LANGSMITH_API_KEY,
    anonymizer: anonymizePhi,
    hideInputs: env.hideInputs ? true : anonymizePhi,
    hideOutputs: env.hideOutputs ? true : anonymizePhi,
    hideMetadata: env.hideMetadata ? true : anonymizeMetadata,
    fetchImplementation: deadlineFetch(deadline),
    timeout_ms: Math.max(1, Math.min(90_000, deadline - Date.now())),
  });
}

function itemIdOf(example: Pick<Example, "inputs" | "metadata">): string | undefined {
  const id = example.metadata?.itemId ?? example.inputs?.itemId;
  return typeof id === "string" ? id : undefined;
}

/** The dataset for the suite, created on first use, holding an example for every item (redacted). */
async function ensureDataset(
  client: Client,
  input: ExperimentInput,
  batch: number,
): Promise<{ name: string; examples: Map<string, Example> }> {
  const name = datasetName(input.suite);
  let datasetId: string;
  if (await client.hasDataset({ datasetName: name })) {
    datasetId = (await client.readDataset({ datasetName: name })).id;
  } else {
    const created = await client.createDataset(name, {
      description: redact(
        `Evaluation suite ${input.suite.name} (${input.suite.task}), sha256 ${input.suite.sha256}`,
      ),
      dataType: "kv",
      metadata: { suiteSha256: input.suite.sha256, task: input.suite.task, source: "clinical-finetuner" },
    });
    datasetId = created.id;
  }
  const examples = new Map<string, Example>();
  const collect = async () => {
    for await (const example of client.listExamples({ datasetId })) {
      const itemId = itemIdOf(example);
      if (itemId) examples.set(itemId, example);
    }
  };
  await collect();
  const missing = input.items.filter(({ item }) => !examples.has(item.id));
  if (missing.length === 0) return { name, examples };
  for (let i = 0; i < missing.length; i += batch) {
    const uploads = missing.slice(i, i + batch).map(({ item }) => ({
      id: exampleId(name, item.id),
      dataset_id: datasetId,
      inputs: anonymizePhi({ itemId: item.id, messages: item.messages }),
      outputs: anonymizePhi({
        reference: item.reference,
        ...(item.answer !== undefined ? { answer: item.answer } : {}),
      }),
      metadata: { itemId: item.id, line: item.line },
    }));
    await client.uploadExamplesMultipart(datasetId, uploads);
  }
  await collect();
  return { name, examples };
}

function itemResults(score: ItemScore | null): EvaluationResult[] {
  if (!score) return [];
  const results: EvaluationResult[] = [];
  if (score.correct !== null) results.push({ key: "correct", score: score.correct ? 1 : 0 });
  for (const [key, value] of Object.entries(score.values))
    if (Number.isFinite(value)) results.push({ key, score: value });
  return results;
}

function metricResults(metrics: MetricValue[]): EvaluationResult[] {
  return metrics
    .filter((m) => m.value !== null && Number.isFinite(m.value))
    .map((m) => ({
      key: m.name,
      score: m.value,
      comment: m.interval
        ? `${Math.round(m.interval.level * 100)}% CI [${m.interval.low}, ${m.interval.high}] (${m.interval.method}), n=${m.n}`
        : `n=${m.n}`,
    }));
}

/** What the SDK warns about each evaluator when evaluator tracing is off: expected, and noise. */
const SDK_NOISE = "Can not call 'on_end' if currentRunTree is undefined";

/**
 * Runs RUN with the SDK's console output managed. It prints "Starting evaluation…" and "View results…"
 * with console.log: those go to stderr, keeping stdout for results (`--json`). It reports failed uploads
 * of runs and feedback only with console.warn (the upload itself never throws): those are still printed,
 * and collected so the caller can tell the user the experiment is incomplete. Its one known noise line
 * is dropped.
 */
async function withSdkConsole<T>(run: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const { log, warn } = console;
  const warnings: string[] = [];
  console.log = (...args: unknown[]) => console.error(...args);
  console.warn = (...args: unknown[]) => {
    if (args[0] === SDK_NOISE) return;
    warnings.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(" "));
    warn.apply(console, args);
  };
  try {
    return { value: await run(), warnings };
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redact(message.replace(/\s+/g, " ").trim().slice(0, 500));
}

/**
 * Records INPUT as a LangSmith experiment. Null (nothing sent) unless LANGSMITH_API_KEY is set, or when
 * LANGSMITH_TRACING is explicitly "false". Never throws for a LangSmith failure: see `warning`.
 */
export async function recordExperiment(
  config: Config,
  input: ExperimentInput,
  opts: ExperimentOptions = {},
): Promise<ExperimentRecord | null> {
  if (!config.env.LANGSMITH_API_KEY || config.env.LANGSMITH_TRACING === "false") return null;
  if (input.items.length === 0) return { experiment: "", url: null, warning: "no items to record" };
  const deadline = Date.now() + (opts.deadlineMs ?? 600_000);
  let client: Client | undefined;
  try {
    client = opts.client ?? buildClient(config, deadline);
    const { examples } = await ensureDataset(client, input, opts.uploadBatch ?? 200);
    const byItem = new Map(input.items.map((entry) => [entry.item.id, entry]));
    const data = [...examples.values()].filter((example) => byItem.has(itemIdOf(example) ?? ""));
    if (data.length === 0) throw new Error("the dataset holds none of the evaluated items");

    const lookup = (example: Pick<Example, "inputs" | "metadata">) => byItem.get(itemIdOf(example) ?? "");
    // The evaluation already happened: replay its predictions and figures.
    const replayPrediction = async (inputs: Record<string, unknown>) => ({
      prediction: lookup({ inputs })?.prediction ?? null,
    });
    const storedScores = ({ example }: { example: Example }): EvaluationResult[] =>
      itemResults(lookup(example)?.score ?? null);
    const storedMetrics = (_args: { runs: unknown[] }): { results: EvaluationResult[] } => ({
      results: metricResults(input.metrics),
    });

    const sdkClient = client;
    const { value: results, warnings } = await withSdkConsole(async () => {
      const results = await evaluate(replayPrediction, {
        client: sdkClient,
        data,
        evaluators: [storedScores],
        summaryEvaluators: metricResults(input.metrics).length ? [storedMetrics] : [],
        experimentPrefix: `cft-${redact(input.model)}`,
        description: redact(`cft evaluation ${input.evalId} of ${input.model} on ${input.suite.name}`),
        metadata: redactDeep({
          evalId: input.evalId,
          model: input.model,
          suiteSha256: input.suite.sha256,
          suite: input.suite.name,
          task: input.suite.task,
        }) as Record<string, unknown>,
        maxConcurrency: opts.concurrency ?? 8,
        // The evaluators only look figures up: tracing them would add runs and nothing else.
        disableEvaluatorTracing: true,
      });
      // evaluate() waits for the run batches too; wait again for anything queued after it returned.
      await sdkClient.awaitPendingTraceBatches();
      return results;
    });
    const experiment = results.experimentName;
    const url = await experimentUrl(client, experiment, data[0]!.dataset_id);
    if (warnings.length === 0) return { experiment, url };
    const first = describe(new Error(warnings[0]));
    return {
      experiment,
      url,
      warning: `LangSmith experiment ${experiment} may be incomplete: ${warnings.length} upload problem(s), first: ${first}`,
    };
  } catch (error) {
    // Whatever was queued still goes out (or is dropped by the deadline) before we return.
    await client?.awaitPendingTraceBatches().catch(() => undefined);
    return { experiment: "", url: null, warning: `LangSmith experiment not recorded: ${describe(error)}` };
  }
}

async function experimentUrl(client: Client, experiment: string, datasetId: string): Promise<string | null> {
  try {
    const project = await client.readProject({ projectName: experiment });
    const dataset = await client.getDatasetUrl({ datasetId });
    return `${dataset}/compare?selectedSessions=${project.id}`;
  } catch {
    return null;
  }
}
