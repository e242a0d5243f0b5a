/**
 * The token figures an estimate rests on, counted the cookbook's way by `validateFile`. A file that would be
 * rejected by the provider is bad input here too: an estimate of an invalid file would be a promise we
 * cannot keep.
 */

import { type ValidationReport, validateFile } from "../dataset/validate.js";
import { InputError } from "../errors.js";

export interface DatasetTokens {
  file: string;
  sha256: string;
  examples: number;
  /** Σ tokens of every example. */
  tokens: number;
  /** Σ min(limit, tokens): what one epoch bills. */
  billedPerEpoch: number;
  examplesOverLimit: number;
  tokenLimit: number;
  encoding: string;
  /** The cookbook's default epochs for this many examples. */
  defaultEpochs: number;
  warnings: string[];
}

export async function countDatasetTokens(file: string, model: string): Promise<DatasetTokens> {
  const report: ValidationReport = await validateFile(file, { model });
  if (!report.ok)
    throw new InputError(
      `${file}: not a valid fine-tuning file (${report.errors.total} error${report.errors.total === 1 ? "" : "s"})`,
      report.errors.samples.map((p) => ({
        file,
        line: p.line || undefined,
        field: p.path,
        message: p.message,
      })),
      { hint: `Run \`cft validate ${file}\` for the full report.`, total: report.errors.total },
    );
  return {
    file,
    sha256: report.sha256,
    examples: report.examples,
    tokens: report.tokens.perExample.sum,
    billedPerEpoch: report.epochs ? report.billedTokens / report.epochs : 0,
    examplesOverLimit: report.examplesOverLimit,
    tokenLimit: report.tokenLimit,
    encoding: report.encoding,
    defaultEpochs: report.epochs,
    warnings: report.warnings.map((w) => (w.count ? `${w.message} (${w.count})` : w.message)),
  };
}
