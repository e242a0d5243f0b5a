/**
 * The launch gate: the one place every fine-tune passes through (CLI, MCP tools, the agents), right before
 * anything is sent. It snapshots each dataset file into the run folder, hashes the snapshot, and clears the
 * submission only when
 *   - every file's current bytes carry a PASS attestation, and
 *   - the confirmation covers exactly these bytes, this configuration and the estimate the user saw, and
 *     was given for this run (a confirmation is spent on the run it created; it starts no other).
 * Providers upload the snapshot, so a file edited after the check cannot slip through either.
 */
import { constants, copyFileSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { GateError } from "../errors.js";
import { sha256File } from "../io/hash.js";
import { findAttestation } from "../ledger/audits.js";
import { getConfirmation } from "../ledger/confirmations.js";
import type { Db } from "../ledger/ledger.js";
import { getRun } from "../ledger/runs.js";
import { type ClearedSubmission, issueClearance } from "./clearance.js";
import {
  configDifferences,
  configHash,
  confirmationToken,
  datasetKey,
  type LaunchRequest,
  launchConfig,
} from "./launch-request.js";
import type { TrainingFile } from "./types.js";

export interface GateInput {
  request: LaunchRequest;
  runId: string;
  confirmationId: string;
  runDir: string;
}

const short = (sha: string) => sha.slice(0, 12);

/** Copies the file beside its final place in the run folder; it is renamed into place only once cleared. */
function snapshot(path: string, runDir: string, role: "train" | "validation"): string {
  const dir = join(runDir, "data");
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, `.${role}.jsonl.${process.pid}.checking`);
  try {
    // A clone where the file system supports it, a plain copy where it does not.
    copyFileSync(path, copy, constants.COPYFILE_FICLONE);
  } catch (error) {
    throw new GateError(`cannot read ${path}: ${(error as Error).message}`, {
      hint: "Check the path; nothing was sent.",
    });
  }
  return copy;
}

export async function clearSubmission(db: Db, input: GateInput): Promise<ClearedSubmission> {
  const pending: string[] = [];
  try {
    const cleared = await check(db, input, pending);
    for (const f of cleared.files) renameSync(pending[f.role === "train" ? 0 : 1]!, f.path);
    return cleared;
  } finally {
    for (const p of pending) rmSync(p, { force: true });
  }
}

async function check(db: Db, input: GateInput, pending: string[]): Promise<ClearedSubmission> {
  const { request, runId, runDir } = input;
  const confirmation = getConfirmation(db, input.confirmationId);
  if (!confirmation)
    throw new GateError(`no confirmation ${input.confirmationId} in the ledger; nothing was sent`, {
      hint: "Run `cft finetune` and confirm the plan it shows (or pass --yes).",
    });
  if (getRun(db, runId)?.confirmationId !== confirmation.id)
    throw new GateError(
      `confirmation ${confirmation.id} was given for another run, not ${runId}; nothing was sent`,
      { hint: "Each confirmation starts the one run it created. Confirm this plan with `cft finetune`." },
    );

  const roles: ["train" | "validation", string][] = [["train", request.train]];
  if (request.validation) roles.push(["validation", request.validation]);
  const files: TrainingFile[] = [];
  for (const [role, original] of roles) {
    const copy = snapshot(resolve(original), runDir, role);
    pending.push(copy);
    const sha256 = await sha256File(copy);
    const attestation = findAttestation(db, sha256);
    if (!attestation)
      throw new GateError(
        `${original} has no PASS attestation for its current bytes (sha256 ${short(sha256)}…); nothing was sent`,
        {
          hint: `Run \`cft audit ${original}\`: only files whose exact bytes passed the HIPAA audit can be trained on.`,
        },
      );
    const confirmed = confirmation.files.find((f) => f.role === role);
    if (!confirmed || confirmed.sha256 !== sha256)
      throw new GateError(
        confirmed
          ? `${original} changed since the plan was confirmed (confirmed ${short(confirmed.sha256)}…, now ${short(sha256)}…); nothing was sent`
          : `the confirmation does not cover a ${role} file; nothing was sent`,
        { hint: "Run `cft finetune` again to see and confirm the plan for the current files." },
      );
    files.push({
      role,
      path: join(runDir, "data", `${role}.jsonl`),
      sha256,
      bytes: statSync(copy).size,
      records: attestation.records,
      auditId: attestation.auditId,
    });
  }

  const key = datasetKey(files);
  if (key !== confirmation.datasetKey)
    throw new GateError("the confirmation was given for a different dataset; nothing was sent", {
      hint: "Confirm the plan for these files with `cft finetune`.",
    });
  const configSha = configHash(request);
  if (configSha !== confirmation.configSha256) {
    const changed = configDifferences(confirmation.config, launchConfig(request));
    throw new GateError(
      `the configuration changed since it was confirmed (${changed.join(", ") || "configuration"}); nothing was sent`,
      { hint: "Run `cft finetune` again to see and confirm the new plan and its estimate." },
    );
  }
  if (confirmation.token !== confirmationToken(key, configSha, confirmation.estimateSha256))
    throw new GateError("the confirmation record does not match its own token; nothing was sent", {
      hint: "The ledger row looks altered. Confirm the plan again with `cft finetune`.",
    });

  return issueClearance(
    {
      runId,
      provider: request.provider,
      baseModel: request.baseModel,
      files,
      hyperparameters: request.hyperparameters,
      suffix: request.suffix ?? `cft-${runId.slice(-8)}`,
      trainingType: request.trainingType,
      metadata: {
        cft_run_id: runId,
        cft_confirmation: confirmation.id,
        cft_dataset: key.slice(0, 16),
      },
      confirmationId: confirmation.id,
      runDir,
    },
    { confirmationId: confirmation.id, checkedAt: new Date().toISOString() },
  );
}
