/**
 * Proof that a submission went through the launch gate. The gate (and only the gate) issues a clearance
 * after re-hashing every file and matching the attestation and the confirmation; every provider calls
 * `assertCleared` before it sends anything. A submission built anywhere else, or copied and edited after
 * clearance, is refused at run time, not only by the type checker.
 */
import { GateError } from "../errors.js";
import type { Submission } from "./types.js";

export interface Clearance {
  confirmationId: string;
  checkedAt: string;
}

export type ClearedSubmission = Readonly<Submission> & { readonly clearance: Clearance };

const issued = new WeakSet<object>();

/** For gate.ts alone: freezes the submission and records it as cleared. */
export function issueClearance(submission: Submission, clearance: Clearance): ClearedSubmission {
  const files = Object.freeze(submission.files.map((f) => Object.freeze({ ...f })));
  const cleared = Object.freeze({
    ...submission,
    files,
    hyperparameters: Object.freeze({ ...submission.hyperparameters }),
    metadata: Object.freeze({ ...submission.metadata }),
    clearance: Object.freeze({ ...clearance }),
  }) as ClearedSubmission;
  issued.add(cleared);
  return cleared;
}

/** Throws unless this very object was issued by the gate. */
export function assertCleared(submission: ClearedSubmission): void {
  if (!issued.has(submission))
    throw new GateError(
      "refusing to submit: this submission did not pass the launch gate (attestation and confirmation)",
      { hint: "Start fine-tunes through `cft finetune` (or the start_fine_tune tool), which runs the gate." },
    );
}
