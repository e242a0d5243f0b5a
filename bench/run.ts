/**
 * `npm run bench`: throughput of the hot paths, printed as a table. Single process, so one core.
 * Never used in tests; numbers go in closing notes and the README.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { estimateHosted } from "../src/cost/hosted-estimate.js";
import { loadPriceTable } from "../src/cost/price-table.js";
import type { Task } from "../src/dataset/chat.js";
import { prepareDataset } from "../src/dataset/prepare.js";
import { synthesize } from "../src/dataset/synthetic/index.js";
import { loadReferenceCounter } from "../src/dataset/tokens.js";
import { validateFile } from "../src/dataset/validate.js";
import { clearSubmission } from "../src/finetune/gate.js";
import { buildLaunchPlan, confirmPlan } from "../src/finetune/launch-plan.js";
import type { LaunchRequest } from "../src/finetune/launch-request.js";
import { openLedger } from "../src/ledger/ledger.js";
import { auditFiles } from "../src/phi/audit.js";
import { runAudit } from "../src/phi/audit-run.js";
import { scanText } from "../src/phi/scanner.js";
import { loadPrompt } from "../src/prompts/load.js";
import { benchAgents } from "./agents.js";
import { benchEvalRunner } from "./eval-runner.js";
import { benchRouter } from "./router.js";
import { benchStatistics } from "./statistics.js";

interface Row {
  case: string;
  items: number;
  seconds: number;
  unit: string;
}

const rows: Row[] = [];
const N = Number(process.env.BENCH_N ?? 20_000);

/** Times `run(false)` after a warm-up `run(true)`; a case whose caches could carry over warms up on other data. */
async function measure(
  name: string,
  items: number,
  unit: string,
  run: (warmup: boolean) => unknown | Promise<unknown>,
) {
  await run(true); // JIT, tokenizer tables
  const start = performance.now();
  const result = await run(false);
  const seconds = (performance.now() - start) / 1000;
  rows.push({ case: name, items, seconds, unit });
  return { result, seconds };
}

const dir = mkdtempSync(join(tmpdir(), "cft-bench-"));
try {
  for (const task of ["claims", "scribe", "companion"] as Task[]) {
    const prompt = loadPrompt(`${task}-system`);
    await measure(`generate ${task} (synthetic + JSON)`, N, "records", () => {
      for (const e of synthesize(task, N, 42, prompt)) JSON.stringify(e.record);
    });
  }

  for (const task of ["claims", "scribe", "companion"] as Task[]) {
    const prompt = loadPrompt(`${task}-system`);
    const file = (seed: number) => {
      const path = join(dir, `${task}-${seed}.jsonl`);
      writeFileSync(
        path,
        [...synthesize(task, N, seed, prompt)].map((e) => JSON.stringify(e.record)).join("\n"),
      );
      return path;
    };
    const [warm, cold] = [file(7), file(8)];
    const { result, seconds } = await measure(`validate ${task} (o200k tokens)`, N, "records", (warmup) =>
      validateFile(warmup ? warm : cold),
    );
    const tokens = (result as Awaited<ReturnType<typeof validateFile>>).tokens.perExample.sum;
    rows.push({ case: "  … the same, in tokens", items: tokens, seconds, unit: "tokens" });
  }

  await measure("prepare claims end to end", N, "records", (warmup) =>
    prepareDataset({
      task: "claims",
      source: { kind: "synthetic", examples: N, seed: warmup ? 1 : 2 },
      outDir: join(dir, `prep-${Math.random()}`),
      testFraction: 0.1,
      seed: 1,
      reproduce: "bench",
    }),
  );

  // Tokenizer choice: the same clinical texts through each package (all give identical counts).
  const texts = [...synthesize("scribe", 5000, 3, "")].map((e) => String(e.record.messages[2]!.content));
  const gpt = await loadReferenceCounter("o200k_base");
  await measure("tokens: gpt-tokenizer (chosen)", texts.length, "texts", () => {
    for (const t of texts) gpt(t);
  });
  try {
    const { get_encoding } = await import("tiktoken");
    const wasm = get_encoding("o200k_base");
    await measure("tokens: tiktoken (WASM)", texts.length, "texts", () => {
      for (const t of texts) wasm.encode(t);
    });
    const { getEncoding } = await import("js-tiktoken");
    const js = getEncoding("o200k_base");
    await measure("tokens: js-tiktoken", texts.length, "texts", () => {
      for (const t of texts) js.encode(t);
    });
  } catch {
    // tiktoken and js-tiktoken are dev dependencies, present only for this comparison.
  }

  // The PHI audit: MB/s over chat JSONL (every string of every record), and over adversarial strings.
  const auditFile = join(dir, "audit.jsonl");
  writeFileSync(
    auditFile,
    (["claims", "scribe", "companion"] as Task[])
      .flatMap((task) => [...synthesize(task, N / 2, 11, loadPrompt(`${task}-system`))])
      .map((e) => JSON.stringify(e.record))
      .join("\n"),
  );
  const megabytes = statSync(auditFile).size / 2 ** 20;
  await measure("audit chat JSONL (all recognizers)", Math.round(megabytes), "MB", () =>
    auditFiles([auditFile]),
  );
  const hostile = ["9", " ", ".", "@", "a.", "A", "-", "/", "1/", "Dr. "].map((unit) => unit.repeat(100_000));
  const advMegabytes = hostile.reduce((sum, text) => sum + text.length, 0) / 2 ** 20;
  await measure("scan adversarial strings (runs of 9 . @ …)", advMegabytes, "MB", () => {
    for (const text of hostile) scanText(text);
  });

  // The fine-tune stage: a hosted estimate (cookbook token count + price) and the launch gate (snapshot,
  // re-hash, attestation and confirmation checks) over the same claims training file.
  const claimsFile = join(dir, "claims-8.jsonl");
  const claimsMegabytes = statSync(claimsFile).size / 2 ** 20;
  const estimateOf = () =>
    estimateHosted({ provider: "openai", baseModel: "gpt-4.1-mini", train: claimsFile }, loadPriceTable());
  await measure("estimate hosted (after validate: memoized)", N, "records", estimateOf);
  const home = join(dir, "ws");
  const db = openLedger(home);
  await runAudit(db, home, [claimsFile]);
  const request: LaunchRequest = {
    provider: "openai",
    baseModel: "gpt-4.1-mini",
    train: claimsFile,
    hyperparameters: {},
    target: "bench",
  };
  const confirmed = confirmPlan(db, home, await buildLaunchPlan(db, request, await estimateOf()), "yes-flag");
  await measure("launch gate: snapshot + re-hash + checks", claimsMegabytes, "MB", () =>
    clearSubmission(db, { request, ...confirmed }),
  );
  db.close();

  // Statistics: metrics with intervals and a full regression on 10,000 paired items, 10,000 draws.
  await benchStatistics(measure);

  // The evaluation runner's overhead over the bare SDK, against a local chat completions server.
  await benchEvalRunner((name, items, seconds, unit) => rows.push({ case: name, items, seconds, unit }));

  // The A/B router: its overhead over a direct call, and the online report.
  await benchRouter((name, items, seconds, unit) => rows.push({ case: name, items, seconds, unit }));

  // The assistant: the graph to its first costly gate, and milestones through the workspace layer.
  await benchAgents(measure, dir);

  // Adversarial input for the line reader: one 8 MiB line of digits, then 1,000 short lines.
  const adversarial = join(dir, "adversarial.jsonl");
  writeFileSync(adversarial, `${"9".repeat(8 << 20)}\n${'{"a":1}\n'.repeat(1000)}`);
  await measure("validate adversarial 8 MiB line", 1, "files", () => validateFile(adversarial));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const fmt = (x: number) => (x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US"));
const header = ["case", "items", "seconds", "throughput"];
const body = rows.map((r) => [
  r.case,
  fmt(r.items),
  r.seconds.toFixed(3),
  `${fmt(r.items / r.seconds)} ${r.unit}/s`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
console.log(`Node ${process.version}, one process (one core), N = ${fmt(N)}`);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
for (const b of body) console.log(line(b));
