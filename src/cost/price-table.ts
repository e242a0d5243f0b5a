/**
 * The hosted price table: embedded rows (src/cost/prices.json), each with its source and the date it was
 * read, overridden or extended by a user file (CFT_PRICES_FILE or --prices). Prices move; the table says
 * how old a row is so an estimate never passes off a stale figure as today's.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { fineTunedBase } from "../dataset/models.js";
import { InputError } from "../errors.js";
import type { AzureTrainingType } from "../finetune/types.js";

const PriceRow = z.object({
  provider: z.enum(["openai", "azure"]),
  model: z.string().min(1),
  trainingType: z.enum(["standard", "globalstandard", "developer"]).optional(),
  trainingPerMillion: z.number().nonnegative(),
  hostingPerHour: z.number().nonnegative().optional(),
  source: z.string().min(1),
  asOf: z.iso.date({ message: "expected a date like 2026-01-31" }),
  note: z.string().optional(),
});
export type PriceRow = z.infer<typeof PriceRow>;

const PriceFile = z.object({ about: z.string().optional(), hosted: z.array(PriceRow) });

/** Rows older than this are flagged in every estimate that uses them. */
export const STALE_AFTER_DAYS = 180;

export interface PriceTable {
  rows: PriceRow[];
  /** Where the rows came from: the embedded table and, when given, the override file. */
  sources: string[];
}

function parsePriceFile(text: string, file: string): PriceRow[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${(error as Error).message})`, [], {
      hint: 'A price file looks like {"hosted": [{"provider": "openai", "model": "gpt-4.1-mini", "trainingPerMillion": 5, "source": "...", "asOf": "2026-01-31"}]}.',
    });
  }
  const parsed = PriceFile.safeParse(json);
  if (parsed.success) return parsed.data.hosted;
  throw new InputError(
    `${file}: not a price table`,
    parsed.error.issues.map((i) => ({ file, field: i.path.join("."), message: i.message })),
    { hint: "Each row needs provider (openai|azure), model, trainingPerMillion, source and asOf." },
  );
}

const key = (r: Pick<PriceRow, "provider" | "model" | "trainingType">) =>
  `${r.provider}|${r.model}|${r.trainingType ?? ""}`;

export function loadPriceTable(overrideFile?: string): PriceTable {
  const embeddedUrl = new URL("./prices.json", import.meta.url);
  const rows = new Map<string, PriceRow>();
  for (const row of parsePriceFile(readFileSync(embeddedUrl, "utf8"), "src/cost/prices.json"))
    rows.set(key(row), row);
  const sources = ["embedded table (src/cost/prices.json)"];
  if (overrideFile) {
    let text: string;
    try {
      text = readFileSync(overrideFile, "utf8");
    } catch (error) {
      throw new InputError(`${overrideFile}: cannot read the price file (${(error as Error).message})`, [], {
        hint: "Check the path given by --prices or CFT_PRICES_FILE.",
      });
    }
    for (const row of parsePriceFile(text, overrideFile)) rows.set(key(row), row);
    sources.push(overrideFile);
  }
  return { rows: [...rows.values()], sources };
}

/**
 * The row for a model: the longest model prefix that matches (gpt-4.1-mini-2025-04-14 → gpt-4.1-mini, not
 * gpt-4.1; a fine-tuned ft:BASE:… id is priced as BASE), and for Azure the training type asked for (standard when not given).
 */
export function findPrice(
  table: PriceTable,
  provider: "openai" | "azure",
  model: string,
  trainingType?: AzureTrainingType,
): PriceRow | undefined {
  const wanted = provider === "azure" ? (trainingType ?? "standard") : undefined;
  // A fine-tuned OpenAI model trained further is billed at its base model's price.
  const base = provider === "openai" ? fineTunedBase(model) : model;
  const candidates = table.rows.filter(
    (r) =>
      r.provider === provider &&
      (r.trainingType ?? undefined) === wanted &&
      (base === r.model || base.startsWith(`${r.model}-`) || base.startsWith(`${r.model}.`)),
  );
  candidates.sort((a, b) => b.model.length - a.model.length);
  return candidates[0];
}

/** Whole days between the row's date and `now`. */
export function ageInDays(row: PriceRow, now: Date = new Date()): number {
  return Math.floor((now.getTime() - Date.parse(`${row.asOf}T00:00:00Z`)) / 86_400_000);
}

export function knownModels(table: PriceTable, provider: "openai" | "azure"): string[] {
  return [...new Set(table.rows.filter((r) => r.provider === provider).map((r) => r.model))].sort();
}
