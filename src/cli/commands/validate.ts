/** `cft validate`: format checks and token statistics for a chat fine-tuning file. */
import type { Command } from "commander";
import { z } from "zod";
import type { Summary } from "../../dataset/summary.js";
import { type ValidationReport, validateFile } from "../../dataset/validate.js";
import { checkReadableFile } from "../../io/lines.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { createProgress } from "../progress.js";

const Flags = z.object({
  model: z.string().min(1).optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

const n = (x: number) => x.toLocaleString("en-US");

function statsRow(label: string, s: Summary): string {
  const cells = [s.min, s.p5, s.median, s.mean, s.p95, s.max].map((x) => n(x).padStart(9));
  return `  ${label.padEnd(22)}${cells.join("")}`;
}

export function renderValidation(r: ValidationReport): string {
  const lines = [
    `${r.file}: ${n(r.examples)} examples, ${r.ok ? "OK" : `${n(r.errors.total)} error${r.errors.total === 1 ? "" : "s"}`}`,
    `  model ${r.model} (${r.encoding}, ${n(r.tokenLimit)} tokens per example)  sha256 ${r.sha256}`,
  ];
  if (r.errors.total) {
    lines.push(
      "Errors by type:",
      ...Object.entries(r.errors.byType).map(([type, count]) => `  ${type}: ${n(count)}`),
    );
    lines.push("Errors:");
    for (const e of r.errors.samples)
      lines.push(`  ${e.line ? `${r.file}:${e.line}` : r.file}${e.path ? ` [${e.path}]` : ""}: ${e.message}`);
    if (r.errors.total > r.errors.samples.length)
      lines.push(`  … and ${n(r.errors.total - r.errors.samples.length)} more`);
  }
  if (r.warnings.length) {
    lines.push("Warnings:");
    for (const w of r.warnings) {
      const at = w.lines?.length
        ? ` (lines ${w.lines.join(", ")}${(w.count ?? 0) > w.lines.length ? ", …" : ""})`
        : "";
      lines.push(`  ${w.count === undefined ? "" : `${n(w.count)} `}${w.message}${at}`);
    }
  }
  lines.push(
    `  ${"".padEnd(22)}${["min", "p5", "median", "mean", "p95", "max"].map((h) => h.padStart(9)).join("")}`,
    statsRow("tokens per example", r.tokens.perExample),
    statsRow("assistant tokens", r.tokens.assistantPerExample),
    statsRow("messages per example", r.tokens.messagesPerExample),
    `  ${n(r.examplesOverLimit)} over the limit; default epochs ${r.epochs}; billed tokens ≈ ${n(r.billedTokens)}`,
  );
  return lines.join("\n");
}

export function registerValidate(program: Command): void {
  const command = program
    .command("validate")
    .summary("check a chat fine-tuning file and count its tokens")
    .description(
      "Check a chat fine-tuning JSONL file the way the provider will (format, roles, tool calls, weights) and report token statistics with the model's own tokenizer. Exits 2 when the file has errors.",
    )
    .argument("<file>", "JSONL file, one chat record a line")
    .option("--model <model>", "target model: sets the tokenizer and the per-example limit", "gpt-4.1-mini");
  withCommonOptions(command, [
    "cft validate data/claims/train.jsonl",
    "cft validate data/claims/train.jsonl --model gpt-4o-mini-2024-07-18 --json",
  ]).action(async (file: string, raw) => {
    const flags = parseFlags(Flags, raw);
    const ctx = createContext(flags);
    const size = await checkReadableFile(file);
    const progress = createProgress();
    let report: ValidationReport;
    try {
      report = await validateFile(file, {
        model: flags.model,
        onProgress: (bytes) => progress.update("validate (bytes)", bytes, Math.max(size, bytes)),
      });
    } finally {
      progress.stop();
    }
    ctx.out.say(renderValidation(report));
    ctx.out.result(report);
    if (!report.ok) process.exitCode = 2;
  });
}
