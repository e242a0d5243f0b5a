/**
 * The Colab bundle: one Jupyter notebook (nbformat 4.5) that installs the runner's pinned requirements,
 * writes the runner's own Python files (plain `%%writefile` cells, so a reviewer reads exactly what runs),
 * asks for the attested dataset files, refuses any whose SHA-256 differs from the attested hash, trains with
 * the confirmed flags (built by the same `trainArgs` the local launcher uses) and zips the adapter.
 * The notebook carries hashes and ids, never records: the dataset is uploaded by the user at run time.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { trainArgs } from "../finetune/local/runner-args.js";
import { RUNNER_DIR, TRAIN_SCRIPT } from "../finetune/local/runner-path.js";
import type { BundleFile, BundleInput } from "./bundle-input.js";

/** The runner's folder inside the notebook's working folder. */
const RUNNER = "cft-runner";
const VERIFY_SCRIPT = `${RUNNER}/verify_dataset.py`;

interface Cell {
  id: string;
  cell_type: "markdown" | "code";
  metadata: Record<string, unknown>;
  source: string[];
  outputs?: unknown[];
  execution_count?: null;
}

/** nbformat keeps source as lines, each but the last ending in a newline. */
function lines(text: string): string[] {
  return (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).filter((l) => l !== "");
}

/**
 * Files train.py needs, relative to gpu-runner/: train.py, every cft_runner module it reaches through
 * relative imports (followed from train.py, so a new module is picked up without editing this list), and
 * the model and GPU tables in data/.
 */
export function runnerFiles(runnerDir = RUNNER_DIR): string[] {
  const modules = new Set<string>(["__init__"]);
  const pending = [readFileSync(join(runnerDir, TRAIN_SCRIPT), "utf8")];
  const importRe = /^\s*from\s+(?:cft_runner\.|\.)(\w+)?\s+import\s+([\w, ()]+)/gm;
  while (pending.length) {
    const text = pending.pop() as string;
    for (const m of text.matchAll(importRe)) {
      const names = m[1] ? [m[1]] : (m[2] ?? "").replace(/[()]/g, "").split(",");
      for (const name of names.map((n) => n.trim().split(/\s+/)[0] ?? "")) {
        const file = join(runnerDir, "cft_runner", `${name}.py`);
        if (!name || modules.has(name)) continue;
        let source: string;
        try {
          source = readFileSync(file, "utf8");
        } catch {
          continue; // a name imported from a module, not a module
        }
        modules.add(name);
        pending.push(source);
      }
    }
  }
  const data = readdirSync(join(runnerDir, "data"))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => `data/${f}`);
  return [TRAIN_SCRIPT, ...[...modules].sort().map((m) => `cft_runner/${m}.py`), ...data];
}

/** The stand-alone hash check (also runnable as `python3 verify_dataset.py [ROLE PATH]...`). */
export function verifyScript(input: BundleInput): string {
  const expected = Object.fromEntries(
    [input.train, input.validation]
      .filter((f): f is BundleFile => f !== undefined)
      .map((f) => [f.role, { sha256: f.sha256, audit_id: f.auditId, path: f.bundlePath }]),
  );
  return `"""Refuses any dataset file that is not byte for byte the one the HIPAA audit attested (SHA-256).

Run ${input.runId}, confirmation ${input.confirmationId}. Usage: python3 verify_dataset.py [ROLE PATH]...
"""
import hashlib
import json
import os
import sys

EXPECTED = json.loads(${JSON.stringify(JSON.stringify(expected))})


class DatasetMismatch(Exception):
    pass


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(role, path=None):
    expected = EXPECTED[role]
    path = path or expected["path"]
    if not os.path.isfile(path):
        raise DatasetMismatch(f"{path} is missing: upload the {role} file that audit {expected['audit_id']} passed")
    actual = sha256_of(path)
    if actual != expected["sha256"]:
        raise DatasetMismatch(
            f"{path} is NOT the attested {role} file: its SHA-256 is {actual}, but audit {expected['audit_id']} "
            f"attested {expected['sha256']}. Training stopped. Upload the exact file that passed \`cft audit\`."
        )
    print(f"{role}: {path} matches the attested SHA-256 {actual} (audit {expected['audit_id']})")


def main(argv):
    pairs = list(zip(argv[0::2], argv[1::2])) if argv else [(role, None) for role in EXPECTED]
    try:
        for role, path in pairs:
            verify(role, path)
    except (DatasetMismatch, KeyError) as exc:
        sys.stderr.write(f"verify_dataset.py: {exc}\\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
`;
}

const code = (source: string): Omit<Cell, "id"> => ({
  cell_type: "code",
  metadata: {},
  source: lines(source),
  outputs: [],
  execution_count: null,
});
const markdown = (source: string): Omit<Cell, "id"> => ({
  cell_type: "markdown",
  metadata: {},
  source: lines(source),
});

/** The train.py argv (script first) that the notebook runs: the local launcher's, with notebook paths. */
export function notebookTrainArgv(input: BundleInput): string[] {
  return [
    `${RUNNER}/${TRAIN_SCRIPT}`,
    ...trainArgs({
      baseModel: input.baseModel,
      train: input.train.bundlePath,
      validation: input.validation?.bundlePath,
      outputDir: `outputs/${input.runId}`,
      hyperparameters: input.hyperparameters,
    }),
  ];
}

function traceTable(input: BundleInput): string {
  const rows = [
    ["run", input.runId],
    ["confirmation", input.confirmationId],
    ["configuration sha256", input.configSha256],
    ["base model", input.baseModel],
    ...[input.train, input.validation]
      .filter((f): f is BundleFile => f !== undefined)
      .flatMap((f) => [
        [`${f.role} file sha256`, f.sha256],
        [`${f.role} attestation (audit id)`, f.auditId],
      ]),
  ];
  return ["| | |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | \`${v}\` |`)].join("\n");
}

/** The notebook as JSON text. */
export function colabNotebook(input: BundleInput, runnerDir = RUNNER_DIR): string {
  const files = [input.train, input.validation].filter((f): f is BundleFile => f !== undefined);
  const adapterDir = `outputs/${input.runId}/adapter`;
  const cells: Array<Omit<Cell, "id">> = [
    markdown(
      `# Clinical Fine-Tuner: run ${input.runId}\n\nTrains the LoRA/QLoRA adapter of confirmed run \`${input.runId}\` on a Colab GPU (Runtime → Change runtime type → GPU), with the same runner, flags and base model the local launcher would use. This notebook holds no dataset: you upload the audited file, and it is refused unless its SHA-256 equals the attested hash below.\n\n${traceTable(input)}\n\nThe runner's requirements assume an NVIDIA driver for CUDA 13 (see the comment at the top of requirements.txt for older drivers). Gated base models need \`HF_TOKEN\` in Colab's secrets.`,
    ),
    code(
      `import os\n\nfor folder in ["${RUNNER}/cft_runner", "${RUNNER}/data", "data", "outputs"]:\n    os.makedirs(folder, exist_ok=True)`,
    ),
    markdown("## 1. The runner's pinned requirements"),
    code(
      `%%writefile ${RUNNER}/requirements.txt\n${readFileSync(join(runnerDir, "requirements.txt"), "utf8")}`,
    ),
    code(`%pip install -q -r ${RUNNER}/requirements.txt`),
    markdown("## 2. The runner (gpu-runner from the Clinical Fine-Tuner checkout, unchanged)"),
    ...runnerFiles(runnerDir).map((f) =>
      code(`%%writefile ${RUNNER}/${f}\n${readFileSync(join(runnerDir, f), "utf8")}`),
    ),
    code(`%%writefile ${VERIFY_SCRIPT}\n${verifyScript(input)}`),
    markdown(
      `## 3. Upload the attested dataset\n\nChoose ${files.map((f) => `the ${f.role} file (SHA-256 \`${f.sha256}\`)`).join(", then ")}. Outside Colab, copy ${files.map((f) => `\`${f.bundlePath}\``).join(" and ")} into place instead.`,
    ),
    code(
      `import os\nimport shutil\n\ntry:\n    from google.colab import files as colab_files\nexcept ImportError:\n    colab_files = None\n\nfor role, target in ${JSON.stringify(files.map((f) => [f.role, f.bundlePath]))}:\n    if os.path.isfile(target):\n        print(f"{role}: using {target}")\n        continue\n    if colab_files is None:\n        raise RuntimeError(f"copy the {role} file to {target}, then run this cell again")\n    print(f"Choose the {role} file")\n    uploaded = colab_files.upload()\n    if len(uploaded) != 1:\n        raise RuntimeError(f"upload exactly one {role} file, then run this cell again")\n    name, content = next(iter(uploaded.items()))\n    if os.path.isfile(name):\n        shutil.move(name, target)\n    else:\n        with open(target, "wb") as handle:\n            handle.write(content)`,
    ),
    markdown("## 4. Verify the upload against the attestation (training stops here on a mismatch)"),
    code(
      `import sys\n\nsys.path.insert(0, "${RUNNER}")\nfrom verify_dataset import EXPECTED, verify\n\nfor role in EXPECTED:\n    verify(role)`,
    ),
    markdown("## 5. Train with the confirmed settings"),
    code(
      `import subprocess\nimport sys\n\nsys.path.insert(0, "${RUNNER}")\nfrom verify_dataset import EXPECTED, verify\n\nfor role in EXPECTED:\n    verify(role)  # again, in case the files changed since step 4\nTRAIN_ARGV = ${JSON.stringify(notebookTrainArgv(input))}\nprocess = subprocess.Popen([sys.executable, *TRAIN_ARGV], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)\nfor line in process.stdout:\n    print(line, end="")\nif process.wait() != 0:\n    raise RuntimeError(f"train.py failed (exit {process.returncode}); see its output above")`,
    ),
    markdown("## 6. Download the adapter"),
    code(
      `import shutil\n\narchive = shutil.make_archive("${input.runId}-adapter", "zip", "${adapterDir}")\ntry:\n    from google.colab import files as colab_files\n    colab_files.download(archive)\nexcept ImportError:\n    print(f"adapter archive: {archive}")`,
    ),
  ];
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "python3", display_name: "Python 3", language: "python" },
      language_info: { name: "python" },
      accelerator: "GPU",
      colab: { name: `${input.runId}.ipynb`, provenance: [] },
      cft: {
        runId: input.runId,
        confirmationId: input.confirmationId,
        configSha256: input.configSha256,
        baseModel: input.baseModel,
        datasetSha256: input.train.sha256,
        auditId: input.train.auditId,
        files: files.map((f) => ({ role: f.role, sha256: f.sha256, auditId: f.auditId, records: f.records })),
      },
    },
    cells: cells.map((c, i) => ({ id: `cft-${String(i).padStart(3, "0")}`, ...c })),
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
