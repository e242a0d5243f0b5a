/**
 * Overhead of the evaluation runner: 2,000 suite items through `predictSuite` (prediction cache in a fresh
 * ledger, worker pool of 32, error mapping) against a bare loop of 32 workers calling the same openai
 * SDK's `chat.completions.create` directly, both against the local fake chat server (about 2 ms a call,
 * instant answers). The ratio of the two times is what the runner costs over the SDK alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpenAI } from "openai";
import { loadConfig } from "../src/config/config.js";
import { createChatClient } from "../src/eval/chat-client.js";
import { predictSuite } from "../src/eval/predict.js";
import type { SuiteItem } from "../src/eval/types.js";
import { openLedger } from "../src/ledger/ledger.js";
import { startFakeChatServer } from "../test/fakes/chat-server.js";

const ITEMS = 2000;
const CONCURRENCY = 32;
const ROUNDS = 5;
const MODEL = "bench-model";

function items(n: number, run: string): SuiteItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${run}-${i}`,
    line: i + 1,
    messages: [
      { role: "system", content: "You adjudicate synthetic claims. Answer APPROVE or DENY with a reason." },
      { role: "user", content: `Synthetic claim ${run}-${i}: CPT 99213, ICD-10 J06.9, in network.` },
    ],
    reference: "APPROVE",
  }));
}

/**
 * Records "eval runner (predictSuite)" and "bare SDK loop" in items/s and returns the ratio of their times
 * (runner / bare: 1.05 means the runner costs 5% over the SDK alone).
 */
export async function benchEvalRunner(
  record: (name: string, items: number, seconds: number, unit: string) => void,
): Promise<number> {
  const server = await startFakeChatServer({ answer: () => "APPROVE", latencyMs: 2, record: false });
  const dir = mkdtempSync(join(tmpdir(), "cft-bench-eval-"));
  try {
    const config = loadConfig({ env: {}, cwd: dir, home: join(dir, "config") });
    const client = createChatClient(config, { model: MODEL, baseUrl: server.openaiBaseURL, maxRetries: 0 });
    const sdk = new OpenAI({ apiKey: "not-needed", baseURL: server.openaiBaseURL, maxRetries: 0 });

    const runner = async (run: string) => {
      const db = openLedger(join(dir, `ledger-${run}`));
      const todo = items(ITEMS, run);
      try {
        const start = performance.now();
        const results = await predictSuite(db, client, todo, { concurrency: CONCURRENCY });
        const seconds = (performance.now() - start) / 1000;
        if (results.size !== ITEMS || [...results.values()].some((r) => r.error))
          throw new Error("bench: the runner did not answer every item");
        return seconds;
      } finally {
        db.close();
      }
    };
    const bare = async (run: string) => {
      const todo = items(ITEMS, run);
      const answers = new Map<string, string>();
      let next = 0;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < todo.length) {
            const item = todo[next++]!;
            const response = await sdk.chat.completions.create({
              model: MODEL,
              messages: item.messages as OpenAI.ChatCompletionMessageParam[],
              temperature: 0,
              top_p: 1,
              seed: 0,
              max_tokens: 1024,
            });
            answers.set(item.id, response.choices[0]?.message.content ?? "");
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      if (answers.size !== ITEMS) throw new Error("bench: the bare loop did not answer every item");
      return seconds;
    };

    // Warm both paths (JIT, keep-alive connections), then alternate so that drift and other processes hit
    // both alike; the best of ROUNDS runs of each is kept (the runner's own work is a few percent, less
    // than the noise of one run on a busy machine).
    await runner("warm");
    await bare("warm");
    const runnerTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      runnerTimes.push(await runner(`r${round}`));
      bareTimes.push(await bare(`b${round}`));
    }
    const runnerSeconds = Math.min(...runnerTimes);
    const bareSeconds = Math.min(...bareTimes);
    record(`eval runner: predictSuite, ${CONCURRENCY} workers, cache writes`, ITEMS, runnerSeconds, "items");
    record(
      `  … bare SDK loop, ${CONCURRENCY} workers (ratio ${(runnerSeconds / bareSeconds).toFixed(2)})`,
      ITEMS,
      bareSeconds,
      "items",
    );
    return runnerSeconds / bareSeconds;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
