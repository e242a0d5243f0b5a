/**
 * The questions the graph stops on (LangGraph interrupts) and the answers it takes. A question names its
 * gate, says in a sentence what is asked, and carries distilled details (paths, costs, ids) — what a CLI
 * prints, a chat shows, or Studio renders. Only an explicit approval counts as yes.
 */
export type Gate = "data_plan" | "fine_tune" | "external_actions" | "job_running";

export interface GateQuestion {
  gate: Gate;
  title: string;
  summary: string;
  details: Record<string, unknown>;
}

/** The answer a resumed thread carries: `cft resume --approve|--reject [--note]`, a chat reply, Studio. */
export interface Approval {
  approved?: boolean;
  note?: string;
  /** For job_running: just look again. */
  poll?: boolean;
}

export function isApproved(answer: unknown): boolean {
  return typeof answer === "object" && answer !== null && (answer as Approval).approved === true;
}
