/**
 * `cft export bundle`: a local run confirmed the way a user does it (audit, then `cft finetune --provider
 * local --yes` with the stand-in GPU and runner) exported as a Colab notebook and as an AutoTrain bundle.
 * The notebook's hash check and verify.sh are run for real on the attested file and on a tampered copy.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autotrainConfig } from "../../src/export/bundle-autotrain.js";
import { notebookTrainArgv } from "../../src/export/bundle-colab.js";
import { RUNNER_DEFAULTS } from "../../src/export/bundle-input.js";
import { recordConfirmation } from "../../src/ledger/confirmations.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { createRun } from "../../src/ledger/runs.js";
import { chatLines } from "../fakes/submissions.js";
import { FAKE_PYTHON, FAKES } from "../finetune/local-harness.js";
import { cft, ROOT, tempDir, writeFile } from "../helpers.js";

const MODEL = "meta-llama/Llama-3.1-8B-Instruct";
const env = {
  PATH: `${FAKES}:${process.env.PATH ?? ""}`,
  CFT_PYTHON: FAKE_PYTHON,
  FAKE_GPUS: "NVIDIA H100 80GB HBM3, 81559",
};
let home: string;
let dir: string;
let train: string;
let tampered: string;
let runId: string;
let trainSha: string;
let auditId: string;

function runnerPid(): number | undefined {
  try {
    return JSON.parse(readFileSync(join(home, "runs", runId, "job.json"), "utf8")).pid ?? undefined;
  } catch {
    return undefined;
  }
}

beforeAll(() => {
  home = tempDir("cft-bundle-");
  dir = tempDir("cft-bundle-data-");
  train = writeFile(dir, "train.jsonl", chatLines(20));
  const validation = writeFile(dir, "validation.jsonl", chatLines(12, "v"));
  tampered = writeFile(dir, "tampered.jsonl", chatLines(20).replace("claim a-3", "claim a-9"));
  expect(cft(["audit", train, validation, "--home", home]).code).toBe(0);
  const started = cft(
    [
      ...["finetune", "--provider", "local", "--base-model", MODEL, "--train", train],
      ...[
        "--validation",
        validation,
        "--use-4bit",
        "--epochs",
        "2",
        "--lora-r",
        "8",
        "--learning-rate",
        "1e-5",
      ],
      ...["--home", home, "--json", "--yes"],
    ],
    { env },
  );
  expect(started.code, started.stderr).toBe(0);
  runId = started.json().runId;
});

afterAll(() => {
  const pid = runnerPid();
  if (pid)
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already finished
    }
});

const exportBundle = (format: string, out: string, id = runId) =>
  cft(["export", "bundle", id, "--format", format, "--out", out, "--home", home, "--json"]);

describe("cft export bundle --format colab", () => {
  it("writes a valid notebook that embeds the attestation and the confirmed training command", () => {
    const out = join(dir, "colab");
    const run = exportBundle("colab", out);
    expect(run.code, run.stderr).toBe(0);
    const result = run.json();
    expect(result).toMatchObject({ runId, format: "colab", files: [join(out, `${runId}.ipynb`)] });
    trainSha = result.datasetSha256;
    auditId = result.auditId;
    expect(trainSha).toMatch(/^[0-9a-f]{64}$/);

    const text = readFileSync(result.files[0], "utf8");
    const nb = JSON.parse(text);
    expect([nb.nbformat, nb.nbformat_minor]).toEqual([4, 5]);
    for (const cell of nb.cells) {
      expect(cell.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(["code", "markdown"]).toContain(cell.cell_type);
      expect(cell.metadata).toEqual({});
      expect(Array.isArray(cell.source)).toBe(true);
      if (cell.cell_type === "code") expect([cell.outputs, cell.execution_count]).toEqual([[], null]);
    }
    expect(nb.metadata.cft).toMatchObject({ runId, datasetSha256: trainSha, auditId, baseModel: MODEL });
    expect(nb.metadata.cft.confirmationId).toMatch(/\S/);
    const markdownText = nb.cells
      .filter((c: { cell_type: string }) => c.cell_type === "markdown")
      .map((c: { source: string[] }) => c.source.join(""))
      .join("\n");
    for (const traced of [runId, trainSha, auditId, nb.metadata.cft.confirmationId])
      expect(markdownText).toContain(traced);

    // The attested hash is the audit's; no record text from the dataset is in the notebook.
    const audits = cft(["audit", train, "--home", home, "--json"]).json();
    expect(JSON.stringify(audits)).toContain(trainSha);
    expect(text).not.toContain("Synthetic claim");
    expect(text).not.toContain("You code synthetic claims");

    const sources = nb.cells.map((c: { source: string[] }) => c.source.join(""));
    const requirements = readFileSync(join(ROOT, "gpu-runner", "requirements.txt"), "utf8");
    expect(sources).toContain(`%%writefile cft-runner/requirements.txt\n${requirements}`);
    for (const f of ["train.py", "cft_runner/main.py", "cft_runner/trainer.py", "data/models.json"])
      expect(sources.some((s: string) => s.startsWith(`%%writefile cft-runner/${f}\n`))).toBe(true);
    const trainCell = sources.find((s: string) => s.includes("TRAIN_ARGV = ")) as string;
    const argv = JSON.parse(/TRAIN_ARGV = (.*)\n/.exec(trainCell)?.[1] ?? "[]") as string[];
    const flag = (name: string) => argv[argv.indexOf(name) + 1];
    expect([flag("--base_model"), flag("--epochs"), flag("--lora_r"), flag("--learning_rate")]).toEqual([
      MODEL,
      "2",
      "8",
      "0.00001",
    ]);
    expect(argv).toContain("--use_4bit");
    expect(flag("--dataset")).toBe("data/train.jsonl");
    expect(flag("--validation")).toBe("data/validation.jsonl");
    expect(argv).toEqual(
      notebookTrainArgv({
        runId,
        confirmationId: "",
        configSha256: "",
        baseModel: MODEL,
        hyperparameters: { epochs: 2, loraR: 8, learningRate: 1e-5, use4bit: true },
        train: { role: "train", bundlePath: "data/train.jsonl", sha256: "", auditId: "", records: 0 },
        validation: {
          role: "validation",
          bundlePath: "data/validation.jsonl",
          sha256: "",
          auditId: "",
          records: 0,
        },
      }),
    );

    // The runner the notebook writes is complete: its files alone plan this exact command (no torch needed).
    const work = tempDir("cft-bundle-nb-");
    for (const s of sources.filter((s: string) => s.startsWith("%%writefile "))) {
      const path = join(work, s.slice("%%writefile ".length, s.indexOf("\n")));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, s.slice(s.indexOf("\n") + 1));
    }
    mkdirSync(join(work, "data"));
    copyFileSync(train, join(work, "data", "train.jsonl"));
    copyFileSync(join(dir, "validation.jsonl"), join(work, "data", "validation.jsonl"));
    const plan = spawnSync("python3", [...argv, "--plan", "--json"], { cwd: work, encoding: "utf8" });
    expect(plan.status, plan.stderr).toBe(0);
    const verified = spawnSync("python3", ["cft-runner/verify_dataset.py"], { cwd: work, encoding: "utf8" });
    expect(verified.status, verified.stderr).toBe(0);

    // The embedded hash check, run with python3 on the attested file and on a tampered copy.
    const verify = sources.find((s: string) => s.startsWith("%%writefile cft-runner/verify_dataset.py\n"));
    const script = writeFile(dir, "verify_dataset.py", verify.slice(verify.indexOf("\n") + 1));
    const good = spawnSync("python3", [script, "train", train], { encoding: "utf8" });
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain(trainSha);
    const bad = spawnSync("python3", [script, "train", tampered], { encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/NOT the attested train file/);
    expect(bad.stderr).toContain(trainSha);
  });
});

describe("cft export bundle --format autotrain", () => {
  it("writes an AutoTrain config, a README with the command, and a verify.sh that checks the hash", () => {
    const out = join(dir, "autotrain");
    const run = exportBundle("autotrain", out);
    expect(run.code, run.stderr).toBe(0);
    const result = run.json();
    expect(result.files.map((f: string) => f.slice(out.length + 1)).sort()).toEqual([
      "README.md",
      "config.yml",
      "verify.sh",
    ]);
    expect(result.datasetSha256).toMatch(/^[0-9a-f]{64}$/);
    const config = readFileSync(join(out, "config.yml"), "utf8");
    for (const line of [
      "task: llm-sft",
      `base_model: "${MODEL}"`,
      `project_name: "${runId}"`,
      "  chat_template: tokenizer",
      "    text_column: messages",
      "  valid_split: validation",
      "  quantization: int4",
      "  lora_r: 8",
      "  lora_alpha: 32",
      "  epochs: 2",
      "  lr: 0.00001",
      "  block_size: 2048",
      "  push_to_hub: false",
    ])
      expect(config.split("\n")).toContain(line);
    const readme = readFileSync(join(out, "README.md"), "utf8");
    expect(readme).toContain("autotrain --config config.yml");
    expect(readme).toMatch(/AutoTrain Advanced 0\.8\.x/);
    expect(config + readme).not.toContain("Synthetic claim");

    const script = join(out, "verify.sh");
    const good = spawnSync("bash", [script, train], { encoding: "utf8" });
    expect(good.status, good.stderr).toBe(1); // the default validation path is still missing
    expect(good.stdout).toContain(`train: ${train} matches`);
    expect(good.stderr).toMatch(/validation\.jsonl is missing/);
    const both = spawnSync("bash", [script, train, join(dir, "validation.jsonl")], { encoding: "utf8" });
    expect(both.status, both.stderr).toBe(0);
    const bad = spawnSync("bash", [script, tampered, join(dir, "validation.jsonl")], { encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/NOT the attested train file/);
  });

  it("writes YAML that a real YAML parser reads as intended", () => {
    const yaml = spawnSync("python3", ["-c", "import yaml"]);
    if (yaml.status !== 0) return; // PyYAML not installed here; the line checks above still hold
    const config = autotrainConfig({
      runId: "run-1",
      confirmationId: "c",
      configSha256: "s",
      baseModel: 'odd "model": name',
      hyperparameters: { learningRate: 1e-7, loraDropout: 0.1 },
      train: {
        role: "train",
        bundlePath: "data/train.jsonl",
        sha256: "a".repeat(64),
        auditId: "x",
        records: 1,
      },
      validation: undefined,
    });
    const parsed = spawnSync(
      "python3",
      ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))"],
      { input: config, encoding: "utf8" },
    );
    expect(parsed.status, parsed.stderr).toBe(0);
    const doc = JSON.parse(parsed.stdout);
    expect(doc).toMatchObject({ task: "llm-sft", base_model: 'odd "model": name', project_name: "run-1" });
    expect(doc.data).toEqual({
      path: "data",
      train_split: "train",
      valid_split: null,
      chat_template: "tokenizer",
      column_mapping: { text_column: "messages" },
    });
    expect(doc.params).toMatchObject({
      lr: 1e-7,
      lora_dropout: 0.1,
      quantization: null,
      peft: true,
      seed: 42,
    });
  });

  it("spells out the runner's own defaults (checked against gpu-runner/cft_runner/args.py)", () => {
    const py = spawnSync(
      "python3",
      [
        "-c",
        "import json, sys; sys.path.insert(0, 'gpu-runner'); from cft_runner.args import DEFAULTS; print(json.dumps(DEFAULTS))",
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(py.status, py.stderr).toBe(0);
    const d = JSON.parse(py.stdout);
    expect(RUNNER_DEFAULTS).toEqual({
      epochs: d.epochs,
      batchSize: d.batch_size,
      gradAccum: d.grad_accum,
      learningRate: d.learning_rate,
      loraR: d.lora_r,
      loraAlpha: d.lora_alpha,
      loraDropout: d.lora_dropout,
      targetModules: d.target_modules,
      maxSeqLen: d.max_seq_len,
      seed: d.seed,
    });
  });
});

describe("cft export bundle refusals", () => {
  it("refuses an unknown run (exit 2), a hosted run and an unattested dataset (exit 3)", () => {
    expect(exportBundle("colab", join(dir, "x"), "run-20990101-00000000").code).toBe(2);
    const db = openLedger(home);
    const add = (id: string, provider: string, sha: string) => {
      recordConfirmation(db, {
        id: `conf-${id}`,
        provider,
        baseModel: MODEL,
        files: [{ role: "train", path: train, sha256: sha, auditId }],
        datasetKey: sha,
        configSha256: "c",
        config: { baseModel: MODEL, hyperparameters: {} },
        estimateSha256: "e",
        estimate: {},
        token: "t",
        method: "yes-flag",
        createdAt: new Date().toISOString(),
      });
      createRun(db, {
        id,
        confirmationId: `conf-${id}`,
        provider,
        baseModel: MODEL,
        target: provider,
        datasetKey: sha,
        configSha256: "c",
        trainSha256: sha,
        validationSha256: null,
        runDir: join(home, "runs", id),
        createdAt: new Date().toISOString(),
      });
    };
    add("run-hosted", "openai", trainSha);
    add("run-unattested", "local", "f".repeat(64));
    db.close();
    const hosted = exportBundle("colab", join(dir, "h"), "run-hosted");
    expect(hosted.code).toBe(3);
    expect(hosted.stderr).toMatch(/openai, not local/);
    const unattested = exportBundle("autotrain", join(dir, "u"), "run-unattested");
    expect(unattested.code).toBe(3);
    expect(unattested.stderr).toMatch(/no longer carries a PASS attestation/);
    expect(exportBundle("zip", join(dir, "z")).code).toBe(2);
  });
});
