/**
 * The `cft` command line: one commander program, one module per command. Exit codes follow DESIGN.md:
 * 0 success, 2 bad input or usage, 3 a gate said no, 4 an external service failed, 1 anything else.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { registerAudit } from "./commands/audit.js";
import { registerCard } from "./commands/card.js";
import { registerDemo } from "./commands/demo.js";
import { registerDeploy } from "./commands/deploy.js";
import { registerEstimate } from "./commands/estimate.js";
import { registerEvaluate } from "./commands/evaluate.js";
import { registerExport } from "./commands/export.js";
import { registerFinetune } from "./commands/finetune.js";
import { registerJobs } from "./commands/jobs.js";
import { registerPrepare } from "./commands/prepare.js";
import { registerRegress } from "./commands/regress.js";
import { registerValidate } from "./commands/validate.js";
import { reportError } from "./output.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

export function buildProgram(): Command {
  const program = new Command("cft")
    .description(
      "Clinical Fine-Tuner: take a clinical fine-tune from synthetic data through a mandatory HIPAA audit, " +
        "a confirmed training run, evaluation and regression testing. Every command takes --home DIR " +
        "(workspace, default $CFT_HOME or ./.cft) and --json (one JSON object on stdout). Exit codes: " +
        "0 ok, 2 bad input, 3 a gate said no, 4 a service failed, 1 anything else.",
    )
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  $ cft demo",
        "  $ cft prepare --task claims --synthetic 1000 --out data/claims",
        "  $ cft validate data/claims/train.jsonl --json",
        "",
      ].join("\n"),
    )
    .version(version)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerPrepare(program);
  registerDemo(program);
  registerValidate(program);
  registerAudit(program);
  registerEstimate(program);
  registerFinetune(program);
  registerJobs(program);
  registerDeploy(program);
  registerExport(program);
  registerEvaluate(program);
  registerRegress(program);
  registerCard(program);
  program.commands.forEach((c) => {
    c.exitOverride();
  });
  return program;
}

/** Runs the CLI and returns the exit code (never throws). */
export async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      if (json)
        process.stdout.write(`${JSON.stringify({ error: { code: "usage", message: error.message } })}\n`);
      return 2;
    }
    return reportError(error, json);
  }
}
