/**
 * The training log a hosted job leaves behind: its result file, a CSV with one row per step. OpenAI has
 * at times served that file base64-encoded, and cells are empty on steps without validation; both are
 * tolerated. Column names differ a little between OpenAI (train_accuracy) and Azure
 * (train_mean_token_accuracy, full_valid_loss), so each field reads the first column that has a value.
 */
import { parse } from "csv-parse/sync";
import type { MetricsRow, TrainingMetrics } from "../types.js";

/** The CSV text of a result file, decoding base64 when the body is base64 rather than CSV. */
export function decodeResultFile(body: string): string {
  const trimmed = body.trim();
  const looksBase64 = trimmed.length > 0 && !trimmed.includes(",") && /^[A-Za-z0-9+/=\r\n]+$/.test(trimmed);
  if (!looksBase64) return body;
  const decoded = Buffer.from(trimmed.replace(/\s+/g, ""), "base64").toString("utf8");
  return decoded.includes(",") ? decoded : body;
}

function cell(row: Record<string, string>, ...columns: string[]): number | null {
  for (const column of columns) {
    const raw = row[column]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (Number.isFinite(value)) return value;
  }
  return null;
}

export function parseResultCsv(body: string): TrainingMetrics {
  const records = parse(decodeResultFile(body).replace(/^\uFEFF/, ""), {
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  const rows: MetricsRow[] = [];
  for (const record of records) {
    const step = cell(record, "step");
    if (step === null) continue;
    rows.push({
      step,
      trainLoss: cell(record, "train_loss"),
      trainAccuracy: cell(record, "train_accuracy", "train_mean_token_accuracy"),
      validLoss: cell(record, "valid_loss", "full_valid_loss"),
      validMeanTokenAccuracy: cell(record, "valid_mean_token_accuracy", "full_valid_mean_token_accuracy"),
    });
  }
  rows.sort((a, b) => a.step - b.step);
  return { rows, final: rows.at(-1) ?? null };
}
