/**
 * Writes the PHI evaluation corpus: `npx tsx evals/phi/generate.ts [seed]` → evals/phi/planted.jsonl and
 * evals/phi/clean.jsonl, then prints spans per identifier. Deterministic: same seed, same bytes.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { IDENTIFIERS } from "../../src/phi/identifiers.js";
import type { PlantedRecord } from "../../src/phi/quality.js";
import { corpusFiles, SEED } from "./corpus.js";

const seed = process.argv[2] === undefined ? SEED : Number(process.argv[2]);
if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${process.argv[2]}`);
const files = corpusFiles(seed);
for (const [name, content] of [
  ["planted.jsonl", files.planted],
  ["clean.jsonl", files.clean],
] as const) {
  const path = fileURLToPath(new URL(name, import.meta.url));
  writeFileSync(path, content);
  console.log(`${path}: ${content.split("\n").length - 1} records, ${Buffer.byteLength(content)} bytes`);
}
const counts = new Map<string, number>();
for (const line of files.planted.trimEnd().split("\n")) {
  for (const span of (JSON.parse(line) as PlantedRecord).spans) {
    counts.set(span.identifier, (counts.get(span.identifier) ?? 0) + 1);
  }
}
for (const id of IDENTIFIERS) console.log(`${id.padEnd(16)} ${counts.get(id) ?? 0}`);
