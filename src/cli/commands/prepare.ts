/** `cft prepare`: build a fine-tuning dataset and record it in the ledger. */
import { resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { TASKS } from "../../dataset/chat.js";
import { recordPrepared } from "../../dataset/ledger-entry.js";
import { type PrepareSource, prepareDataset } from "../../dataset/prepare.js";
import { InputError } from "../../errors.js";
import { openLedger } from "../../ledger/ledger.js";
import { announceFromCli, markdownDocument } from "../announce.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { createProgress } from "../progress.js";

const MAX_SYNTHETIC = 5_000_000;

const Flags = z.object({
  task: z.enum(TASKS, { message: "expected claims, scribe or companion" }),
  synthetic: z.coerce
    .number()
    .int()
    .min(2, { message: "expected at least 2 examples" })
    .max(MAX_SYNTHETIC, { message: `expected at most ${MAX_SYNTHETIC}` })
    .optional(),
  claimsCsv: z.string().min(1).optional(),
  documentsCsv: z.string().min(1).optional(),
  chatJsonl: z.string().min(1).optional(),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1, { message: "expected an integer from 0 to 2147483647" }),
  out: z.string().min(1, { message: "expected the output folder" }),
  testFraction: z.coerce
    .number()
    .gt(0, { message: "expected a fraction above 0" })
    .max(0.5, { message: "expected at most 0.5" }),
  systemPrompt: z.string().min(1).optional(),
  minQuality: z.coerce.number().optional(),
  name: z.string().min(1).optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

function pickSource(flags: z.infer<typeof Flags>): PrepareSource {
  const given = [
    flags.synthetic !== undefined && "--synthetic",
    flags.claimsCsv && "--claims-csv",
    flags.documentsCsv && "--documents-csv",
    flags.chatJsonl && "--chat-jsonl",
  ].filter(Boolean);
  if (given.length !== 1)
    throw new InputError(
      given.length ? `choose one source, not ${given.join(" and ")}` : "no source given",
      [],
      { hint: "Use one of --synthetic N, --claims-csv FILE, --documents-csv FILE or --chat-jsonl FILE." },
    );
  if (flags.minQuality !== undefined && !flags.documentsCsv)
    throw new InputError("--min-quality applies to --documents-csv only");
  if (flags.synthetic !== undefined)
    return { kind: "synthetic", examples: flags.synthetic, seed: flags.seed };
  if (flags.claimsCsv) return { kind: "claims-csv", file: flags.claimsCsv };
  if (flags.documentsCsv)
    return { kind: "documents-csv", file: flags.documentsCsv, minQuality: flags.minQuality };
  return { kind: "chat-jsonl", file: flags.chatJsonl! };
}

function reproduceCommand(flags: z.infer<typeof Flags>, source: PrepareSource): string {
  const from =
    source.kind === "synthetic" ? `--synthetic ${source.examples}` : `--${source.kind} ${source.file}`;
  const extra = [
    flags.systemPrompt ? ` --system-prompt ${flags.systemPrompt}` : "",
    flags.minQuality !== undefined ? ` --min-quality ${flags.minQuality}` : "",
  ].join("");
  return `cft prepare --task ${flags.task} ${from} --seed ${flags.seed} --test-fraction ${flags.testFraction}${extra} --out DIR`;
}

export function registerPrepare(program: Command): void {
  const command = program
    .command("prepare")
    .summary("build a train/test dataset from synthetic data or an export")
    .description(
      "Build an OpenAI chat-format dataset (train.jsonl, test.jsonl, dataset.json, data-dictionary.md) from synthetic data or a claims / documents / chat export, split by label, recorded in the ledger.",
    )
    .requiredOption("--task <task>", "claims | scribe | companion")
    .option("--synthetic <n>", "generate N synthetic, de-identified examples")
    .option("--claims-csv <file>", "claims-history export (task claims)")
    .option("--documents-csv <file>", "dictation / final document export (task scribe)")
    .option("--chat-jsonl <file>", "records already in chat format (any task)")
    .option("--seed <n>", "seed of the generator and the split", "42")
    .requiredOption("--out <dir>", "output folder (created; existing dataset files are replaced)")
    .option("--test-fraction <f>", "share of each label held out for testing", "0.1")
    .option("--system-prompt <file>", "system prompt to use instead of prompts/<task>-system.md")
    .option("--min-quality <score>", "with --documents-csv: keep rows whose quality_score is at least this")
    .option(
      "--name <name>",
      "dataset name (default: from the task and source, e.g. claims-synthetic-1000-seed42)",
    );
  withCommonOptions(command, [
    "cft prepare --task claims --synthetic 1000 --seed 7 --out data/claims",
    "cft prepare --task claims --claims-csv exports/claims.csv --out data/claims-history",
    "cft prepare --task scribe --documents-csv notes.csv --min-quality 4 --out data/scribe --json",
  ]).action(async (raw) => {
    const flags = parseFlags(Flags, raw);
    const ctx = createContext(flags);
    const source = pickSource(flags);
    const outDir = resolve(flags.out);
    // Opened first, so an unusable workspace fails before any work is done.
    const db = openLedger(ctx.config.home);
    const progress = createProgress();
    let result: Awaited<ReturnType<typeof prepareDataset>>;
    try {
      result = await prepareDataset({
        task: flags.task,
        source,
        outDir,
        testFraction: flags.testFraction,
        seed: flags.seed,
        systemPromptFile: flags.systemPrompt,
        name: flags.name,
        reproduce: reproduceCommand(flags, source),
        onProgress: (stage, done, total) => progress.update(stage, done, total),
      });
    } finally {
      progress.stop();
    }
    const { manifest } = result;
    const row = recordPrepared(db, result, outDir, source.kind === "synthetic" ? null : resolve(source.file));
    await announceFromCli(ctx, db, { kind: "data_prep_plan", dataset: row }, [
      markdownDocument(`dataset:${row.id}`, "data_dictionary", result.files.dictionary, "Data dictionary"),
    ]);
    db.close();
    const labels = Object.entries(manifest.labels.train)
      .map(([label, n]) => `${label} ${n}/${manifest.labels.test[label] ?? 0}`)
      .join(", ");
    ctx.out.say(
      [
        `Prepared ${manifest.name} (${manifest.task}, ${manifest.source.kind}): ${manifest.counts.train} train, ${manifest.counts.test} test${manifest.counts.filtered ? `, ${manifest.counts.filtered} filtered out` : ""}`,
        `  labels (train/test): ${labels}`,
        `  tokens: ${manifest.tokens.train.sum.toLocaleString("en-US")} train, ${manifest.tokens.test.sum.toLocaleString("en-US")} test (${manifest.tokens.encoding}, median ${manifest.tokens.train.median} per example)`,
        `  ${result.files.train}  sha256 ${manifest.files["train.jsonl"]!.sha256}`,
        `  ${result.files.test}  sha256 ${manifest.files["test.jsonl"]!.sha256}`,
        `  ${result.files.manifest}, ${result.files.dictionary}`,
        `  ledger: dataset ${row.id} in ${ctx.config.home}`,
        `Next: cft validate ${result.files.train}, then the mandatory HIPAA audit: cft audit ${result.files.train} ${result.files.test}`,
      ].join("\n"),
    );
    ctx.out.result({ datasetId: row.id, outDir, files: result.files, manifest });
  });
}
