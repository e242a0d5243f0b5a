/**
 * `document_create`: a long document (a report, notes, a plan) written as Markdown into the workspace,
 * and published as a Google Doc — headings, lists and tables kept — when CFT_DOCS_FOLDER_ID is set.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { markdownToDocument } from "../../../src/docs/from-markdown.js";
import { writeFilesAtomically } from "../../../src/docs/write-documents.js";
import { redact } from "../../../src/phi/redact.js";
import { safeHandler } from "../../tool-result.js";
import { type WorkspaceDeps, withWorkspace } from "../deps.js";
import { EXTERNAL_ACTION, OutcomeOutput, outcomeResult } from "../schemas.js";

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "document";

export function registerDocumentCreateTool(server: McpServer, deps: WorkspaceDeps): void {
  server.registerTool(
    "document_create",
    {
      title: "Create a document",
      description:
        "Write a long document — a data-preparation plan, meeting notes, an analysis — as Markdown in the workspace (docs/notes/), and as a Google Doc in CFT_DOCS_FOLDER_ID when configured (the action policy may ask the user first). Model cards, evaluation, regression and compliance reports are written by the product itself; do not recreate them. The text is redacted before it is stored or sent: never paste record contents.",
      inputSchema: {
        title: z.string().min(1).max(200),
        markdown: z
          .string()
          .min(1)
          .max(1_000_000)
          .describe("the body, in Markdown (headings, lists, tables)"),
        subject: z
          .string()
          .max(200)
          .optional()
          .describe("the record it is about, e.g. run:run-20261203-1f3a9c0b or evaluation:eval-5c1d2e3f"),
      },
      outputSchema: { path: z.string(), outcome: OutcomeOutput },
      annotations: EXTERNAL_ACTION,
    },
    safeHandler(async ({ title, markdown, subject }) =>
      withWorkspace(server, deps, async (ws) => {
        const safeTitle = redact(title);
        const text = redact(`# ${safeTitle}\n\n${markdown}\n`);
        const name = `${new Date().toISOString().slice(0, 10)}-${slug(safeTitle)}-${Date.now().toString(36)}.md`;
        const path = writeFilesAtomically(`${ws.config.home}/docs/notes`, { [name]: text })[name]!;
        const outcome = await ws.createDocument({
          subject: subject ?? `note:${name}`,
          kind: "note",
          path,
          document: markdownToDocument(text, safeTitle),
        });
        return outcomeResult(outcome, { path });
      }),
    ),
  );
}
