/** A run the user named on the command line, or an error that says how to find the right id. */
import { InputError } from "../errors.js";
import type { Db } from "../ledger/ledger.js";
import { getRun, type RunView } from "../ledger/runs.js";

export function requireRun(db: Db, runId: string, home: string): RunView {
  const run = getRun(db, runId);
  if (!run)
    throw new InputError(`no run "${runId}" in ${home}`, [], { hint: "List runs with `cft jobs list`." });
  return run;
}
