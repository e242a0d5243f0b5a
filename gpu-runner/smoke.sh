#!/usr/bin/env bash
# gpu-runner smoke test, for a machine with an NVIDIA GPU. Builds a tiny random Llama-style model offline,
# trains LoRA on it (with validation, checkpoints and a resume), trains QLoRA with packing, merges the adapter,
# converts to GGUF when llama.cpp is found, and checks every event stream. A few minutes, mostly installs.
#
#   bash gpu-runner/smoke.sh [--venv DIR] [--workdir DIR] [--keep] [--python PY] [--llama_cpp DIR] [--no-qlora]
#
#   --venv DIR       create (or reuse) a virtual environment there and pip install requirements.txt into it
#   --workdir DIR    where the model, data and outputs go (default: a temporary folder, removed afterwards)
#   --keep           keep the work folder
#   --python PY      interpreter to use without --venv (default python3; it must already have the requirements)
#   --llama_cpp DIR  llama.cpp checkout for the GGUF step (else $LLAMA_CPP_DIR or PATH; skipped when absent)
#   --no-qlora       skip the 4-bit run (GPUs without bitsandbytes support)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=python3
VENV=""
WORK=""
KEEP=0
LLAMA=""
QLORA=1

while [ $# -gt 0 ]; do
  case "$1" in
    --venv) VENV="$2"; shift 2 ;;
    --workdir) WORK="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --python) PY="$2"; shift 2 ;;
    --llama_cpp) LLAMA="$2"; shift 2 ;;
    --no-qlora) QLORA=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "smoke.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf '\n== %s\n' "$*"; }
fail() { printf '\nSMOKE FAILED: %s\n' "$*" >&2; exit 1; }
START=$(date +%s)

if [ -n "$VENV" ]; then
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating virtual environment $VENV"
    "$PY" -m venv "$VENV"
  fi
  PY="$VENV/bin/python"
  say "installing gpu-runner/requirements.txt"
  "$PY" -m pip install --upgrade pip >/dev/null
  "$PY" -m pip install -r "$HERE/requirements.txt"
fi

"$PY" - <<'PYEOF' || fail "the training stack is missing: rerun with --venv DIR, or pip install -r gpu-runner/requirements.txt"
import torch, transformers, peft, accelerate
assert torch.cuda.is_available(), "torch sees no CUDA GPU"
print(f"torch {torch.__version__} (CUDA {torch.version.cuda}) on {torch.cuda.get_device_name(0)}; "
      f"transformers {transformers.__version__}, peft {peft.__version__}")
PYEOF

if [ -z "$WORK" ]; then
  WORK="$(mktemp -d -t cft-smoke-XXXXXX)"
  [ "$KEEP" = 1 ] || trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
MODEL="$WORK/tiny-model"
DATA="$WORK/data"
CHECK=("$PY" "$HERE/smoke/check_events.py")
echo "work folder: $WORK"

say "building a tiny Llama-style model and a 20-example chat dataset (offline)"
"$PY" "$HERE/smoke/make_tiny_model.py" --model_dir "$MODEL" --data_dir "$DATA"

say "plan (no GPU needed)"
"$PY" "$HERE/train.py" --plan --json --base_model "$MODEL" --dataset "$DATA/train.jsonl" \
  --validation "$DATA/validation.jsonl" --max_seq_len 256 > "$WORK/plan.json"
"${CHECK[@]}" plan "$WORK/plan.json"

COMMON=(--base_model "$MODEL" --dataset "$DATA/train.jsonl" --validation "$DATA/validation.jsonl"
        --batch_size 4 --grad_accum 1 --max_seq_len 256 --learning_rate 1e-3 --logging_steps 1)

say "LoRA: 2 epochs with eval and a checkpoint every 2 steps"
"$PY" "$HERE/train.py" "${COMMON[@]}" --output_dir "$WORK/lora" --epochs 2 --eval_steps 2 --save_steps 2 \
  > "$WORK/lora.events.jsonl" 2> "$WORK/lora.log" || { rc=$?; tail -n 30 "$WORK/lora.log" >&2; fail "LoRA run exited $rc"; }
"${CHECK[@]}" train "$WORK/lora.events.jsonl" --min-steps 2 || { tail -n 30 "$WORK/lora.log" >&2; fail "LoRA events"; }

say "LoRA: resume to 3 epochs from the last checkpoint"
"$PY" "$HERE/train.py" "${COMMON[@]}" --output_dir "$WORK/lora" --epochs 3 --eval_steps 2 --save_steps 2 --resume \
  > "$WORK/resume.events.jsonl" 2> "$WORK/resume.log" || { rc=$?; tail -n 30 "$WORK/resume.log" >&2; fail "resumed run exited $rc"; }
"${CHECK[@]}" train "$WORK/resume.events.jsonl" --resumed --min-steps 3 || fail "resume events"

if [ "$QLORA" = 1 ]; then
  say "QLoRA (4-bit NF4) with packing, 1 epoch"
  "$PY" "$HERE/train.py" "${COMMON[@]}" --output_dir "$WORK/qlora" --epochs 1 --use_4bit --packing \
    > "$WORK/qlora.events.jsonl" 2> "$WORK/qlora.log" || { rc=$?; tail -n 30 "$WORK/qlora.log" >&2; fail "QLoRA run exited $rc"; }
  "${CHECK[@]}" train "$WORK/qlora.events.jsonl" || fail "QLoRA events"
fi

say "merge the LoRA adapter into the 16-bit base, then GGUF (when llama.cpp is found)"
GGUF_OK=$("$PY" -c "import json,sys; print(int(json.load(open(sys.argv[1]))['gguf_possible']))" "$MODEL/smoke_info.json")
MERGE=("$PY" "$HERE/merge_and_convert.py" --base_model "$MODEL" --adapter "$WORK/lora/adapter"
       --output_dir "$WORK/export" --quantize Q8_0)
[ -n "$LLAMA" ] && MERGE+=(--llama_cpp "$LLAMA")
set +e
"${MERGE[@]}" > "$WORK/merge.events.jsonl" 2> "$WORK/merge.log"
MERGE_RC=$?
set -e
if [ "$GGUF_OK" = 1 ]; then
  "${CHECK[@]}" merge "$WORK/merge.events.jsonl" --gguf-optional || { tail -n 30 "$WORK/merge.log" >&2; fail "merge (exit $MERGE_RC)"; }
else
  echo "(the tiny model has a word-level tokenizer, which llama.cpp cannot convert: checking the merge only)"
  "$PY" - "$WORK/merge.events.jsonl" <<'PYEOF' || fail "merge (exit $MERGE_RC)"
import json, sys
events = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
assert any(e["event"] == "merged" for e in events), events
print("ok   merged (GGUF not attempted for this tokenizer)")
PYEOF
fi

say "smoke test passed in $(( $(date +%s) - START )) s"
[ "$KEEP" = 1 ] && echo "outputs kept in $WORK"
exit 0
