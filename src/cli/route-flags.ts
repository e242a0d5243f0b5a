/**
 * `cft route set`'s flags as a route configuration. Three ways in: a route file (--file); per-variant
 * flags for a baseline and a candidate, merged into the live configuration (so changing the candidate's
 * backend keeps the baseline as it is); or --weights alone, which re-weights the live configuration.
 */
import { z } from "zod";
import { InputError } from "../errors.js";
import { parseWeights, withWeights } from "../routing/route-changes.js";
import {
  type Backend,
  checkRouteConfig,
  type RouteConfig,
  type RouteConfigInput,
  readRouteFile,
  type Variant,
} from "../routing/route-config.js";

const VariantFlags = {
  Url: z.string().min(1).optional(),
  Model: z.string().min(1).optional(),
  Version: z.string().min(1).optional(),
  KeyEnv: z.string().min(1).optional(),
  Kind: z.enum(["openai-compatible", "azure"]).optional(),
  ApiVersion: z.string().min(1).optional(),
};

export const RouteSetFlags = z.object({
  home: z.string().optional(),
  json: z.boolean().optional(),
  file: z.string().min(1).optional(),
  weights: z.string().min(1).optional(),
  timeoutMs: z.coerce.number().int().positive().optional(),
  by: z.string().trim().min(1).optional(),
  note: z.string().trim().min(1).optional(),
  ...Object.fromEntries(
    ["baseline", "candidate"].flatMap((v) => Object.entries(VariantFlags).map(([k, s]) => [`${v}${k}`, s])),
  ),
});
export type RouteSetFlags = z.infer<typeof RouteSetFlags> & Record<string, string | undefined>;

const ROLES = ["baseline", "candidate"] as const;

/** The backend that serves a registry version without being told (an OpenAI fine-tuned model), if any. */
export type VersionBackend = (version: string) => Backend | undefined;

/** The variant ROLE's flags describe, on top of what the live configuration had; null if none given. */
function variantFrom(
  role: (typeof ROLES)[number],
  flags: RouteSetFlags,
  live: Variant | undefined,
  served: VersionBackend,
): Variant | null {
  const get = (k: string) => flags[`${role}${k}`] as string | undefined;
  const given = Object.keys(VariantFlags).some((k) => get(k) !== undefined);
  if (!given) return live ?? null;
  const raw = get("Version");
  const version = raw ? (raw.startsWith("v") ? raw : `v${raw}`) : live?.version;
  const derived = raw && !get("Url") && !get("Model") ? served(version!) : undefined;
  const url = get("Url") ?? derived?.url ?? live?.backend.url;
  const model = get("Model") ?? derived?.model ?? live?.backend.model;
  if (!url || !model)
    throw new InputError(
      `the ${role} needs a backend`,
      [
        { field: `--${role}-url`, message: "the backend's base URL, e.g. http://127.0.0.1:8081/v1" },
        { field: `--${role}-model`, message: "the model the backend serves" },
      ],
      {
        hint: version
          ? `Only an OpenAI fine-tuned model is served without being told where; serve ${version}'s files first (e.g. cft export gguf RUN, then llama.cpp's llama-server -m FILE --port 8081) and pass its URL and model name.`
          : undefined,
      },
    );
  const keyEnv = get("KeyEnv") ?? derived?.apiKeyEnv ?? live?.backend.apiKeyEnv;
  const apiVersion = get("ApiVersion") ?? live?.backend.apiVersion;
  return {
    name: role,
    ...(version ? { version } : {}),
    backend: {
      url,
      model,
      kind:
        (get("Kind") as Backend["kind"] | undefined) ??
        derived?.kind ??
        live?.backend.kind ??
        "openai-compatible",
      ...(keyEnv ? { apiKeyEnv: keyEnv } : {}),
      ...(apiVersion ? { apiVersion } : {}),
    },
    weight: live?.weight ?? 0,
  };
}

/** The configuration FLAGS ask for, given FAMILY's LIVE one (if any). */
export function configFromFlags(
  family: string,
  flags: RouteSetFlags,
  live: RouteConfig | undefined,
  served: VersionBackend = () => undefined,
): RouteConfig {
  const weights = flags.weights === undefined ? undefined : parseWeights(flags.weights);
  const timeout = flags.timeoutMs === undefined ? {} : { timeoutMs: flags.timeoutMs };
  if (flags.file) {
    const fromFile = readRouteFile(flags.file, family);
    const config = checkRouteConfig({ ...fromFile, ...timeout });
    return weights ? withWeights(config, weights) : config;
  }
  const byName = (name: string) => live?.variants.find((v) => v.name === name);
  const chosen = ROLES.map((role) => variantFrom(role, flags, byName(role), served)).filter(
    (v): v is Variant => v !== null,
  );
  const others = (live?.variants ?? []).filter((v) => !ROLES.includes(v.name as (typeof ROLES)[number]));
  const variants = [...chosen, ...others];
  if (variants.length === 0)
    throw new InputError(`${family} has no route yet: say where the baseline is served`, [], {
      hint: `cft route set ${family} --baseline-url URL --baseline-model NAME [--candidate-url URL --candidate-model NAME --weights 90/10]`,
    });
  const merged: RouteConfigInput = { ...live, family, ...timeout, variants };
  if (weights) return withWeights(merged, weights);
  if (variants.length === 1) variants[0] = { ...variants[0]!, weight: 100 };
  else if (variants.some((v) => !byName(v.name)))
    throw new InputError(`${variants.length} variants need their weights`, [
      {
        field: "--weights",
        message: `one per variant in order (${variants.map((v) => v.name).join(", ")}), e.g. 90/10`,
      },
    ]);
  return checkRouteConfig(merged);
}
