/**
 * Worker 3, Benchmark & Literature Research, in guided mode: what the curated knowledge base (shipped in
 * src/research, every entry with sources and the date it was checked) says about the chosen provider and
 * method, as short notes with their source and date — e.g. that a provider is winding fine-tuning down.
 * In chat the same knowledge base is a tool, with a web search when one is configured.
 */
import { searchKnowledge } from "../../src/research/knowledge.js";
import type { RunRequest } from "../request.js";

const QUERIES: Record<RunRequest["provider"], string> = {
  openai: "openai fine-tuning wind-down deprecation",
  azure: "azure openai fine-tuning training types",
  local: "local gpu training qlora lora memory",
};

/** Up to LIMIT notes on the provider and method of REQUEST, each citing its source and date. */
export function providerNotes(request: RunRequest, limit = 2): string[] {
  const query = `${QUERIES[request.provider]}${request.use4bit ? " qlora 4-bit" : ""}`;
  return searchKnowledge(query, { limit }).map(({ entry }) => {
    const source = entry.sources[0];
    return `Research (${entry.title}, as of ${entry.asOf}): ${entry.summary}${source ? ` Source: ${source.url}` : ""}`;
  });
}
