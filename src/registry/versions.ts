/**
 * The model registry's versions: a family ("claims-adjudication") holds numbered versions (v1.0, v1.1,
 * v2.0…), each bound to the succeeded fine-tuning run it came from and to its artifact (a hosted model id,
 * or local files by SHA-256). Versions are append-only rows: a label, once given, always means those bytes.
 */
import { randomUUID } from "node:crypto";
import { InputError } from "../errors.js";
import type { Db } from "../ledger/ledger.js";
import { getRun } from "../ledger/runs.js";
import { type Artifact, type ArtifactKind, resolveArtifact } from "./artifact.js";

export interface ModelVersion {
  id: string;
  family: string;
  /** "v1.0", "v1.1", "v2.0"… */
  version: string;
  runId: string;
  artifact: Artifact;
  createdAt: string;
}

export interface RegisterRequest {
  family: string;
  runId: string;
  /** A new major version (v2.0 after v1.x) instead of the next minor one. */
  major?: boolean;
  /** Other local files of the run than the one it recorded (a merged model, a GGUF file). */
  artifact?: { kind: Exclude<ArtifactKind, "hosted">; path: string };
}

const FAMILY = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const LABEL = /^v(\d+)\.(\d+)$/;

/** Checks a family name: lowercase letters, digits, ".", "_" and "-", at most 64 characters. */
export function checkFamily(family: string): string {
  if (!FAMILY.test(family))
    throw new InputError(`"${family}" is not a model family name`, [], {
      hint: 'Use lowercase letters, digits, ".", "_" and "-" (e.g. claims-adjudication).',
    });
  return family;
}

interface Row {
  id: string;
  family: string;
  version: string;
  run_id: string;
  artifact_kind: ArtifactKind;
  artifact_ref: string;
  artifact_sha256: string | null;
  created_at: string;
}

const fromRow = (r: Row): ModelVersion => ({
  id: r.id,
  family: r.family,
  version: r.version,
  runId: r.run_id,
  artifact: { kind: r.artifact_kind, ref: r.artifact_ref, sha256: r.artifact_sha256 },
  createdAt: r.created_at,
});

const ORDER = "ORDER BY family, major, minor";

/** The label after the family's latest one: v1.0 first, then v1.1, v1.2…; MAJOR gives v(N+1).0. */
export function nextVersionLabel(db: Db, family: string, major = false): string {
  const last = db
    .prepare(
      "SELECT major, minor FROM model_versions WHERE family = ? ORDER BY major DESC, minor DESC LIMIT 1",
    )
    .get(family) as { major: number; minor: number } | undefined;
  if (!last) return "v1.0";
  return major ? `v${last.major + 1}.0` : `v${last.major}.${last.minor + 1}`;
}

/** Registers the artifact of a succeeded run as the family's next version. */
export async function registerVersion(db: Db, request: RegisterRequest): Promise<ModelVersion> {
  const family = checkFamily(request.family);
  const run = getRun(db, request.runId);
  if (!run)
    throw new InputError(`no run "${request.runId}" in the ledger`, [], {
      hint: "List runs with `cft jobs list`.",
    });
  if (run.status !== "succeeded")
    throw new InputError(`run ${run.id} is ${run.status}: only a succeeded run can be registered`, [], {
      hint: `Follow it with \`cft jobs watch ${run.id}\` and register it once it has succeeded.`,
    });
  // Hashing reads files asynchronously; the label is taken in the same synchronous step as the insert.
  const artifact = await resolveArtifact(run, request.artifact);
  return db.transaction(() => {
    const version = nextVersionLabel(db, family, request.major);
    const [, major, minor] = LABEL.exec(version)!;
    const row: ModelVersion = {
      id: randomUUID(),
      family,
      version,
      runId: run.id,
      artifact,
      createdAt: new Date().toISOString(),
    };
    db.prepare(
      `INSERT INTO model_versions (id, family, version, major, minor, run_id, artifact_kind, artifact_ref,
         artifact_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.id,
      family,
      version,
      Number(major),
      Number(minor),
      run.id,
      artifact.kind,
      artifact.ref,
      artifact.sha256,
      row.createdAt,
    );
    return row;
  })();
}

/** Every version, or FAMILY's, ordered by family then version number. */
export function listVersions(db: Db, family?: string): ModelVersion[] {
  const rows = (
    family === undefined
      ? db.prepare(`SELECT * FROM model_versions ${ORDER}`).all()
      : db.prepare(`SELECT * FROM model_versions WHERE family = ? ${ORDER}`).all(family)
  ) as Row[];
  return rows.map(fromRow);
}

export function versionById(db: Db, id: string): ModelVersion | undefined {
  const row = db.prepare("SELECT * FROM model_versions WHERE id = ?").get(id) as Row | undefined;
  return row && fromRow(row);
}

/** FAMILY's VERSION ("v1.1", or "1.1"), or its latest when VERSION is omitted; an error names what exists. */
export function getVersion(db: Db, family: string, version?: string): ModelVersion {
  const all = listVersions(db, family);
  if (all.length === 0)
    throw new InputError(`no model family "${family}" in the registry`, [], {
      hint: "Register a succeeded run with `cft models register RUN --family NAME`; `cft models list` shows the families.",
    });
  if (version === undefined) return all[all.length - 1]!;
  const label = version.startsWith("v") ? version : `v${version}`;
  const found = all.find((v) => v.version === label);
  if (!found)
    throw new InputError(`${family} has no version ${label}`, [], {
      hint: `Its versions: ${all.map((v) => v.version).join(", ")}.`,
    });
  return found;
}

/** Splits "NAME@VERSION" (the version optional). */
export function parseModelRef(ref: string): { family: string; version?: string } {
  const at = ref.lastIndexOf("@");
  if (at < 0) return { family: checkFamily(ref) };
  const version = ref.slice(at + 1);
  if (!/^v?\d+\.\d+$/.test(version))
    throw new InputError(`"${ref}": the version after "@" must look like v1.2`, [], {
      hint: "Write NAME@vMAJOR.MINOR, e.g. claims-adjudication@v1.1.",
    });
  return { family: checkFamily(ref.slice(0, at)), version };
}
