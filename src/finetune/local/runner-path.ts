/**
 * Where the Python side lives. gpu-runner/ sits at the root of this checkout, found from this module's
 * own location so cft works from any working folder; the interpreter is CFT_PYTHON, else python3.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "../../config/config.js";

/** Absolute path of gpu-runner/ in this checkout. */
export const RUNNER_DIR = fileURLToPath(new URL("../../../gpu-runner", import.meta.url));

export const TRAIN_SCRIPT = "train.py";
export const MERGE_SCRIPT = "merge_and_convert.py";

export function runnerScript(name: string, runnerDir = RUNNER_DIR): string {
  return join(runnerDir, name);
}

/** The interpreter for runs on this machine. Remote hosts use their own `python3` (see placement-ssh.ts). */
export function pythonCommand(config: Config): string {
  return config.env.CFT_PYTHON ?? "python3";
}
