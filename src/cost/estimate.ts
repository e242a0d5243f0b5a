/**
 * An estimate, hosted or self-hosted, and the parts of it a confirmation binds. The fingerprint keeps the
 * figures the user decides on (tokens, epochs, rates, cost, memory) and leaves out what drifts by itself
 * (how many days old a price is), so the same plan gives the same confirmation token tomorrow.
 */
import type { HostedEstimate } from "./hosted-estimate.js";
import type { LocalEstimate } from "./local-estimate.js";

export type Estimate = HostedEstimate | LocalEstimate;

export function estimateCostUsd(estimate: Estimate): number {
  return estimate.kind === "hosted" ? estimate.trainingCostUsd : estimate.costUsd;
}

export function estimateFingerprint(estimate: Estimate): Record<string, unknown> {
  const files = {
    train: { sha256: estimate.train.sha256, tokens: estimate.train.tokens },
    validation: estimate.validation
      ? { sha256: estimate.validation.sha256, tokens: estimate.validation.tokens }
      : null,
  };
  if (estimate.kind === "hosted")
    return {
      kind: "hosted",
      provider: estimate.provider,
      baseModel: estimate.baseModel,
      trainingType: estimate.trainingType,
      files,
      epochs: estimate.epochs,
      billedTokens: estimate.billedTokens,
      trainingPerMillion: estimate.price.trainingPerMillion,
      hostingPerHour: estimate.price.hostingPerHour,
      priceAsOf: estimate.price.asOf,
      costUsd: estimate.trainingCostUsd,
    };
  const gpu = estimate.plan.gpus.find((g) => g.gpu === estimate.gpu);
  return {
    kind: "local",
    baseModel: estimate.baseModel,
    files,
    method: estimate.plan.method,
    steps: estimate.plan.training.steps,
    tokensTrained: estimate.plan.training.tokensTrained,
    peakMemoryGb: estimate.plan.peakMemoryGb,
    gpu: estimate.gpu,
    usdPerHour: gpu?.usdPerHour ?? null,
    hours: estimate.hours,
    costUsd: estimate.costUsd,
  };
}

/** The rate used to turn actual usage into actual cost: $/1M tokens (hosted) or $/GPU-hour (local). */
export function fingerprintRate(fingerprint: unknown): { perMillionTokens?: number; perHour?: number } {
  const f = (fingerprint ?? {}) as Record<string, unknown>;
  if (f.kind === "hosted" && typeof f.trainingPerMillion === "number")
    return { perMillionTokens: f.trainingPerMillion };
  if (f.kind === "local" && typeof f.usdPerHour === "number") return { perHour: f.usdPerHour };
  return {};
}
