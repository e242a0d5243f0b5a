/**
 * Few-shot examples chosen from a chat JSONL dataset (a `cft prepare` train.jsonl) for coverage: first one
 * example of every category of the task (each claims decision, each document type, each companion safety
 * category; see example-category.ts), then further examples that add a facet not yet shown (a claims rule,
 * a section mix, a topic), round-robin over the categories, never more than k. Within a choice, short
 * examples win: candidates are ranked by their token quartile within their category, and the seed breaks
 * ties, so the same file, k and seed always give the same examples. Large files are never loaded whole:
 * a seeded reservoir sample of at most `maxRecords` lines (default 2,000) is kept while streaming, and only
 * the kept lines are parsed. Each example carries its line, its suite item id (the id `cft evaluate` gives
 * the same record) and why it was chosen.
 */
import type { ChatMessage, Task } from "../dataset/chat.js";
import { Random } from "../dataset/random.js";
import { countRecordTokens, loadCounter } from "../dataset/tokens.js";
import { InputError } from "../errors.js";
import { chatItem } from "../eval/adapters/chat.js";
import { readLines } from "../io/lines.js";
import { CATEGORY_ORDER, exampleKind, KIND_NAMES } from "./example-category.js";

export interface FewShotOptions {
  k: number;
  task: Task;
  seed: number;
  /** Most records considered: a reservoir sample of this many lines (default 2,000). */
  maxRecords?: number;
}

export interface FewShotExample {
  /** 1-based line in the file. */
  line: number;
  /** The suite item id of this record (what `cft evaluate` calls it). */
  id: string;
  category: string;
  facet: string;
  /** Tokens of the example without its system message (o200k_base). */
  tokens: number;
  /** Why it was chosen, in a sentence. */
  reason: string;
  /** The example as it is shown to a model: its user (and tool) turns and the assistant answer. */
  messages: ChatMessage[];
}

export interface FewShotSelection {
  task: Task;
  file: string;
  k: number;
  seed: number;
  /** Non-blank lines in the file. */
  records: number;
  /** Lines considered (all of them, or the reservoir sample). */
  considered: number;
  sampled: boolean;
  /** Mean tokens of the usable records considered (without system messages). */
  meanTokens: number;
  categories: { name: string; available: number; chosen: number }[];
  /** Expected categories of the task that no considered record has. */
  missing: string[];
  examples: FewShotExample[];
  notes: string[];
}

export const DEFAULT_MAX_RECORDS = 2000;
const MAX_K = 50;

interface Candidate {
  line: number;
  id: string;
  category: string;
  facet: string;
  tokens: number;
  messages: ChatMessage[];
  /** Token quartile within the category (0 = shortest quarter). */
  quartile: number;
  /** Seeded tie-breaker. */
  key: number;
}

function checkOptions(options: FewShotOptions): number {
  const { k, seed } = options;
  if (!Number.isInteger(k) || k < 0 || k > MAX_K)
    throw new InputError(
      `the number of few-shot examples must be a whole number from 0 to ${MAX_K}, got ${k}`,
    );
  if (!Number.isSafeInteger(seed))
    throw new InputError(`the few-shot seed must be a whole number, got ${seed}`);
  const max = options.maxRecords ?? DEFAULT_MAX_RECORDS;
  if (!Number.isInteger(max) || max < 1)
    throw new InputError(`maxRecords must be a whole number ≥ 1, got ${max}`);
  if (!(options.task in CATEGORY_ORDER))
    throw new InputError(`no few-shot selection for task "${options.task}"`);
  return max;
}

/** A seeded reservoir sample (algorithm R) of the non-blank lines, in file order. */
async function sampleLines(path: string, max: number, seed: number) {
  const rng = new Random(seed);
  const kept: { line: number; text: string }[] = [];
  const problems: string[] = [];
  let records = 0;
  for await (const event of readLines(path)) {
    if (event.kind === "problem") {
      problems.push(`line ${event.number}: ${event.message}`);
      continue;
    }
    if (event.text.trim() === "") continue;
    records++;
    if (kept.length < max) kept.push({ line: event.number, text: event.text });
    else {
      const j = rng.int(0, records - 1);
      if (j < max) kept[j] = { line: event.number, text: event.text };
    }
  }
  kept.sort((a, b) => a.line - b.line);
  return { kept, records, problems };
}

async function candidates(path: string, task: Task, max: number, seed: number) {
  const { kept, records, problems } = await sampleLines(path, max, seed);
  const count = await loadCounter("o200k_base");
  const order = new Random(seed ^ 0x5f3759df).shuffle(kept.map((_, i) => i));
  const keyOf = new Map(order.map((index, rank) => [index, rank]));
  const list: Candidate[] = [];
  kept.forEach(({ line, text }, index) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      problems.push(`line ${line}: not valid JSON (${(error as Error).message})`);
      return;
    }
    const item = chatItem(value, line);
    if (!("id" in item)) {
      problems.push(`line ${line}: ${item.field ? `${item.field}: ` : ""}${item.message}`);
      return;
    }
    const shown = item.messages.filter((m) => m.role !== "system");
    if (!shown.some((m) => m.role === "user")) {
      problems.push(`line ${line}: no user message to show as an example`);
      return;
    }
    const messages: ChatMessage[] = [...shown, { role: "assistant", content: item.reference }];
    const kind = exampleKind(task, item.messages, item.reference);
    const tokens = countRecordTokens(messages as unknown as Record<string, unknown>[], count).total;
    list.push({ line, id: item.id, ...kind, tokens, messages, quartile: 0, key: keyOf.get(index) ?? index });
  });
  return { list, records, considered: kept.length, problems };
}

function setQuartiles(list: Candidate[]): void {
  const sorted = [...list].sort((a, b) => a.tokens - b.tokens || a.key - b.key);
  sorted.forEach((c, rank) => {
    c.quartile = Math.min(3, Math.floor((rank * 4) / sorted.length));
  });
}

/** Short first (by quartile), then the seeded key. */
const rank = (a: Candidate, b: Candidate) => a.quartile - b.quartile || a.key - b.key;

export async function selectFewShot(path: string, options: FewShotOptions): Promise<FewShotSelection> {
  const max = checkOptions(options);
  const { task, k, seed } = options;
  const names = KIND_NAMES[task];
  const { list, records, considered, problems } = await candidates(path, task, max, seed);
  if (list.length === 0)
    throw new InputError(`${path} holds no usable chat records for few-shot examples`, [], {
      hint: `${problems.slice(0, 3).join("; ") || "The file is empty."} Use a train.jsonl written by \`cft prepare\`.`,
    });

  const byCategory = new Map<string, Candidate[]>();
  for (const c of list) {
    const group = byCategory.get(c.category);
    if (group) group.push(c);
    else byCategory.set(c.category, [c]);
  }
  for (const group of byCategory.values()) setQuartiles(group);
  const expected = CATEGORY_ORDER[task];
  const extra = [...byCategory.keys()].filter((c) => !expected.includes(c)).sort();
  const order = [...expected.filter((c) => byCategory.has(c)), ...extra];

  const chosen: FewShotExample[] = [];
  const used = new Set<Candidate>();
  const facets = new Map<string, Set<string>>(order.map((c) => [c, new Set<string>()]));
  const take = (c: Candidate, reason: string) => {
    used.add(c);
    facets.get(c.category)?.add(c.facet);
    const { quartile: _q, key: _k, ...example } = c;
    chosen.push({ ...example, reason });
  };
  const length = (c: Candidate) =>
    `${c.tokens} tokens${c.quartile === 0 ? `, among the shortest quarter of its ${names.category}` : ""}`;

  for (const category of order) {
    if (chosen.length >= k) break;
    const group = byCategory.get(category)!;
    const best = [...group].sort(rank)[0]!;
    take(
      best,
      `covers ${names.category} ${category} (${group.length} of ${list.length} records considered); ${names.facet} "${best.facet}"; ${length(best)}`,
    );
  }
  // Further rounds: each category in turn adds an unseen facet if it has one, else its next shortest.
  let progress = true;
  for (let round = 2; chosen.length < k && progress; round++) {
    progress = false;
    for (const category of order) {
      if (chosen.length >= k) break;
      const left = byCategory.get(category)!.filter((c) => !used.has(c));
      if (left.length === 0) continue;
      const seen = facets.get(category)!;
      const fresh = left.filter((c) => !seen.has(c.facet)).sort(rank);
      const next = fresh[0] ?? [...left].sort(rank)[0]!;
      take(
        next,
        fresh[0]
          ? `adds ${names.facet} "${next.facet}" not yet shown for ${category}; ${length(next)}`
          : `example ${round} of ${category} (every ${names.facet} it has is already shown); ${length(next)}`,
      );
      progress = true;
    }
  }

  const missing = expected.filter((c) => !byCategory.has(c));
  const notes: string[] = [];
  if (records > considered)
    notes.push(`${considered} of ${records} records considered: a seeded reservoir sample (seed ${seed}).`);
  if (missing.length)
    notes.push(`no example of ${names.category} ${missing.join(", ")} among the records considered.`);
  if (k < order.length)
    notes.push(
      `k = ${k} is less than the ${order.length} ${names.categories} present: ${order.slice(k).join(", ")} not shown.`,
    );
  if (problems.length)
    notes.push(
      `${problems.length} line${problems.length > 1 ? "s" : ""} skipped: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? "; …" : ""}`,
    );
  return {
    task,
    file: path,
    k,
    seed,
    records,
    considered,
    sampled: records > considered,
    meanTokens: Math.round((list.reduce((sum, c) => sum + c.tokens, 0) / list.length) * 10) / 10,
    categories: order.map((name) => ({
      name,
      available: byCategory.get(name)!.length,
      chosen: chosen.filter((e) => e.category === name).length,
    })),
    missing,
    examples: chosen,
    notes,
  };
}
