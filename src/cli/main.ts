/**
 * The `cft` command line: one commander program, one module per command. Exit codes follow DESIGN.md:
 * 0 success, 2 bad input or usage, 3 a gate said no, 4 an external service failed, 1 anything else.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { reportError } from "./output.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** Loads a command's code and returns the function that adds it to the program. */
export type CommandLoader = () => Promise<(program: Command) => void>;

/**
 * Commands by name, loaded on demand: a run of one command loads that command's code only (the SDKs of
 * the others take most of a second to import). `cft --help` loads them all to list them.
 */
const COMMANDS: Record<string, CommandLoader> = {
  prepare: async () => (await import("./commands/prepare.js")).registerPrepare,
  demo: async () => (await import("./commands/demo.js")).registerDemo,
  validate: async () => (await import("./commands/validate.js")).registerValidate,
  audit: async () => (await import("./commands/audit.js")).registerAudit,
  estimate: async () => (await import("./commands/estimate.js")).registerEstimate,
  finetune: async () => (await import("./commands/finetune.js")).registerFinetune,
  jobs: async () => (await import("./commands/jobs.js")).registerJobs,
  deploy: async () => (await import("./commands/deploy.js")).registerDeploy,
  export: async () => (await import("./commands/export.js")).registerExport,
  evaluate: async () => (await import("./commands/evaluate.js")).registerEvaluate,
  regress: async () => (await import("./commands/regress.js")).registerRegress,
  card: async () => (await import("./commands/card.js")).registerCard,
  outbox: async () => (await import("./commands/outbox.js")).registerOutbox,
  policy: async () => (await import("./commands/policy.js")).registerPolicy,
  sheets: async () => (await import("./commands/sheets.js")).registerSheets,
  models: async () => (await import("./commands/models.js")).registerModels,
  retrain: async () => (await import("./commands/retrain.js")).registerRetrain,
  route: async () => (await import("./commands/route.js")).registerRoute,
  serve: async () => (await import("./commands/serve.js")).registerServe,
};

/**
 * The program with the core commands and any `extra` ones. Shells above src/ (the MCP servers) come in
 * through `extra`, from bin/cft, so src/ never imports them.
 */
export async function buildProgram(
  only?: string,
  extra: Record<string, CommandLoader> = {},
): Promise<Command> {
  const commands: Record<string, CommandLoader> = { ...COMMANDS, ...extra };
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
        "  $ cft run --task claims --synthetic 1000 --provider local --base-model meta-llama/Llama-3.1-8B-Instruct --use-4bit",
        "  $ cft resume thr-20261203-569ea7e9 --approve",
        "  $ cft prepare --task claims --synthetic 1000 --out data/claims",
        "  $ cft validate data/claims/train.jsonl --json",
        "  $ cft audit data/claims/train.jsonl data/claims/test.jsonl",
        "  $ cft finetune --provider local --base-model meta-llama/Llama-3.1-8B-Instruct --use-4bit --train data/claims/train.jsonl",
        "  $ cft evaluate --suite data/claims/test.jsonl --model llama3.1:8b --base-url http://localhost:11434/v1",
        "  $ cft regress --candidate eval-7df52a6e",
        "",
      ].join("\n"),
    )
    .version(version)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  const names =
    only === "--version" || only === "-V"
      ? []
      : only && Object.hasOwn(commands, only)
        ? [only]
        : Object.keys(commands);
  for (const register of await Promise.all(names.map((name) => commands[name]!()))) register(program);
  program.commands.forEach((c) => {
    c.exitOverride();
  });
  return program;
}

/** Runs the CLI and returns the exit code (never throws). `extra` adds commands defined outside src/. */
export async function main(argv: string[], extra: Record<string, CommandLoader> = {}): Promise<number> {
  const json = argv.includes("--json");
  process.exitCode = undefined;
  try {
    await (await buildProgram(argv[2], extra)).parseAsync(argv);
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
