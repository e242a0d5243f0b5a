/**
 * A launch plan in words and in structured form: what the user agrees to (provider and where it runs,
 * base model, hyperparameters, each file's SHA-256 prefix and attestation, the estimated cost, the
 * token). Used for the elicitation message and for the results of estimate_cost and start_fine_tune.
 */
import { z } from "zod";
import type { LaunchPlan } from "../../src/finetune/launch-plan.js";

export const PlannedFileOutput = z.object({
  role: z.enum(["train", "validation"]),
  path: z.string(),
  sha256: z.string(),
  bytes: z.number(),
  attested: z.boolean().describe("true when a PASS audit covers these exact bytes"),
  auditId: z.string().nullable(),
});

export function plannedFiles(plan: LaunchPlan): z.infer<typeof PlannedFileOutput>[] {
  return plan.files.map((f) => ({
    role: f.role,
    path: f.path,
    sha256: f.sha256,
    bytes: f.bytes,
    attested: f.attestation !== null,
    auditId: f.attestation?.auditId ?? null,
  }));
}

const usd = (x: number) => (x > 0 && x < 0.005 ? "< $0.01" : `$${x.toFixed(2)}`);

/** The estimate in one line: the cost and what it is made of. */
export function costLine(plan: LaunchPlan): string {
  const e = plan.estimate;
  if (e.kind === "hosted")
    return `${usd(e.trainingCostUsd)} for ${e.billedTokens.toLocaleString("en-US")} billed tokens (${e.epochs} epochs at $${e.price.trainingPerMillion}/1M, prices as of ${e.price.asOf})${e.hosting ? `; hosting once deployed $${e.hosting.perHourUsd.toFixed(2)}/hour` : ""}`;
  const hours = e.hours === null ? "time unknown" : `≈${e.hours.toFixed(2)} GPU-hours`;
  return `${usd(e.costUsd)} on ${e.gpu ?? "no GPU that fits"} (${hours}, peak ${e.plan.peakMemoryGb} GB of GPU memory)`;
}

/** The plan as the user should see it before saying yes. */
export function describePlan(plan: LaunchPlan, options: { token?: boolean } = {}): string {
  const r = plan.request;
  const hp = Object.entries(r.hyperparameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  const files = plan.files.map(
    (f) =>
      `  ${f.role}: ${f.path} (sha256 ${f.sha256.slice(0, 12)}…, ${f.attestation ? `attested by audit ${f.attestation.auditId.slice(0, 8)}` : "NOT ATTESTED"})`,
  );
  return [
    `Provider: ${r.provider}${r.trainingType ? ` (${r.trainingType})` : ""}, runs on ${r.target}`,
    `Base model: ${r.baseModel}`,
    `Hyperparameters: ${hp || "provider defaults"}`,
    "Dataset:",
    ...files,
    `Estimated cost: ${costLine(plan)}`,
    ...(options.token === false ? [] : [`Confirmation token: ${plan.token}`]),
  ].join("\n");
}
