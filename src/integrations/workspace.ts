/**
 * The workspace layer: every external action the product takes — a Slack message, a comment on the
 * project's tracking issue, an issue, a pull request, a tracking-sheet row, a Google Doc — goes through
 * here, and each says where it went.
 *
 *  1. It is recorded locally first, redacted: the outbox (Slack, Sheets, Docs, and GitHub when
 *     configured), the local issue log (GitHub's embedded default), the ledger's tracking rows (always).
 *  2. If the service is configured, the action policy decides: `never` declines, `auto` approves, `ask`
 *     asks the approver given (a terminal, an MCP elicitation, a graph interrupt) or, with none, leaves it
 *     awaiting approval for `cft outbox send`.
 *  3. Approved entries are delivered at once, oldest first per channel; a failure leaves them pending.
 *
 * Nothing here throws because a service is down: the outcome says so, and the entry waits.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config/config.js";
import type { Document } from "../docs/document.js";
import { InputError } from "../errors.js";
import { recordDocumentLink } from "../ledger/document-links.js";
import type { Db } from "../ledger/ledger.js";
import { commentLocalIssue, createLocalIssue, localTrackingIssue } from "../ledger/local-issues.js";
import { appendTrackerRow } from "../ledger/tracker-rows.js";
import { redact } from "../phi/redact.js";
import { type ActionOutcome, actionOf, localOutcome, outcomeOf, preview } from "./action-outcome.js";
import { ACTION_LABELS, type Action, type ActionPolicy, loadPolicy } from "./action-policy.js";
import {
  decide,
  enqueue,
  flushOutbox,
  getEntry,
  type OutboxChannel,
  type Sender,
  undeliveredEntries,
} from "./outbox.js";
import type { OutboxAction, OutboxPayload } from "./outbox-actions.js";
import { configuredChannels, createSenders, SERVICE_NAMES, type SenderOptions } from "./senders.js";
import { SHEETS, type SheetCell, type SheetKey } from "./sheet-columns.js";
import { trackingIssueTitle } from "./tracking-issue.js";

export type ApprovalAnswer = "approved" | "declined" | "deferred";

export interface ApprovalRequest {
  action: Action;
  /** The service, e.g. "Slack". */
  service: string;
  /** One line: what would be done, e.g. "post a message to Slack". */
  summary: string;
  /** What would be sent (already redacted), short. */
  preview: string;
}

/** Asks a person; `method` is recorded with the answer (e.g. "cli:tty", "mcp-elicitation"). */
export type Approver = (request: ApprovalRequest) => Promise<{ answer: ApprovalAnswer; method: string }>;

export type { ActionOutcome, OutcomeStatus } from "./action-outcome.js";
export { actionOf } from "./action-outcome.js";

export interface WorkspaceOptions {
  approver?: Approver;
  senders?: SenderOptions;
}

export interface Workspace {
  config: Config;
  db: Db;
  policy: ActionPolicy;
  configured: ReadonlySet<OutboxChannel>;
  /** The project's name: it titles the tracking issue. */
  project: string;
  /** Records an action in the outbox, decides by the policy, and delivers it when approved. */
  act<C extends OutboxChannel, A extends OutboxAction<C>>(
    action: Action,
    channel: C,
    outboxAction: A,
    payload: OutboxPayload<C, A>,
    options?: { keepTimestamps?: boolean },
  ): Promise<ActionOutcome>;
  /** Approves and delivers entries that wait (all that wait, or IDS), recording METHOD as the approval. */
  deliver(method: string, ids?: readonly string[], channel?: OutboxChannel): Promise<ActionOutcome[]>;
  appendRow(sheet: SheetKey, cells: SheetCell[], source?: string | null): Promise<ActionOutcome>;
  createIssue(issue: { title: string; body: string; labels?: string[] }): Promise<ActionOutcome>;
  commentIssue(issue: number, body: string): Promise<ActionOutcome>;
  trackingComment(body: string, labels: string[]): Promise<ActionOutcome>;
  /**
   * Records where a document about SUBJECT lives (its Markdown file, always) and, with Google Docs
   * configured, queues the Google Doc; its URL joins the link once it exists.
   */
  createDocument(doc: {
    subject: string;
    kind: string;
    path: string;
    document: Document;
  }): Promise<ActionOutcome>;
}

export const DEFAULT_PROJECT = "clinical-fine-tune";

export function openWorkspace(config: Config, db: Db, options: WorkspaceOptions = {}): Workspace {
  const policy = loadPolicy(config);
  const configured = configuredChannels(config);
  const project = config.env.CFT_PROJECT ?? DEFAULT_PROJECT;
  const senderCache = new Map<OutboxChannel, Promise<Sender | undefined>>();

  const senderFor = (channel: OutboxChannel) => {
    let sender = senderCache.get(channel);
    if (!sender) {
      sender = createSenders(config, options.senders, [channel]).then((s) => s[channel]);
      senderCache.set(channel, sender);
    }
    return sender;
  };

  const log = (channel: string, action: string, payload: unknown) => {
    try {
      appendFileSync(
        join(config.home, "outbox.log"),
        `${new Date().toISOString()} ${channel}/${action} ${preview(payload).replace(/\s+/g, " ")}\n`,
      );
    } catch {
      // The log is a convenience copy of the outbox table; the table is the record.
    }
  };

  async function flushChannel(channel: OutboxChannel): Promise<void> {
    const sender = await senderFor(channel);
    if (sender) await flushOutbox(db, { [channel]: sender });
  }

  async function act<C extends OutboxChannel, A extends OutboxAction<C>>(
    action: Action,
    channel: C,
    outboxAction: A,
    payload: OutboxPayload<C, A>,
    opts: { keepTimestamps?: boolean } = {},
  ): Promise<ActionOutcome> {
    const entry = enqueue(db, channel, outboxAction, payload, opts);
    log(channel, outboxAction, entry.payload);
    if (!configured.has(channel)) return outcomeOf(entry, action, false);
    const rule = policy[action];
    if (rule === "never") decide(db, entry.id, "declined", "policy:never");
    else if (rule === "auto") decide(db, entry.id, "approved", "policy:auto");
    else if (options.approver) {
      const { answer, method } = await options.approver({
        action,
        service: SERVICE_NAMES[channel],
        summary: ACTION_LABELS[action],
        preview: preview(entry.payload),
      });
      if (answer !== "deferred") decide(db, entry.id, answer, method);
    }
    if (getEntry(db, entry.id)?.status === "pending") await flushChannel(channel);
    return outcomeOf(getEntry(db, entry.id)!, action, true);
  }

  async function deliver(method: string, ids?: readonly string[], channel?: OutboxChannel) {
    const waiting = undeliveredEntries(db, channel).filter((e) => !ids || ids.includes(e.id));
    const missing = ids?.filter((id) => !waiting.some((e) => e.id === id)) ?? [];
    if (missing.length)
      throw new InputError(`no undelivered outbox entry ${missing.join(", ")}`, [], {
        hint: "List what waits with `cft outbox --pending`.",
      });
    for (const e of waiting)
      if (e.status === "awaiting_approval" && configured.has(e.channel)) decide(db, e.id, "approved", method);
    for (const c of new Set(waiting.map((e) => e.channel))) if (configured.has(c)) await flushChannel(c);
    return waiting.map((e) => outcomeOf(getEntry(db, e.id)!, actionOf(e), configured.has(e.channel)));
  }

  const ws: Workspace = {
    config,
    db,
    policy,
    configured,
    project,
    act,
    deliver,
    async appendRow(sheet, cells, source = null) {
      const row = appendTrackerRow(db, sheet, cells, source);
      if (!row.created)
        return {
          action: "tracker_append_row",
          channel: "sheets",
          service: null,
          status: "recorded",
          ref: null,
          outboxId: null,
          summary: `Already recorded in "${SHEETS[sheet]}" (${source}); not appended twice.`,
        };
      return act("tracker_append_row", "sheets", "append_row", { sheet, cells }, { keepTimestamps: true });
    },
    async createIssue({ title, body, labels = [] }) {
      if (configured.has("github"))
        return act("issue_create", "github", "issue_create", { title, body, labels });
      const issue = createLocalIssue(db, { title: redact(title), body: redact(body), labels });
      log("github", "issue_create", { title: issue.title });
      return localOutcome("issue_create", `local issue #${issue.number}`, `#${issue.number}`);
    },
    async commentIssue(issue, body) {
      if (configured.has("github")) return act("issue_comment", "github", "issue_comment", { issue, body });
      const made = commentLocalIssue(db, issue, redact(body));
      if (!made)
        throw new InputError(`no issue #${issue} in the local issue log`, [], {
          hint: "GitHub is not configured, so issues live in the local issue log; create one with issue_create first.",
        });
      log("github", "issue_comment", { body });
      return localOutcome("issue_comment", `a comment on local issue #${issue}`, `#${issue}/${made.id}`);
    },
    async trackingComment(body, labels) {
      const opening = `Tracking issue of the clinical fine-tuning project "${project}", kept by Clinical Fine-Tuner: one comment per completed step.`;
      if (configured.has("github"))
        return act("issue_comment", "github", "tracking_comment", { project, opening, body, labels });
      const issue = localTrackingIssue(db, project, {
        title: trackingIssueTitle(project),
        body: opening,
        labels: ["clinical-finetune", ...labels],
      });
      const made = commentLocalIssue(db, issue.number, redact(body))!;
      log("github", "tracking_comment", { body });
      return localOutcome(
        "issue_comment",
        `a comment on local tracking issue #${issue.number}`,
        `#${issue.number}/${made.id}`,
      );
    },
    async createDocument({ subject, kind, path, document }) {
      if (!configured.has("docs")) {
        recordDocumentLink(db, { subject, kind, path });
        return {
          action: "document_create",
          channel: "docs",
          service: null,
          status: "not_configured",
          ref: path,
          outboxId: null,
          summary: `Google Docs is not configured: the document is the Markdown file ${path}.`,
        };
      }
      const outcome = await act("document_create", "docs", "document_create", { document });
      recordDocumentLink(db, { subject, kind, path, outboxId: outcome.outboxId });
      return outcome;
    },
  };
  return ws;
}
