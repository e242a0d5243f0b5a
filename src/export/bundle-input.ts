/**
 * What a training bundle (`cft export bundle`) is built from: a confirmed local run, the confirmation
 * that binds its dataset hashes and configuration, and the PASS attestations that still cover those exact
 * bytes. A bundle lets someone without a GPU of their own train elsewhere (Colab, AutoTrain), so it is
 * refused unless the same conditions that let the local launcher start the run still hold.
 */
import { z } from "zod";
import { GateError, InputError } from "../errors.js";
import type { Hyperparameters } from "../finetune/types.js";
import { findAttestation } from "../ledger/audits.js";
import { getConfirmation } from "../ledger/confirmations.js";
import type { Db } from "../ledger/ledger.js";
import { getRun } from "../ledger/runs.js";

export interface BundleFile {
  role: "train" | "validation";
  /** Where the bundle expects the file, relative to its working folder. */
  bundlePath: string;
  sha256: string;
  /** The PASS audit the confirmation names for these bytes. */
  auditId: string;
  records: number;
}

export interface BundleInput {
  runId: string;
  confirmationId: string;
  configSha256: string;
  baseModel: string;
  /** Exactly the confirmed settings; unset ones take the runner's defaults, as in a local launch. */
  hyperparameters: Hyperparameters;
  train: BundleFile;
  validation: BundleFile | undefined;
}

const ConfirmedConfig = z.object({
  baseModel: z.string().min(1),
  hyperparameters: z.object({
    epochs: z.number().optional(),
    batchSize: z.number().optional(),
    learningRateMultiplier: z.number().optional(),
    learningRate: z.number().optional(),
    gradAccum: z.number().optional(),
    loraR: z.number().optional(),
    loraAlpha: z.number().optional(),
    loraDropout: z.number().optional(),
    targetModules: z.string().optional(),
    maxSeqLen: z.number().optional(),
    use4bit: z.boolean().optional(),
    packing: z.boolean().optional(),
    seed: z.number().optional(),
  }),
});

/**
 * The defaults of gpu-runner/cft_runner/args.py (DEFAULTS), for formats other than the runner's own that
 * must spell every setting out. test/export/bundle.test.ts checks this table against args.py.
 */
export const RUNNER_DEFAULTS = {
  epochs: 3,
  batchSize: 4,
  gradAccum: 4,
  learningRate: 2e-4,
  loraR: 16,
  loraAlpha: 32,
  loraDropout: 0.05,
  targetModules: "all-linear",
  maxSeqLen: 2048,
  seed: 42,
} as const;

/** The confirmed settings with the runner's defaults filled in: what the local run actually used. */
export function effectiveHyperparameters(h: Hyperparameters) {
  return {
    ...RUNNER_DEFAULTS,
    ...Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)),
    use4bit: h.use4bit === true,
    packing: h.packing === true,
  } as typeof RUNNER_DEFAULTS & { use4bit: boolean; packing: boolean };
}

const short = (sha: string) => sha.slice(0, 12);

/** Gathers and checks everything a bundle needs; refuses (GateError) what the local launcher would refuse. */
export function bundleInput(db: Db, runId: string, home: string): BundleInput {
  const run = getRun(db, runId);
  if (!run)
    throw new InputError(`no run "${runId}" in ${home}`, [], { hint: "List runs with `cft jobs list`." });
  if (run.provider !== "local")
    throw new GateError(
      `run ${runId} was confirmed for ${run.provider}, not local; a training bundle reproduces a local LoRA/QLoRA run only`,
      { hint: "Confirm a local plan with `cft finetune --provider local … --plan`, then `--yes`." },
    );
  const confirmation = getConfirmation(db, run.confirmationId);
  if (confirmation?.provider !== "local")
    throw new GateError(`run ${runId} has no local confirmation in the ledger; no bundle was written`, {
      hint: "Confirm the plan again with `cft finetune --provider local`.",
    });
  const parsed = ConfirmedConfig.safeParse(confirmation.config);
  if (!parsed.success)
    throw new GateError(`the confirmation of run ${runId} does not hold a readable training configuration`, {
      hint: "Confirm the plan again with `cft finetune --provider local`.",
    });

  const fileOf = (role: "train" | "validation"): BundleFile | undefined => {
    const confirmed = confirmation.files.find((f) => f.role === role);
    if (!confirmed) return undefined;
    const attestation = findAttestation(db, confirmed.sha256);
    if (!attestation)
      throw new GateError(
        `the ${role} file confirmed for run ${runId} (sha256 ${short(confirmed.sha256)}…) no longer carries a PASS attestation; no bundle was written`,
        { hint: `Audit the file again with \`cft audit ${confirmed.path}\`, then confirm a new plan.` },
      );
    return {
      role,
      bundlePath: `data/${role}.jsonl`,
      sha256: confirmed.sha256,
      auditId: confirmed.auditId,
      records: attestation.records,
    };
  };
  const train = fileOf("train");
  if (!train || train.sha256 !== run.trainSha256)
    throw new GateError(`the confirmation of run ${runId} does not cover the run's training file`, {
      hint: "The ledger looks inconsistent; confirm the plan again with `cft finetune`.",
    });
  const validation = fileOf("validation");
  if ((validation?.sha256 ?? null) !== run.validationSha256)
    throw new GateError(`the confirmation of run ${runId} does not cover the run's validation file`, {
      hint: "The ledger looks inconsistent; confirm the plan again with `cft finetune`.",
    });
  return {
    runId,
    confirmationId: confirmation.id,
    configSha256: confirmation.configSha256,
    baseModel: parsed.data.baseModel,
    hyperparameters: parsed.data.hyperparameters,
    train,
    validation,
  };
}
