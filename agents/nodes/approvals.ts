/**
 * The approval gate for external actions. A stage's team updates that the action policy marks `ask` wait
 * in the outbox; before the next stage the thread stops here and asks once for all of them (what would
 * go where, redacted). Yes delivers them (recorded as approved by "graph-interrupt"); no declines them:
 * they stay in the outbox as a record and are never sent.
 */
import { interrupt } from "@langchain/langgraph";
import { actionOf, preview } from "../../src/integrations/action-outcome.js";
import { ACTION_LABELS } from "../../src/integrations/action-policy.js";
import { decide, getEntry } from "../../src/integrations/outbox.js";
import { openWorkspace } from "../../src/integrations/workspace.js";
import { type GraphDeps, withDb } from "../deps.js";
import { type Approval, type GateQuestion, isApproved } from "../questions.js";
import type { State, Update } from "../state.js";

export function approveActionsNode(deps: GraphDeps) {
  return async (state: State): Promise<Update> => {
    const ids = state.pendingActions;
    const entries = await withDb(deps, (db) =>
      ids.flatMap((id) => {
        const e = getEntry(db, id);
        return e && e.status === "awaiting_approval" ? [e] : [];
      }),
    );
    if (entries.length === 0) return { pendingActions: [] };
    const question: GateQuestion = {
      gate: "external_actions",
      title: `Send ${entries.length} team update${entries.length === 1 ? "" : "s"}?`,
      summary: entries.map((e) => `${ACTION_LABELS[actionOf(e)]}: ${preview(e.payload)}`).join("\n"),
      details: { entries: entries.map((e) => ({ id: e.id, channel: e.channel, action: e.action })) },
    };
    const answer = interrupt(question) as Approval;
    return withDb(deps, async (db) => {
      const waiting = entries.filter((e) => getEntry(db, e.id)?.status === "awaiting_approval");
      if (!isApproved(answer)) {
        for (const e of waiting) decide(db, e.id, "declined", "graph-interrupt");
        return {
          pendingActions: [],
          notes: [`Declined ${waiting.length} team update(s); kept in the outbox.`],
        };
      }
      const outcomes = await openWorkspace(deps.config, db).deliver(
        "graph-interrupt",
        waiting.map((e) => e.id),
      );
      return { pendingActions: [], notes: outcomes.map((o) => o.summary) };
    });
  };
}
