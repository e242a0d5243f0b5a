/**
 * `search_knowledge`: the offline knowledge base (src/research/knowledge.ts) — fine-tuning techniques,
 * clinical benchmarks, provider facts, evaluation practice, HIPAA — searched by words, the same answer
 * every time, each entry with its sources and the date its facts were checked.
 */
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { KNOWLEDGE_KINDS, searchKnowledge } from "../../src/research/knowledge.js";
import { refuseExtraArguments } from "./pipeline-runner.js";

export const SearchKnowledgeArgs = z.strictObject(
  {
    query: z.string().min(2).max(500).describe("a few keywords, e.g. 'QLoRA memory 8B' or 'MedQA benchmark'"),
    kind: z.enum(KNOWLEDGE_KINDS).optional().describe("only entries of this kind"),
  },
  { error: refuseExtraArguments("search_knowledge") },
);

export const SEARCH_KNOWLEDGE_DESCRIPTION = `Search the curated knowledge base on fine-tuning techniques (LoRA, QLoRA…), clinical benchmarks, providers' fine-tuning offers, evaluation practice and HIPAA (kinds: ${KNOWLEDGE_KINDS.join(", ")}). Use it to answer questions about methods, costs, limits or rules, and cite the sources and their dates it returns; say so when nothing matches rather than guessing. It does not search the web or the user's data.`;

export function searchKnowledgeTool() {
  return tool(
    async ({ query, kind }: z.infer<typeof SearchKnowledgeArgs>) => {
      const hits = searchKnowledge(query, { kind, limit: 5 });
      return JSON.stringify({
        query,
        results: hits.map(({ entry, score }) => ({
          id: entry.id,
          title: entry.title,
          kind: entry.kind,
          summary: entry.summary,
          keyFacts: entry.keyFacts,
          sources: entry.sources,
          asOf: entry.asOf,
          score,
        })),
      });
    },
    { name: "search_knowledge", description: SEARCH_KNOWLEDGE_DESCRIPTION, schema: SearchKnowledgeArgs },
  );
}
