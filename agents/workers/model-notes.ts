/**
 * How a worker writes with a chat model: its prompt (prompts/NAME.md) as the system message, the facts it
 * has — redacted, as JSON — as the user message, and the model's answer, redacted again, as a section of
 * the worker's document. Without a model (guided mode) there is no such section: the template stands
 * alone. The model writes prose; it never decides a gate.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { type Block, heading, paragraph } from "../../src/docs/document.js";
import { redact } from "../../src/phi/redact.js";
import { redactDeep } from "../../src/phi/redact-deep.js";
import { loadPrompt } from "../../src/prompts/load.js";
import type { GraphDeps } from "../deps.js";

/** The model's text for PROMPT over FACTS, redacted; null in guided mode. */
export async function modelText(deps: GraphDeps, prompt: string, facts: unknown): Promise<string | null> {
  if (!deps.model) return null;
  const answer = await deps.model.invoke([
    new SystemMessage(loadPrompt(prompt)),
    new HumanMessage(JSON.stringify(redactDeep(facts), null, 2)),
  ]);
  const text = typeof answer.content === "string" ? answer.content : JSON.stringify(answer.content);
  return redact(text.trim());
}

/** The model's notes as a document section ("Analysis"), or nothing in guided mode. */
export async function modelNotes(deps: GraphDeps, prompt: string, facts: unknown): Promise<Block[]> {
  const text = await modelText(deps, prompt, facts);
  if (!text) return [];
  return [heading(2, "Analysis"), ...text.split(/\n{2,}/).map((p) => paragraph(p.replace(/\n/g, " ")))];
}
