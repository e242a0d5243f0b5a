/** How an estimate reads on a terminal: a short table, then the notes that change a decision. */
import type { Estimate } from "../cost/estimate.js";
import type { HostedEstimate } from "../cost/hosted-estimate.js";
import type { LocalEstimate } from "../cost/local-estimate.js";

const n = (x: number) => x.toLocaleString("en-US");
const usd = (x: number) =>
  `$${x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Training time as a person reads it: minutes under two hours, hours above. */
export const duration = (hours: number): string =>
  hours < 1 / 60 ? "< 1 min" : hours < 2 ? `${Math.round(hours * 60)} min` : `${hours.toFixed(1)} h`;
/** A cost that rounds to nothing still says it is not free. */
const cost = (x: number) => (x > 0 && x < 0.005 ? "< $0.01" : usd(x));

/** Rows of two or more columns, padded to line up. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows)
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  return rows
    .map(
      (row) =>
        `  ${row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join("  ")
          .trimEnd()}`,
    )
    .join("\n");
}

function renderHosted(e: HostedEstimate): string {
  const rows = [
    ["provider", `${e.provider}${e.trainingType ? ` (${e.trainingType} training)` : ""}`],
    ["base model", e.baseModel],
    [
      "training file",
      `${e.train.file}: ${n(e.train.examples)} examples, ${n(e.train.tokens)} tokens (${e.train.encoding})`,
    ],
  ];
  if (e.validation)
    rows.push([
      "validation file",
      `${e.validation.file}: ${n(e.validation.examples)} examples, ${n(e.validation.tokens)} tokens (not billed)`,
    ]);
  rows.push(
    ["epochs", `${e.epochs} (${e.epochsSource})`],
    [
      "billed tokens",
      `${n(e.billedTokens)} = ${e.epochs} × ${n(e.billedTokens / e.epochs)} (each example capped at ${n(e.train.tokenLimit)})`,
    ],
    [
      "price",
      `${usd(e.price.trainingPerMillion)} per 1M training tokens (as of ${e.price.asOf}${e.price.stale ? ", stale" : ""})`,
    ],
    ["training cost", usd(e.trainingCostUsd)],
  );
  if (e.hosting)
    rows.push([
      "hosting once deployed",
      `${usd(e.hosting.perHourUsd)}/hour ≈ ${usd(e.hosting.perMonthUsd)}/month`,
    ]);
  return `Estimate\n${table(rows)}`;
}

function renderLocal(e: LocalEstimate): string {
  const p = e.plan;
  const m = p.memoryGb;
  const rows = [
    [
      "base model",
      `${e.baseModel} (${p.model.paramsBillion}B parameters${p.model.known ? "" : ", inferred"})`,
    ],
    [
      "method",
      `${p.method} (${p.precision} base weights), LoRA r=${p.lora.r} alpha=${p.lora.alpha}, ${p.lora.trainableParams === null ? "?" : n(p.lora.trainableParams)} trainable parameters`,
    ],
    ["training file", `${e.train.file}: ${n(e.train.examples)} examples, ${n(e.train.tokens)} tokens`],
    [
      "training",
      `${p.training.epochs} epochs, batch ${p.training.batchSize} × accumulation ${p.training.gradAccum} × ${p.training.numGpus} GPU = ${n(p.training.steps)} steps, ${n(p.training.tokensTrained)} tokens, sequences ≤ ${n(p.training.maxSeqLen)}`,
    ],
    [
      "GPU memory",
      `peak ${p.peakMemoryGb} GB = weights ${m.weights} + adapter ${m.lora} + gradients ${m.gradients} + optimizer ${m.optimizer} + activations ${m.activations} + overhead ${m.overhead}`,
    ],
  ];
  const gpuRows = [["GPU", "VRAM", "fits", "time", "$/hour", "cost"]];
  for (const g of p.gpus)
    gpuRows.push([
      `${g.gpu}${g.gpu === e.gpu ? " ←" : ""}`,
      `${g.vramGb} GB`,
      g.fits ? "yes" : "no",
      g.hours === null ? "–" : duration(g.hours),
      g.usdPerHour === null ? "–" : usd(g.usdPerHour),
      g.costUsd === null ? "–" : cost(g.costUsd),
    ]);
  return `Estimate (self-hosted)\n${table(rows)}\n\n${table(gpuRows)}`;
}

export function renderEstimate(e: Estimate): string {
  const body = e.kind === "hosted" ? renderHosted(e) : renderLocal(e);
  const notes = [...e.train.warnings.map((w) => `training file: ${w}`), ...e.notes];
  return notes.length ? `${body}\n\nNotes:\n${notes.map((x) => `  - ${x}`).join("\n")}` : body;
}
