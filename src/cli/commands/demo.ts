/**
 * `cft demo`: the main job on embedded defaults, no keys and no network: prepare a synthetic claims
 * dataset, validate both splits, run the mandatory HIPAA audit, estimate the fine-tune on OpenAI, Azure
 * and a self-hosted QLoRA run (gpu-runner's plan), and end with the command that launches it. Later
 * stages join here as they land.
 */
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { recordPrepared } from "../../dataset/ledger-entry.js";
import { prepareDataset } from "../../dataset/prepare.js";
import { validateFile } from "../../dataset/validate.js";
import { openLedger } from "../../ledger/ledger.js";
import { runAudit } from "../../phi/audit-run.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { demoEstimates, renderDemoEstimates } from "../demo-estimates.js";
import { renderAudit } from "./audit.js";
import { renderValidation } from "./validate.js";

const Flags = z.object({
  examples: z.coerce.number().int().min(20, { message: "expected at least 20" }).max(1_000_000),
  seed: z.coerce.number().int().min(0),
  out: z.string().min(1),
  hostedModel: z.string().min(1),
  localModel: z.string().min(1),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

/** A path as the user would type it from here: relative when it is below the current folder. */
function relativeIfInside(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

export function registerDemo(program: Command): void {
  const command = program
    .command("demo")
    .summary("a tour: prepare, validate, audit and estimate three ways, offline")
    .description(
      "Run the pipeline on embedded defaults (no keys, no network): prepare a synthetic claims dataset, validate it, run the mandatory HIPAA audit (attesting it on PASS), estimate the fine-tune on OpenAI, Azure and a self-hosted QLoRA run (gpu-runner's memory and time plan; needs python3, not a GPU), and print the command that launches it.",
    )
    .option("--examples <n>", "synthetic claims to generate", "1000")
    .option("--seed <n>", "seed of the generator and the split", "42")
    .option("--out <dir>", "where the dataset is written", "demo-data/claims")
    .option("--hosted-model <model>", "the OpenAI/Azure model to price", "gpt-4.1-mini-2025-04-14")
    .option(
      "--local-model <model>",
      "the open-weight model to plan a QLoRA run for",
      "meta-llama/Llama-3.1-8B-Instruct",
    );
  withCommonOptions(command, ["cft demo", "cft demo --examples 5000 --out /tmp/claims --json"]).action(
    async (raw) => {
      const flags = parseFlags(Flags, raw);
      const ctx = createContext(flags);
      const outDir = resolve(flags.out);
      const db = openLedger(ctx.config.home);
      ctx.out.say(`1/4 prepare: ${flags.examples} synthetic claims, seed ${flags.seed} → ${outDir}`);
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
      ctx.out.say("2/4 validate:");
      const train = await validateFile(join(outDir, "train.jsonl"));
      const test = await validateFile(join(outDir, "test.jsonl"));
      ctx.out.say(renderValidation(train));
      ctx.out.say(renderValidation(test));
      const valid = train.ok && test.ok;
      ctx.out.say("3/4 HIPAA audit (mandatory):");
      const audit = await runAudit(db, ctx.config.home, [
        join(outDir, "train.jsonl"),
        join(outDir, "test.jsonl"),
      ]);
      db.close();
      ctx.out.say(renderAudit(audit.report, audit.reportPath));
      const passed = audit.report.verdict === "PASS";
      const trainPath = join(outDir, "train.jsonl");
      // The gate holds here as everywhere: no estimate, and no launch command, for data that did not pass.
      const estimates =
        valid && passed
          ? await demoEstimates(
              ctx.config,
              relativeIfInside(trainPath),
              {
                hosted: flags.hostedModel,
                local: flags.localModel,
              },
              {
                cli: relativeIfInside(process.argv[1] ?? "cft"),
                home: flags.home && relativeIfInside(ctx.config.home),
              },
            )
          : null;
      if (estimates) {
        ctx.out.say("4/4 estimate (nothing is sent; prices are dated rows in src/cost/prices.json):");
        ctx.out.say(renderDemoEstimates(estimates));
      }
      ctx.out.say(
        `\nSummary: ${manifest.counts.train} train / ${manifest.counts.test} test examples, labels ${JSON.stringify(manifest.labels.train)}, ` +
          `${train.billedTokens.toLocaleString("en-US")} billed training tokens over ${train.epochs} epochs; ` +
          `validation ${valid ? "passed" : "FAILED"}; HIPAA audit ${audit.report.verdict}` +
          `${passed ? ` (attestation ${audit.auditId})` : ""}. Dataset ${row.id} recorded in ${ctx.config.home}.`,
      );
      if (estimates)
        ctx.out.say(
          `\nNext, launch it (shows this plan, re-checks the attestation, and asks before anything starts):\n  ${estimates.launchCommand}\n` +
            "It trains on this machine's NVIDIA GPU, or on CFT_GPU_HOST (ssh) or CFT_SLURM_PARTITION; add --plan to see the full plan first. " +
            `Hosted instead: --provider openai|azure --base-model ${flags.hostedModel} with OPENAI_API_KEY or AZURE_OPENAI_* set.`,
        );
      ctx.out.result({
        ok: valid && passed,
        datasetId: row.id,
        outDir,
        manifest,
        validation: { train, test },
        audit: { ...audit.report, reportPath: audit.reportPath },
        estimates: estimates && { openai: estimates.openai, azure: estimates.azure, local: estimates.local },
        launchCommand: estimates?.launchCommand ?? null,
      });
      if (!valid) process.exitCode = 2;
      else if (!passed) process.exitCode = 3;
    },
  );
}
