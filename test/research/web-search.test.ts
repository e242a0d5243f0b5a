/**
 * The optional web search against a local HTTP server on 127.0.0.1: off without a URL, the documented
 * request (PHI redacted, bearer key, limit) and response shape, and a ServiceError for a timeout, an error
 * status, a body that is not JSON and JSON of the wrong shape.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, ServiceError } from "../../src/errors.js";
import { createWebSearch, webSearchConfigFromEnv } from "../../src/research/web-search.js";

interface Seen {
  path: string;
  body: { query: string; limit: number };
  authorization: string | undefined;
}

let server: Server;
let base: string;
const seen: Seen[] = [];
const RESULTS = [1, 2, 3].map((i) => ({
  url: `https://example.org/paper-${i}`,
  title: ` Paper ${i} `,
  snippet: `About ${i}`,
}));

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8").on("data", (chunk: string) => {
      raw += chunk;
    });
    req.on("end", () => {
      const path = req.url ?? "/";
      seen.push({ path, body: raw ? JSON.parse(raw) : null, authorization: req.headers.authorization });
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (path === "/search")
        return json(200, { results: [...RESULTS, { url: "https://example.org/x", title: "X" }] });
      if (path === "/wrong-shape") return json(200, { items: RESULTS });
      if (path === "/bad-url") return json(200, { results: [{ url: "javascript:alert(1)", title: "x" }] });
      if (path === "/error") return json(500, { error: "index offline" });
      if (path === "/html") {
        res.writeHead(200, { "content-type": "text/html" });
        return res.end("<html>search</html>");
      }
      // "/slow": never answers; the client's timeout has to end the call.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

const search = (path: string, extra = {}) => createWebSearch({ url: `${base}${path}`, ...extra })!;

describe("createWebSearch", () => {
  it("is off unless a URL is configured, and reads CFT_WEB_SEARCH_URL and CFT_WEB_SEARCH_KEY", () => {
    expect(createWebSearch({})).toBeNull();
    expect(createWebSearch(webSearchConfigFromEnv({}))).toBeNull();
    expect(
      webSearchConfigFromEnv({ CFT_WEB_SEARCH_URL: " https://s.example/v1 ", CFT_WEB_SEARCH_KEY: "k" }),
    ).toEqual({
      url: "https://s.example/v1",
      key: "k",
    });
    expect(() => createWebSearch({ url: "ftp://s.example" })).toThrow(InputError);
    expect(() => createWebSearch({ url: "not a url" })).toThrow(/CFT_WEB_SEARCH_URL is not a URL/);
  });

  it("posts the redacted query with the key and limit, and returns url, title and snippet", async () => {
    const answer = await search("/search", { key: "search-key-123" }).search(
      "QLoRA memory for patient SSN 123-45-6789",
      { limit: 2 },
    );
    const request = seen.at(-1)!;
    expect(request.body).toEqual({ query: "QLoRA memory for patient SSN [SSN]", limit: 2 });
    expect(request.authorization).toBe("Bearer search-key-123");
    expect(answer.query).toBe("QLoRA memory for patient SSN [SSN]");
    expect(answer.results).toEqual([
      { url: "https://example.org/paper-1", title: "Paper 1", snippet: "About 1" },
      { url: "https://example.org/paper-2", title: "Paper 2", snippet: "About 2" },
    ]);
    const all = await search("/search").search("lora", { limit: 10 });
    expect(all.results.at(-1)).toEqual({ url: "https://example.org/x", title: "X", snippet: "" });
    expect(seen.at(-1)?.authorization).toBeUndefined();
  });

  it("fails with a ServiceError when the service does not answer in time", async () => {
    const slow = search("/slow", { timeoutMs: 50 });
    await expect(slow.search("dpo")).rejects.toThrow(ServiceError);
    await expect(slow.search("dpo")).rejects.toThrow(/no answer within 0.05 s/);
  });

  it("fails with a ServiceError on an error status, a body that is not JSON, or the wrong shape", async () => {
    await expect(search("/error", { key: "secret-key-xyz" }).search("x")).rejects.toThrow(/answered 500/);
    await expect(search("/html").search("x")).rejects.toThrow(/not JSON/);
    await expect(search("/wrong-shape").search("x")).rejects.toThrow(/results/);
    await expect(search("/bad-url").search("x")).rejects.toThrow(/results\.0\.url/);
    const error = await search("/wrong-shape")
      .search("x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).exitCode).toBe(4);
  });
});
