/**
 * `estimate_cost`: the cost, time and memory of a fine-tune before anything is confirmed, the files'
 * hashes and attestations, and the confirmation token bound to exactly these files, this configuration
 * and this estimate: what a host without elicitation passes to start_fine_tune once the user agreed.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { renderEstimate } from "../../../src/cli/estimate-view.js";
import { estimateCostUsd } from "../../../src/cost/estimate.js";
import { planLaunch } from "../../../src/finetune/plan-request.js";
import { describeError, ok, safeHandler } from "../../tool-result.js";
import { type FinetuneDeps, withLedger } from "../deps.js";
import { costLine, describePlan, PlannedFileOutput, plannedFiles } from "../plan-summary.js";
import { ignoredNotes, settingsFrom, trainingShape } from "../schemas.js";

const outputSchema = {
  provider: z.string(),
  baseModel: z.string(),
  target: z.string().nullable().describe("where the job would run; null when the provider is not configured"),
  costUsd: z.number().describe("estimated training cost in USD"),
  estimate: z
    .looseObject({ kind: z.enum(["hosted", "local"]) })
    .describe("the full estimate, as `cft estimate --json` prints it"),
  files: z.array(PlannedFileOutput),
  confirmation: z
    .string()
    .nullable()
    .describe(
      "token for start_fine_tune's `confirmation`, to pass only after the user agreed to this estimate",
    ),
  readyToStart: z.boolean().describe("every file attested and the provider configured"),
  notes: z.array(z.string()),
};

export function registerEstimateCostTool(server: McpServer, deps: FinetuneDeps): void {
  server.registerTool(
    "estimate_cost",
    {
      title: "Estimate a fine-tune",
      description:
        "What a fine-tune would cost before anything starts: hosted (openai, azure) from billed tokens × a dated price table; local from gpu-runner's memory and time plan × $/GPU-hour. Also hashes the dataset files, says whether each is attested by a PASS audit, and returns the `confirmation` token bound to these exact files, this configuration and this estimate. Show the user the estimate and pass the token to start_fine_tune only after they agree; any change to the files or arguments needs a new estimate. Sends nothing anywhere and starts nothing.",
      inputSchema: trainingShape,
      outputSchema,
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    safeHandler(async (args) => {
      const settings = settingsFrom(args);
      const notes = ignoredNotes(settings);
      let target: string | null = null;
      try {
        target = deps.createProvider(settings.provider, deps.config).target;
      } catch (error) {
        notes.push(
          `provider ${settings.provider} is not configured, so no confirmation token was issued and start_fine_tune will refuse until it is. ${describeError(error)}`,
        );
      }
      return withLedger(deps, async (db) => {
        const plan = await planLaunch(db, deps.config, settings, target ?? "not configured");
        for (const path of plan.unattested)
          notes.push(`${path} is not attested: call audit_dataset on it before start_fine_tune`);
        const readyToStart = target !== null && plan.unattested.length === 0;
        const structured = {
          provider: settings.provider,
          baseModel: settings.baseModel,
          target,
          costUsd: estimateCostUsd(plan.estimate),
          estimate: plan.estimate,
          files: plannedFiles(plan),
          confirmation: target === null ? null : plan.token,
          readyToStart,
          notes,
        };
        const next = readyToStart
          ? "Show the user this plan and estimate. Only if they agree, call start_fine_tune with the same arguments and confirmation set to the token above (a host with elicitation asks the user itself)."
          : "Not ready to start: see the notes.";
        const text = [
          `Estimate: ${costLine(plan)}`,
          describePlan(plan, { token: target !== null }),
          "",
          renderEstimate(plan.estimate),
          ...(notes.length ? ["", "Notes:", ...notes.map((n) => `- ${n}`)] : []),
          "",
          next,
        ].join("\n");
        return ok(structured, text);
      });
    }),
  );
}
