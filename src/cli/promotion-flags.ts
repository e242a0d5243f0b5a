/**
 * The promotion gate's flags, shared by `cft models promote` and `cft route promote`: which regression test
 * to judge by, and an override of a WARN that names who decided and why (never of a FAIL).
 */
import type { Command } from "commander";
import { z } from "zod";
import type { PromoteOptions } from "../registry/promotion.js";
import { CommonFlags } from "./command-kit.js";

export const GATE_FLAGS = {
  ...CommonFlags.shape,
  regression: z.string().min(1).optional(),
  overrideWarn: z.boolean().optional(),
  by: z.string().trim().min(1, { message: "who decides" }).optional(),
  reason: z.string().trim().min(1, { message: "why the override is acceptable" }).optional(),
};

/** FLAGS (an object schema holding GATE_FLAGS) with the rule that an override names who and why. */
export function withOverrideRule<
  T extends z.ZodType<{ overrideWarn?: boolean; by?: string; reason?: string }>,
>(flags: T) {
  return flags.refine((f) => !f.overrideWarn || (f.by && f.reason), {
    message: "--override-warn needs --by WHO and --reason TEXT",
    path: ["overrideWarn"],
  });
}

export function addGateOptions(command: Command): Command {
  return command
    .option("--regression <id>", "the regression test to judge by (default: the newest that fits)")
    .option("--override-warn", "accept a WARN verdict (never a FAIL); needs --by and --reason")
    .option("--by <who>", "who decided (recorded)")
    .option("--reason <text>", "why a WARN is acceptable (recorded)");
}

export function gateOptions(flags: {
  regression?: string | undefined;
  overrideWarn?: boolean | undefined;
  by?: string | undefined;
  reason?: string | undefined;
}): PromoteOptions {
  return {
    regressionId: flags.regression,
    override: flags.overrideWarn ? { by: flags.by!, reason: flags.reason! } : undefined,
  };
}
