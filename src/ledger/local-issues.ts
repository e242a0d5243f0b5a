/**
 * The local issue log: GitHub's embedded default. Issues and comments are numbered and kept in the ledger
 * (append-only), so `issue_create` and `issue_comment` work offline, and a project's tracking issue is one
 * issue however many steps comment on it.
 */
import type { Db } from "./ledger.js";

export interface LocalIssue {
  number: number;
  /** Set on a project's tracking issue. */
  project: string | null;
  title: string;
  body: string;
  labels: string[];
  createdAt: string;
  comments: { id: number; body: string; createdAt: string }[];
}

interface Raw {
  number: number;
  project: string | null;
  title: string;
  body: string;
  labels_json: string;
  created_at: string;
}

function withComments(db: Db, r: Raw): LocalIssue {
  const comments = db
    .prepare("SELECT id, body, created_at FROM local_issue_comments WHERE issue_number = ? ORDER BY id")
    .all(r.number) as { id: number; body: string; created_at: string }[];
  return {
    number: r.number,
    project: r.project,
    title: r.title,
    body: r.body,
    labels: JSON.parse(r.labels_json) as string[],
    createdAt: r.created_at,
    comments: comments.map((c) => ({ id: c.id, body: c.body, createdAt: c.created_at })),
  };
}

export function createLocalIssue(
  db: Db,
  issue: { title: string; body: string; labels: readonly string[]; project?: string },
): LocalIssue {
  const createdAt = new Date().toISOString();
  const { lastInsertRowid } = db
    .prepare(
      "INSERT INTO local_issues (project, title, body, labels_json, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .run(issue.project ?? null, issue.title, issue.body, JSON.stringify(issue.labels), createdAt);
  return getLocalIssue(db, Number(lastInsertRowid))!;
}

export function getLocalIssue(db: Db, number: number): LocalIssue | undefined {
  const raw = db.prepare("SELECT * FROM local_issues WHERE number = ?").get(number) as Raw | undefined;
  return raw && withComments(db, raw);
}

/** PROJECT's tracking issue, opened with TITLE, BODY and LABELS the first time. */
export function localTrackingIssue(
  db: Db,
  project: string,
  opening: { title: string; body: string; labels: readonly string[] },
): LocalIssue {
  const raw = db.prepare("SELECT * FROM local_issues WHERE project = ?").get(project) as Raw | undefined;
  return raw ? withComments(db, raw) : createLocalIssue(db, { ...opening, project });
}

/** Adds a comment; undefined when there is no issue NUMBER. */
export function commentLocalIssue(db: Db, number: number, body: string): { id: number } | undefined {
  if (!getLocalIssue(db, number)) return undefined;
  const { lastInsertRowid } = db
    .prepare("INSERT INTO local_issue_comments (issue_number, body, created_at) VALUES (?, ?, ?)")
    .run(number, body, new Date().toISOString());
  return { id: Number(lastInsertRowid) };
}

/** The newest issues first. */
export function listLocalIssues(db: Db, limit = 50): LocalIssue[] {
  const rows = db.prepare("SELECT * FROM local_issues ORDER BY number DESC LIMIT ?").all(limit) as Raw[];
  return rows.map((r) => withComments(db, r));
}
