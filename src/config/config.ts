/**
 * Configuration, read once from the environment (and a `.env` file in the working folder, which the
 * environment overrides), validated with zod. A wrong value is reported by variable name with what was
 * expected. Secrets are held here and nowhere else; `describeConfig` shows which services are set
 * without showing a secret.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { z } from "zod";
import { InputError, type InputProblem } from "../errors.js";

const optionalUrl = z.url({ message: "expected an http(s) URL, e.g. https://api.example.com" }).optional();
const optionalText = z.string().min(1).optional();

const LLM_PATTERN = /^(openai|azure|ollama):[^\s]+$|^openai-compatible:[^\s@]+@https?:\/\/\S+$/;

const EnvSchema = z.object({
  CFT_HOME: optionalText,
  CFT_LLM: z
    .string()
    .regex(LLM_PATTERN, {
      message: "expected openai:MODEL, azure:DEPLOYMENT, ollama:MODEL or openai-compatible:MODEL@URL",
    })
    .optional(),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalUrl,
  AZURE_OPENAI_ENDPOINT: optionalUrl,
  AZURE_OPENAI_API_KEY: optionalText,
  OPENAI_API_VERSION: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, { message: "expected an API version like 2025-04-01-preview" })
    .optional(),
  SLACK_BOT_TOKEN: z
    .string()
    .startsWith("xoxb-", { message: "expected a bot token starting xoxb-" })
    .optional(),
  SLACK_CHANNEL_ID: optionalText,
  SLACK_API_URL: optionalUrl,
  GITHUB_TOKEN: optionalText,
  CFT_GITHUB_REPO: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, { message: "expected owner/name, e.g. acme/clinical-models" })
    .optional(),
  GITHUB_API_URL: optionalUrl,
  GOOGLE_APPLICATION_CREDENTIALS: optionalText,
  CFT_SHEET_ID: optionalText,
  CFT_DOCS_FOLDER_ID: optionalText,
  /** Root URL for the Sheets, Docs and Drive APIs (default Google's own), for proxies and tests. */
  GOOGLE_API_URL: optionalUrl,
  LANGSMITH_TRACING: z.enum(["true", "false"], { message: "expected true or false" }).optional(),
  LANGSMITH_API_KEY: optionalText,
  LANGSMITH_PROJECT: optionalText,
  LANGSMITH_ENDPOINT: optionalUrl,
  CFT_GPU_HOST: optionalText,
  /** Folder on the GPU host (over SSH) or the cluster's shared file system where runs are staged. */
  CFT_GPU_WORKDIR: optionalText,
  CFT_SLURM_PARTITION: optionalText,
  /** Python interpreter that runs gpu-runner/ (default python3). */
  CFT_PYTHON: optionalText,
  /** A JSON price table that overrides rows of the embedded one (see src/cost/prices.json). */
  CFT_PRICES_FILE: optionalText,
  /** Azure deployment is a management-plane call: subscription, resource group and the Azure OpenAI resource. */
  AZURE_SUBSCRIPTION_ID: optionalText,
  AZURE_RESOURCE_GROUP: optionalText,
  AZURE_OPENAI_RESOURCE: optionalText,
  /** Management endpoint (default https://management.azure.com); a bearer token, else Entra ID is used. */
  AZURE_MANAGEMENT_URL: optionalUrl,
  AZURE_MANAGEMENT_TOKEN: optionalText,
  /** The fine-tuning project: names its GitHub tracking issue (default clinical-fine-tune). */
  CFT_PROJECT: z
    .string()
    .regex(/^[\w .-]{1,80}$/, { message: "expected 1–80 letters, digits, spaces, '.', '-' or '_'" })
    .optional(),
  /** PostgreSQL for the graph's checkpoints (postgres://…); default checkpoints.sqlite in the workspace. */
  CFT_CHECKPOINT_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, { message: "expected a postgres:// connection URL" })
    .optional(),
  /** A web search API for the research worker (POST {query, limit} → {results}); optional bearer key. */
  CFT_WEB_SEARCH_URL: optionalUrl,
  CFT_WEB_SEARCH_KEY: optionalText,
  /** Bearer token `cft mcp … --http` requires (as --token does). */
  CFT_MCP_TOKEN: z.string().min(16, { message: "expected a token of 16 characters or more" }).optional(),
  /** Overrides of the action policy: action=ask|auto|never, comma-separated (see `cft policy`). */
  CFT_ACTION_POLICY: optionalText,
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env;
  /** Absolute path of the workspace. */
  home: string;
}

/** Empty strings count as unset, as shells and .env files often leave them. */
function clean(source: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value.trim() !== "") out[key] = value.trim();
  }
  return out;
}

function readDotEnv(cwd: string): Record<string, string> {
  const path = resolve(cwd, ".env");
  if (!existsSync(path)) return {};
  try {
    return parseEnv(readFileSync(path, "utf8")) as Record<string, string>;
  } catch (error) {
    throw new InputError(`${path}: cannot be read as a .env file (${(error as Error).message})`);
  }
}

export interface LoadConfigOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** --home, which wins over CFT_HOME. */
  home?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const merged = { ...readDotEnv(cwd), ...clean(options.env ?? process.env) };
  const parsed = EnvSchema.safeParse(clean(merged));
  if (!parsed.success) {
    const problems: InputProblem[] = parsed.error.issues.map((issue) => {
      const field = String(issue.path[0]);
      const shown = /KEY|TOKEN|SECRET/.test(field) ? "value hidden" : `got "${merged[field] ?? ""}"`;
      return { field, message: `${issue.message} (${shown})` };
    });
    throw new InputError("configuration is invalid", problems, {
      hint: "Fix or unset these variables (environment or .env).",
    });
  }
  const home = resolve(cwd, options.home ?? parsed.data.CFT_HOME ?? ".cft");
  return { env: parsed.data, home };
}
