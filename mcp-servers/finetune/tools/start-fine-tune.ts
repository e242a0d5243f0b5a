/**
 * `start_fine_tune`: the plan exactly as `cft finetune` builds it, the user's consent (elicitation, or the
 * token from estimate_cost), a confirmation recorded in the ledger, then the launch gate: every file's
 * bytes re-hashed and matched to a PASS attestation and to the confirmation before anything is sent.
 * Idempotent: an open run of the same dataset bytes and configuration is returned, not duplicated.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { estimateCostUsd } from "../../../src/cost/estimate.js";
import { launchRun } from "../../../src/finetune/launch.js";
import { confirmPlan, type LaunchPlan } from "../../../src/finetune/launch-plan.js";
import { planLaunch } from "../../../src/finetune/plan-request.js";
import type { Provider } from "../../../src/finetune/types.js";
import { getConfirmation } from "../../../src/ledger/confirmations.js";
import type { Db } from "../../../src/ledger/ledger.js";
import { findOpenRun, type RunView } from "../../../src/ledger/runs.js";
import { ok, refuse, safeHandler } from "../../tool-result.js";
import { obtainConsent } from "../consent.js";
import { type FinetuneDeps, withLedger } from "../deps.js";
import { costLine } from "../plan-summary.js";
import { describeRun, ignoredNotes, RunOutput, runOutput, settingsFrom, trainingShape } from "../schemas.js";
import { tellTeam } from "../team.js";

const inputSchema = {
  ...trainingShape,
  confirmation: z
    .string()
    .min(1)
    .optional()
    .describe(
      "for hosts without elicitation: the token estimate_cost returned for these exact arguments, passed only after the user agreed to that estimate",
    ),
};

const outputSchema = {
  run: RunOutput,
  existing: z.boolean().describe("true when this plan already had a run: it was returned, not started again"),
  confirmationMethod: z
    .string()
    .describe("how the user consented: mcp-elicitation, mcp-token, tty, yes-flag…"),
  estimatedCostUsd: z.number(),
  notes: z.array(z.string()),
};

type Launch = { run: RunView; existing: boolean; method: string; notes: string[] };

/** Launches in progress in this process, by run id: a second call for the same run waits for the first. */
const inFlight = new Map<string, Promise<Launch>>();

/** Submits a confirmed run through the gate (a job already created for it is found, not duplicated). */
function launch(
  db: Db,
  provider: Provider,
  plan: LaunchPlan,
  ids: { runId: string; confirmationId: string; runDir: string },
  method: string,
): Promise<Launch> {
  const running = inFlight.get(ids.runId);
  if (running) return running.then((l) => ({ ...l, existing: true, notes: [] }));
  const notes: string[] = [];
  const started = launchRun(db, provider, { request: plan.request, ...ids }, (m) => notes.push(m))
    .then((result) => ({ run: result.run, existing: result.existing, method, notes }))
    .finally(() => inFlight.delete(ids.runId));
  inFlight.set(ids.runId, started);
  return started;
}

/**
 * The open run of this exact plan that needs no new consent: already submitted, or confirmed for this
 * very estimate but not submitted (a crash, a failed submit). Synchronous, so that checking for it and
 * confirming a new run happen with nothing in between.
 */
function openRunFor(db: Db, plan: LaunchPlan): { run: RunView; method: string } | undefined {
  const open = findOpenRun(db, plan.datasetKey, plan.configSha256);
  if (!open) return undefined;
  const confirmation = getConfirmation(db, open.confirmationId);
  if (!open.jobId && confirmation?.estimateSha256 !== plan.estimateSha256) return undefined;
  return { run: open, method: confirmation?.method ?? "unknown" };
}

async function continueRun(
  db: Db,
  provider: Provider,
  plan: LaunchPlan,
  open: { run: RunView; method: string },
): Promise<Launch> {
  if (open.run.jobId) return { run: open.run, existing: true, method: open.method, notes: [] };
  const ids = { runId: open.run.id, confirmationId: open.run.confirmationId, runDir: open.run.runDir };
  const launched = await launch(db, provider, plan, ids, open.method);
  const note = `run ${open.run.id} was confirmed earlier for this exact plan but not submitted; submitted it now`;
  return { ...launched, existing: true, notes: [note, ...launched.notes] };
}

export function registerStartFineTuneTool(server: McpServer, deps: FinetuneDeps): void {
  server.registerTool(
    "start_fine_tune",
    {
      title: "Start a fine-tune",
      description:
        "Start a fine-tune on audited data, after the user agreed to the plan and estimate. Refuses files without a PASS attestation for their current bytes (call audit_dataset) and anything the user has not confirmed: where the host supports elicitation the user is asked here with the plan shown; otherwise pass `confirmation`, the token estimate_cost returned for these same arguments, only after the user agreed to that estimate. Calling it again for the same files and configuration returns the run already started instead of starting a second. It does not wait for training: follow the run with get_fine_tune.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    safeHandler(async (args, extra) => {
      const settings = settingsFrom(args);
      const provider = deps.createProvider(settings.provider, deps.config);
      return withLedger(deps, async (db) => {
        const plan = await planLaunch(db, deps.config, settings, provider.target);
        if (plan.unattested.length)
          return refuse(
            `No PASS attestation for the current bytes of ${plan.unattested.join(", ")}; nothing was started. Call audit_dataset on ${plan.unattested.length === 1 ? "it" : "them"}: only files whose exact bytes passed the HIPAA audit can be trained on. If the audit fails, the data carries PHI and must not be used.`,
          );
        let outcome: Launch;
        const open = openRunFor(db, plan);
        if (open) outcome = await continueRun(db, provider, plan, open);
        else {
          const consent = await obtainConsent(server, plan, args.confirmation, extra.signal);
          if ("refusal" in consent) return consent.refusal;
          // Another call may have confirmed this plan while the user was deciding.
          const meanwhile = openRunFor(db, plan);
          if (meanwhile) outcome = await continueRun(db, provider, plan, meanwhile);
          else {
            const ids = confirmPlan(db, deps.config.home, plan, consent.method);
            outcome = await launch(db, provider, plan, ids, consent.method);
          }
        }
        const { run, existing, method } = outcome;
        const notes = [...ignoredNotes(settings), ...outcome.notes];
        if (!existing && run.jobId)
          notes.push(
            ...(await tellTeam(server, deps, db, { kind: "job_started", run, estimate: plan.estimate })),
          );
        const head = existing
          ? `Already started for these exact files and configuration: ${describeRun(run)}. Not starting a second.`
          : `Started (${method}): ${describeRun(run)}. Estimated ${costLine(plan)}.`;
        const follow = `Follow it with get_fine_tune {"run_id": "${run.id}"}.`;
        const text = [`${head} ${follow}`, ...notes.map((n) => `note: ${n}`)].join("\n");
        return ok(
          {
            run: runOutput(run),
            existing,
            confirmationMethod: method,
            estimatedCostUsd: estimateCostUsd(plan.estimate),
            notes,
          },
          text,
        );
      });
    }),
  );
}
