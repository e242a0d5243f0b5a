/**
 * The plan a user confirms: the dataset files with their hashes and attestations, the configuration, the
 * estimate, and the token binding the three. `confirmPlan` records the user's yes (and the run it creates)
 * in the ledger; nothing is sent until the gate clears the run.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Estimate, estimateCostUsd, estimateFingerprint } from "../cost/estimate.js";
import { InputError } from "../errors.js";
import { canonicalJson, sha256File, sha256Text } from "../io/hash.js";
import { type Attestation, findAttestation } from "../ledger/audits.js";
import { type ConfirmationMethod, recordConfirmation } from "../ledger/confirmations.js";
import { recordCost } from "../ledger/costs.js";
import type { Db } from "../ledger/ledger.js";
import { createRun } from "../ledger/runs.js";
import {
  configHash,
  confirmationToken,
  datasetKey,
  type LaunchRequest,
  launchConfig,
} from "./launch-request.js";

export interface PlannedFile {
  role: "train" | "validation";
  path: string;
  sha256: string;
  bytes: number;
  attestation: Attestation | null;
}

export interface LaunchPlan {
  request: LaunchRequest;
  files: PlannedFile[];
  datasetKey: string;
  config: Record<string, unknown>;
  configSha256: string;
  estimate: Estimate;
  estimateSha256: string;
  /** What the user says yes to; an MCP host passes it back as `confirmation`. */
  token: string;
  /** Files without a PASS attestation for their current bytes: the plan cannot be confirmed. */
  unattested: string[];
}

async function inspect(role: "train" | "validation", path: string, db: Db): Promise<PlannedFile> {
  const absolute = resolve(path);
  let bytes: number;
  try {
    bytes = statSync(absolute).size;
  } catch {
    throw new InputError(`${path}: no such file`, [
      { field: role === "train" ? "--train" : "--validation", message: "file not found" },
    ]);
  }
  const sha256 = await sha256File(absolute);
  return { role, path: absolute, sha256, bytes, attestation: findAttestation(db, sha256) ?? null };
}

export async function buildLaunchPlan(
  db: Db,
  request: LaunchRequest,
  estimate: Estimate,
): Promise<LaunchPlan> {
  const files = [await inspect("train", request.train, db)];
  if (request.validation) files.push(await inspect("validation", request.validation, db));
  const key = datasetKey(files);
  const configSha256 = configHash(request);
  const estimateSha256 = sha256Text(canonicalJson(estimateFingerprint(estimate)));
  return {
    request,
    files,
    datasetKey: key,
    config: launchConfig(request),
    configSha256,
    estimate,
    estimateSha256,
    token: confirmationToken(key, configSha256, estimateSha256),
    unattested: files.filter((f) => !f.attestation).map((f) => f.path),
  };
}

/** A readable, sortable run id: run-20261122-1f3a9c0b. */
export function newRunId(now: Date = new Date()): string {
  return `run-${now.toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(4).toString("hex")}`;
}

export interface ConfirmedRun {
  runId: string;
  confirmationId: string;
  runDir: string;
}

/** Records the user's yes to this plan, the run it creates, and the estimated cost. */
export function confirmPlan(
  db: Db,
  home: string,
  plan: LaunchPlan,
  method: ConfirmationMethod,
): ConfirmedRun {
  if (plan.unattested.length)
    throw new Error(`cannot confirm a plan with unattested files: ${plan.unattested.join(", ")}`);
  const runId = newRunId();
  const confirmationId = randomUUID();
  const runDir = join(home, "runs", runId);
  const createdAt = new Date().toISOString();
  const train = plan.files.find((f) => f.role === "train")!;
  const validation = plan.files.find((f) => f.role === "validation");
  db.transaction(() => {
    recordConfirmation(db, {
      id: confirmationId,
      provider: plan.request.provider,
      baseModel: plan.request.baseModel,
      files: plan.files.map((f) => ({
        role: f.role,
        path: f.path,
        sha256: f.sha256,
        auditId: f.attestation!.auditId,
      })),
      datasetKey: plan.datasetKey,
      configSha256: plan.configSha256,
      config: plan.config,
      estimateSha256: plan.estimateSha256,
      estimate: estimateFingerprint(plan.estimate),
      token: plan.token,
      method,
      createdAt,
    });
    createRun(db, {
      id: runId,
      confirmationId,
      provider: plan.request.provider,
      baseModel: plan.request.baseModel,
      target: plan.request.target,
      datasetKey: plan.datasetKey,
      configSha256: plan.configSha256,
      trainSha256: train.sha256,
      validationSha256: validation?.sha256 ?? null,
      runDir,
      createdAt,
    });
    recordCost(db, {
      runId,
      kind: "estimated",
      usd: estimateCostUsd(plan.estimate),
      basis: plan.estimate.kind === "hosted" ? "billed tokens × price per 1M" : "GPU-hours × rate",
    });
  })();
  return { runId, confirmationId, runDir };
}
