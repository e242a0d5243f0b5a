/**
 * A router configuration: for one model family, the variants that share its traffic (a baseline and a
 * candidate, or more), each with the OpenAI-compatible backend that serves it (a llama.cpp server with a
 * GGUF file, vLLM, Ollama, an Azure deployment, an OpenAI fine-tuned model) and its share of the traffic.
 * Files and flags are checked here, with errors that name the field.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { InputError } from "../errors.js";

const NAME = /^[a-z][a-z0-9_-]{0,31}$/;

export const BackendSchema = z
  .object({
    /** Base URL of the API, up to and including /v1 for OpenAI-compatible servers. */
    url: z
      .string()
      .url({ message: "expected an http(s) URL, e.g. http://127.0.0.1:8081/v1" })
      .refine((u) => /^https?:\/\//.test(u), { message: "expected an http(s) URL" }),
    /** The model name the backend serves (the Azure deployment name for kind "azure"). */
    model: z.string().trim().min(1, { message: "the backend's model name" }),
    kind: z.enum(["openai-compatible", "azure"]).default("openai-compatible"),
    /** Environment variable holding the backend's key (sent as Bearer, or api-key for Azure). */
    apiKeyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, { message: "an environment variable name, e.g. OPENAI_API_KEY" })
      .optional(),
    /** Azure's api-version query parameter (kind "azure"). */
    apiVersion: z.string().min(1).optional(),
  })
  .strict();

export const VariantSchema = z
  .object({
    name: z.string().regex(NAME, { message: 'lowercase letters, digits, "_" and "-", e.g. candidate' }),
    /** The registry version this variant serves ("v1.1"), when it is one. */
    version: z
      .string()
      .regex(/^v\d+\.\d+$/, { message: "a registry version like v1.1" })
      .optional(),
    backend: BackendSchema,
    /** Share of the traffic in percent; the variants' weights add up to 100. */
    weight: z.number().min(0).max(100),
  })
  .strict();

export const RouteConfigSchema = z
  .object({
    family: z.string().min(1),
    variants: z.array(VariantSchema).min(1, { message: "at least one variant" }).max(8),
    /** How long a backend may take before the request fails (ms). */
    timeoutMs: z.number().int().min(100).max(600_000).default(120_000),
  })
  .strict()
  .superRefine((c, ctx) => {
    const names = new Set<string>();
    c.variants.forEach((v, i) => {
      if (names.has(v.name))
        ctx.addIssue({ code: "custom", path: ["variants", i, "name"], message: `"${v.name}" appears twice` });
      names.add(v.name);
    });
    const total = c.variants.reduce((s, v) => s + v.weight, 0);
    if (Math.abs(total - 100) > 1e-9)
      ctx.addIssue({
        code: "custom",
        path: ["variants"],
        message: `the weights add up to ${total}, not 100`,
      });
  });

export type Backend = z.infer<typeof BackendSchema>;
export type Variant = z.infer<typeof VariantSchema>;
export type RouteConfig = z.infer<typeof RouteConfigSchema>;
/** A configuration before checking (timeoutMs may be left to its default). */
export type RouteConfigInput = z.input<typeof RouteConfigSchema>;

const where = (path: PropertyKey[]) =>
  path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");

/** Checks a configuration; the error lists every problem with its field. */
export function checkRouteConfig(value: unknown, file?: string): RouteConfig {
  const parsed = RouteConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InputError(
    file ? `${file} is not a valid route configuration` : "invalid route configuration",
    parsed.error.issues.map((i) => ({ file, field: where(i.path) || undefined, message: i.message })),
    { hint: "See `cft route set --help` for the shape of a route file." },
  );
}

/** Reads a route file (JSON); FAMILY fills in a missing "family". */
export function readRouteFile(path: string, family: string): RouteConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path} is not JSON: ${(error as Error).message}`, [], {
      hint: 'Write {"variants": [{"name": "baseline", "backend": {"url": "…", "model": "…"}, "weight": 80}, …]}.',
    });
  }
  const withFamily = value && typeof value === "object" ? { family, ...value } : value;
  const config = checkRouteConfig(withFamily, path);
  if (config.family !== family)
    throw new InputError(`${path} is for "${config.family}", not "${family}"`, [
      { file: path, field: "family", message: `expected "${family}"` },
    ]);
  return config;
}

/** Canonical JSON (keys sorted) of a configuration: equal configurations give equal text and hashes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

export const configSha256 = (config: RouteConfig) =>
  createHash("sha256").update(canonicalJson(config)).digest("hex");

/** "baseline v1.0 80% · candidate v1.1 20%". */
export const describeSplit = (config: RouteConfig) =>
  config.variants
    .map((v) => `${v.name}${v.version ? ` ${v.version}` : ""} ${Number(v.weight.toFixed(2))}%`)
    .join(" · ");
