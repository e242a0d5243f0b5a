/**
 * The chat's `web_search` tool: absent unless the user configured a search API, and when configured it
 * asks that API (a local server here) with the query redacted, returning what it found to cite.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webSearchTool } from "../../agents/tools/web-search.js";
import { loadConfig } from "../../src/config/config.js";
import { tempDir } from "../helpers.js";

let server: Server;
let url = "";
const bodies: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      bodies.push(body);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ results: [{ url: "https://example.org/qlora", title: "QLoRA", snippet: "4-bit" }] }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/search`;
});
afterAll(() => {
  server?.close();
});

describe("web_search", () => {
  it("is offered only when CFT_WEB_SEARCH_URL is set", () => {
    expect(webSearchTool(loadConfig({ env: {}, home: tempDir() }))).toBeNull();
  });

  it("returns the API's results and never sends PHI in the query", async () => {
    const tool = webSearchTool(loadConfig({ env: { CFT_WEB_SEARCH_URL: url }, home: tempDir() }))!;
    const answer = JSON.parse(await tool.invoke({ query: "QLoRA memory for John Smith MRN 12345678" }));
    expect(answer.results[0]).toMatchObject({ url: "https://example.org/qlora", title: "QLoRA" });
    expect(bodies.join("\n")).toContain("QLoRA memory");
    expect(bodies.join("\n")).not.toMatch(/John Smith|12345678/);
  });
});
