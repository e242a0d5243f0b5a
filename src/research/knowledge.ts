/**
 * The offline knowledge base of the Benchmark & Literature Research worker: curated entries on
 * fine-tuning techniques, clinical benchmarks, provider status, evaluation practice and HIPAA, each with
 * its sources and the date its facts were checked (`knowledge-base.json` beside this file, validated with
 * zod on load). Search is deterministic token overlap with field weights (title 3, tags 2.5, key facts
 * 1.25, summary 1): no embeddings, no network, the same answer every time. `staleEntries` lists what is
 * due for re-checking, since provider facts move.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError } from "../errors.js";

export const KNOWLEDGE_KINDS = ["technique", "benchmark", "provider", "practice", "regulation"] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];

const Source = z.object({
  title: z.string().min(3),
  url: z.url({ protocol: /^https$/, message: "expected an https URL" }),
});

const Entry = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "expected a kebab-case id" }),
  title: z.string().min(3),
  kind: z.enum(KNOWLEDGE_KINDS),
  summary: z.string().min(40),
  keyFacts: z.array(z.string().min(3)).min(1),
  tags: z
    .array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "expected a kebab-case tag" }))
    .min(1),
  sources: z.array(Source).min(1, { message: "every entry needs at least one source" }),
  asOf: z.iso.date({ message: "expected the date the facts were checked, YYYY-MM-DD" }),
});

const KnowledgeBaseSchema = z
  .object({ version: z.literal(1), entries: z.array(Entry).min(1) })
  .superRefine((kb, ctx) => {
    const seen = new Set<string>();
    kb.entries.forEach((e, i) => {
      if (seen.has(e.id))
        ctx.addIssue({ code: "custom", path: ["entries", i, "id"], message: `duplicate id "${e.id}"` });
      seen.add(e.id);
    });
  });

export type KnowledgeEntry = z.infer<typeof Entry>;
export type KnowledgeBase = z.infer<typeof KnowledgeBaseSchema>;

export const KNOWLEDGE_BASE_PATH = fileURLToPath(new URL("./knowledge-base.json", import.meta.url));

let cached: KnowledgeBase | undefined;

/** The knowledge base at PATH (default: the curated one, read once), validated. */
export function loadKnowledgeBase(path?: string): KnowledgeBase {
  if (!path && cached) return cached;
  const file = path ?? KNOWLEDGE_BASE_PATH;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError(`${file}: cannot be read as JSON (${(error as Error).message})`, [], {
      hint: "Fix the file's JSON syntax; `npx biome format` on a copy shows where it breaks.",
    });
  }
  const parsed = KnowledgeBaseSchema.safeParse(raw);
  if (!parsed.success)
    throw new InputError(
      `${file}: ${parsed.error.issues.length} entries or fields are not valid`,
      parsed.error.issues
        .slice(0, 50)
        .map((issue) => ({ file, field: issue.path.join("."), message: issue.message })),
      {
        hint: "Each entry needs id, title, kind, summary, keyFacts, tags, sources [{title, https url}] and asOf.",
      },
    );
  if (!path) cached = parsed.data;
  return parsed.data;
}

const STOPWORDS = new Set(
  "a an and are as at be by can do does for from how i in is it its of on or that the this to what when which with".split(
    " ",
  ),
);

/** Lower-case word tokens, stopwords dropped ("QLoRA 4-bit" → qlora, 4, bit). */
export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOPWORDS.has(t));
}

const WEIGHTS = { title: 3, tags: 2.5, keyFacts: 1.25, summary: 1 } as const;
type Field = keyof typeof WEIGHTS;

export interface SearchOptions {
  kind?: KnowledgeKind;
  /** Results at most (default 5). */
  limit?: number;
  /** Search another knowledge base than the curated one. */
  base?: KnowledgeBase;
}

export interface SearchHit {
  entry: KnowledgeEntry;
  score: number;
  /** Query tokens found, with the best field each was found in. */
  matched: { token: string; field: Field }[];
}

const fieldTokens = new WeakMap<KnowledgeEntry, Record<Field, Set<string>>>();

function tokensOf(entry: KnowledgeEntry): Record<Field, Set<string>> {
  let t = fieldTokens.get(entry);
  if (!t) {
    t = {
      title: new Set(tokenize(`${entry.title} ${entry.id}`)),
      tags: new Set(tokenize(entry.tags.join(" "))),
      keyFacts: new Set(tokenize(entry.keyFacts.join(" "))),
      summary: new Set(tokenize(entry.summary)),
    };
    fieldTokens.set(entry, t);
  }
  return t;
}

/**
 * Entries ranked by the sum, over distinct query tokens, of the weight of the best field holding the
 * token; ties by id. Entries matching no token are left out.
 */
export function searchKnowledge(query: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 5;
  if (!Number.isInteger(limit) || limit < 1)
    throw new InputError(`the search limit must be a whole number ≥ 1, got ${limit}`);
  if (options.kind && !KNOWLEDGE_KINDS.includes(options.kind))
    throw new InputError(`unknown kind "${options.kind}"`, [], {
      hint: `Use one of ${KNOWLEDGE_KINDS.join(", ")}.`,
    });
  const terms = [...new Set(tokenize(query))];
  if (terms.length === 0) return [];
  const base = options.base ?? loadKnowledgeBase();
  const hits: SearchHit[] = [];
  for (const entry of base.entries) {
    if (options.kind && entry.kind !== options.kind) continue;
    const fields = tokensOf(entry);
    let score = 0;
    const matched: SearchHit["matched"] = [];
    for (const token of terms) {
      const field = (Object.keys(WEIGHTS) as Field[]).find((f) => fields[f].has(token));
      if (!field) continue;
      score += WEIGHTS[field];
      matched.push({ token, field });
    }
    if (score > 0) hits.push({ entry, score, matched });
  }
  hits.sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id));
  return hits.slice(0, limit);
}

const DAY_MS = 86_400_000;

/** Entries whose facts were checked more than MAX_AGE_DAYS before NOW, oldest first. */
export function staleEntries(
  now: Date,
  maxAgeDays: number,
  base: KnowledgeBase = loadKnowledgeBase(),
): { entry: KnowledgeEntry; ageDays: number }[] {
  if (!Number.isFinite(now.getTime())) throw new InputError("the reference date is not a valid date");
  if (!(maxAgeDays >= 0))
    throw new InputError(`the maximum age must be a number of days ≥ 0, got ${maxAgeDays}`);
  return base.entries
    .map((entry) => ({
      entry,
      ageDays: Math.floor((now.getTime() - Date.parse(`${entry.asOf}T00:00:00Z`)) / DAY_MS),
    }))
    .filter((s) => s.ageDays > maxAgeDays)
    .sort((a, b) => b.ageDays - a.ageDays || a.entry.id.localeCompare(b.entry.id));
}
