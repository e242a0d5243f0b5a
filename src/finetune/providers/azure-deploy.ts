/**
 * Deploying a fine-tuned model on Azure OpenAI, a management-plane (ARM) operation separate from
 * training: PUT a deployment naming the fine-tuned model, then poll its provisioningState until it
 * settles. Deployments are billed by the hour whether used or not (and Azure deletes ones idle for 15
 * days), so status and delete come with it. Prices are the cost module's business, not this file's.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Config } from "../../config/config.js";
import { InputError, type InputProblem, ServiceError } from "../../errors.js";
import type { AzureTrainingType } from "../types.js";
import { type ArmOptions, type ArmTarget, armError, armRequest, armTarget } from "./azure-arm.js";

export const ARM_API_VERSION = "2024-10-01";

/** Deployment SKU names on the management plane for each tier. */
export const DEPLOYMENT_SKU: Record<AzureTrainingType, string> = {
  standard: "Standard",
  globalstandard: "GlobalStandard",
  developer: "DeveloperTier",
};

export interface AzureDeployOptions extends ArmOptions {
  /** How often to read provisioningState (default 15 s). */
  pollIntervalMs?: number;
  /** How long to wait for Succeeded or Failed (default 30 minutes). */
  timeoutMs?: number;
}

export interface DeployRequest {
  /** The name inference calls use (`model` on Azure). */
  deploymentName: string;
  /** The fine-tuned model id from the succeeded job, e.g. gpt-4.1-mini-2025-04-14.ft-…. */
  model: string;
  sku?: AzureTrainingType;
  /** Capacity units (thousands of tokens per minute for Standard; default 1). */
  capacity?: number;
}

export interface DeploymentStatus {
  name: string;
  id: string | null;
  model: string | null;
  sku: string | null;
  capacity: number | null;
  /** ARM's word: Accepted, Creating, Succeeded, Failed, Canceled, Deleting… */
  provisioningState: string;
}

const TERMINAL = new Set(["succeeded", "failed", "canceled"]);
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

function checkName(name: string): void {
  if (!NAME.test(name))
    throw new InputError(`deployment name "${name}" is not valid`, [
      {
        field: "deploymentName",
        message: "2–64 characters: letters, digits, . _ -, starting with a letter or digit",
      },
    ]);
}

function toStatus(name: string, body: unknown): DeploymentStatus {
  const b = (body ?? {}) as {
    id?: string;
    sku?: { name?: string; capacity?: number };
    properties?: { model?: { name?: string }; provisioningState?: string };
  };
  return {
    name,
    id: b.id ?? null,
    model: b.properties?.model?.name ?? null,
    sku: b.sku?.name ?? null,
    capacity: b.sku?.capacity ?? null,
    provisioningState: b.properties?.provisioningState ?? "Unknown",
  };
}

async function read(target: ArmTarget, name: string): Promise<DeploymentStatus | undefined> {
  const response = await armRequest(
    target,
    "GET",
    `/deployments/${encodeURIComponent(name)}`,
    ARM_API_VERSION,
  );
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw armError(target, `reading deployment ${name}`, response);
  return toStatus(name, response.body);
}

/** Creates (or updates) the deployment and waits until Azure says Succeeded; Failed is a ServiceError. */
export async function deployFineTunedModel(
  config: Config,
  request: DeployRequest,
  options: AzureDeployOptions = {},
  onProgress: (message: string) => void = () => {},
): Promise<DeploymentStatus> {
  const problems: InputProblem[] = [];
  if (!request.model.trim()) problems.push({ field: "model", message: "the fine-tuned model id is empty" });
  const capacity = request.capacity ?? 1;
  if (!Number.isInteger(capacity) || capacity < 1)
    problems.push({ field: "capacity", message: `${capacity} is not a whole number ≥ 1` });
  if (problems.length) throw new InputError("cannot deploy", problems);
  checkName(request.deploymentName);
  const target = armTarget(config, options);

  const name = request.deploymentName;
  const sku = DEPLOYMENT_SKU[request.sku ?? "standard"];
  const body = {
    sku: { name: sku, capacity },
    properties: { model: { format: "OpenAI", name: request.model, version: "1" } },
  };
  onProgress(`deploying ${request.model} as ${name} (${sku}, capacity ${capacity}) on ${target.resource}`);
  const created = await armRequest(
    target,
    "PUT",
    `/deployments/${encodeURIComponent(name)}`,
    ARM_API_VERSION,
    body,
  );
  if (created.status !== 200 && created.status !== 201) throw armError(target, `deploying ${name}`, created);

  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  let status = toStatus(name, created.body);
  let last = "";
  while (!TERMINAL.has(status.provisioningState.toLowerCase())) {
    if (status.provisioningState !== last) onProgress(`${name}: ${status.provisioningState}`);
    last = status.provisioningState;
    if (Date.now() > deadline)
      throw new ServiceError(`deployment ${name} is still ${status.provisioningState} after the wait`, {
        hint: "Azure is slow to provision it; check again later with the deployment status command.",
      });
    await sleep(options.pollIntervalMs ?? 15_000);
    const current = await read(target, name);
    if (!current) throw new ServiceError(`deployment ${name} disappeared while provisioning`);
    status = current;
  }
  if (status.provisioningState.toLowerCase() !== "succeeded")
    throw new ServiceError(`deployment ${name} ended ${status.provisioningState}`, {
      hint: "Azure did not provision it: check the model id, the SKU's quota in this region, and the portal's activity log.",
    });
  onProgress(`${name}: Succeeded`);
  return status;
}

/** The deployment as Azure sees it, or undefined when there is none by that name. */
export async function deploymentStatus(
  config: Config,
  deploymentName: string,
  options: AzureDeployOptions = {},
): Promise<DeploymentStatus | undefined> {
  checkName(deploymentName);
  return read(armTarget(config, options), deploymentName);
}

/** Deletes the deployment (stopping its hourly billing). False when there was none to delete. */
export async function deleteDeployment(
  config: Config,
  deploymentName: string,
  options: AzureDeployOptions = {},
): Promise<boolean> {
  checkName(deploymentName);
  const target = armTarget(config, options);
  const response = await armRequest(
    target,
    "DELETE",
    `/deployments/${encodeURIComponent(deploymentName)}`,
    ARM_API_VERSION,
  );
  // ARM: 200 deleted, 202 deletion accepted, 204 there was nothing by that name.
  if (response.status === 200 || response.status === 202) return true;
  if (response.status === 204 || response.status === 404) return false;
  throw armError(target, `deleting ${deploymentName}`, response);
}
