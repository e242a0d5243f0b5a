/**
 * What people see when the OpenAI service fails, through the real openai SDK against the local fake:
 * retried throttling, a persistent 5xx with the service's own message, a refused key named by its
 * variable (and never shown), a model that cannot be fine-tuned, and a missing key (exit 2).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ServiceError } from "../../src/errors.js";
import { createOpenAIProvider } from "../../src/finetune/providers/openai-provider.js";
import type { TrainingFile } from "../../src/finetune/types.js";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../fakes/openai-server.js";
import { chatLines, cleared, configWith, dataset, FAST } from "../fakes/submissions.js";
import { tempDir } from "../helpers.js";

let server: FakeOpenAIServer;
let train: TrainingFile;

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  train = dataset(tempDir(), "train", chatLines(12));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const provider = (key = server.apiKey) =>
  createOpenAIProvider(configWith({ OPENAI_API_KEY: key, OPENAI_BASE_URL: server.openaiBaseURL }), FAST);
let runCounter = 0;
const submitted = async (overrides: Partial<Parameters<typeof cleared>[0]> = {}) => ({
  snapshot: await provider().submit(
    cleared({
      files: [train],
      runId: `run-20260303-${(++runCounter).toString(16).padStart(8, "0")}`,
      ...overrides,
    }),
  ),
});

describe("OpenAI provider: errors and retries", () => {
  it("retries a 429 and succeeds", async () => {
    const { snapshot } = await submitted();
    server.requests.length = 0;
    server.fail({
      route: `/fine_tuning/jobs/${snapshot.jobId}`,
      method: "GET",
      status: 429,
      message: "Rate limit reached",
    });
    expect((await provider().status(snapshot.jobId)).jobId).toBe(snapshot.jobId);
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it("gives up on a persistent 500 with the service's own message (exit 4)", async () => {
    server.fail({
      route: "/fine_tuning/jobs/ftjob-x",
      status: 500,
      message: "The server had an error processing your request",
      times: 5,
    });
    const error = await provider()
      .status("ftjob-x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).exitCode).toBe(4);
    expect((error as ServiceError).message).toContain("HTTP 500");
    expect((error as ServiceError).message).toContain("The server had an error processing your request");
    expect(server.requests).toHaveLength(3);
  });

  it("says which variable to check on a 401, without the key", async () => {
    const wrong = "sk-proj-WRONGkey-abcdefghijklmnop1234";
    const error = (await provider(wrong)
      .status("ftjob-x")
      .catch((e: unknown) => e)) as ServiceError;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toContain("HTTP 401");
    expect(error.hint).toContain("OPENAI_API_KEY");
    const shown = JSON.stringify({ ...error.toJSON(), message: error.message });
    expect(shown).not.toContain(wrong);
    expect(shown).not.toMatch(/sk-[A-Za-z0-9*]{6}/);
  });

  it("explains a model that cannot be fine-tuned", async () => {
    const error = (await submitted({ files: [train], baseModel: "gpt-9-imaginary" }).catch(
      (e: unknown) => e,
    )) as ServiceError;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.hint).toMatch(/"gpt-9-imaginary" is not available for fine-tuning/);
  });

  it("needs OPENAI_API_KEY, named in the error (exit 2)", () => {
    expect(() => createOpenAIProvider(configWith({}))).toThrow(
      expect.objectContaining({
        exitCode: 2,
        problems: [expect.objectContaining({ field: "OPENAI_API_KEY" })],
        hint: expect.stringMatching(/closed to new users/),
      }),
    );
  });
});
