/**
 * What a registered model version points at: a hosted model id (OpenAI, Azure), or files on this machine
 * (a LoRA adapter folder, a merged model folder, a GGUF file) bound by their SHA-256, so a version always
 * names the exact bytes that were evaluated and promoted.
 */
import { readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { InputError } from "../errors.js";
import { sha256File, sha256Text } from "../io/hash.js";
import type { RunView } from "../ledger/runs.js";

export type ArtifactKind = "hosted" | "adapter" | "merged" | "gguf";
export const ARTIFACT_KINDS: readonly ArtifactKind[] = ["hosted", "adapter", "merged", "gguf"];
const HOSTED_PROVIDERS = new Set(["openai", "azure"]);

export interface Artifact {
  kind: ArtifactKind;
  /** The hosted model id, or the absolute path of the local files. */
  ref: string;
  /** SHA-256 of the local files (see sha256Tree); null for a hosted model. */
  sha256: string | null;
}

/** Files under DIR (recursively), as sorted relative paths with "/" separators. */
function filesUnder(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, base));
    else if (entry.isFile()) out.push(relative(base, path).split(sep).join("/"));
  }
  return out.sort();
}

/**
 * SHA-256 of a file, or of a folder: the hash of its manifest, one line per file in sorted relative-path
 * order, "<sha256 of the bytes>  <relative path>" (the format of `sha256sum`), so a renamed, added,
 * removed or changed file all change it.
 */
export async function sha256Tree(path: string): Promise<string> {
  if (statSync(path).isFile()) return sha256File(path);
  const lines: string[] = [];
  for (const rel of filesUnder(path)) lines.push(`${await sha256File(join(path, rel))}  ${rel}\n`);
  return sha256Text(lines.join(""));
}

/** The local files of ARTIFACT hashed, or an error saying why they cannot be. */
async function localArtifact(kind: ArtifactKind, path: string, runId: string): Promise<Artifact> {
  const absolute = resolve(path);
  // A run on a remote host or cluster reports "host:/path": its files are not on this machine.
  if (!isAbsolute(path) && /^[^/\\]+:/.test(path))
    throw new InputError(`run ${runId}'s ${kind} is on another machine (${path})`, [], {
      hint: "Copy it to this machine and register it with --artifact PATH (and --artifact-kind).",
    });
  try {
    const info = statSync(absolute);
    if (info.isDirectory() && filesUnder(absolute).length === 0)
      throw new InputError(`the ${kind} folder ${absolute} of run ${runId} is empty`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`the ${kind} of run ${runId} is not at ${absolute}`, [], {
      hint: "Check the path, or register the files where they are now with --artifact PATH.",
    });
  }
  return { kind, ref: absolute, sha256: await sha256Tree(absolute) };
}

/**
 * The artifact of a succeeded RUN: its hosted model, or its adapter folder hashed. OVERRIDE names other
 * local files of the run (a merged model, a GGUF file) or the adapter copied from a remote host.
 */
export async function resolveArtifact(
  run: RunView,
  override?: { kind: Exclude<ArtifactKind, "hosted">; path: string },
): Promise<Artifact> {
  if (override) return localArtifact(override.kind, override.path, run.id);
  if (!run.fineTunedModel)
    throw new InputError(`run ${run.id} succeeded but recorded no model or adapter`, [], {
      hint: "Refresh it with `cft jobs status RUN`, or name the files with --artifact PATH.",
    });
  if (HOSTED_PROVIDERS.has(run.provider)) return { kind: "hosted", ref: run.fineTunedModel, sha256: null };
  return localArtifact("adapter", run.fineTunedModel, run.id);
}

/**
 * Checks that a registered version's local files are still the bytes it was registered with (a training
 * run that starts from them must start from what the registry names); hosted artifacts have nothing here.
 */
export async function verifyArtifact(label: string, artifact: Artifact): Promise<void> {
  if (artifact.kind === "hosted" || !artifact.sha256) return;
  let now: string;
  try {
    now = await sha256Tree(artifact.ref);
  } catch {
    throw new InputError(`the ${artifact.kind} of ${label} is not at ${artifact.ref}`, [], {
      hint: "Restore it where it was registered, or register the files where they are now as a new version.",
    });
  }
  if (now !== artifact.sha256)
    throw new InputError(
      `the ${artifact.kind} of ${label} at ${artifact.ref} changed since it was registered (sha256 ${artifact.sha256.slice(0, 12)}…, now ${now.slice(0, 12)}…)`,
      [],
      {
        hint: "Restore the registered files; changed files are not that version, and nothing is trained from them.",
      },
    );
}
