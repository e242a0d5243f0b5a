/**
 * `pull_request_create`: propose a training-configuration change as a pull request (branch, file commit,
 * PR), or — without GitHub — as a file in the workspace with an entry in the local issue log.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { proposeLocally } from "../../../src/integrations/local-pull-request.js";
import { safeHandler } from "../../tool-result.js";
import { type WorkspaceDeps, withWorkspace } from "../deps.js";
import { OutcomeOutput, outcomeResult } from "../schemas.js";

export function registerPullRequestCreateTool(server: McpServer, deps: WorkspaceDeps): void {
  server.registerTool(
    "pull_request_create",
    {
      title: "Propose a configuration change",
      description:
        "Open a pull request that commits one training-configuration file (hyperparameters, thresholds, a prompt) to a branch of CFT_GITHUB_REPO; idempotent: the same branch and content give the same PR. Without GitHub the file is written into the workspace under pull-requests/ and logged in the local issue log. Not for data files: datasets never go to GitHub. Content is redacted before it leaves the machine. The action policy may require the user's approval first.",
      inputSchema: {
        branch: z
          .string()
          .min(1)
          .max(200)
          .describe("e.g. cft/config-claims-v2 (created from base when missing)"),
        path: z.string().min(1).max(1000).describe("repository path, e.g. configs/claims-training.yaml"),
        content: z.string().max(500_000).describe("the file's full new content"),
        title: z.string().min(1).max(256),
        body: z.string().max(60_000).describe("why, in Markdown"),
        base: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe("base branch (default: the repository's default)"),
      },
      outputSchema: { outcome: OutcomeOutput, local_file: z.string().nullable() },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    safeHandler(async (input) =>
      withWorkspace(server, deps, async (ws) => {
        if (ws.configured.has("github"))
          return outcomeResult(await ws.act("pull_request_create", "github", "pull_request_create", input), {
            local_file: null,
          });
        const made = proposeLocally(ws.db, ws.config.home, input);
        return outcomeResult(
          {
            action: "pull_request_create",
            channel: "github",
            service: null,
            status: "not_configured",
            ref: `#${made.issue}`,
            outboxId: null,
            summary: `GitHub is not configured: the change is ${made.file}, logged as local issue #${made.issue}.`,
          },
          { local_file: made.file },
        );
      }),
    ),
  );
}
