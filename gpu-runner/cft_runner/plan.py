"""--plan: peak GPU memory, steps, time and cost of a run, and the exact command that starts it. No torch.

Memory (bytes; reported in GiB) for LoRA/QLoRA with Hugging Face Trainer + PEFT, as trainer.py runs it:

  weights      bf16 LoRA: every parameter at 2 bytes.
               QLoRA: linear layers in NF4 with double quantization, 4.127 bits a parameter (4 bits + 0.127
               bits of quantization constants, QLoRA paper, Dettmers et al. 2023, section 3); embeddings, the
               output head and norms stay unquantized and peft's prepare_model_for_kbit_training upcasts them
               to fp32 (4 bytes): on Llama-3-8B that is 1.05e9 parameters, 4.2 GB.
  lora         trainable parameters r * (in + out) for each targeted linear layer, kept in fp32: 4 bytes.
  gradients    fp32 gradients of the LoRA parameters: 4 bytes (plus a DDP bucket copy when num_gpus > 1).
  optimizer    AdamW first and second moments in fp32: 8 bytes. The fp32 LoRA weights are their own master
               copy, so no extra 4 bytes.
  activations  tokens_per_micro_batch x per-token bytes x 1.10 (caching-allocator fragmentation), where
               per-token bytes =
                 checkpointed layer inputs      L * h * 2               (with gradient checkpointing)
               + one decoder layer's activations 2 * (4h + 3*q_dim + 3*kv_dim + 4*i)
                 (all L layers without checkpointing): residuals and norm outputs, q/k/v and their rotary
                 copies, attention output, the four SwiGLU intermediates, in bf16. This is the per-layer
                 count of Korthikanti et al. 2022 ("Reducing Activation Recomputation in Large Transformer
                 Models", section 4.1: sbh(34 + 5as/h)) redone for RMSNorm, SwiGLU and grouped-query
                 attention; with SDPA/FlashAttention the 5as/h attention-score term is never stored.
               + LoRA dropout copies of each targeted layer's input, 3 bytes an element (bf16 + mask)
               + logits: vocab * 16 bytes (bf16/fp32 logits, the fp32 upcast in the loss, log-softmax and
                 its gradient). With 128k-256k vocabularies this is the largest activation.
  overhead     1 GiB: CUDA context, cuBLAS workspace, allocator reserve.

Calibration (tests/test_plan.py): Unsloth's table for Llama-3.1-8B QLoRA rank 32 with Hugging Face + FA2
(batch 1) fits 2,551 tokens in 16 GB, 5,789 in 24 GB, 28,454 in 80 GB; LLaMA-Factory's LLaMA-2-7B 4-bit
(batch 1) needs 6 GB at 1,024 tokens, 12 GB at 8,192, 32 GB at 32,768. The model is within 3% of Unsloth's
figures and 4-16% above LLaMA-Factory's (which keeps embeddings in 16 bit): on the safe side.

Time: tokens/s = the GPU's reference tokens/s (data/gpus.json, anchored to LLaMA-Factory's 2,954 tokens/s
for LLaMA-2-7B LoRA on an A100 and scaled by BF16 TFLOPS) x (6.61e9 / the model's matmul parameters)
x 0.6 for QLoRA x 1.3 without gradient checkpointing x 0.9 x N on N GPUs. Padding tokens cost time too.

Steps = ceil(sequences / (batch_size x grad_accum x num_gpus)) x epochs, where sequences = examples, or with
--packing the number of max_seq_len sequences the examples pack into (about total tokens / max_seq_len).
"""

import json
import math
import os
import shlex
import sys

from . import catalog
from .args import training_flags
from .data import dataset_stats, read_chat_jsonl

GIB = 1024 ** 3
NF4_BYTES_PER_PARAM = 4.127 / 8
LOGIT_BYTES = 16
ALLOCATOR_MARGIN = 1.10
OVERHEAD_GIB = 1.0
CHARS_PER_TOKEN = 4

TRAIN_PY = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "train.py")


# ---------------------------------------------------------------------------------------------------------
# Memory


def activation_bytes_per_token(arch, gradient_checkpointing, lora_dropout, target_modules, r):
    """Bytes of activations kept per token of the micro-batch (see the module docstring)."""
    h, i, n_layers = arch["hidden_size"], arch["intermediate_size"], arch["num_hidden_layers"]
    q_dim = arch["num_attention_heads"] * arch["head_dim"]
    kv_dim = arch["num_key_value_heads"] * arch["head_dim"]
    layer = 2 * (4 * h + 3 * q_dim + 3 * kv_dim + 4 * i)
    wanted = None if target_modules == "all-linear" else set(target_modules.split(","))
    targets = [(n, fi) for n, fi, _ in catalog.linear_layers(arch) if wanted is None or n in wanted]
    layer += sum(2 * r for _ in targets)  # LoRA A outputs (r wide), kept for B's backward
    if lora_dropout > 0:
        layer += sum(3 * fan_in for _, fan_in in targets)
    if gradient_checkpointing:
        kept = n_layers * h * 2 + layer
    else:
        kept = n_layers * layer
    return kept + arch["vocab_size"] * LOGIT_BYTES


def memory_breakdown(arch, *, use_4bit, lora_params, tokens_per_micro_batch, gradient_checkpointing,
                     lora_dropout, target_modules, r, num_gpus=1):
    """Peak GPU memory per GPU in GiB, by component (PROTOCOL.md memory_gb)."""
    counts = catalog.param_counts(arch)
    if use_4bit:
        weights = counts["linear"] * NF4_BYTES_PER_PARAM + (counts["total"] - counts["linear"]) * 4
    else:
        weights = counts["total"] * 2
    lora = lora_params * 4
    gradients = lora_params * 4 * (2 if num_gpus > 1 else 1)
    optimizer = lora_params * 8
    per_token = activation_bytes_per_token(arch, gradient_checkpointing, lora_dropout, target_modules, r)
    activations = tokens_per_micro_batch * per_token * ALLOCATOR_MARGIN
    parts = {
        "weights": weights / GIB,
        "lora": lora / GIB,
        "gradients": gradients / GIB,
        "optimizer": optimizer / GIB,
        "activations": activations / GIB,
        "overhead": OVERHEAD_GIB,
    }
    parts["peak"] = sum(parts.values())
    return parts


# ---------------------------------------------------------------------------------------------------------
# Data: tokens, sequences, padding


def _round_up(value, multiple):
    return int(math.ceil(value / multiple) * multiple)


def sequence_stats(token_counts, max_seq_len, batch_size, packing):
    """Sequences per epoch, trained tokens per epoch and padding tokens per epoch.

    Without packing each example is one sequence (cut at max_seq_len) and batches are padded to their
    longest row, in file order (the trainer shuffles, so this is a typical case, not a bound). With packing,
    greedy first-fit in order, as data.pack_rows does, and no padding.
    """
    capped = [min(t, max_seq_len) for t in token_counts]
    if packing:
        sequences, used = 0, 0
        for t in capped:
            if used and used + t > max_seq_len:
                sequences += 1
                used = 0
            used += t
        sequences += 1 if used else 0
        return sequences, sum(capped), 0
    padding = 0
    for start in range(0, len(capped), batch_size):
        batch = capped[start:start + batch_size]
        padding += len(batch) * _round_up(max(batch), 8) - sum(batch)
    return len(capped), sum(capped), padding


def steps_for(sequences, batch_size, grad_accum, num_gpus, epochs):
    """Optimizer steps: ceil(sequences / (batch_size * grad_accum * num_gpus)) per epoch, times epochs."""
    return int(math.ceil(sequences / (batch_size * grad_accum * num_gpus))) * epochs


def default_eval_steps(steps_per_epoch):
    return max(1, steps_per_epoch)


# ---------------------------------------------------------------------------------------------------------
# The plan


def _token_estimates(examples, scale):
    return [e.chars() / CHARS_PER_TOKEN * scale for e in examples]


def build_plan(args, train_examples, validation_examples=None):
    """The PROTOCOL.md plan object for parsed train.py flags and the loaded dataset(s)."""
    arch = catalog.resolve_model(args.base_model, args.params_billion)
    gpus_doc = catalog.gpus_table()
    factors, anchor = gpus_doc["factors"], gpus_doc["anchor"]
    num_gpus = args.num_gpus or 1
    validation_examples = validation_examples or []

    stats = dataset_stats(train_examples)
    estimated_tokens = stats["chars"] / CHARS_PER_TOKEN
    if args.dataset_tokens:
        tokens, tokens_source = args.dataset_tokens, "given"
        scale = args.dataset_tokens / estimated_tokens if estimated_tokens else 1.0
    else:
        tokens, tokens_source = int(round(estimated_tokens)), "estimated"
        scale = 1.0
    per_example = _token_estimates(train_examples, scale)
    longest = int(math.ceil(max(per_example)))
    truncated = sum(1 for t in per_example if t > args.max_seq_len)
    sequences, tokens_per_epoch, padding_per_epoch = sequence_stats(
        per_example, args.max_seq_len, args.batch_size, args.packing)
    steps_per_epoch = steps_for(sequences, args.batch_size, args.grad_accum, num_gpus, 1)
    steps = steps_per_epoch * args.epochs
    tokens_trained = int(round(tokens_per_epoch * args.epochs))
    validation_tokens = int(round(sum(_token_estimates(validation_examples, scale))))

    seq_len = args.max_seq_len if args.packing else min(args.max_seq_len, _round_up(longest, 8))
    tokens_per_micro_batch = args.batch_size * seq_len
    lora_params, missing_modules = catalog.lora_trainable_params(arch, args.lora_r, args.target_modules)
    memory = memory_breakdown(
        arch, use_4bit=args.use_4bit, lora_params=lora_params, tokens_per_micro_batch=tokens_per_micro_batch,
        gradient_checkpointing=args.gradient_checkpointing, lora_dropout=args.lora_dropout,
        target_modules=args.target_modules, r=args.lora_r, num_gpus=num_gpus)
    peak = memory["peak"]

    # Time: one rate per GPU kind, then padding and evaluation on top of the trained tokens.
    speed = anchor["reference_matmul_params"] / catalog.matmul_params(arch)
    if args.use_4bit:
        speed *= factors["qlora_speed"]
    if not args.gradient_checkpointing:
        speed *= factors["no_gradient_checkpointing_speed"]
    scaling = num_gpus * (factors["multi_gpu_efficiency"] if num_gpus > 1 else 1.0)
    eval_steps = args.eval_steps or default_eval_steps(steps_per_epoch)
    evaluations = int(math.ceil(steps / eval_steps)) if validation_examples else 0
    computed_tokens = (tokens_per_epoch + padding_per_epoch) * args.epochs
    eval_tokens = validation_tokens * evaluations

    wanted = [catalog.find_gpu(args.gpu)] if args.gpu else gpus_doc["gpus"]
    gpus = []
    for g in wanted:
        per_gpu = g["reference_tokens_per_second"] * speed
        total = per_gpu * scaling
        seconds = computed_tokens / total + eval_tokens / (total * factors["eval_speed"])
        hours = seconds / 3600
        gpus.append({
            "gpu": g["gpu"],
            "vram_gb": g["vram_gb"],
            "fits": peak <= g["usable_vram_gb"],
            "tokens_per_second": int(round(total)),
            "tokens_per_second_per_gpu": int(round(per_gpu)),
            "hours": round(hours, 3),
            "usd_per_hour": g["usd_per_hour"],
            "cost_usd": round(hours * g["usd_per_hour"] * num_gpus, 2),
            "source": f"throughput: {g['reference_derivation']} tokens/s for LLaMA-2-7B ({g['tflops_source']}); "
                      f"price: {g['price_source']} ({g['price_date']})",
        })
    fitting = [g for g in gpus if g["fits"]]
    recommended = min(fitting, key=lambda g: (g["cost_usd"], g["hours"]))["gpu"] if fitting else None

    method = "qlora" if args.use_4bit else "lora"
    warnings = []
    if truncated:
        warnings.append(f"{truncated} training example(s) are longer than --max_seq_len {args.max_seq_len} "
                        f"and will be cut (the longest is about {longest} tokens)")
    if missing_modules:
        warnings.append(f"--target_modules {', '.join(missing_modules)} not found in this architecture's linear "
                        f"layers ({', '.join(n for n, _, _ in catalog.linear_layers(arch))}); counted as 0")
    if not arch["known"]:
        warnings.append(f"{args.base_model} is not in data/models.json: {arch['source']}")
    if recommended is None:
        warnings.append("no listed GPU fits this configuration: lower --batch_size or --max_seq_len, "
                        "use --use_4bit, or keep --gradient_checkpointing on")

    counts = catalog.param_counts(arch)
    plan = {
        "event": "plan",
        "base_model": args.base_model,
        "model": {
            "id": arch["id"],
            "params_billion": round(counts["total"] / 1e9, 2),
            "layers": arch["num_hidden_layers"],
            "hidden_size": arch["hidden_size"],
            "intermediate_size": arch["intermediate_size"],
            "vocab_size": arch["vocab_size"],
            "known": arch["known"],
            "source": arch["source"],
        },
        "method": method,
        "precision": "nf4" if args.use_4bit else "bf16",
        "lora": {
            "r": args.lora_r,
            "alpha": args.lora_alpha,
            "dropout": args.lora_dropout,
            "target_modules": args.target_modules,
            "trainable_params": lora_params,
            "init_adapter": args.init_adapter,
        },
        "dataset": {
            "examples": len(train_examples),
            "validation_examples": len(validation_examples),
            "tokens": tokens,
            "tokens_source": tokens_source,
            "validation_tokens": validation_tokens,
            "longest_example_tokens": longest,
        },
        "training": {
            "epochs": args.epochs,
            "batch_size": args.batch_size,
            "grad_accum": args.grad_accum,
            "num_gpus": num_gpus,
            "max_seq_len": args.max_seq_len,
            "steps": steps,
            "tokens_trained": tokens_trained,
            "packing": bool(args.packing),
            "gradient_checkpointing": bool(args.gradient_checkpointing),
            "sequences_per_epoch": sequences,
            "tokens_per_micro_batch": tokens_per_micro_batch,
            "padding_tokens": int(round(padding_per_epoch * args.epochs)),
            "evaluations": evaluations,
        },
        "memory_gb": {k: round(v, 2) for k, v in memory.items()},
        "peak_memory_gb": round(peak, 2),
        "gpus": gpus,
        "recommended_gpu": recommended,
        "command": launch_command(args, num_gpus),
        "assumptions": assumptions(args, arch, memory, tokens_per_micro_batch, speed, factors, anchor),
        "warnings": warnings,
    }
    return plan


def script_path():
    """train.py as the user can type it from here: relative when it lies below the current folder."""
    rel = os.path.relpath(TRAIN_PY)
    return rel if not rel.startswith("..") else TRAIN_PY


def launch_command(args, num_gpus):
    argv = [script_path()] + training_flags(args)
    if num_gpus > 1:
        return shlex.join(["accelerate", "launch", "--num_processes", str(num_gpus)] + argv)
    return shlex.join(["python3"] + argv)


def assumptions(args, arch, memory, tokens_per_micro_batch, speed, factors, anchor):
    per_token = activation_bytes_per_token(arch, args.gradient_checkpointing, args.lora_dropout,
                                           args.target_modules, args.lora_r)
    logits = arch["vocab_size"] * LOGIT_BYTES
    out = [
        "memory is GiB per GPU for Hugging Face Trainer + PEFT with SDPA attention (trainer.py); "
        "the formulas are in cft_runner/plan.py",
        ("weights: NF4 + double quantization at 4.127 bits per linear-layer parameter (QLoRA paper), "
         "embeddings/head/norms in fp32 after prepare_model_for_kbit_training" if args.use_4bit else
         "weights: every parameter in bf16 (2 bytes)"),
        "LoRA: fp32 weights (4 B), fp32 gradients (4 B), AdamW moments (8 B) per trainable parameter",
        f"activations: {tokens_per_micro_batch} tokens per micro-batch (batch_size x "
        f"{'max_seq_len, packed' if args.packing else 'the longest example, capped at max_seq_len'}) x "
        f"{per_token / 1e6:.2f} MB per token ({logits / 1e6:.2f} MB of it logits over a "
        f"{arch['vocab_size']:,}-token vocabulary) x {ALLOCATOR_MARGIN} allocator margin",
        f"overhead: {OVERHEAD_GIB:g} GiB CUDA context and workspace; a GPU fits when peak <= its usable VRAM",
        f"throughput: {anchor['tokens_per_second']:,} tokens/s for LLaMA-2-7B LoRA on an A100 (LLaMA-Factory, "
        f"HF + FlashAttention-2) scaled by BF16 TFLOPS and by 6.61e9 / {catalog.matmul_params(arch):.3g} "
        f"matmul parameters = x{speed:.3f} for this model and method"
        + (f" (QLoRA x{factors['qlora_speed']})" if args.use_4bit else ""),
        "time excludes downloading the model and loading it (minutes for 8B, more for 70B)",
        "tokens are characters / 4 unless --dataset_tokens gives the exact count; the chat template adds a "
        "few tokens a message on top",
    ]
    if (args.num_gpus or 1) > 1:
        out.append(f"{args.num_gpus} GPUs with DDP (accelerate launch): each holds a full copy of the model; "
                   f"throughput x {factors['multi_gpu_efficiency']} per GPU")
    if args.packing:
        out.append("packing: examples are concatenated into max_seq_len sequences, which removes padding and "
                   "reduces the number of sequences and steps")
    return out


# ---------------------------------------------------------------------------------------------------------
# Printing


def format_table(plan) -> str:
    m, t, d, mem = plan["model"], plan["training"], plan["dataset"], plan["memory_gb"]
    lines = [
        f"Plan for {plan['base_model']} ({m['params_billion']}B params, {m['layers']} layers"
        f"{'' if m['known'] else ', NOT in the model table: ' + m['source']})",
        f"  method {plan['method']} ({plan['precision']}), LoRA r={plan['lora']['r']} alpha={plan['lora']['alpha']} "
        f"on {plan['lora']['target_modules']}: {plan['lora']['trainable_params']:,} trainable parameters",
        f"  data   {d['examples']} examples, {d['tokens']:,} tokens ({d['tokens_source']}), "
        f"{d['validation_examples']} validation examples, longest ~{d['longest_example_tokens']} tokens",
        f"  run    {t['epochs']} epochs x {t['sequences_per_epoch']} sequences, batch {t['batch_size']} x accum "
        f"{t['grad_accum']} x {t['num_gpus']} GPU(s) = {t['steps']} steps, {t['tokens_trained']:,} tokens trained",
        "",
        "  memory per GPU (GiB): " + ", ".join(f"{k} {v}" for k, v in mem.items() if k != "peak")
        + f"  ->  peak {plan['peak_memory_gb']}",
        "",
        f"  {'GPU':<15} {'VRAM':>5} {'fits':>5} {'tokens/s':>9} {'hours':>8} {'$/hour':>7} {'cost $':>8}",
    ]
    for g in plan["gpus"]:
        mark = " <- recommended" if g["gpu"] == plan["recommended_gpu"] else ""
        lines.append(
            f"  {g['gpu']:<15} {g['vram_gb']:>5} {'yes' if g['fits'] else 'no':>5} {g['tokens_per_second']:>9,} "
            f"{g['hours']:>8.2f} {g['usd_per_hour']:>7.2f} {g['cost_usd']:>8.2f}{mark}")
    lines += ["", f"  recommended: {plan['recommended_gpu'] or 'none fits'}", "", "  command:",
              f"    {plan['command']}"]
    if plan["warnings"]:
        lines += ["", "  warnings:"] + [f"    - {w}" for w in plan["warnings"]]
    lines += ["", "  assumptions:"] + [f"    - {a}" for a in plan["assumptions"]]
    return "\n".join(lines) + "\n"


def run_plan(args, out=None) -> int:
    """Entry point for `train.py --plan`. Returns the exit status; UsageError propagates (exit 2)."""
    out = out or sys.stdout
    train = read_chat_jsonl(args.dataset, "--dataset")
    validation = read_chat_jsonl(args.validation, "--validation") if args.validation else []
    plan = build_plan(args, train, validation)
    if args.json:
        out.write(json.dumps(plan, ensure_ascii=False) + "\n")
    else:
        out.write(format_table(plan))
    out.flush()
    return 0
