/**
 * What an external action came to — sent, waiting for approval, declined, kept in the embedded default,
 * failed and waiting, or recorded before — with a sentence saying where it went, for people and models.
 */
import { ACTION_LABELS, type Action } from "./action-policy.js";
import type { OutboxChannel, OutboxEntry } from "./outbox.js";
import { EMBEDDED_DEFAULTS, SERVICE_NAMES } from "./senders.js";

export type OutcomeStatus =
  | "sent"
  | "awaiting_approval"
  | "declined"
  | "not_configured"
  | "failed"
  | "recorded";

export interface ActionOutcome {
  action: Action;
  channel: OutboxChannel;
  /** The service it went (or would go) to, or null when it stayed in the embedded default. */
  service: string | null;
  status: OutcomeStatus;
  /** Where it went: a URL, a message reference, a sheet range. */
  ref: string | null;
  outboxId: string | null;
  /** One sentence saying where the action went, for people and models. */
  summary: string;
}

/** The first line of what a payload carries, short (for approvals and the log). */
export const preview = (payload: unknown, max = 120): string => {
  const p = (payload && typeof payload === "object" ? payload : {}) as Record<string, unknown>;
  const text = String(
    p.text ?? p.title ?? p.body ?? (p.document as { title?: string })?.title ?? p.sheet ?? "",
  );
  const line = text.split("\n").find((l) => l.trim()) ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export function outcomeOf(entry: OutboxEntry, action: Action, configured: boolean): ActionOutcome {
  const service = SERVICE_NAMES[entry.channel];
  const base = { action, channel: entry.channel, ref: entry.ref, outboxId: entry.id };
  if (!configured)
    return {
      ...base,
      service: null,
      status: "not_configured",
      summary: `${service} is not configured: kept in ${EMBEDDED_DEFAULTS[entry.channel]} (outbox entry ${entry.id}).`,
    };
  switch (entry.status) {
    case "sent":
      return { ...base, service, status: "sent", summary: `Sent to ${service}: ${entry.ref ?? "done"}.` };
    case "skipped":
      return {
        ...base,
        service,
        status: "declined",
        summary: `Not sent to ${service}: ${entry.decidedBy === "policy:never" ? `the action policy says never for ${action}` : "declined"}; kept in the outbox.`,
      };
    case "awaiting_approval":
      return {
        ...base,
        service,
        status: "awaiting_approval",
        summary: `Waiting for approval to ${ACTION_LABELS[action]}: approve with \`cft outbox send ${entry.id}\`.`,
      };
    default:
      return {
        ...base,
        service,
        status: "failed",
        summary: `${service} did not take it (${entry.lastError ?? "not delivered yet"}); it waits in the outbox and goes with \`cft outbox send\`.`,
      };
  }
}

export function localOutcome(action: Action, what: string, ref: string): ActionOutcome {
  return {
    action,
    channel: "github",
    service: null,
    status: "not_configured",
    ref,
    outboxId: null,
    summary: `GitHub is not configured: recorded as ${what} in the local issue log.`,
  };
}

/** The policy action an outbox entry belongs to. */
export function actionOf(entry: OutboxEntry): Action {
  if (entry.channel === "slack") return "notify_team";
  if (entry.channel === "sheets") return "tracker_append_row";
  if (entry.channel === "docs") return "document_create";
  if (entry.action === "issue_create") return "issue_create";
  if (entry.action === "pull_request_create") return "pull_request_create";
  return "issue_comment";
}
