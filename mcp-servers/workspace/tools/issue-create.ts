/** `issue_create`: a GitHub issue in CFT_GITHUB_REPO, or one in the local issue log without GitHub. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { TRACKING_LABELS } from "../../../src/integrations/github-tracker.js";
import { safeHandler } from "../../tool-result.js";
import { type WorkspaceDeps, withWorkspace } from "../deps.js";
import { EXTERNAL_ACTION, OutcomeOutput, outcomeResult } from "../schemas.js";

export function registerIssueCreateTool(server: McpServer, deps: WorkspaceDeps): void {
  server.registerTool(
    "issue_create",
    {
      title: "Create an issue",
      description: `Open a workflow issue (a data problem to fix, a follow-up, a failed regression to investigate) in the project's GitHub repository, or in the local issue log when GitHub is not configured. Not for step-by-step progress: use issue_comment without an issue number to comment on the project's tracking issue. Title and body are redacted before they leave the machine. Labels: ${TRACKING_LABELS.join(", ")} or any existing label. The action policy may require the user's approval first.`,
      inputSchema: {
        title: z.string().min(1).max(256),
        body: z.string().max(60_000).describe("Markdown"),
        labels: z.array(z.string().min(1).max(50)).max(10).optional(),
      },
      outputSchema: { outcome: OutcomeOutput },
      annotations: EXTERNAL_ACTION,
    },
    safeHandler(async ({ title, body, labels }) =>
      withWorkspace(server, deps, async (ws) => outcomeResult(await ws.createIssue({ title, body, labels }))),
    ),
  );
}
