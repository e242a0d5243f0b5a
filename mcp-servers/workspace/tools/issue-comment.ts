/**
 * `issue_comment`: a comment on an issue, or — without an issue number — on the project's tracking issue
 * (opened by the first comment), where each completed step is recorded.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { TRACKING_LABELS } from "../../../src/integrations/github-tracker.js";
import { safeHandler } from "../../tool-result.js";
import { type WorkspaceDeps, withWorkspace } from "../deps.js";
import { EXTERNAL_ACTION, OutcomeOutput, outcomeResult } from "../schemas.js";

export function registerIssueCommentTool(server: McpServer, deps: WorkspaceDeps): void {
  server.registerTool(
    "issue_comment",
    {
      title: "Comment on an issue",
      description:
        "Record a completed step (data prepared, audit passed, job started, evaluation ready, regression verdict) as a comment on the project's tracking issue — leave `issue` out for that — or comment on a given issue. GitHub when configured, the local issue log otherwise (local issue numbers). The body is redacted before it leaves the machine. The action policy may require the user's approval first.",
      inputSchema: {
        body: z.string().min(1).max(60_000).describe("Markdown"),
        issue: z.number().int().min(1).optional().describe("the issue number; omit for the tracking issue"),
        stage: z
          .enum(TRACKING_LABELS)
          .optional()
          .describe("for the tracking issue: the stage label the step belongs to"),
      },
      outputSchema: { outcome: OutcomeOutput },
      annotations: EXTERNAL_ACTION,
    },
    safeHandler(async ({ body, issue, stage }) =>
      withWorkspace(server, deps, async (ws) =>
        outcomeResult(
          issue === undefined
            ? await ws.trackingComment(body, stage ? [stage] : [])
            : await ws.commentIssue(issue, body),
        ),
      ),
    ),
  );
}
