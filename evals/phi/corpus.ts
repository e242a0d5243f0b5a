/**
 * The whole evaluation corpus as the bytes of its two JSONL files, from one seed: same seed, same
 * bytes. `generate.ts` writes them; the quality test checks the committed files are up to date.
 */
import { cleanRecords } from "./clean.js";
import { plantedRecords } from "./planted.js";

export const SEED = 164514;
export const PLANTED_COUNT = 1500;
export const CLEAN_COUNT = 1000;

function jsonl(records: readonly object[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join("");
}

export function corpusFiles(seed: number = SEED): { planted: string; clean: string } {
  return {
    planted: jsonl(plantedRecords(seed, PLANTED_COUNT)),
    clean: jsonl(cleanRecords(seed + 1, CLEAN_COUNT)),
  };
}
