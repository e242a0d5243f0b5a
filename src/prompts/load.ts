/**
 * Prompt templates live as Markdown files in `prompts/` at the repository root and are loaded by name.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const PROMPTS_DIR = fileURLToPath(new URL("../../prompts/", import.meta.url));

/** The text of `prompts/NAME.md`, without its trailing newline. */
export function loadPrompt(name: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`prompt name must be kebab-case, got "${name}"`);
  return readFileSync(`${PROMPTS_DIR}${name}.md`, "utf8").replace(/\s+$/, "");
}
