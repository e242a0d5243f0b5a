/**
 * `cft mcp workspace`: tracking, documents, notifications and workflow issues as MCP tools —
 * tracker_append_row, tracker_list_rows, document_create, notify_team, issue_create, issue_comment,
 * pull_request_create. Each goes to the real service when configured (Google Sheets, Google Docs, Slack,
 * GitHub) and to the embedded default otherwise, and says which. A thin shell over src/integrations: the
 * redaction, the action policy and the outbox are the same code the CLI uses.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Config } from "../../src/config/config.js";
import type { SenderOptions } from "../../src/integrations/senders.js";
import { SERVER_VERSION } from "../server-info.js";
import type { WorkspaceDeps } from "./deps.js";
import { registerDocumentCreateTool } from "./tools/document-create.js";
import { registerIssueCommentTool } from "./tools/issue-comment.js";
import { registerIssueCreateTool } from "./tools/issue-create.js";
import { registerNotifyTeamTool } from "./tools/notify-team.js";
import { registerPullRequestCreateTool } from "./tools/pull-request-create.js";
import { registerTrackerAppendRowTool } from "./tools/tracker-append-row.js";
import { registerTrackerListRowsTool } from "./tools/tracker-list-rows.js";

export const WORKSPACE_INSTRUCTIONS = `The team's workspace for a clinical fine-tuning project: tracking sheets, documents, Slack, GitHub.
- The product already records every milestone (tracking rows, a Slack message, a comment on the project's tracking issue). Use these tools for what it cannot know, and to answer questions from the tracking sheets (tracker_list_rows).
- Each action goes to the real service when configured and to an embedded default otherwise (the ledger, Markdown files, the outbox, the local issue log); every result says where it went.
- Sending, opening issues or PRs and creating documents are external actions: the user's action policy may require their approval (asked through the host when it supports forms, otherwise it waits in the outbox for \`cft outbox send\`). When a result says it awaits approval, tell the user; do not retry.
- Text is redacted before it leaves the machine, but never put patient records or their contents in a message, issue, row or document.`;

export interface WorkspaceServerOptions {
  /** Retry and pacing options of the service clients (tests make them fast). */
  senders?: SenderOptions;
}

export function createWorkspaceServer(config: Config, options: WorkspaceServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: "cft-workspace", title: "Clinical Fine-Tuner: workspace", version: SERVER_VERSION },
    { instructions: WORKSPACE_INSTRUCTIONS },
  );
  const deps: WorkspaceDeps = { config, senders: options.senders };
  for (const register of [
    registerTrackerAppendRowTool,
    registerTrackerListRowsTool,
    registerDocumentCreateTool,
    registerNotifyTeamTool,
    registerIssueCreateTool,
    registerIssueCommentTool,
    registerPullRequestCreateTool,
  ])
    register(server, deps);
  return server;
}
