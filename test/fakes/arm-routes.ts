/**
 * The Azure management-plane routes of the fake: Microsoft.CognitiveServices account deployments
 * (PUT, GET, DELETE) with `?api-version=`. A new deployment answers 201 Accepted and settles after a few
 * GETs (Creating → Succeeded, or Failed when a test asks for it), the way provisioningState moves in Azure.
 */
import type { FakeReply, FakeRequest } from "./openai-routes.js";

export interface FakeDeployment {
  /** The request body as received. */
  request: Record<string, unknown>;
  /** The resource as GET returns it. */
  resource: { id: string; name: string; type: string; sku: unknown; properties: Record<string, unknown> };
  pollsLeft: number;
  outcome: "Succeeded" | "Failed";
}

export interface ArmSettings {
  /** Model ids that may be deployed (the fine-tuned models of succeeded jobs, plus any a test adds). */
  deployableModels: () => Set<string>;
  /** GETs before a deployment settles. */
  pollsToSettle: number;
  /** Deployments (by name) that should end Failed. */
  failing: Set<string>;
}

const PATH =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.CognitiveServices\/accounts\/([^/]+)\/deployments\/([^/]+)$/i;
const SKUS = new Set(["standard", "globalstandard", "developertier"]);

const armError = (status: number, code: string, message: string): FakeReply => ({
  status,
  json: { error: { code, message } },
});

function validate(body: Record<string, unknown>, settings: ArmSettings): FakeReply | undefined {
  const sku = body.sku as { name?: unknown; capacity?: unknown } | undefined;
  const model = (body.properties as { model?: Record<string, unknown> } | undefined)?.model;
  if (!sku || typeof sku.name !== "string" || !SKUS.has(sku.name.toLowerCase()))
    return armError(
      400,
      "InvalidResourceProperties",
      `The specified SKU '${String(sku?.name)}' is not supported.`,
    );
  if (!Number.isInteger(sku.capacity) || (sku.capacity as number) < 1)
    return armError(400, "InvalidCapacity", "The capacity should be a positive integer.");
  if (model?.format !== "OpenAI" || model.version !== "1" || typeof model.name !== "string")
    return armError(
      400,
      "InvalidResourceProperties",
      "properties.model needs format OpenAI, a name and version 1.",
    );
  if (!settings.deployableModels().has(model.name))
    return armError(
      400,
      "DeploymentModelNotSupported",
      `The model '${model.name}' is not supported or not found.`,
    );
  return undefined;
}

/** Answers one management-plane request. */
export function armPlane(
  deployments: Map<string, FakeDeployment>,
  settings: ArmSettings,
  req: FakeRequest,
): FakeReply {
  const match = PATH.exec(req.route);
  if (!match) return armError(404, "InvalidResourceType", `No route for ${req.method} ${req.route}`);
  const [, , , , name] = match as unknown as string[];
  const key = req.route.toLowerCase();
  const existing = deployments.get(key);
  if (req.method === "PUT") {
    const body = (req.json ?? {}) as Record<string, unknown>;
    const invalid = validate(body, settings);
    if (invalid) return invalid;
    const resource = {
      id: req.route,
      name: name!,
      type: "Microsoft.CognitiveServices/accounts/deployments",
      sku: body.sku,
      properties: {
        model: (body.properties as Record<string, unknown>).model,
        provisioningState: "Accepted",
      },
    };
    deployments.set(key, {
      request: body,
      resource,
      pollsLeft: settings.pollsToSettle,
      outcome: settings.failing.has(name!) ? "Failed" : "Succeeded",
    });
    return { status: existing ? 200 : 201, json: resource };
  }
  if (req.method === "GET") {
    if (!existing) return armError(404, "DeploymentNotFound", `Deployment '${name}' not found.`);
    const state = existing.resource.properties;
    // Each GET after the PUT moves it along; with no polls to settle the first GET sees the outcome.
    if (existing.pollsLeft > 0) existing.pollsLeft--;
    state.provisioningState = existing.pollsLeft === 0 ? existing.outcome : "Creating";
    return { status: 200, json: existing.resource };
  }
  if (req.method === "DELETE") {
    if (!existing) return { status: 204 };
    deployments.delete(key);
    return { status: 200 };
  }
  return armError(405, "MethodNotAllowed", `${req.method} is not supported here.`);
}
