/** `validate_dataset`: the chat fine-tuning format checks and token statistics of `cft validate`. */
import { resolve } from "node:path";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { DEFAULT_MODEL } from "../../../src/dataset/models.js";
import { validateFile } from "../../../src/dataset/validate.js";
import { checkReadableFile } from "../../../src/io/lines.js";
import { ok, safeHandler } from "../../tool-result.js";
import type { FinetuneDeps } from "../deps.js";
import { pick } from "../schemas.js";

const inputSchema = {
  path: z.string().min(1).describe("chat JSONL file; an absolute path, or relative to the server's folder"),
  model: z
    .string()
    .min(1)
    .optional()
    .describe(`target model: sets the tokenizer and the per-example token limit (default ${DEFAULT_MODEL})`),
};

const outputSchema = {
  file: z.string(),
  sha256: z.string(),
  model: z.string(),
  encoding: z.string(),
  modelKnown: z.boolean(),
  tokenLimit: z.number(),
  ok: z.boolean().describe("false when any record breaks the format: fix those lines before training"),
  lines: z.number(),
  examples: z.number(),
  blankLines: z.number(),
  errors: z.looseObject({
    total: z.number(),
    byType: z.record(z.string(), z.number()),
    samples: z.array(z.looseObject({ line: z.number(), type: z.string(), message: z.string() })),
  }),
  warnings: z.array(z.looseObject({ code: z.string(), message: z.string() })),
  tokens: z.looseObject({}),
  examplesOverLimit: z.number(),
  epochs: z.number(),
  billedTokens: z.number(),
};

export function registerValidateDatasetTool(server: McpServer, _deps: FinetuneDeps): void {
  server.registerTool(
    "validate_dataset",
    {
      title: "Validate a fine-tuning dataset",
      description:
        "Check a chat fine-tuning JSONL file the way the provider will (JSON per line, roles, content, tool calls, weights) and count its tokens with the model's tokenizer. Use it first, on each file you mean to train on. Errors name the line and field, never the record's text. It does not look for PHI (that is audit_dataset) and records nothing.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    safeHandler(async ({ path, model }) => {
      const file = resolve(path);
      await checkReadableFile(file);
      const report = await validateFile(file, { model: model ?? DEFAULT_MODEL });
      const summary = report.ok
        ? `${file}: ${report.examples} examples, format OK for ${report.model}; ≈${report.billedTokens} billed tokens over ${report.epochs} epochs.`
        : `${file}: ${report.errors.total} format error(s) (${Object.entries(report.errors.byType)
            .map(([type, n]) => `${type} ${n}`)
            .join(", ")}). First: ${report.errors.samples
            .slice(0, 5)
            .map((e) => `line ${e.line}${e.path ? ` [${e.path}]` : ""}: ${e.message}`)
            .join("; ")}. Fix these lines and validate again.`;
      const warnings = report.warnings.map((w) => `warning: ${w.message}`);
      return ok(pick(outputSchema, report), [summary, ...warnings].join("\n"));
    }),
  );
}
