/**
 * What each outbox entry carries, by channel and action. Payloads are read back from SQLite before they
 * are delivered, so they are checked here (a malformed entry fails its delivery with a message naming the
 * entry, and waits; it never crashes a flush).
 */
import { z } from "zod";
import type { Document } from "../docs/document.js";
import { InputError } from "../errors.js";
import type { OutboxChannel, OutboxEntry } from "./outbox.js";
import { SHEETS, type SheetKey } from "./sheet-columns.js";

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const OUTBOX_PAYLOADS = {
  slack: {
    notify: z.object({ text: z.string().min(1), blocks: z.array(z.unknown()).optional() }),
  },
  github: {
    /** A comment on the project's tracking issue, which the first comment opens. */
    tracking_comment: z.object({
      project: z.string().min(1),
      opening: z.string(),
      body: z.string().min(1),
      labels: z.array(z.string()).default([]),
    }),
    issue_create: z.object({
      title: z.string().min(1),
      body: z.string(),
      labels: z.array(z.string()).default([]),
    }),
    issue_comment: z.object({ issue: z.number().int().positive(), body: z.string().min(1) }),
    pull_request_create: z.object({
      branch: z.string().min(1),
      path: z.string().min(1),
      content: z.string(),
      title: z.string().min(1),
      body: z.string(),
      base: z.string().min(1).optional(),
    }),
  },
  sheets: {
    append_row: z.object({
      sheet: z.enum(Object.keys(SHEETS) as [SheetKey, ...SheetKey[]]),
      cells: z.array(Cell),
    }),
  },
  docs: {
    document_create: z.object({
      document: z.custom<Document>(
        (v) => typeof v === "object" && v !== null && "title" in v && Array.isArray((v as Document).blocks),
        { message: "expected a document (title and blocks)" },
      ),
    }),
  },
} as const;

type Payloads = typeof OUTBOX_PAYLOADS;
export type OutboxAction<C extends OutboxChannel> = keyof Payloads[C] & string;
export type OutboxPayload<C extends OutboxChannel, A extends OutboxAction<C>> = z.input<
  Payloads[C][A] extends z.ZodType ? Payloads[C][A] : never
>;

/** ENTRY's payload, checked against its action's schema. */
export function parsePayload<C extends OutboxChannel, A extends OutboxAction<C>>(
  entry: OutboxEntry,
  channel: C,
  action: A,
): z.output<Payloads[C][A] extends z.ZodType ? Payloads[C][A] : never> {
  const schema = (OUTBOX_PAYLOADS[channel] as Record<string, z.ZodType>)[action];
  if (!schema || entry.channel !== channel || entry.action !== action)
    throw new InputError(
      `outbox entry ${entry.id} is ${entry.channel}/${entry.action}, not ${channel}/${action}`,
    );
  const parsed = schema.safeParse(entry.payload);
  if (!parsed.success)
    throw new InputError(
      `outbox entry ${entry.id} (${channel}/${action}) has a malformed payload`,
      parsed.error.issues.map((i) => ({ field: i.path.join(".") || "payload", message: i.message })),
    );
  return parsed.data as never;
}
