/**
 * The chat client through the real openai SDK against the local fake: what is sent (messages as they are,
 * deterministic decoding), retries the SDK makes (429 with Retry-After, 5xx), what people see when a call
 * cannot succeed (refused key, unknown model or deployment, nothing listening), the Azure and keyless
 * base-URL paths, and the cache key.
 */
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "../../src/dataset/chat.js";
import { InputError, ServiceError } from "../../src/errors.js";
import { createChatClient, isFatalChatError } from "../../src/eval/chat-client.js";
import { type FakeChatServer, startFakeChatServer } from "../fakes/chat-server.js";
import { configWith } from "../fakes/submissions.js";

const KEY = "sk-test-chat-key-0123456789abcdef";
const FAST = { maxRetries: 2, timeoutMs: 5000 } as const;
const question: ChatMessage[] = [
  { role: "system", content: "You code synthetic claims." },
  { role: "user", content: "Synthetic claim 1: office visit." },
];

let server: FakeChatServer;

beforeAll(async () => {
  server = await startFakeChatServer({
    apiKey: KEY,
    models: ["ft:gpt-4.1-mini:acme::abc123", "claims-v1"],
    answer: (messages, model) => `${model} says: ${messages.at(-1)?.content}`,
  });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const openai = (env: Record<string, string> = {}, model = "ft:gpt-4.1-mini:acme::abc123") =>
  createChatClient(configWith({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.openaiBaseURL, ...env }), {
    model,
    ...FAST,
  });

/** A port on 127.0.0.1 with nothing listening. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe("chat client: what is sent", () => {
  it("sends the messages as they are with deterministic decoding", async () => {
    const answer = await openai().complete(question);
    expect(answer).toBe("ft:gpt-4.1-mini:acme::abc123 says: Synthetic claim 1: office visit.");
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.path).toBe("/v1/chat/completions");
    expect(request!.headers.authorization).toBe("[redacted]");
    expect(request!.body).toEqual({
      model: "ft:gpt-4.1-mini:acme::abc123",
      messages: question,
      temperature: 0,
      top_p: 1,
      seed: 0,
      max_completion_tokens: 1024,
    });
  });

  it("leaves out only the fine-tuning `weight` field of messages", async () => {
    await openai().complete([
      { role: "user", content: "a" },
      { role: "assistant", content: "b", weight: 0 },
      { role: "user", content: "c" },
    ]);
    expect(server.requests[0]!.body.messages).toEqual([
      { role: "user", content: "a" },
      { role: "assistant", content: "b" },
      { role: "user", content: "c" },
    ]);
  });

  it("needs OPENAI_API_KEY for OpenAI itself (exit 2, naming the variable)", () => {
    let error: unknown;
    try {
      createChatClient(configWith({}), { model: "gpt-4.1-mini" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(2);
    expect((error as InputError).problems[0]!.field).toBe("OPENAI_API_KEY");
    expect((error as InputError).hint).toContain("--base-url");
  });

  it("calls a keyless server at a base URL (Ollama, vLLM, llama.cpp)", async () => {
    const open = await startFakeChatServer({ answer: () => "ok" });
    try {
      const client = createChatClient(configWith({}), {
        model: "llama3.1:8b",
        baseUrl: `${open.openaiBaseURL}/`,
        maxTokens: 256,
        ...FAST,
      });
      expect(client.endpoint).toBe(open.openaiBaseURL);
      expect(client.label).toBe("llama3.1:8b");
      expect(await client.complete(question)).toBe("ok");
      const body = open.requests[0]!.body;
      expect(body.model).toBe("llama3.1:8b");
      expect(body.max_tokens).toBe(256);
      expect(body).toMatchObject({ temperature: 0, top_p: 1, seed: 0 });
    } finally {
      await open.close();
    }
  });

  it("refuses a base URL that is not http(s) (exit 2)", () => {
    expect(() => createChatClient(configWith({}), { model: "m", baseUrl: "localhost:11434" })).toThrow(
      InputError,
    );
  });
});

describe("chat client: Azure OpenAI", () => {
  const azure = (env: Record<string, string>, opts: { azureADTokenProvider?: () => Promise<string> } = {}) =>
    createChatClient(
      configWith({
        AZURE_OPENAI_ENDPOINT: `${server.azureEndpoint}/`,
        OPENAI_API_VERSION: "2024-10-21",
        ...env,
      }),
      { model: "claims-v1", provider: "azure", ...FAST, ...opts },
    );

  it("calls the deployment with the api-key header and the api-version", async () => {
    const client = azure({ AZURE_OPENAI_API_KEY: server.azureKey });
    expect(client.endpoint).toBe(server.azureEndpoint);
    expect(await client.complete(question)).toBe("claims-v1 says: Synthetic claim 1: office visit.");
    const [request] = server.requests;
    expect(request!.path).toBe("/openai/deployments/claims-v1/chat/completions");
    expect(request!.query["api-version"]).toBe("2024-10-21");
    expect(request!.headers["api-key"]).toBe("[redacted]");
    expect(request!.headers.authorization).toBeUndefined();
    expect(request!.body).toMatchObject({ temperature: 0, top_p: 1, seed: 0, max_completion_tokens: 1024 });
  });

  it("signs in with Entra ID when no key is set", async () => {
    const client = azure({}, { azureADTokenProvider: async () => server.entraToken });
    expect(await client.complete(question)).toContain("claims-v1 says");
    expect(server.requests[0]!.headers.authorization).toBe("[redacted]");
    expect(server.requests[0]!.headers["api-key"]).toBeUndefined();
  });

  it("says which deployment was not found (fatal)", async () => {
    const client = createChatClient(
      configWith({ AZURE_OPENAI_ENDPOINT: server.azureEndpoint, AZURE_OPENAI_API_KEY: server.azureKey }),
      { model: "gpt-4.1-mini", provider: "azure", ...FAST },
    );
    const error = await failure(client.complete(question));
    expect(error.message).toContain('deployment "gpt-4.1-mini" not found');
    expect(error.hint).toContain("deployment name");
    expect(isFatalChatError(error)).toBe(true);
  });

  it("says the key was refused, without showing it (fatal)", async () => {
    const wrong = "azure-wrong-key-fedcba9876543210";
    const error = await failure(azure({ AZURE_OPENAI_API_KEY: wrong }).complete(question));
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain("key was refused");
    expect(error.hint).toContain("AZURE_OPENAI_API_KEY");
    expect(JSON.stringify({ ...error.toJSON(), message: error.message })).not.toContain(wrong);
    expect(isFatalChatError(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("stops at an Entra ID sign-in that fails, before sending anything (fatal)", async () => {
    const client = azure(
      {},
      {
        azureADTokenProvider: async () => {
          throw new Error("DefaultAzureCredential failed to retrieve a token");
        },
      },
    );
    const error = await failure(client.complete(question));
    expect(error.message).toContain("failed to retrieve a token");
    expect(error.hint).toContain("az login");
    expect(isFatalChatError(error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it("needs the endpoint (exit 2)", () => {
    expect(() => createChatClient(configWith({}), { model: "claims-v1", provider: "azure" })).toThrow(
      /AZURE_OPENAI_ENDPOINT|resource endpoint/,
    );
  });
});

describe("chat client: retries and failures", () => {
  it("waits as a 429's Retry-After says, then succeeds", async () => {
    server.fail({ status: 429, retryAfter: 0.3, message: "Rate limit reached for requests" });
    expect(await openai().complete(question)).toContain("says");
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(250);
  });

  it("retries a 500 twice, then succeeds", async () => {
    server.fail({ status: 500, times: 2, message: "The server had an error processing your request." });
    expect(await openai().complete(question)).toContain("says");
    expect(server.requests.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it("gives up on a persistent 500 with the service's message (not fatal: the next item may succeed)", async () => {
    server.fail({ status: 500, times: 3, message: "The server had an error processing your request." });
    const error = await failure(openai().complete(question));
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain("HTTP 500");
    expect(error.message).toContain("The server had an error processing your request.");
    expect(error.hint).toContain("after the retries");
    expect(isFatalChatError(error)).toBe(false);
    expect(server.requests).toHaveLength(3);
  });

  it("says the key was refused after one request, naming the variable and not the key (fatal)", async () => {
    const wrong = "sk-proj-WRONGkey-abcdefghijklmnop1234";
    const error = await failure(openai({ OPENAI_API_KEY: wrong }).complete(question));
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain("key was refused");
    expect(error.message).toContain("HTTP 401");
    expect(error.hint).toContain("OPENAI_API_KEY");
    const shown = JSON.stringify({ ...error.toJSON(), message: error.message });
    expect(shown).not.toContain(wrong);
    expect(shown).not.toMatch(/sk-[A-Za-z0-9*]{6}/);
    expect(isFatalChatError(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("says which model was not found at which endpoint (fatal)", async () => {
    const error = await failure(openai({}, "ft:gpt-4.1-mini:acme::typo").complete(question));
    expect(error.message).toContain('model "ft:gpt-4.1-mini:acme::typo" not found at');
    expect(error.message).toContain(server.openaiBaseURL);
    expect(error.hint).toContain("fine-tuned model id");
    expect(isFatalChatError(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it("says nothing answered at the URL when the connection is refused (fatal)", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const client = createChatClient(configWith({}), { model: "llama3.1:8b", baseUrl: url, maxRetries: 1 });
    const error = await failure(client.complete(question));
    expect(error.message).toContain(`nothing answered at ${url}`);
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.hint).toContain("--base-url");
    expect(isFatalChatError(error)).toBe(true);
  });

  it("says when no answer came within the timeout (not fatal)", async () => {
    const slow = await startFakeChatServer({ answer: () => "late", latencyMs: 400 });
    try {
      const client = createChatClient(configWith({}), {
        model: "llama3.1:8b",
        baseUrl: slow.openaiBaseURL,
        timeoutMs: 100,
        maxRetries: 0,
      });
      const error = await failure(client.complete(question));
      expect(error.message).toContain("no answer");
      expect(error.hint).toContain("concurrency");
      expect(isFatalChatError(error)).toBe(false);
    } finally {
      await slow.close();
    }
  });

  it("rejects with the abort's reason, not with a service failure", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await openai()
      .complete(question, controller.signal)
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ServiceError);
    expect((error as Error).name).toBe("AbortError");
  });
});

describe("chat client: the cache key", () => {
  const key = (opts: { model?: string; baseUrl?: string; maxTokens?: number }) =>
    createChatClient(configWith({}), {
      model: opts.model ?? "llama3.1:8b",
      baseUrl: opts.baseUrl ?? "http://localhost:11434/v1",
      ...(opts.maxTokens ? { maxTokens: opts.maxTokens } : {}),
    }).key;

  it("is 16 hex digits, stable for the same model, endpoint and decoding", () => {
    expect(key({})).toMatch(/^[0-9a-f]{16}$/);
    expect(key({})).toBe(key({}));
    expect(key({ baseUrl: "http://localhost:11434/v1/" })).toBe(key({}));
    expect(key({ maxTokens: 1024 })).toBe(key({}));
  });

  it("changes with the model, the endpoint and the answer length limit", () => {
    const keys = new Set([
      key({}),
      key({ model: "llama3.1:70b" }),
      key({ baseUrl: "http://localhost:8000/v1" }),
      key({ maxTokens: 512 }),
    ]);
    expect(keys.size).toBe(4);
  });

  it("tells OpenAI from Azure for the same model name", () => {
    const onOpenAI = createChatClient(configWith({ OPENAI_API_KEY: KEY }), { model: "claims-v1" }).key;
    const onAzure = createChatClient(
      configWith({
        AZURE_OPENAI_ENDPOINT: "https://acme.openai.azure.com",
        AZURE_OPENAI_API_KEY: "k-123456",
      }),
      { model: "claims-v1", provider: "azure" },
    ).key;
    expect(onOpenAI).not.toBe(onAzure);
  });
});
