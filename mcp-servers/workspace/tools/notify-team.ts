/** `notify_team`: a short message to the team's Slack channel, or the outbox when Slack is not configured. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { safeHandler } from "../../tool-result.js";
import { type WorkspaceDeps, withWorkspace } from "../deps.js";
import { EXTERNAL_ACTION, OutcomeOutput, outcomeResult } from "../schemas.js";

export function registerNotifyTeamTool(server: McpServer, deps: WorkspaceDeps): void {
  server.registerTool(
    "notify_team",
    {
      title: "Notify the team",
      description:
        "Post a short message to the team's Slack channel (SLACK_CHANNEL_ID) about a milestone or a concern: a data-prep plan, an audit result, a cost estimate, a job, an evaluation, a regression verdict. Counts, ids and verdicts only: the text is redacted before it leaves the machine, but never put record contents in it. Without Slack configured it is kept in the outbox. The action policy may require the user's approval first; the result says where the message went.",
      inputSchema: { text: z.string().min(1).max(3000).describe("the message, a few lines of plain text") },
      outputSchema: { outcome: OutcomeOutput },
      annotations: EXTERNAL_ACTION,
    },
    safeHandler(async ({ text }) =>
      withWorkspace(server, deps, async (ws) =>
        outcomeResult(await ws.act("notify_team", "slack", "notify", { text })),
      ),
    ),
  );
}
