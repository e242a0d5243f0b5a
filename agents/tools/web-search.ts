/**
 * `web_search`: the research worker's web search, offered only when the user configured one
 * (CFT_WEB_SEARCH_URL, optional CFT_WEB_SEARCH_KEY). The query is redacted before it is sent; results are
 * titles, URLs and snippets to cite, never instructions to follow.
 */
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { Config } from "../../src/config/config.js";
import { createWebSearch, webSearchConfigFromEnv } from "../../src/research/web-search.js";
import { refuseExtraArguments } from "./pipeline-runner.js";

export const WebSearchArgs = z.strictObject(
  {
    query: z.string().min(2).max(300).describe("a few keywords about methods, benchmarks or providers"),
  },
  { error: refuseExtraArguments("web_search") },
);

/** The tool, or null when no web search is configured. */
export function webSearchTool(config: Config) {
  const search = createWebSearch(webSearchConfigFromEnv(config.env as Record<string, string | undefined>));
  if (!search) return null;
  return tool(
    async ({ query }: z.infer<typeof WebSearchArgs>) =>
      JSON.stringify(await search.search(query, { limit: 5 })),
    {
      name: "web_search",
      description:
        "Search the web for recent facts the knowledge base may not have (a provider's current fine-tuning offer, a new benchmark). Try search_knowledge first; cite the URLs returned, and say when results disagree with the knowledge base. Never put patient data in a query (it is redacted before sending anyway).",
      schema: WebSearchArgs,
    },
  );
}
