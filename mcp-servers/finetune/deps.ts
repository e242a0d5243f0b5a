/**
 * What the fine-tune tools work with: the configuration (workspace, credentials) and how providers are
 * built, which tests replace with stand-ins. Each call opens the workspace ledger and closes it after.
 */
import type { Config } from "../../src/config/config.js";
import { InputError } from "../../src/errors.js";
import { PROVIDERS, type Provider, type ProviderName } from "../../src/finetune/types.js";
import { type Db, openLedger } from "../../src/ledger/ledger.js";
import { getRun, type RunView } from "../../src/ledger/runs.js";

export interface FinetuneDeps {
  config: Config;
  createProvider: (name: ProviderName, config: Config) => Provider;
}

/** Runs `fn` with the workspace ledger open, and closes it whatever happens. */
export async function withLedger<T>(deps: FinetuneDeps, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openLedger(deps.config.home);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** The run with this id, or an error saying how to find the right one. */
export function requireRun(db: Db, deps: FinetuneDeps, runId: string): RunView {
  const run = getRun(db, runId);
  if (!run)
    throw new InputError(`no run "${runId}" in the workspace ${deps.config.home}`, [], {
      hint: "Call list_fine_tunes for the run ids; start_fine_tune returns the id of the run it starts.",
    });
  return run;
}

/** The provider that runs this run's job. */
export function providerForRun(deps: FinetuneDeps, run: RunView): Provider {
  if (!(PROVIDERS as readonly string[]).includes(run.provider))
    throw new Error(`run ${run.id} names an unknown provider "${run.provider}"`);
  return deps.createProvider(run.provider as ProviderName, deps.config);
}
