/**
 * Publishes one of our Documents (model card, evaluation or regression report) to Google Docs when a
 * service account and CFT_DOCS_FOLDER_ID are configured; otherwise the Markdown and HTML files in the
 * workspace are the documents and this does nothing. Three calls: `documents.create` with the title, ONE
 * `documents.batchUpdate` that writes the whole document with its structure (see google-docs-requests.ts
 * for the index arithmetic), and a Drive v3 `files.update` that moves it into the folder and stores its key
 * (the outbox entry's id) as an app property, which `findDocument` looks up on a retry after a crash. All
 * text is redacted first.
 */
import { docs, type docs_v1 } from "@googleapis/docs";
import type { Config } from "../config/config.js";
import type { Document } from "../docs/document.js";
import { redact } from "../phi/redact.js";
import { googleAuth } from "./google-auth.js";
import { clean, documentRequests } from "./google-docs-requests.js";
import { googleError, RETRY_IDEMPOTENT, RETRY_ON_429 } from "./google-errors.js";

export interface PublishOptions {
  /** Docs API root (default https://docs.googleapis.com/), for proxies and tests. */
  rootUrl?: string;
  /** Drive API root (default https://www.googleapis.com/), for proxies and tests. */
  driveRootUrl?: string;
  /**
   * Stored on the Drive file (appProperties) so that `findDocument` can find it again: the outbox entry's
   * id, for a retry after a crash between Google's answer and the ledger's record.
   */
  key?: string;
}

/** The app property that holds a document's key. */
const KEY_PROPERTY = "cftKey";

export interface PublishedDocument {
  documentId: string;
  url: string;
}

const DRIVE_ROOT = "https://www.googleapis.com/";

export const documentUrl = (documentId: string) => `https://docs.google.com/document/d/${documentId}/edit`;

/**
 * Writes DOC to a new Google Doc in CFT_DOCS_FOLDER_ID; null unless a service account and the folder are
 * configured. A failure is a ServiceError (exit 4) with Google's message and the fix.
 */
export async function publishDocument(
  config: Config,
  doc: Document,
  opts: PublishOptions = {},
): Promise<PublishedDocument | null> {
  const folderId = config.env.CFT_DOCS_FOLDER_ID;
  if (!folderId || !config.env.GOOGLE_APPLICATION_CREDENTIALS) return null;
  const auth = googleAuth(config);
  if (!auth) return null;
  const email = auth.serviceAccount.clientEmail;
  const rootUrl = opts.rootUrl ?? config.env.GOOGLE_API_URL;
  const api: docs_v1.Docs = docs({ version: "v1", auth, ...(rootUrl ? { rootUrl } : {}) });
  const requests = documentRequests(doc);
  const title = redact(clean(doc.title));

  let documentId: string;
  try {
    const created = await api.documents.create({ requestBody: { title } }, { retryConfig: RETRY_ON_429 });
    if (!created.data.documentId) throw new Error("the answer carried no documentId");
    documentId = created.data.documentId;
  } catch (error) {
    throw googleError(error, {
      service: "Google Docs",
      action: "create a document",
      auth,
      onDenied: `The service account ${email} may not create documents: enable the Google Docs API in its project and check its Drive storage.`,
    });
  }
  const leftBehind = `The document ${documentId} was created and stays in the service account's own Drive.`;

  try {
    // One batch: Docs applies it whole or not at all, so a refusal leaves no half-written document.
    await api.documents.batchUpdate({ documentId, requestBody: { requests } }, { retryConfig: RETRY_ON_429 });
  } catch (error) {
    throw googleError(error, {
      service: "Google Docs",
      action: `write document ${documentId}`,
      auth,
      onDenied: `The service account ${email} may not edit the document it created. ${leftBehind}`,
      onInvalid: `The document's content was refused; please report this as a bug. ${leftBehind}`,
    });
  }

  const driveRoot = (opts.driveRootUrl ?? config.env.GOOGLE_API_URL ?? DRIVE_ROOT).replace(/\/?$/, "/");
  const fileUrl = new URL(`drive/v3/files/${encodeURIComponent(documentId)}`, driveRoot).href;
  const shareFolder =
    `Share the folder ${folderId} (CFT_DOCS_FOLDER_ID) with the service account ${email} as an Editor ` +
    `(Content manager in a shared drive), then try again. ${leftBehind}`;
  const driveContext = (action: string) => ({
    service: "Google Drive" as const,
    action,
    auth,
    onDenied: shareFolder,
    onNotFound:
      `No folder ${folderId} is visible to ${email}: check CFT_DOCS_FOLDER_ID (the id at the end of the ` +
      `folder's address) and that the folder is shared with ${email}. ${leftBehind}`,
  });
  let parents: string[];
  try {
    const file = await auth.request<{ parents?: string[] }>({
      url: fileUrl,
      method: "GET",
      params: { fields: "parents", supportsAllDrives: true },
      retryConfig: RETRY_IDEMPOTENT,
    });
    parents = file.data.parents ?? [];
  } catch (error) {
    throw googleError(error, driveContext(`look up document ${documentId}`));
  }
  if (!parents.includes(folderId) || opts.key) {
    const move = parents.includes(folderId)
      ? {}
      : {
          // A file has one parent: add the folder and take it out of the service account's root.
          addParents: folderId,
          ...(parents.length > 0 ? { removeParents: parents.join(",") } : {}),
        };
    try {
      await auth.request({
        url: fileUrl,
        method: "PATCH",
        params: { ...move, supportsAllDrives: true, fields: "id,parents" },
        ...(opts.key ? { data: { appProperties: { [KEY_PROPERTY]: opts.key } } } : {}),
        retryConfig: RETRY_IDEMPOTENT,
      });
    } catch (error) {
      throw googleError(error, driveContext(`move document ${documentId} into folder ${folderId}`));
    }
  }
  return { documentId, url: documentUrl(documentId) };
}

/**
 * The document published with KEY (see PublishOptions.key), if Drive has one; null when Docs is not
 * configured or there is none. A document whose publishing stopped before its key was stored is not found
 * (it stays in the service account's own Drive, outside the folder).
 */
export async function findDocument(
  config: Config,
  key: string,
  opts: Omit<PublishOptions, "key"> = {},
): Promise<PublishedDocument | null> {
  if (!config.env.CFT_DOCS_FOLDER_ID || !config.env.GOOGLE_APPLICATION_CREDENTIALS) return null;
  const auth = googleAuth(config);
  if (!auth) return null;
  const driveRoot = (opts.driveRootUrl ?? config.env.GOOGLE_API_URL ?? DRIVE_ROOT).replace(/\/?$/, "/");
  try {
    const listed = await auth.request<{ files?: { id?: string }[] }>({
      url: new URL("drive/v3/files", driveRoot).href,
      method: "GET",
      params: {
        q: `appProperties has { key='${KEY_PROPERTY}' and value='${key.replace(/['\\]/g, "")}' } and trashed = false`,
        fields: "files(id)",
        supportsAllDrives: true,
        includeItemsFromAllDrives: true,
        corpora: "allDrives",
      },
      retryConfig: RETRY_IDEMPOTENT,
    });
    const id = listed.data.files?.[0]?.id;
    return id ? { documentId: id, url: documentUrl(id) } : null;
  } catch (error) {
    throw googleError(error, {
      service: "Google Drive",
      action: "look for a document published before",
      auth,
      onDenied: `The service account ${auth.serviceAccount.clientEmail} may not list files in Drive.`,
    });
  }
}
