/**
 * The chat model CFT_LLM names, built from the configuration alone and driven against the local chat
 * fake through the real SDKs: OpenAI, an OpenAI-compatible server, Azure OpenAI (api-key), Ollama's
 * address; null in guided mode; a missing key or endpoint named by its variable.
 */
import { AzureChatOpenAI, ChatOpenAI } from "@langchain/openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatModelFrom, OLLAMA_URL, parseChatModel } from "../../agents/chat-model.js";
import { loadConfig } from "../../src/config/config.js";
import { InputError } from "../../src/errors.js";
import { type FakeChatServer, startFakeChatServer } from "../fakes/chat-server.js";

let chat: FakeChatServer;
let keyless: FakeChatServer;
beforeAll(async () => {
  chat = await startFakeChatServer({
    answer: (_m, model) => `hello from ${model}`,
    apiKey: "sk-test-0123456789",
  });
  keyless = await startFakeChatServer({ answer: (_m, model) => `local ${model}` });
});
afterAll(async () => {
  await Promise.all([chat?.close(), keyless?.close()]);
});

const config = (env: Record<string, string>) => loadConfig({ env, home: "/tmp/cft-chat-model" });

describe("chatModelFrom", () => {
  it("is null without CFT_LLM (guided mode)", () => {
    expect(chatModelFrom(config({}))).toBeNull();
  });

  it("answers through OpenAI (key and base URL from the configuration) at temperature 0", async () => {
    const model = chatModelFrom(
      config({
        CFT_LLM: "openai:gpt-4.1-mini",
        OPENAI_API_KEY: "sk-test-0123456789",
        OPENAI_BASE_URL: chat.openaiBaseURL,
      }),
    )!;
    expect(model).toBeInstanceOf(ChatOpenAI);
    expect((model as ChatOpenAI).temperature).toBe(0);
    expect((await model.invoke("hi")).content).toBe("hello from gpt-4.1-mini");
  });

  it("answers through an OpenAI-compatible server and Azure OpenAI", async () => {
    const compatible = chatModelFrom(
      config({ CFT_LLM: `openai-compatible:local-model@${keyless.openaiBaseURL}` }),
    )!;
    expect((await compatible.invoke("hi")).content).toBe("local local-model");
    expect(parseChatModel(`openai-compatible:m@${keyless.openaiBaseURL}`)).toEqual({
      kind: "openai-compatible",
      model: "m",
      baseURL: keyless.openaiBaseURL,
    });
    // The Azure SDK must not pick OpenAI's base URL out of the environment.
    process.env.OPENAI_BASE_URL = keyless.openaiBaseURL;
    const azure = chatModelFrom(
      config({
        CFT_LLM: "azure:my-deployment",
        AZURE_OPENAI_ENDPOINT: chat.azureEndpoint,
        AZURE_OPENAI_API_KEY: chat.azureKey,
        OPENAI_API_VERSION: "2025-04-01-preview",
      }),
    )!;
    expect(azure).toBeInstanceOf(AzureChatOpenAI);
    expect((await azure.invoke("hi")).content).toBe("hello from my-deployment");
    delete process.env.OPENAI_BASE_URL;
    const ollama = chatModelFrom(config({ CFT_LLM: "ollama:llama3.1" })) as ChatOpenAI;
    expect(
      ollama.clientConfig?.baseURL ??
        (ollama as unknown as { client?: { baseURL?: string } }).client?.baseURL,
    ).toBe(OLLAMA_URL);
  });

  it("names the variable that is missing", () => {
    expect(() => chatModelFrom(config({ CFT_LLM: "openai:gpt-4.1-mini" }))).toThrow(InputError);
    let error: unknown;
    try {
      chatModelFrom(config({ CFT_LLM: "azure:dep" }));
    } catch (e) {
      error = e;
    }
    expect((error as InputError).problems[0]).toMatchObject({ field: "AZURE_OPENAI_ENDPOINT" });
  });
});
