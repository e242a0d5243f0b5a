/**
 * One sender per configured service, for `flushOutbox`: each reads an entry's checked payload and calls
 * the service's client (which redacts again, the last step before the wire). The SDKs are imported only
 * when a service is configured, so a laptop without credentials never loads them.
 */
import type { Config } from "../config/config.js";
import type { GitHubClientOptions } from "./github-client.js";
import type { OutboxChannel, OutboxEntry, Sender } from "./outbox.js";
import { parsePayload } from "./outbox-actions.js";
import type { SlackNotifierOptions } from "./slack.js";

/** Where each channel goes when configured, in words for messages and tool results. */
export const SERVICE_NAMES: Record<OutboxChannel, string> = {
  slack: "Slack",
  github: "GitHub",
  sheets: "Google Sheets",
  docs: "Google Docs",
};

/** What each channel falls back to when its service is not configured. */
export const EMBEDDED_DEFAULTS: Record<OutboxChannel, string> = {
  slack: "the outbox (cft outbox)",
  github: "the local issue log (cft outbox --channel github)",
  sheets: "the ledger's tracking rows (cft sheets show)",
  docs: "Markdown in the workspace",
};

/** The channels whose service has its credentials and destination set. */
export function configuredChannels(config: Config): Set<OutboxChannel> {
  const e = config.env;
  const out = new Set<OutboxChannel>();
  if (e.SLACK_BOT_TOKEN && e.SLACK_CHANNEL_ID) out.add("slack");
  if (e.GITHUB_TOKEN && e.CFT_GITHUB_REPO) out.add("github");
  if (e.GOOGLE_APPLICATION_CREDENTIALS && e.CFT_SHEET_ID) out.add("sheets");
  if (e.GOOGLE_APPLICATION_CREDENTIALS && e.CFT_DOCS_FOLDER_ID) out.add("docs");
  return out;
}

export interface SenderOptions {
  slack?: SlackNotifierOptions;
  github?: GitHubClientOptions;
}

const unknownAction = (entry: OutboxEntry): never => {
  throw new Error(`outbox entry ${entry.id}: no ${entry.channel} action "${entry.action}"`);
};

async function slackSender(config: Config, opts: SenderOptions): Promise<Sender | undefined> {
  const { createSlackNotifier } = await import("./slack.js");
  const slack = createSlackNotifier(config, opts.slack);
  if (!slack) return undefined;
  return async (entry) => {
    const { text, blocks } = parsePayload(entry, "slack", "notify");
    const posted = await slack.post({ text, ...(blocks ? { blocks } : {}) });
    return `${posted.channel}/${posted.ts}`;
  };
}

async function githubSender(config: Config, opts: SenderOptions): Promise<Sender | undefined> {
  const { createGitHubTracker } = await import("./github.js");
  const github = createGitHubTracker(config, opts.github);
  if (!github) return undefined;
  // After a crash between GitHub's answer and our record, the comment may be there already: look first.
  const commentOnce = async (issue: number, body: string, uncertain: boolean) =>
    ((uncertain && (await github.findComment(issue, body))) || (await github.comment(issue, body))).url;
  return async (entry, attempt) => {
    switch (entry.action) {
      case "tracking_comment": {
        const p = parsePayload(entry, "github", "tracking_comment");
        const issue = await github.trackingIssue(p.project, p.opening, p.labels);
        return commentOnce(issue.number, p.body, attempt.uncertain);
      }
      case "issue_create": {
        const p = parsePayload(entry, "github", "issue_create");
        return (await github.createIssue(p.title, p.body, p.labels)).url;
      }
      case "issue_comment": {
        const p = parsePayload(entry, "github", "issue_comment");
        return commentOnce(p.issue, p.body, attempt.uncertain);
      }
      case "pull_request_create":
        return (await github.configPullRequest(parsePayload(entry, "github", "pull_request_create"))).url;
      default:
        return unknownAction(entry);
    }
  };
}

async function sheetsSender(config: Config): Promise<Sender | undefined> {
  const { createSheetsTracker } = await import("./sheets.js");
  const sheets = createSheetsTracker(config);
  if (!sheets) return undefined;
  return async (entry, attempt) => {
    const p = parsePayload(entry, "sheets", "append_row");
    // After a crash between Google's success and our record, the row may be there already: look first.
    if (attempt.uncertain) {
      const found = await sheets.findRow(p.sheet, p.cells);
      if (found) return found;
    }
    return (await sheets.appendRows(p.sheet, [p.cells])).updatedRange;
  };
}

async function docsSender(config: Config): Promise<Sender | undefined> {
  const { findDocument, publishDocument } = await import("./google-docs.js");
  return async (entry, attempt) => {
    const { document } = parsePayload(entry, "docs", "document_create");
    // Each document carries its entry's id, so a retry after a crash finds it instead of making another.
    const earlier = attempt.uncertain ? await findDocument(config, entry.id) : null;
    if (earlier) return earlier.url;
    const published = await publishDocument(config, document, { key: entry.id });
    if (!published)
      throw new Error("Google Docs is not configured (GOOGLE_APPLICATION_CREDENTIALS, CFT_DOCS_FOLDER_ID)");
    return published.url;
  };
}

/** Senders for the configured channels among WANTED (all configured ones by default). */
export async function createSenders(
  config: Config,
  opts: SenderOptions = {},
  wanted: Iterable<OutboxChannel> = configuredChannels(config),
): Promise<Partial<Record<OutboxChannel, Sender>>> {
  const configured = configuredChannels(config);
  const out: Partial<Record<OutboxChannel, Sender>> = {};
  for (const channel of new Set(wanted)) {
    if (!configured.has(channel)) continue;
    const sender =
      channel === "slack"
        ? await slackSender(config, opts)
        : channel === "github"
          ? await githubSender(config, opts)
          : channel === "sheets"
            ? await sheetsSender(config)
            : await docsSender(config);
    if (sender) out[channel] = sender;
  }
  return out;
}
