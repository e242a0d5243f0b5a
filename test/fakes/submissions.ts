/**
 * Test inputs for providers: small chat-format JSONL datasets on disk and cleared submissions built
 * with the real `issueClearance` (what the launch gate hands a provider), so provider tests exercise the
 * same run-time check as production without going through the gate itself.
 */
import { createHash } from "node:crypto";
import { loadConfig } from "../../src/config/config.js";
import { type ClearedSubmission, issueClearance } from "../../src/finetune/clearance.js";
import type { Submission, TrainingFile } from "../../src/finetune/types.js";
import { tempDir, writeFile } from "../helpers.js";

export function chatLines(n: number, seed = "a"): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(
      JSON.stringify({
        messages: [
          { role: "system", content: "You code synthetic claims." },
          { role: "user", content: `Synthetic claim ${seed}-${i}: office visit, established patient.` },
          { role: "assistant", content: "99213" },
        ],
      }),
    );
  return `${lines.join("\n")}\n`;
}

/** Writes a dataset file and describes it the way the gate would (sha256 of the bytes as written). */
export function dataset(dir: string, role: TrainingFile["role"], content: string | Buffer): TrainingFile {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  const path = writeFile(dir, `${role}.jsonl`, bytes);
  return {
    role,
    path,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    bytes: bytes.length,
    records: bytes.toString("utf8").split("\n").filter(Boolean).length,
    auditId: `audit-${role}`,
  };
}

export function submission(overrides: Partial<Submission> & { files: TrainingFile[] }): Submission {
  const runId = overrides.runId ?? "run-20260101-1f3a9c0b";
  return {
    runId,
    provider: "openai",
    baseModel: "gpt-4o-mini-2024-07-18",
    hyperparameters: {},
    suffix: `cft-${runId.slice(-8)}`,
    metadata: { cft_run_id: runId },
    confirmationId: "confirmation-1",
    runDir: tempDir("cft-run-"),
    ...overrides,
  };
}

export function cleared(overrides: Partial<Submission> & { files: TrainingFile[] }): ClearedSubmission {
  return issueClearance(submission(overrides), {
    confirmationId: "confirmation-1",
    checkedAt: new Date().toISOString(),
  });
}

/** A Config from exactly these variables (no .env, no process environment). */
export function configWith(env: Record<string, string>) {
  return loadConfig({ env, cwd: tempDir("cft-config-") });
}

/** Settings that keep provider tests fast: a tiny poll, few retries, a short timeout. */
export const FAST = { maxRetries: 2, timeoutMs: 5000, pollIntervalMs: 1 } as const;
