/**
 * Puts a cleared run's datasets (and, for remote runs, gpu-runner/) where the runner will read them. The
 * bytes are hashed as they are copied and must match the SHA-256 the audit attested: a file edited
 * between the gate and the copy is refused, and the runner trains on exactly what was audited.
 */
import { GateError } from "../../errors.js";
import type { ClearedSubmission } from "../clearance.js";
import type { TrainingFile } from "../types.js";
import type { Host } from "./host.js";
import { trainArgs } from "./runner-args.js";
import { RUNNER_DIR } from "./runner-path.js";

/** Dataset paths relative to the run's working folder, as train.py will be given them. */
export interface StagedData {
  train: string;
  validation?: string;
}

const NAMES: Record<TrainingFile["role"], string> = { train: "train.jsonl", validation: "validation.jsonl" };

export async function stageData(
  host: Host,
  dir: string,
  files: readonly TrainingFile[],
): Promise<StagedData> {
  const staged: Partial<Record<TrainingFile["role"], string>> = {};
  for (const file of files) {
    const relative = host.join("data", NAMES[file.role]);
    const sent = await host.copyFile(file.path, host.join(dir, relative));
    if (sent !== file.sha256)
      throw new GateError(
        `${file.path} changed after its audit (its SHA-256 is no longer the attested one)`,
        {
          hint: "Audit the file again (`cft audit`) and confirm the fine-tune again.",
        },
      );
    staged[file.role] = relative;
  }
  if (!staged.train) throw new GateError("the submission has no training file");
  return { train: staged.train, ...(staged.validation ? { validation: staged.validation } : {}) };
}

/**
 * A run folder on another machine (SSH host or SLURM login node): gpu-runner/ and the datasets copied into
 * DIR, and train.py's arguments relative to it (the adapter goes to DIR/output).
 */
export async function stageRemoteRun(
  host: Host,
  dir: string,
  submission: ClearedSubmission,
  runnerDir: string = RUNNER_DIR,
): Promise<string[]> {
  await host.copyRunner(runnerDir, dir);
  const data = await stageData(host, dir, submission.files);
  return trainArgs({
    baseModel: submission.baseModel,
    train: data.train,
    validation: data.validation,
    outputDir: "output",
    hyperparameters: submission.hyperparameters,
  });
}
