/**
 * Set-up for the MCP server tests: a workspace with a synthetic dataset made by the real `cft prepare`, a
 * file with planted PHI, the finetune server with the local provider running the runner stand-in (a GPU
 * that nvidia-smi's stand-in reports, training held until released), and SDK clients connected in memory,
 * with or without the elicitation capability.
 */
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import {
  type CallToolResult,
  type ElicitRequestFormParams,
  ElicitRequestSchema,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import { expect } from "vitest";
import { createFinetuneServer } from "../../mcp-servers/finetune/server.js";
import type { Config } from "../../src/config/config.js";
import { createLocalProvider } from "../../src/finetune/local/local-provider.js";
import { createProvider } from "../../src/finetune/provider-factory.js";
import type { Provider, ProviderName } from "../../src/finetune/types.js";
import { H100, type Sandbox, sandbox } from "../finetune/local-harness.js";
import { cft, writeFile } from "../helpers.js";

export const LOCAL_MODEL = "meta-llama/Llama-3.1-8B-Instruct";

export interface Workspace {
  box: Sandbox;
  config: Config;
  train: string;
  test: string;
  /** A chat JSONL file whose one record carries a name, an SSN, an email, a phone number and an MRN. */
  phi: string;
  /** The planted identifiers, to check that no result repeats them. */
  phiValues: string[];
  createProvider: (name: ProviderName, config: Config) => Provider;
}

export function workspace(): Workspace {
  const box = sandbox();
  const data = join(box.dir, "claims");
  const prepared = cft([
    "prepare",
    "--task",
    "claims",
    "--synthetic",
    "60",
    "--test-fraction",
    "0.2",
    "--out",
    data,
    "--home",
    box.home,
  ]);
  expect(prepared.code, prepared.stderr).toBe(0);
  const phiValues = ["Maria Gonzalez", "123-45-6789", "maria.gonzalez@example.com", "(415) 555-0134"];
  const record = {
    messages: [
      { role: "system", content: "You adjudicate claims." },
      {
        role: "user",
        content: `Patient: ${phiValues[0]}, SSN ${phiValues[1]}, email ${phiValues[2]}, phone ${phiValues[3]}, MRN 00482913.`,
      },
      { role: "assistant", content: "Decision: PENDING" },
    ],
  };
  const phi = writeFile(box.dir, "phi.jsonl", `${JSON.stringify(record)}\n`.repeat(12));
  const providerEnv = { ...box.env, FAKE_GPUS: H100, FAKE_RUNNER_HOLD: box.holdFile };
  return {
    box,
    config: box.config(),
    train: join(data, "train.jsonl"),
    test: join(data, "test.jsonl"),
    phi,
    phiValues,
    createProvider: (name, config) =>
      name === "local"
        ? createLocalProvider(config, { home: config.home, env: providerEnv })
        : createProvider(name, config),
  };
}

export type Answer = (params: ElicitRequestFormParams) => ElicitResult;

export interface Connected {
  client: Client;
  /** The elicitation requests the server sent. */
  asked: ElicitRequestFormParams[];
  close(): Promise<void>;
}

/** A client connected in memory to a fresh finetune server; with `answer`, it declares elicitation. */
export async function connect(ws: Workspace, answer?: Answer): Promise<Connected> {
  const server = createFinetuneServer(ws.config, { createProvider: ws.createProvider });
  const client = new Client(
    { name: "test-host", version: "1.0.0" },
    { capabilities: answer ? { elicitation: { form: {} } } : {} },
  );
  const asked: ElicitRequestFormParams[] = [];
  if (answer)
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      const params = request.params as ElicitRequestFormParams;
      asked.push(params);
      return answer(params);
    });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  return {
    client,
    asked,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

/** Calls a tool and returns its result (tool errors come back as results, never as throws). */
export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The text of a result. */
export const textOf = (result: CallToolResult): string =>
  result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");

/** Structured content, typed loosely for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary structured content
export const structured = (result: CallToolResult): any => result.structuredContent;
