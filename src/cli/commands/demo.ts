/**
 * `cft demo`: the main job on embedded defaults, no keys and no network. Today: prepare a synthetic
 * claims dataset and validate both splits; later stages join here as they land (audit, estimate, …).
 */
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { recordPrepared } from "../../dataset/ledger-entry.js";
import { prepareDataset } from "../../dataset/prepare.js";
import { validateFile } from "../../dataset/validate.js";
import { openLedger } from "../../ledger/ledger.js";
import { runAudit } from "../../phi/audit-run.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { renderAudit } from "./audit.js";
import { renderValidation } from "./validate.js";

const Flags = z.object({
  examples: z.coerce.number().int().min(20, { message: "expected at least 20" }).max(1_000_000),
  seed: z.coerce.number().int().min(0),
  out: z.string().min(1),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

export function registerDemo(program: Command): void {
  const command = program
    .command("demo")
    .summary("run the main job on embedded defaults (no keys, no network)")
    .description(
      "Run the pipeline on embedded defaults (no keys, no network): prepare a synthetic claims dataset, validate it, run the mandatory HIPAA audit (attesting it on PASS), and print a summary. Stages are added here as they are built.",
    )
    .option("--examples <n>", "synthetic claims to generate", "1000")
    .option("--seed <n>", "seed of the generator and the split", "42")
    .option("--out <dir>", "where the dataset is written", "demo-data/claims");
  withCommonOptions(command, ["cft demo", "cft demo --examples 5000 --out /tmp/claims --json"]).action(
    async (raw) => {
      const flags = parseFlags(Flags, raw);
      const ctx = createContext(flags);
      const outDir = resolve(flags.out);
      const db = openLedger(ctx.config.home);
      ctx.out.say(`1/3 prepare: ${flags.examples} synthetic claims, seed ${flags.seed} → ${outDir}`);
      const prepared = await prepareDataset({
        task: "claims",
        source: { kind: "synthetic", examples: flags.examples, seed: flags.seed },
        outDir,
        testFraction: 0.1,
        seed: flags.seed,
        reproduce: `cft prepare --task claims --synthetic ${flags.examples} --seed ${flags.seed} --test-fraction 0.1 --out DIR`,
      });
      const { manifest } = prepared;
      const row = recordPrepared(db, prepared, outDir, null);
      ctx.out.say("2/3 validate:");
      const train = await validateFile(join(outDir, "train.jsonl"));
      const test = await validateFile(join(outDir, "test.jsonl"));
      ctx.out.say(renderValidation(train));
      ctx.out.say(renderValidation(test));
      const valid = train.ok && test.ok;
      ctx.out.say("3/3 HIPAA audit (mandatory):");
      const audit = await runAudit(db, ctx.config.home, [
        join(outDir, "train.jsonl"),
        join(outDir, "test.jsonl"),
      ]);
      db.close();
      ctx.out.say(renderAudit(audit.report, audit.reportPath));
      const passed = audit.report.verdict === "PASS";
      ctx.out.say(
        `\nSummary: ${manifest.counts.train} train / ${manifest.counts.test} test examples, labels ${JSON.stringify(manifest.labels.train)}, ` +
          `${train.billedTokens.toLocaleString("en-US")} billed training tokens over ${train.epochs} epochs; ` +
          `validation ${valid ? "passed" : "FAILED"}; HIPAA audit ${audit.report.verdict}` +
          `${passed ? ` (attestation ${audit.auditId})` : ""}. Dataset ${row.id} recorded in ${ctx.config.home}.`,
      );
      ctx.out.result({
        ok: valid && passed,
        datasetId: row.id,
        outDir,
        manifest,
        validation: { train, test },
        audit: { ...audit.report, reportPath: audit.reportPath },
      });
      if (!valid) process.exitCode = 2;
      else if (!passed) process.exitCode = 3;
    },
  );
}
