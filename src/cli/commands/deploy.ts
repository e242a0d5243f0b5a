/**
 * `cft deploy azure RUN`: Azure serves a fine-tuned model only once it is deployed, a separate
 * management-plane step — and a Standard or Global deployment bills by the hour from then on, used or
 * not. So the hourly cost is stated first, and the deployment happens only with consent.
 */
import type { Command } from "commander";
import { z } from "zod";
import { findPrice, loadPriceTable } from "../../cost/price-table.js";
import { GateError, InputError } from "../../errors.js";
import { refreshRun } from "../../finetune/launch.js";
import { createProvider } from "../../finetune/provider-factory.js";
import { deployFineTunedModel } from "../../finetune/providers/azure-deploy.js";
import { openLedger } from "../../ledger/ledger.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { askConsent } from "../consent.js";
import { requireRun } from "../run-lookup.js";

const Flags = z.object({
  name: z.string().optional(),
  sku: z.enum(["standard", "globalstandard", "developer"], {
    message: "expected standard, globalstandard or developer",
  }),
  capacity: z.coerce.number().int().min(1, { message: "expected a whole number of 1 or more" }),
  prices: z.string().optional(),
  interval: z.coerce.number().positive({ message: "expected a number of seconds above 0" }),
  yes: z.boolean().optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

export function registerDeploy(program: Command): void {
  const deploy = program
    .command("deploy")
    .summary("deploy a fine-tuned model where the provider needs it (Azure)");
  const azure = deploy
    .command("azure")
    .description(
      "Deploy the model an Azure run produced (a management-plane call: needs AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP, AZURE_OPENAI_RESOURCE, and AZURE_MANAGEMENT_TOKEN or an Entra ID sign-in). States the hourly cost and asks first; --yes consents in scripts. Developer deployments have no hourly fee but expire after 24 hours.",
    )
    .argument("<run>", "a succeeded Azure run (see `cft jobs list`)")
    .option("--name <deployment>", "deployment name used by inference calls (default: cft-<run>)")
    .option("--sku <type>", "standard | globalstandard | developer", "standard")
    .option("--capacity <n>", "capacity units", "1")
    .option("--prices <file>", "a price table overriding the embedded one")
    .option(
      "--interval <seconds>",
      "how often to read the deployment's state while Azure provisions it",
      "15",
    )
    .option("--yes", "consent without a prompt");
  withCommonOptions(azure, [
    "cft deploy azure run-20261122-1f3a9c0b",
    "cft deploy azure run-20261122-1f3a9c0b --sku developer --yes --json",
  ]).action(async (runId: string, raw) => {
    const flags = parseFlags(Flags, raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    try {
      const known = requireRun(db, runId, ctx.config.home);
      if (known.provider !== "azure")
        throw new InputError(
          `run ${runId} trained on ${known.provider}; only Azure runs are deployed with this command`,
        );
      const run = known.jobId ? await refreshRun(db, createProvider("azure", ctx.config), runId) : known;
      if (run.status !== "succeeded" || !run.fineTunedModel)
        throw new GateError(`run ${runId} is ${run.status}; only a succeeded run has a model to deploy`, {
          hint: `Follow it with \`cft jobs watch ${runId}\`.`,
        });
      const price = findPrice(
        loadPriceTable(flags.prices ?? ctx.config.env.CFT_PRICES_FILE),
        "azure",
        run.baseModel,
        flags.sku,
      );
      const hourly = price?.hostingPerHour;
      const cost =
        hourly === undefined
          ? "hourly cost unknown (no price row for this model); check the Azure pricing page"
          : hourly === 0
            ? "no hourly fee (Developer: expires after 24 hours, no SLA)"
            : `$${hourly.toFixed(2)} per hour ≈ $${(hourly * 720).toFixed(2)} per month while deployed, used or not (price as of ${price?.asOf})`;
      const name = flags.name ?? `cft-${runId.slice(-8)}`;
      ctx.out.say(
        `Deploy ${run.fineTunedModel} as "${name}" (${flags.sku}, capacity ${flags.capacity}): ${cost}.`,
      );
      await askConsent("Create this deployment?", { yes: flags.yes, flagHint: "--yes" });
      const status = await deployFineTunedModel(
        ctx.config,
        { deploymentName: name, model: run.fineTunedModel, sku: flags.sku, capacity: flags.capacity },
        { pollIntervalMs: flags.interval * 1000 },
        (m) => ctx.out.note(m),
      );
      ctx.out.say(
        `Deployed: call it with model "${name}" on ${ctx.config.env.AZURE_OPENAI_ENDPOINT ?? "your Azure OpenAI endpoint"}. Delete it when idle to stop the hourly bill.`,
      );
      ctx.out.result({ runId, deployment: status, hourlyUsd: hourly ?? null });
    } finally {
      db.close();
    }
  });
}
