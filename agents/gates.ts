/**
 * The graph's gates, in code: which stage may follow which. A language model can route the conversation
 * but never these edges. The audit gate re-hashes the dataset's files and lets the fine-tune stage be
 * reached only when each file's current bytes carry a PASS attestation; the launcher's own gate checks
 * again right before anything is sent.
 */
import { sha256File } from "../src/io/hash.js";
import { findAttestation } from "../src/ledger/audits.js";
import type { GraphDeps } from "./deps.js";
import { withDb } from "./deps.js";
import type { State } from "./state.js";

/** True when every dataset file's current bytes are attested by a PASS audit. */
export async function datasetAttested(deps: GraphDeps, state: State): Promise<boolean> {
  const d = state.dataset;
  if (!d || state.audit?.verdict !== "PASS") return false;
  const hashes = await Promise.all([d.train.path, d.test.path].map((p) => sha256File(p).catch(() => null)));
  return withDb(deps, (db) => hashes.every((h) => h !== null && findAttestation(db, h) !== undefined));
}
