/**
 * `rollout_status`: where a model family stands after training — the version in production, the traffic
 * split between baseline and candidate, the online comparison (error rates, latency, outcome labels, with
 * intervals) and scheduled retraining (approval, budget, latest cycle). Read-only: promotion, routing and
 * retraining stay with the user's own commands (`cft route promote`, `cft models promote`, `cft retrain`),
 * whose gates no tool argument can pass.
 */
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { Config } from "../../src/config/config.js";
import { isMachineTimestamp } from "../../src/integrations/outbox.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { redactDeep } from "../../src/phi/redact-deep.js";
import { rolloutStatus } from "../../src/rollout/status.js";
import { refuseExtraArguments } from "./pipeline-runner.js";

export const RolloutStatusArgs = z.strictObject(
  {
    family: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: "a model family name like claims-adjudication" })
      .describe("the model family, e.g. claims-adjudication"),
  },
  { error: refuseExtraArguments("rollout_status") },
);

export const ROLLOUT_STATUS_DESCRIPTION =
  "Where a model family's rollout stands: the registry's versions and the one in production, the live A/B traffic split, the online comparison of the variants so far (error rate, latency percentiles, outcome labels such as overturned claims, with 95% intervals and differences), and scheduled retraining (standing approval, this month's spend against the cap, the latest cycle). Use it when the user asks how a candidate is doing in production, what is deployed, or whether retraining ran. It changes nothing; promotion and rollback are the user's commands (`cft route promote`, `cft route rollback`).";

export function rolloutStatusTool(config: Config) {
  return tool(
    async ({ family }: z.infer<typeof RolloutStatusArgs>) => {
      const db = openLedger(config.home);
      try {
        return JSON.stringify(redactDeep(rolloutStatus(db, family), { keep: isMachineTimestamp }));
      } finally {
        db.close();
      }
    },
    { name: "rollout_status", description: ROLLOUT_STATUS_DESCRIPTION, schema: RolloutStatusArgs },
  );
}
