/**
 * `cft validate`: streams a chat JSONL file through the format checks and the model's tokenizer, and
 * reports errors (with file:line), warnings and token statistics, including billed tokens for the
 * default number of epochs.
 */
import { createHash } from "node:crypto";
import { readJsonl } from "../io/jsonl.js";
import { DEFAULT_MODEL, defaultEpochs, type EncodingName, modelInfo } from "./models.js";
import { checkRecord } from "./record-check.js";
import { type Summary, summarize } from "./summary.js";
import { countRecordTokens, loadCounter } from "./tokens.js";

export const MIN_EXAMPLES = 10;
export const RECOMMENDED_EXAMPLES = 50;

export interface ValidationProblem {
  line: number;
  type: string;
  path?: string;
  message: string;
}

export interface ValidationWarning {
  code: string;
  message: string;
  count?: number;
  /** First few line numbers concerned. */
  lines?: number[];
}

export interface ValidationReport {
  file: string;
  sha256: string;
  model: string;
  encoding: EncodingName;
  modelKnown: boolean;
  tokenLimit: number;
  ok: boolean;
  lines: number;
  examples: number;
  blankLines: number;
  errors: { total: number; byType: Record<string, number>; samples: ValidationProblem[] };
  warnings: ValidationWarning[];
  tokens: { perExample: Summary; assistantPerExample: Summary; messagesPerExample: Summary };
  examplesOverLimit: number;
  epochs: number;
  /** epochs × Σ min(limit, tokens of each example). */
  billedTokens: number;
}

export interface ValidateOptions {
  model?: string;
  /** Most error samples to keep (all are counted). */
  maxSamples?: number;
  onProgress?: (bytesRead: number) => void;
}

const LINE_SAMPLE = 10;

export async function validateFile(file: string, options: ValidateOptions = {}): Promise<ValidationReport> {
  const info = modelInfo(options.model ?? DEFAULT_MODEL);
  const count = await loadCounter(info.encoding);
  const maxSamples = options.maxSamples ?? 50;
  const hash = createHash("sha256");
  let bytesRead = 0;
  const byType: Record<string, number> = {};
  const samples: ValidationProblem[] = [];
  let errorTotal = 0;
  const addError = (p: ValidationProblem) => {
    errorTotal++;
    byType[p.type] = (byType[p.type] ?? 0) + 1;
    if (samples.length < maxSamples) samples.push(p);
  };
  const noSystem: number[] = [];
  const noUser: number[] = [];
  const overLimit: number[] = [];
  const unknownKeys = new Map<string, number[]>();
  const perExample: number[] = [];
  const assistant: number[] = [];
  const messageCounts: number[] = [];
  let lines = 0;
  let examples = 0;
  let blankLines = 0;
  let billedPerEpoch = 0;

  const events = readJsonl(file, {
    onBytes: (chunk) => {
      hash.update(chunk);
      bytesRead += chunk.length;
      options.onProgress?.(bytesRead);
    },
  });
  for await (const event of events) {
    lines = event.line;
    if (event.kind === "blank") {
      blankLines++;
      continue;
    }
    if (event.kind === "problem") {
      addError({ line: event.line, type: "invalid_line", message: event.message });
      continue;
    }
    examples++;
    const check = checkRecord(event.value);
    for (const e of check.errors)
      addError({ line: event.line, type: e.type, path: e.path, message: e.message });
    for (const key of check.unknownTopLevelKeys) {
      const at = unknownKeys.get(key) ?? [];
      at.push(event.line);
      unknownKeys.set(key, at);
    }
    const messages = (event.value as { messages?: unknown })?.messages;
    if (!Array.isArray(messages)) continue;
    if (!check.hasSystem) noSystem.push(event.line);
    if (!check.hasUser) noUser.push(event.line);
    const tokens = countRecordTokens(
      messages.filter((m): m is Record<string, unknown> => typeof m === "object" && m !== null),
      count,
    );
    perExample.push(tokens.total);
    assistant.push(tokens.assistant);
    messageCounts.push(messages.length);
    if (tokens.total > info.tokenLimit) overLimit.push(event.line);
    billedPerEpoch += Math.min(info.tokenLimit, tokens.total);
  }

  const warnings: ValidationWarning[] = [];
  const lineWarning = (code: string, message: string, at: number[]) => {
    if (at.length) warnings.push({ code, message, count: at.length, lines: at.slice(0, LINE_SAMPLE) });
  };
  if (examples === 0 && errorTotal === 0) {
    addError({ line: 0, type: "empty", message: "the file holds no examples" });
  } else if (examples < MIN_EXAMPLES) {
    addError({
      line: 0,
      type: "too_few_examples",
      message: `${examples} examples; fine-tuning needs at least ${MIN_EXAMPLES}`,
    });
  } else if (examples < RECOMMENDED_EXAMPLES) {
    warnings.push({
      code: "few_examples",
      message: `${examples} examples; ${RECOMMENDED_EXAMPLES} or more are recommended for a clear improvement`,
    });
  }
  lineWarning("no_system_message", "examples without a system message", noSystem);
  lineWarning("no_user_message", "examples without a user message", noUser);
  lineWarning(
    "over_token_limit",
    `examples over ${info.tokenLimit} tokens, the limit for ${info.model}; they will be truncated`,
    overLimit,
  );
  for (const [key, at] of unknownKeys)
    lineWarning("unknown_top_level_key", `examples with an unknown top-level key "${key}"`, at);
  if (blankLines) warnings.push({ code: "blank_lines", message: "blank lines skipped", count: blankLines });
  if (!info.known)
    warnings.push({
      code: "unknown_model",
      message: `"${info.model}" is not in the model table; counted with o200k_base and a 65,536-token limit`,
    });

  const epochs = defaultEpochs(examples);
  return {
    file,
    sha256: hash.digest("hex"),
    model: info.model,
    encoding: info.encoding,
    modelKnown: info.known,
    tokenLimit: info.tokenLimit,
    ok: errorTotal === 0,
    lines,
    examples,
    blankLines,
    errors: { total: errorTotal, byType, samples },
    warnings,
    tokens: {
      perExample: summarize(perExample),
      assistantPerExample: summarize(assistant),
      messagesPerExample: summarize(messageCounts),
    },
    examplesOverLimit: overLimit.length,
    epochs,
    billedTokens: epochs * billedPerEpoch,
  };
}
