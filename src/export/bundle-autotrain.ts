/**
 * The AutoTrain bundle: an AutoTrain Advanced `llm-sft` configuration (the format of the
 * configs/llm_finetuning/*.yml files and LLMTrainingParams of autotrain-advanced 0.8.x) with the confirmed
 * run's base model and LoRA/QLoRA settings (runner defaults spelled out, so AutoTrain's own defaults do not
 * silently replace them), a README with the exact command, and verify.sh, which refuses a dataset file whose
 * SHA-256 is not the attested one. The YAML is emitted from a fixed template: every scalar is a number, a
 * boolean, null, or a JSON-quoted string (a JSON string is a valid YAML double-quoted scalar).
 */
import { shellQuote } from "../finetune/local/shell-quote.js";
import { type BundleFile, type BundleInput, effectiveHyperparameters } from "./bundle-input.js";

export const AUTOTRAIN_VERSION = "0.8";

/** A YAML float that YAML 1.1 readers (PyYAML) also read as a number: `1e-05` needs a dot, `1.0e-05`. */
function yamlNumber(n: number): string {
  const text = String(n);
  return /e/i.test(text) && !text.includes(".") ? text.replace(/e/i, ".0e") : text;
}

const q = (s: string) => JSON.stringify(s);

export function autotrainConfig(input: BundleInput): string {
  const h = effectiveHyperparameters(input.hyperparameters);
  return `# AutoTrain Advanced ${AUTOTRAIN_VERSION}.x configuration for cft run ${input.runId}
# confirmation ${input.confirmationId}; training file sha256 ${input.train.sha256} (audit ${input.train.auditId})
# Run \`bash verify.sh\` before \`autotrain --config config.yml\`.
task: llm-sft
base_model: ${q(input.baseModel)}
project_name: ${q(input.runId)}
log: tensorboard
backend: local

data:
  path: data
  train_split: train
  valid_split: ${input.validation ? "validation" : "null"}
  chat_template: tokenizer
  column_mapping:
    text_column: messages

params:
  block_size: ${h.maxSeqLen}
  model_max_length: ${h.maxSeqLen}
  epochs: ${h.epochs}
  batch_size: ${h.batchSize}
  gradient_accumulation: ${h.gradAccum}
  lr: ${yamlNumber(h.learningRate)}
  seed: ${h.seed}
  peft: true
  quantization: ${h.use4bit ? "int4" : "null"}
  lora_r: ${h.loraR}
  lora_alpha: ${h.loraAlpha}
  lora_dropout: ${yamlNumber(h.loraDropout)}
  target_modules: ${q(h.targetModules)}
  padding: right
  merge_adapter: false

hub:
  username: \${HF_USERNAME}
  token: \${HF_TOKEN}
  push_to_hub: false
`;
}

const present = (input: BundleInput) =>
  [input.train, input.validation].filter((f): f is BundleFile => f !== undefined);

export function verifyShell(input: BundleInput): string {
  const files = present(input);
  const checks = files.map(
    (f, i) =>
      `check ${f.role} "\${${i + 1}:-$here/${f.bundlePath}}" ${shellQuote(f.sha256)} ${shellQuote(f.auditId)} || status=1`,
  );
  return `#!/usr/bin/env bash
# Refuses dataset files that are not byte for byte the ones the HIPAA audit attested (SHA-256), for cft run
# ${input.runId} (confirmation ${input.confirmationId}). Run it before \`autotrain --config config.yml\`.
# Usage: bash verify.sh [TRAIN_FILE${input.validation ? " [VALIDATION_FILE]" : ""}]   (default: ${files.map((f) => f.bundlePath).join(", ")} beside this script)
set -u
here=$(cd "$(dirname "$0")" && pwd)

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

check() {
  local role=$1 file=$2 expected=$3 audit=$4 actual
  if [ ! -f "$file" ]; then
    echo "verify.sh: $file is missing: copy the $role file that audit $audit passed there" >&2
    return 1
  fi
  actual=$(sha256_of "$file")
  if [ "$actual" != "$expected" ]; then
    echo "verify.sh: $file is NOT the attested $role file: its SHA-256 is $actual, audit $audit attested $expected. Do not train on it." >&2
    return 1
  fi
  echo "$role: $file matches the attested SHA-256 $expected (audit $audit)"
}

status=0
${checks.join("\n")}
exit $status
`;
}

export function autotrainReadme(input: BundleInput): string {
  const h = effectiveHyperparameters(input.hyperparameters);
  const files = present(input);
  return `# AutoTrain bundle for cft run ${input.runId}

Trains the LoRA${h.use4bit ? " (QLoRA, 4-bit)" : ""} adapter of confirmed run \`${input.runId}\` with
[AutoTrain Advanced](https://github.com/huggingface/autotrain-advanced) on any machine with a GPU.
\`config.yml\` follows the \`configs/llm_finetuning/*.yml\` format of AutoTrain Advanced ${AUTOTRAIN_VERSION}.x
(task \`llm-sft\`, fields of its \`LLMTrainingParams\`). This bundle holds no dataset.

| | |
|---|---|
| run | \`${input.runId}\` |
| confirmation | \`${input.confirmationId}\` |
| configuration sha256 | \`${input.configSha256}\` |
| base model | \`${input.baseModel}\` |
${files.map((f) => `| ${f.role} file sha256 | \`${f.sha256}\` |\n| ${f.role} attestation (audit id) | \`${f.auditId}\` |`).join("\n")}

## Steps

\`\`\`sh
pip install "autotrain-advanced>=${AUTOTRAIN_VERSION},<0.9"
mkdir -p data
${files.map((f) => `cp /path/to/the/attested/${f.role}.jsonl ${f.bundlePath}`).join("\n")}
bash verify.sh          # refuses any file whose SHA-256 is not the attested one
autotrain --config config.yml
\`\`\`

Gated base models need \`HF_TOKEN\` (and \`HF_USERNAME\`) in the environment. \`push_to_hub\` is off: the
adapter stays in \`${input.runId}/\`.

## Settings

From the confirmed run, with the runner's defaults for anything not set: epochs ${h.epochs}, batch size
${h.batchSize}, gradient accumulation ${h.gradAccum}, learning rate ${h.learningRate}, LoRA r ${h.loraR},
alpha ${h.loraAlpha}, dropout ${h.loraDropout}, target modules ${h.targetModules}, sequence length
${h.maxSeqLen} (block_size and model_max_length), seed ${h.seed}${h.use4bit ? ", 4-bit quantization (int4)" : ""}.
AutoTrain chooses its own optimizer, scheduler, warm-up and precision${h.packing ? ", and does not pack sequences as the runner's --packing did" : ""},
so losses will not match a local run step for step. For an exact reproduction use \`cft export bundle
${input.runId} --format colab\`, which runs the project's own runner.
`;
}

/** The bundle's files by name. */
export function autotrainBundle(input: BundleInput): Record<string, string> {
  return {
    "config.yml": autotrainConfig(input),
    "README.md": autotrainReadme(input),
    "verify.sh": verifyShell(input),
  };
}
