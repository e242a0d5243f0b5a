/**
 * Shared set-up for the local provider's tests: a sandbox folder with the stand-in commands of
 * test/fakes/bin first on PATH (nvidia-smi, ssh, sbatch…, and fake-python as the runner), a workspace,
 * cleared submissions built with the gate's own issueClearance, polling, and clean-up of every process
 * a test started.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Config, loadConfig } from "../../src/config/config.js";
import { type ClearedSubmission, issueClearance } from "../../src/finetune/clearance.js";
import type { Hyperparameters, Submission, TrainingFile } from "../../src/finetune/types.js";
import { sha256File } from "../../src/io/hash.js";
import { ROOT, tempDir } from "../helpers.js";

export const FAKES = join(ROOT, "test", "fakes", "bin");
export const FAKE_PYTHON = join(FAKES, "fake-python");
export const H100 = "NVIDIA H100 80GB HBM3, 81559";

export interface Sandbox {
  dir: string;
  home: string;
  /** The "remote" home folder the ssh stand-in runs commands in. */
  remoteHome: string;
  slurmDir: string;
  /** Environment for the provider's programs. */
  env: NodeJS.ProcessEnv;
  /** Lines the stand-ins appended ("ssh HOST\tCOMMAND", "sbatch …", "python …"). */
  calls(): string[];
  /** The runner's invocations: argv and working folder. */
  runnerCalls(): Array<{ argv: string[]; cwd: string }>;
  /** A file the fake runner waits for after its first progress event. */
  holdFile: string;
  release(): void;
  config(env?: Record<string, string>): Config;
  /** Stops every process group this sandbox's runs started. */
  cleanup(): void;
}

export function sandbox(extraEnv: Record<string, string> = {}): Sandbox {
  const dir = tempDir("cft-local-");
  const home = join(dir, "home");
  const remoteHome = join(dir, "remote-home");
  const slurmDir = join(dir, "slurm");
  for (const d of [home, remoteHome, slurmDir]) mkdirSync(d, { recursive: true });
  const callsFile = join(dir, "calls.log");
  const runnerFile = join(dir, "runner.log");
  const holdFile = join(dir, "release");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${FAKES}:${process.env.PATH ?? ""}`,
    FAKE_CALLS: callsFile,
    FAKE_RUNNER_LOG: runnerFile,
    FAKE_SSH_HOME: remoteHome,
    FAKE_REMOTE_PATH: join(FAKES, "remote"),
    FAKE_SLURM_DIR: slurmDir,
    ...extraEnv,
  };
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8").split("\n").filter(Boolean);
    } catch {
      return [];
    }
  };
  return {
    dir,
    home,
    remoteHome,
    slurmDir,
    env,
    holdFile,
    calls: () => read(callsFile),
    runnerCalls: () => read(runnerFile).map((l) => JSON.parse(l)),
    release: () => writeFileSync(holdFile, ""),
    config: (cftEnv = {}) => loadConfig({ env: { CFT_PYTHON: FAKE_PYTHON, ...cftEnv }, cwd: dir, home }),
    cleanup() {
      writeFileSync(holdFile, "");
      for (const pid of startedPids(home, slurmDir)) {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    },
  };
}

/** Runner pids from job.json files and SLURM stand-in jobs. */
function startedPids(home: string, slurmDir: string): number[] {
  const pids: number[] = [];
  const runs = join(home, "runs");
  for (const run of safeList(runs)) {
    try {
      const job = JSON.parse(readFileSync(join(runs, run, "job.json"), "utf8")) as { pid: number | null };
      if (job.pid) pids.push(job.pid);
    } catch {
      // no job started in this folder
    }
  }
  for (const f of safeList(slurmDir))
    if (f.endsWith(".pid")) pids.push(Number(readFileSync(join(slurmDir, f), "utf8")));
  return pids.filter((p) => Number.isInteger(p) && p > 0);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const RECORDS = [
  {
    messages: [
      { role: "user", content: "Summarise the visit." },
      { role: "assistant", content: "Stable." },
    ],
  },
];

/** A cleared submission for the local provider, with real dataset files and their hashes. */
export async function clearedSubmission(
  box: Sandbox,
  runId: string,
  options: { dataDir?: string; validation?: boolean; hyperparameters?: Hyperparameters } = {},
): Promise<ClearedSubmission> {
  const dataDir = options.dataDir ?? join(box.dir, "data");
  await mkdir(dataDir, { recursive: true });
  const files: TrainingFile[] = [];
  const roles: Array<TrainingFile["role"]> =
    options.validation === false ? ["train"] : ["train", "validation"];
  for (const role of roles) {
    const path = join(dataDir, `${role}.jsonl`);
    writeFileSync(path, `${RECORDS.map((r) => JSON.stringify(r)).join("\n")}\n`);
    files.push({
      role,
      path,
      sha256: await sha256File(path),
      bytes: 0,
      records: 1,
      auditId: `audit-${role}`,
    });
  }
  const submission: Submission = {
    runId,
    provider: "local",
    baseModel: "meta-llama/Llama-3.1-8B-Instruct",
    files,
    hyperparameters: options.hyperparameters ?? { epochs: 2, loraR: 8, use4bit: true },
    suffix: "test",
    metadata: { cft_run_id: runId },
    confirmationId: "confirmation-1",
    runDir: join(box.home, "runs", runId),
  };
  return issueClearance(submission, {
    confirmationId: "confirmation-1",
    checkedAt: new Date().toISOString(),
  });
}

/** Calls FN until PREDICATE holds (small fixed interval; gives up after ATTEMPTS with the last value). */
export async function waitFor<T>(
  fn: () => Promise<T>,
  predicate: (value: T) => boolean,
  { intervalMs = 25, attempts = 800 } = {},
): Promise<T> {
  let value = await fn();
  for (let i = 0; i < attempts && !predicate(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await fn();
  }
  if (!predicate(value)) throw new Error(`condition not reached; last value: ${JSON.stringify(value)}`);
  return value;
}
