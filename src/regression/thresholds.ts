/**
 * Thresholds per metric: how far a metric may move the wrong way (tolerance), whether a FAIL there means
 * rollback (critical), the significance level, and the fewest items that can resolve a change. Defaults come
 * from the task's metric definitions; a JSON file overrides them per metric or for all.
 *
 * File shape: {"defaults": {"tolerance": 0.02, "alpha": 0.05, "minItems": 30},
 *              "metrics": {"falseApprovalRate": {"tolerance": 0.01, "critical": true}}}
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { InputError } from "../errors.js";
import type { MetricDef } from "../eval/types.js";
import type { Threshold } from "./types.js";

export const DEFAULT_THRESHOLD: Omit<Threshold, "critical"> = { tolerance: 0.02, alpha: 0.05, minItems: 30 };

const Partial = z
  .object({
    tolerance: z.number().min(0, { message: "expected a tolerance of 0 or more, in the metric's units" }),
    critical: z.boolean(),
    alpha: z.number().gt(0).lt(1, { message: "expected alpha between 0 and 1, e.g. 0.05" }),
    minItems: z.number().int().min(1),
  })
  .partial()
  .strict();

const ThresholdsFile = z
  .object({ defaults: Partial.optional(), metrics: z.record(z.string(), Partial).optional() })
  .strict();

export type ThresholdsFile = z.infer<typeof ThresholdsFile>;

export interface Thresholds {
  source: string;
  of(def: MetricDef): Threshold;
}

export function defaultThresholds(task: string, file?: ThresholdsFile, source?: string): Thresholds {
  return {
    source: source ?? `defaults for ${task}`,
    of(def) {
      const own = file?.metrics?.[def.name] ?? {};
      const all = file?.defaults ?? {};
      return {
        tolerance: own.tolerance ?? all.tolerance ?? DEFAULT_THRESHOLD.tolerance,
        critical: own.critical ?? all.critical ?? def.critical ?? false,
        alpha: own.alpha ?? all.alpha ?? DEFAULT_THRESHOLD.alpha,
        minItems: own.minItems ?? all.minItems ?? DEFAULT_THRESHOLD.minItems,
      };
    },
  };
}

/** Reads a thresholds file; names the file, the field and the known metric names on a mistake. */
export function loadThresholds(path: string, task: string, defs: readonly MetricDef[]): Thresholds {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new InputError(`${path}: not readable JSON (${(error as Error).message})`, [], {
      hint: 'A thresholds file looks like {"metrics": {"accuracy": {"tolerance": 0.02}}}.',
    });
  }
  const parsed = ThresholdsFile.safeParse(json);
  if (!parsed.success)
    throw new InputError(
      `${path}: not a thresholds file`,
      parsed.error.issues.map((i) => ({ file: path, field: i.path.join("."), message: i.message })),
      { hint: "Fields per metric: tolerance, critical, alpha, minItems." },
    );
  const known = new Set(defs.map((d) => d.name));
  const unknown = Object.keys(parsed.data.metrics ?? {}).filter((name) => !known.has(name));
  if (unknown.length)
    throw new InputError(
      `${path}: no ${task} metric named ${unknown.join(", ")}`,
      unknown.map((name) => ({ file: path, field: `metrics.${name}`, message: "unknown metric" })),
      { hint: `The ${task} metrics are: ${[...known].join(", ")}.` },
    );
  return defaultThresholds(task, parsed.data, path);
}
