/**
 * Deploying a fine-tuned model through the Azure management plane, against the local fake: the PUT's
 * URL and body, the bearer token, polling provisioningState to Succeeded or Failed, retries honouring
 * Retry-After, status and delete, and the variables a missing setting is named by.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InputError, ServiceError } from "../../src/errors.js";
import {
  ARM_API_VERSION,
  deleteDeployment,
  deployFineTunedModel,
  deploymentStatus,
} from "../../src/finetune/providers/azure-deploy.js";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../fakes/openai-server.js";
import { configWith } from "../fakes/submissions.js";

const MODEL = "gpt-4.1-mini-2025-04-14.ft-0123456789abcdef-claims";
const FAST = { pollIntervalMs: 1, retryBaseMs: 1, maxRetries: 2 };
const ACCOUNT =
  "/subscriptions/sub-1/resourceGroups/rg-clinical/providers/Microsoft.CognitiveServices/accounts/aoai-clinical";
let server: FakeOpenAIServer;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  server.deployableModels.add(MODEL);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const config = (extra: Record<string, string> = {}) =>
  configWith({
    AZURE_SUBSCRIPTION_ID: "sub-1",
    AZURE_RESOURCE_GROUP: "rg-clinical",
    AZURE_OPENAI_RESOURCE: "aoai-clinical",
    AZURE_MANAGEMENT_URL: server.armURL,
    AZURE_MANAGEMENT_TOKEN: server.armToken,
    ...extra,
  });

describe("Azure deployment of a fine-tuned model", () => {
  it("PUTs the deployment and polls until Succeeded", async () => {
    const messages: string[] = [];
    const status = await deployFineTunedModel(
      config(),
      { deploymentName: "claims-ft", model: MODEL, sku: "globalstandard", capacity: 2 },
      FAST,
      (m) => messages.push(m),
    );
    expect(status).toMatchObject({
      name: "claims-ft",
      model: MODEL,
      sku: "GlobalStandard",
      capacity: 2,
      provisioningState: "Succeeded",
    });
    const put = server.requests.find((r) => r.method === "PUT")!;
    expect(put.route).toBe(`${ACCOUNT}/deployments/claims-ft`);
    expect(put.query["api-version"]).toBe(ARM_API_VERSION);
    expect(put.headers.authorization).toBe("[redacted]");
    expect(put.body).toEqual({
      sku: { name: "GlobalStandard", capacity: 2 },
      properties: { model: { format: "OpenAI", name: MODEL, version: "1" } },
    });
    expect(server.requests.map((r) => r.method)).toEqual(["PUT", "GET", "GET"]);
    expect(messages.at(-1)).toBe("claims-ft: Succeeded");
  });

  it("reports a deployment that ends Failed as a service error", async () => {
    server.failingDeployments.add("doomed");
    const error = await deployFineTunedModel(
      config(),
      { deploymentName: "doomed", model: MODEL },
      FAST,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).message).toMatch(/doomed ended Failed/);
  });

  it("retries throttling that says Retry-After, then succeeds", async () => {
    server.fail({
      surface: "arm",
      method: "PUT",
      route: /\/deployments\/throttled$/,
      status: 429,
      message: "Too many requests",
      retryAfter: "0",
    });
    const status = await deployFineTunedModel(config(), { deploymentName: "throttled", model: MODEL }, FAST);
    expect(status.provisioningState).toBe("Succeeded");
    expect(server.requests.filter((r) => r.method === "PUT").map((r) => r.status)).toEqual([429, 201]);
  });

  it("passes on ARM's message for a model it refuses", async () => {
    const error = (await deployFineTunedModel(
      config(),
      { deploymentName: "nope", model: "gpt-unknown.ft-1" },
      FAST,
    ).catch((e: unknown) => e)) as ServiceError;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toMatch(/HTTP 400.*DeploymentModelNotSupported/);
  });

  it("reads and deletes deployments", async () => {
    await deployFineTunedModel(config(), { deploymentName: "short-lived", model: MODEL }, FAST);
    expect((await deploymentStatus(config(), "short-lived", FAST))?.provisioningState).toBe("Succeeded");
    expect(await deleteDeployment(config(), "short-lived", FAST)).toBe(true);
    expect(await deploymentStatus(config(), "short-lived", FAST)).toBeUndefined();
    expect(await deleteDeployment(config(), "short-lived", FAST)).toBe(false);
  });

  it("uses an Entra token when no management token is set", async () => {
    let asked = 0;
    const status = await deploymentStatus(config({ AZURE_MANAGEMENT_TOKEN: "" }), "absent", {
      ...FAST,
      tokenProvider: async () => {
        asked++;
        return server.armToken;
      },
    });
    expect(status).toBeUndefined();
    expect(asked).toBe(1);
  });

  it("names AZURE_MANAGEMENT_TOKEN on a 401, without the token", async () => {
    const error = (await deploymentStatus(
      config({ AZURE_MANAGEMENT_TOKEN: "expired-token-value" }),
      "any-name",
      FAST,
    ).catch((e: unknown) => e)) as ServiceError;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.hint).toContain("AZURE_MANAGEMENT_TOKEN");
    expect(`${error.message} ${error.hint}`).not.toContain("expired-token-value");
  });

  it("names every missing variable before sending anything (exit 2)", async () => {
    const error = (await deployFineTunedModel(
      configWith({ AZURE_MANAGEMENT_URL: server.armURL }),
      { deploymentName: "x1", model: MODEL },
      FAST,
    ).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.exitCode).toBe(2);
    expect(error.problems.map((p) => p.field)).toEqual([
      "AZURE_SUBSCRIPTION_ID",
      "AZURE_RESOURCE_GROUP",
      "AZURE_OPENAI_RESOURCE",
    ]);
    await expect(
      deployFineTunedModel(config(), { deploymentName: "bad name!", model: MODEL }, FAST),
    ).rejects.toBeInstanceOf(InputError);
    expect(server.requests).toEqual([]);
  });
});
