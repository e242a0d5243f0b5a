/**
 * The demo's estimate stage: what the audited dataset would cost to fine-tune on each kind of provider —
 * OpenAI and Azure from the dated price table, and a QLoRA run of an open-weight model from gpu-runner's
 * plan (real Python, no torch) — and the command that would launch it. Offline: nothing is sent.
 */
import type { Config } from "../config/config.js";
import { estimateHosted, type HostedEstimate } from "../cost/hosted-estimate.js";
import { estimateLocal, type LocalEstimate } from "../cost/local-estimate.js";
import { loadPriceTable } from "../cost/price-table.js";
import { shellQuote } from "../finetune/local/shell-quote.js";
import { duration, table } from "./estimate-view.js";
import { planOutputDir } from "./training-flags.js";

export interface DemoEstimates {
  openai: HostedEstimate;
  azure: HostedEstimate;
  local: LocalEstimate;
  /** What a user runs next to start the self-hosted fine-tune (shows the plan and asks first). */
  launchCommand: string;
}

export async function demoEstimates(
  config: Config,
  train: string,
  models: { hosted: string; local: string },
  launcher: { cli: string; home?: string | undefined } = { cli: "cft" },
): Promise<DemoEstimates> {
  const prices = loadPriceTable(config.env.CFT_PRICES_FILE);
  const openai = await estimateHosted({ provider: "openai", baseModel: models.hosted, train }, prices);
  const azure = await estimateHosted(
    { provider: "azure", baseModel: models.hosted, train, trainingType: "standard" },
    prices,
  );
  const local = await estimateLocal(
    {
      baseModel: models.local,
      train,
      hyperparameters: { use4bit: true },
      outputDir: planOutputDir(config.home),
    },
    config,
  );
  const launchCommand = [
    `${launcher.cli} finetune --provider local --base-model`,
    shellQuote(models.local),
    "--train",
    shellQuote(train),
    "--use-4bit",
    ...(launcher.home ? ["--home", shellQuote(launcher.home)] : []),
  ].join(" ");
  return { openai, azure, local, launchCommand };
}

const usd = (x: number) => `$${x.toFixed(2)}`;

export function renderDemoEstimates(e: DemoEstimates): string {
  const p = e.local.plan;
  const rows = [
    ["provider", "model", "training", "afterwards"],
    [
      "openai",
      e.openai.baseModel,
      `${usd(e.openai.trainingCostUsd)} (${e.openai.billedTokens.toLocaleString("en-US")} billed tokens, ${e.openai.epochs} epochs)`,
      "pay per call",
    ],
    [
      "azure",
      `${e.azure.baseModel} (standard)`,
      usd(e.azure.trainingCostUsd),
      e.azure.hosting ? `deployment ${usd(e.azure.hosting.perHourUsd)}/hour while deployed` : "–",
    ],
    [
      "local",
      `${p.baseModel} (${p.method})`,
      e.local.gpu === null
        ? "no GPU in the table fits"
        : `${usd(e.local.costUsd)}, ${e.local.hours === null ? "?" : duration(e.local.hours)} on ${e.local.gpu}, peak ${p.peakMemoryGb} GB GPU memory, ${p.training.steps} steps`,
      "your own hardware",
    ],
  ];
  return table(rows);
}
