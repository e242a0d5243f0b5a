/**
 * The assistant's threads: one row per thread (`cft run`, `cft chat`), so `cft threads` can list them;
 * their state lives in the graph's checkpoints, not here.
 */
import type { Db } from "./ledger.js";

export interface ThreadRow {
  threadId: string;
  kind: "run" | "chat";
  title: string;
  createdAt: string;
}

export function recordThread(db: Db, thread: Omit<ThreadRow, "createdAt">): ThreadRow {
  const row = { ...thread, createdAt: new Date().toISOString() };
  db.prepare("INSERT INTO graph_threads (thread_id, kind, title, created_at) VALUES (?, ?, ?, ?)").run(
    row.threadId,
    row.kind,
    row.title,
    row.createdAt,
  );
  return row;
}

/** The newest threads first. */
export function listThreads(db: Db, limit = 20): ThreadRow[] {
  return (
    db.prepare("SELECT * FROM graph_threads ORDER BY created_at DESC, rowid DESC LIMIT ?").all(limit) as {
      thread_id: string;
      kind: "run" | "chat";
      title: string;
      created_at: string;
    }[]
  ).map((r) => ({ threadId: r.thread_id, kind: r.kind, title: r.title, createdAt: r.created_at }));
}

export function getThread(db: Db, threadId: string): ThreadRow | undefined {
  return listThreads(db, 1_000_000).find((t) => t.threadId === threadId);
}
