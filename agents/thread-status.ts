/**
 * A thread as `cft run`, `cft resume` and `cft threads` report it: interrupted (waiting for a person's
 * answer), running (a training job is in flight: resume later to look again), blocked (a gate said no; it
 * stays blocked) or completed — with the stage, the pending question and the exact command that answers
 * it, and the distilled results so far.
 */
import type { GateQuestion } from "./questions.js";
import type { State } from "./state.js";

export type ThreadStatus = "interrupted" | "running" | "completed" | "blocked";

export interface ThreadReport {
  threadId: string;
  status: ThreadStatus;
  stage: string;
  question: GateQuestion | null;
  /** The command that answers or continues the thread, when there is one. */
  resume: string | null;
  blocked: State["blocked"];
  dataset: State["dataset"];
  audit: State["audit"];
  baseline: State["baseline"];
  estimate: Omit<NonNullable<State["estimate"]>, "summary"> | null;
  run: State["run"];
  evaluation: State["evaluation"];
  regression: State["regression"];
  documents: State["documents"];
  notes: string[];
}

interface Snapshot {
  values: unknown;
  next: readonly string[];
  tasks: readonly { interrupts?: readonly { value?: unknown }[] }[];
}

export function threadReport(threadId: string, snapshot: Snapshot): ThreadReport {
  const v = snapshot.values as State;
  const question = (snapshot.tasks.flatMap((t) => t.interrupts ?? [])[0]?.value ??
    null) as GateQuestion | null;
  const status: ThreadStatus = v.blocked
    ? "blocked"
    : question?.gate === "job_running"
      ? "running"
      : question || snapshot.next.length > 0
        ? "interrupted"
        : "completed";
  const resume =
    status === "running"
      ? `cft resume ${threadId}`
      : status === "interrupted"
        ? question
          ? `cft resume ${threadId} --approve`
          : `cft resume ${threadId}`
        : null;
  const { summary: _summary, ...estimate } = v.estimate ?? ({} as NonNullable<State["estimate"]>);
  return {
    threadId,
    status,
    stage: v.blocked?.stage ?? (question ? question.gate : v.stage),
    question,
    resume,
    blocked: v.blocked ?? null,
    dataset: v.dataset ?? null,
    audit: v.audit ?? null,
    baseline: v.baseline ?? null,
    estimate: v.estimate ? estimate : null,
    run: v.run ?? null,
    evaluation: v.evaluation ?? null,
    regression: v.regression ?? null,
    documents: v.documents ?? [],
    notes: v.notes ?? [],
  };
}

/** The exit code of a thread's state: 0, or 3 when a gate (or the user) said no, 4 when the job failed. */
export function exitCodeOf(report: ThreadReport): number {
  if (report.status !== "blocked") return 0;
  return report.blocked?.kind === "failed" ? 4 : 3;
}
