/**
 * `cft finetune`: show the plan (files, hashes, attestations, model, hyperparameters, where it runs, the
 * estimate), ask for consent, record the confirmation, and start the job through the launch gate.
 * `--plan` stops after showing it; `--resume RUN` re-submits a confirmed run (the provider's job, if it
 * was created, is found rather than duplicated).
 */
import type { Command } from "commander";
import { z } from "zod";
import type { Config } from "../../config/config.js";
import { GateError, InputError } from "../../errors.js";
import { launchRun } from "../../finetune/launch.js";
import { confirmPlan, type LaunchPlan } from "../../finetune/launch-plan.js";
import type { LaunchRequest } from "../../finetune/launch-request.js";
import { planLaunch } from "../../finetune/plan-request.js";
import { createProvider } from "../../finetune/provider-factory.js";
import type { Provider } from "../../finetune/types.js";
import { getConfirmation } from "../../ledger/confirmations.js";
import type { Db } from "../../ledger/ledger.js";
import { openLedger } from "../../ledger/ledger.js";
import { findOpenRun, getRun, type RunView } from "../../ledger/runs.js";
import { announceFromCli } from "../announce.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { askConsent } from "../consent.js";
import { renderEstimate, table } from "../estimate-view.js";
import type { Output } from "../output.js";
import { addTrainingOptions, hyperparametersFrom, TrainingFlags } from "../training-flags.js";

const Flags = TrainingFlags.extend({
  yes: z.boolean().optional(),
  plan: z.boolean().optional(),
  suffix: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { message: "expected 1–40 letters, digits, - or _" })
    .optional(),
});

const ResumeFlags = z.object({
  resume: z.string().min(1),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

export function renderPlan(plan: LaunchPlan, existing?: RunView): string {
  const r = plan.request;
  const rows = plan.files.map((f) => [
    f.role,
    f.path,
    `sha256 ${f.sha256.slice(0, 16)}…`,
    f.attestation
      ? `attested by audit ${f.attestation.auditId.slice(0, 8)} (${f.attestation.createdAt.slice(0, 10)})`
      : "NOT ATTESTED",
  ]);
  const hp = Object.entries(r.hyperparameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  const lines = [
    `Fine-tune plan`,
    table([
      ["provider", `${r.provider}${r.trainingType ? ` (${r.trainingType})` : ""}: ${r.target}`],
      ["base model", r.baseModel],
      ["hyperparameters", hp || "provider defaults"],
    ]),
    "",
    "Dataset",
    table(rows),
    "",
    renderEstimate(plan.estimate),
    "",
    `Confirmation token: ${plan.token} (binds these file hashes, this configuration and this estimate)`,
  ];
  if (existing) lines.push(`Run ${existing.id} already exists for this exact plan (${existing.status}).`);
  return lines.join("\n");
}

async function planFor(db: Db, config: Config, flags: z.infer<typeof Flags>, out: Output) {
  const { ignored } = hyperparametersFrom(flags);
  if (ignored.length)
    out.note(`note: ${ignored.join(", ")} do not apply to --provider ${flags.provider}; ignored`);
  let provider: Provider | undefined;
  let target: string;
  try {
    provider = createProvider(flags.provider, config);
    target = provider.target;
  } catch (error) {
    if (!flags.plan) throw error;
    target = `not configured (${(error as Error).message})`;
  }
  return { plan: await planLaunch(db, config, flags, target), provider };
}

function summarize(run: RunView, existing: boolean): Record<string, unknown> {
  return {
    runId: run.id,
    existing,
    status: run.status,
    jobId: run.jobId,
    provider: run.provider,
    target: run.target,
    fineTunedModel: run.fineTunedModel,
    runDir: run.runDir,
  };
}

async function resume(raw: unknown): Promise<void> {
  const flags = parseFlags(ResumeFlags, raw);
  const ctx = createContext(flags);
  const db = openLedger(ctx.config.home);
  try {
    const run = getRun(db, flags.resume);
    const confirmation = run && getConfirmation(db, run.confirmationId);
    if (!run || !confirmation)
      throw new InputError(`no run "${flags.resume}" in ${ctx.config.home}`, [], {
        hint: "List runs with `cft jobs list`.",
      });
    const provider = createProvider(run.provider as LaunchRequest["provider"], ctx.config);
    const config = confirmation.config as Omit<LaunchRequest, "train" | "validation">;
    const train = confirmation.files.find((f) => f.role === "train")!;
    const validation = confirmation.files.find((f) => f.role === "validation");
    const request: LaunchRequest = {
      ...config,
      train: train.path,
      validation: validation?.path,
      target: provider.target,
    };
    const result = await launchRun(
      db,
      provider,
      { request, runId: run.id, confirmationId: confirmation.id, runDir: run.runDir },
      (m) => ctx.out.note(m),
    );
    ctx.out.say(
      `Run ${run.id}: ${result.run.status}${result.run.jobId ? ` (job ${result.run.jobId})` : ""}. Follow it with \`cft jobs watch ${run.id}\`.`,
    );
    ctx.out.result(summarize(result.run, result.existing));
  } finally {
    db.close();
  }
}

export function registerFinetune(program: Command): void {
  const command = program
    .command("finetune")
    .summary("show the plan and estimate, ask, then start the fine-tune through the gate")
    .description(
      "Start a fine-tune on audited data. Shows the plan — dataset files with their SHA-256 and attestations, base model, hyperparameters, where it runs, and the estimate — and asks for confirmation; --yes is explicit consent for scripts, and with no terminal and no --yes nothing starts (exit 3). The confirmation is recorded, bound to the file hashes, the configuration and the estimate. Right before submitting, the gate re-hashes every file and refuses (exit 3, nothing sent) a file without a PASS attestation for its current bytes or a plan that differs from the one confirmed. --plan shows the plan and exits; for --provider local it includes the runner's GPU memory plan and the exact training command.",
    );
  addTrainingOptions(command)
    .option("--suffix <text>", "name suffix for the fine-tuned model (default cft-<run>)")
    .option("--plan", "show the plan and estimate, start nothing")
    .option("--yes", "consent without a prompt (scripts, CI)");
  withCommonOptions(command, [
    "cft finetune --provider azure --base-model gpt-4.1-mini --train data/claims/train.jsonl --validation data/claims/test.jsonl",
    "cft finetune --provider local --base-model meta-llama/Llama-3.1-8B-Instruct --use-4bit --train data/claims/train.jsonl --plan --json",
    "cft finetune --provider openai --base-model gpt-4.1-mini --train data/claims/train.jsonl --yes --json",
    "cft finetune --resume run-20261122-1f3a9c0b",
  ]);
  command.option("--resume <run>", "re-submit a confirmed run instead (finds its job if one was created)");
  command.action(async (raw) => {
    if ((raw as { resume?: string }).resume) return resume(raw);
    const flags = parseFlags(Flags, raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    try {
      const { plan, provider } = await planFor(db, ctx.config, flags, ctx.out);
      const open = findOpenRun(db, plan.datasetKey, plan.configSha256);
      ctx.out.say(renderPlan(plan, open));
      if (flags.plan) {
        ctx.out.result({
          plan: { ...plan, request: plan.request },
          peakMemoryGb: plan.estimate.kind === "local" ? plan.estimate.plan.peakMemoryGb : null,
          command: plan.estimate.kind === "local" ? plan.estimate.plan.command : null,
        });
        return;
      }
      if (plan.unattested.length)
        throw new GateError(
          `no PASS attestation for the current bytes of ${plan.unattested.join(", ")}; nothing was sent`,
          {
            hint: `Run \`cft audit ${plan.unattested.join(" ")}\`: only files whose exact bytes passed the HIPAA audit can be trained on.`,
          },
        );
      if (!provider) throw new Error("provider not configured");
      if (open?.jobId) {
        ctx.out.say(
          `Already submitted: run ${open.id} is ${open.status} (job ${open.jobId}); not starting a second. Follow it with \`cft jobs watch ${open.id}\`.`,
        );
        ctx.out.result(summarize(open, true));
        return;
      }
      let runId: string;
      let confirmationId: string;
      let runDir: string;
      if (open && getConfirmation(db, open.confirmationId)?.estimateSha256 === plan.estimateSha256) {
        ({ id: runId, confirmationId, runDir } = open);
        ctx.out.note(`Resuming run ${runId}, confirmed earlier for this exact plan but not yet submitted.`);
      } else {
        // The team sees the estimate before anyone says yes to it.
        await announceFromCli(ctx, db, { kind: "estimate", estimate: plan.estimate });
        const method = await askConsent(
          `Start this fine-tune (${plan.request.provider}, estimated $${plan.estimate.kind === "hosted" ? plan.estimate.trainingCostUsd.toFixed(2) : plan.estimate.costUsd.toFixed(2)})?`,
          { yes: flags.yes, flagHint: "--yes" },
        );
        ({ runId, confirmationId, runDir } = confirmPlan(db, ctx.config.home, plan, method));
        ctx.out.note(`Confirmed (${method}): run ${runId}, confirmation ${confirmationId}.`);
      }
      const result = await launchRun(
        db,
        provider,
        { request: plan.request, runId, confirmationId, runDir },
        (m) => ctx.out.note(m),
      );
      ctx.out.say(
        `Run ${runId}: ${result.run.status}${result.run.jobId ? ` (job ${result.run.jobId})` : ""}. Follow it with \`cft jobs watch ${runId}\`.`,
      );
      if (result.run.jobId)
        await announceFromCli(ctx, db, { kind: "job_started", run: result.run, estimate: plan.estimate });
      ctx.out.result(summarize(result.run, result.existing));
    } finally {
      db.close();
    }
  });
}
