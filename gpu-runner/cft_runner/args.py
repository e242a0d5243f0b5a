"""Command-line flags of train.py, exactly as PROTOCOL.md lists them (plus --params_billion for --plan).

Parsing never exits the process by itself: bad flags raise UsageError, so the caller decides whether to
answer with an `error` event (a training invocation) or a message on stderr (--plan), both with exit 2.
"""

import argparse
import os
import re

from .errors import UsageError

DEFAULTS = {
    "epochs": 3,
    "batch_size": 4,
    "grad_accum": 4,
    "learning_rate": 2e-4,
    "lora_r": 16,
    "lora_alpha": 32,
    "lora_dropout": 0.05,
    "target_modules": "all-linear",
    "max_seq_len": 2048,
    "seed": 42,
}

# `--resume` with no folder means "the newest checkpoint-N in --output_dir".
RESUME_LATEST = "latest"

_MODULE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print usage and sys.exit(2); we raise instead
        raise UsageError(f"{message} (see --help)")


def _positive_int(name):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a whole number, got {text!r}")
        if value < 1:
            raise argparse.ArgumentTypeError(f"{name} must be at least 1, got {value}")
        return value

    return parse


def _positive_float(name):
    def parse(text):
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a number, got {text!r}")
        if not value > 0:
            raise argparse.ArgumentTypeError(f"{name} must be greater than 0, got {text}")
        return value

    return parse


def _dropout(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--lora_dropout must be a number, got {text!r}")
    if not 0.0 <= value < 1.0:
        raise argparse.ArgumentTypeError(f"--lora_dropout must be in [0, 1), got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="train.py",
        description="LoRA/QLoRA fine-tuning with JSON-lines progress on stdout (gpu-runner/PROTOCOL.md).",
        allow_abbrev=False,  # "--val" must not silently mean --validation
    )
    p.add_argument("--base_model", required=True, help="Hugging Face model id or local folder")
    p.add_argument("--dataset", required=True, help="training file, OpenAI chat JSONL")
    p.add_argument("--validation", help="validation file, OpenAI chat JSONL")
    p.add_argument("--output_dir", help="checkpoints and the final adapter go here (required to train)")
    p.add_argument("--epochs", type=_positive_int("--epochs"), default=DEFAULTS["epochs"])
    p.add_argument("--batch_size", type=_positive_int("--batch_size"), default=DEFAULTS["batch_size"],
                   help="per-GPU micro-batch")
    p.add_argument("--grad_accum", type=_positive_int("--grad_accum"), default=DEFAULTS["grad_accum"])
    p.add_argument("--learning_rate", type=_positive_float("--learning_rate"), default=DEFAULTS["learning_rate"])
    p.add_argument("--lora_r", type=_positive_int("--lora_r"), default=DEFAULTS["lora_r"])
    p.add_argument("--lora_alpha", type=_positive_int("--lora_alpha"), default=DEFAULTS["lora_alpha"])
    p.add_argument("--lora_dropout", type=_dropout, default=DEFAULTS["lora_dropout"])
    p.add_argument("--target_modules", default=DEFAULTS["target_modules"],
                   help='"all-linear" or a comma list such as q_proj,v_proj')
    p.add_argument("--max_seq_len", type=_positive_int("--max_seq_len"), default=DEFAULTS["max_seq_len"])
    p.add_argument("--use_4bit", action="store_true", help="QLoRA: 4-bit NF4 base weights (bitsandbytes)")
    p.add_argument("--packing", action="store_true", help="pack several examples into each max_seq_len sequence")
    p.add_argument("--init_adapter", metavar="ADAPTER_DIR",
                   help="continue training this LoRA adapter (a folder with adapter_config.json) instead of a "
                        "fresh one; its rank, alpha and target modules apply and the --lora_* flags are ignored")
    gc = p.add_mutually_exclusive_group()
    gc.add_argument("--gradient_checkpointing", dest="gradient_checkpointing", action="store_true", default=True,
                    help="recompute activations in the backward pass (default)")
    gc.add_argument("--no_gradient_checkpointing", dest="gradient_checkpointing", action="store_false")
    p.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    p.add_argument("--resume", nargs="?", const=RESUME_LATEST, default=None, metavar="CHECKPOINT_DIR",
                   help="continue from the newest checkpoint in --output_dir, or from CHECKPOINT_DIR")
    p.add_argument("--eval_steps", type=_positive_int("--eval_steps"),
                   help="evaluate every N optimizer steps (default: once an epoch)")
    p.add_argument("--save_steps", type=_positive_int("--save_steps"),
                   help="checkpoint every N optimizer steps (default: as --eval_steps)")
    p.add_argument("--logging_steps", type=_positive_int("--logging_steps"),
                   help="a progress event every N optimizer steps (default: 10, or fewer for short runs)")
    plan = p.add_argument_group("plan (no torch needed)")
    plan.add_argument("--plan", action="store_true", help="print the memory/time/cost estimate and exit")
    plan.add_argument("--json", action="store_true", help="with --plan: one JSON object on stdout")
    plan.add_argument("--gpu", help="with --plan: only this GPU (e.g. H100-80GB)")
    plan.add_argument("--num_gpus", type=_positive_int("--num_gpus"), default=None,
                      help="with --plan: GPUs to train on (the command uses accelerate launch when > 1)")
    plan.add_argument("--dataset_tokens", type=_positive_int("--dataset_tokens"),
                      help="with --plan: exact token count of --dataset (else characters / 4)")
    plan.add_argument("--params_billion", type=_positive_float("--params_billion"),
                      help="with --plan: size of a model that is not in data/models.json")
    return p


def parse_args(argv):
    """Parse and cross-check flags. Raises UsageError with a message that names the flag."""
    args = build_parser().parse_args(argv)
    if not args.plan:
        for flag in ("json", "gpu", "dataset_tokens", "params_billion"):
            if getattr(args, flag) not in (None, False):
                raise UsageError(f"--{flag} only applies together with --plan")
        if not args.output_dir:
            raise UsageError("--output_dir is required to train (the adapter and checkpoints go there)")
        if args.init_adapter is not None:
            check_init_adapter(args.init_adapter)
    args.target_modules = normalise_target_modules(args.target_modules)
    return args


def check_init_adapter(path: str) -> None:
    """A training run that continues an adapter needs the adapter's folder before minutes of model loading."""
    if not os.path.isdir(path):
        raise UsageError(f"--init_adapter {path}: no such folder (expected the adapter of an earlier run)")
    if not os.path.isfile(os.path.join(path, "adapter_config.json")):
        raise UsageError(f"--init_adapter {path}: no adapter_config.json in it (expected a PEFT LoRA adapter "
                         f"folder, such as runs/RUN/adapter)")


def normalise_target_modules(text: str) -> str:
    """'all-linear' stays as is; a comma list is checked and returned without blanks."""
    value = (text or "").strip()
    if value == "all-linear":
        return value
    names = [n.strip() for n in value.split(",") if n.strip()]
    if not names:
        raise UsageError('--target_modules must be "all-linear" or a comma list of module names')
    for name in names:
        if not _MODULE_NAME.match(name):
            raise UsageError(f"--target_modules: {name!r} is not a module name (e.g. q_proj,v_proj)")
    return ",".join(names)


def target_module_list(value: str):
    """What PEFT's LoraConfig takes: the string 'all-linear' or a list of names."""
    return value if value == "all-linear" else value.split(",")


def training_flags(args) -> list:
    """The training flags of `args` as argv, in PROTOCOL.md order: defaults left out, plan flags dropped.

    Used to print the exact command a plan stands for, so it starts the run the plan describes.
    """
    out = ["--base_model", args.base_model, "--dataset", args.dataset]
    if args.validation:
        out += ["--validation", args.validation]
    out += ["--output_dir", args.output_dir or "OUTPUT_DIR"]
    for name in ("epochs", "batch_size", "grad_accum", "learning_rate", "lora_r", "lora_alpha", "lora_dropout",
                 "target_modules", "max_seq_len"):
        value = getattr(args, name)
        if value != DEFAULTS[name]:
            out += [f"--{name}", _format_number(value)]
    if args.use_4bit:
        out.append("--use_4bit")
    if args.packing:
        out.append("--packing")
    if args.init_adapter:
        out += ["--init_adapter", args.init_adapter]
    if not args.gradient_checkpointing:
        out.append("--no_gradient_checkpointing")
    if args.seed != DEFAULTS["seed"]:
        out += ["--seed", str(args.seed)]
    if args.resume == RESUME_LATEST:
        out.append("--resume")
    elif args.resume:
        out += ["--resume", args.resume]
    for name in ("eval_steps", "save_steps", "logging_steps"):
        value = getattr(args, name)
        if value is not None:
            out += [f"--{name}", str(value)]
    return out


def _format_number(value) -> str:
    # repr keeps floats exact and short (0.0001, 1e-05); ints print as themselves.
    return repr(value) if isinstance(value, float) else str(value)
