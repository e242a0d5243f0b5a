/**
 * Where each document about a ledger record lives: its Markdown file in the workspace always, and its
 * Google Doc when one was made (the URL is the outbox delivery's ref, so it appears once the doc exists).
 * Subjects name the record: `run:ID`, `evaluation:ID`, `regression:ID`, `dataset:ID`, `audit:ID`.
 */
import type { Db } from "./ledger.js";

export interface DocumentLink {
  subject: string;
  kind: string;
  path: string;
  outboxId: string | null;
  /** The Google Doc's URL once delivered; null before, or when Docs is not configured. */
  url: string | null;
  createdAt: string;
}

export function recordDocumentLink(
  db: Db,
  link: { subject: string; kind: string; path: string; outboxId?: string | null },
): void {
  db.prepare(
    "INSERT INTO document_links (subject, kind, path, outbox_id, created_at) VALUES (?, ?, ?, ?, ?)",
  ).run(link.subject, link.kind, link.path, link.outboxId ?? null, new Date().toISOString());
}

/** SUBJECT's documents, newest first. */
export function documentLinks(db: Db, subject: string): DocumentLink[] {
  const rows = db
    .prepare(
      `SELECT l.subject, l.kind, l.path, l.outbox_id, l.created_at,
         (SELECT ref FROM outbox_deliveries d WHERE d.outbox_id = l.outbox_id AND d.status = 'sent') AS url
       FROM document_links l WHERE l.subject = ? ORDER BY l.id DESC`,
    )
    .all(subject) as {
    subject: string;
    kind: string;
    path: string;
    outbox_id: string | null;
    url: string | null;
    created_at: string;
  }[];
  return rows.map((r) => ({
    subject: r.subject,
    kind: r.kind,
    path: r.path,
    outboxId: r.outbox_id,
    url: r.url,
    createdAt: r.created_at,
  }));
}
