/**
 * Asks the model for every item of a suite, through a small worker pool, with the prediction cache in the
 * ledger: answers already cached for this model (endpoint, name and decoding settings) are not asked for
 * again, and each new answer is cached as soon as it arrives, so an interrupted evaluation resumes where
 * it stopped. An item that still fails after the SDK's retries is recorded with its error and the others
 * go on; a failure that dooms every further call (refused key, unknown model, nothing listening) stops the
 * run at once. The first call goes alone: when the key is wrong that is one refused request, not one per
 * worker.
 */
import { CftError, InputError, ServiceError } from "../errors.js";
import type { Db } from "../ledger/ledger.js";
import { type CachedPrediction, cachedPredictions, cachePrediction } from "../ledger/predictions.js";
import { type ChatClient, isFatalChatError } from "./chat-client.js";
import type { SuiteItem } from "./types.js";

export interface PredictionResult {
  /** The model's answer; null when the call failed. */
  prediction: string | null;
  /** Milliseconds the call took, the SDK's retries included (as cached, for a cached answer); null on failure. */
  latencyMs: number | null;
  /** What went wrong, for people; null on success. */
  error: string | null;
  /** Read from the cache rather than asked for in this run. */
  cached: boolean;
}

export interface PredictOptions {
  /** Calls in flight at most (default 8). */
  concurrency?: number;
  /** After the cache is read and after each item: items done (cached included), of total, of which cached. */
  onProgress?: (done: number, total: number, cached: number) => void;
  /** Stops the run: calls in flight are abandoned (their items stay uncached) and the promise rejects. */
  signal?: AbortSignal;
  /** Failed items in a row, with no answer in between, after which the run stops (default 25). */
  maxConsecutiveErrors?: number;
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_MAX_CONSECUTIVE_ERRORS = 25;

/** Every item's prediction (or error), by item id. Rejects on a fatal failure or when SIGNAL aborts. */
export async function predictSuite(
  db: Db,
  client: ChatClient,
  items: readonly SuiteItem[],
  opts: PredictOptions = {},
): Promise<Map<string, PredictionResult>> {
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InputError("the concurrency is invalid", [
      { field: "concurrency", message: `expected a whole number of calls ≥ 1, got ${concurrency}` },
    ]);
  const maxConsecutive = Math.max(1, opts.maxConsecutiveErrors ?? DEFAULT_MAX_CONSECUTIVE_ERRORS);
  opts.signal?.throwIfAborted();

  const byId = new Map<string, SuiteItem>();
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, item);
  const results = new Map<string, PredictionResult>();
  const hits = cachedPredictions(db, client.key, [...byId.keys()]);
  for (const [id, hit] of hits)
    results.set(id, { prediction: hit.prediction, latencyMs: hit.latencyMs, error: null, cached: true });
  const todo = [...byId.values()].filter((item) => !hits.has(item.id));
  const total = byId.size;
  let done = hits.size;
  opts.onProgress?.(done, total, hits.size);
  if (todo.length === 0) return results;

  // One controller stops everything: the caller's signal, a fatal failure, or too many failures in a row.
  const stop = new AbortController();
  let failure: { error: unknown } | undefined;
  const halt = (error: unknown) => {
    failure ??= { error };
    stop.abort(error);
  };
  const onAbort = () => stop.abort(opts.signal?.reason);
  opts.signal?.addEventListener("abort", onAbort, { once: true });

  const cache = new CacheWriter(db, client.key, halt);
  let next = 0;
  let consecutive = 0;
  let lastError = "";
  const ask = async (item: SuiteItem) => {
    const start = performance.now();
    try {
      const prediction = await client.complete(item.messages, stop.signal);
      const latencyMs = Math.round((performance.now() - start) * 10) / 10;
      cache.add({ itemId: item.id, prediction, latencyMs });
      results.set(item.id, { prediction, latencyMs, error: null, cached: false });
      consecutive = 0;
    } catch (error) {
      if (stop.signal.aborted) return; // stopping: the item is left for the next run
      if (isFatalChatError(error) || !(error instanceof Error)) return halt(error);
      lastError = error.message;
      results.set(item.id, { prediction: null, latencyMs: null, error: lastError, cached: false });
      if (++consecutive >= maxConsecutive)
        return halt(
          new ServiceError(
            `${client.label} at ${client.endpoint}: ${consecutive} calls failed in a row, so the evaluation stopped; the last: ${lastError}`,
            {
              hint: "Fix what the last error names, then run the evaluation again: answers already received are cached and will not be asked for again.",
              cause: error,
            },
          ),
        );
    }
    done++;
    opts.onProgress?.(done, total, hits.size);
  };
  const worker = async (limit = Number.POSITIVE_INFINITY) => {
    try {
      for (let n = 0; n < limit && !stop.signal.aborted && next < todo.length; n++) await ask(todo[next++]!);
    } catch (error) {
      halt(error); // a failing cache write or progress callback: nothing sensible can go on
    }
  };

  try {
    await worker(1); // the first call alone: a refused key or an unknown model costs one request
    const width = Math.min(concurrency, todo.length - next);
    await Promise.all(Array.from({ length: width }, () => worker()));
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
    cache.flush();
  }
  if (failure) throw failure.error;
  opts.signal?.throwIfAborted();
  return results;
}

/**
 * Writes answers to the prediction cache as they arrive: the answers of one turn of the event loop go in
 * one transaction (with 32 calls in flight, a commit per answer is a measurable part of a 2 ms call), so an
 * answer reaches the ledger within a turn of its arrival. A write that fails stops the run.
 */
class CacheWriter {
  private pending: CachedPrediction[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly write: (entries: CachedPrediction[]) => void;

  constructor(
    db: Db,
    modelKey: string,
    private readonly onError: (error: unknown) => void,
  ) {
    this.write = db.transaction((entries: CachedPrediction[]) => {
      for (const entry of entries) cachePrediction(db, modelKey, entry);
    });
  }

  add(entry: CachedPrediction): void {
    this.pending.push(entry);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    try {
      this.write(entries);
    } catch (error) {
      this.onError(
        new CftError(`cannot write answers to the prediction cache: ${(error as Error).message}`, {
          hint: "Check that the workspace folder (--home or CFT_HOME) is writable and its disk has room; answers written before are kept.",
          cause: error,
        }),
      );
    }
  }
}
