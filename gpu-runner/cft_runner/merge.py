"""merge_and_convert.py: merge a LoRA adapter into its 16-bit base, then GGUF with llama.cpp (PROTOCOL.md).

Events: start, merged {path}, converted {path}, quantized {path, type, bytes, sha256}, done {files}, error.
Merging needs torch/transformers/peft (imported lazily); --skip_merge converts an existing OUTPUT_DIR/merged
and needs only llama.cpp, which is how the unit tests exercise the conversion with stand-in tools.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys

from . import llama_cpp
from .compat import dtype_kwarg
from .errors import INSTALL_HINT, EnvironmentMissing, RunnerError, UsageError
from .events import EventEmitter, claim_stdout, log
from .guard import run_reporting

_FOUR_BIT_NAME = re.compile(r"(bnb[-_]?4bit|[-_.]4bit\b|[-_.]int4\b|\bawq\b|\bgptq\b|[-_]nf4\b)", re.IGNORECASE)


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(f"{message} (see --help)")


def build_parser():
    p = _Parser(prog="merge_and_convert.py", allow_abbrev=False,
                description="Merge a LoRA adapter into its fp16/bf16 base and convert it to GGUF with llama.cpp.")
    p.add_argument("--base_model", required=True, help="the 16-bit base the adapter was trained on (id or folder)")
    p.add_argument("--adapter", required=True, help="the adapter folder (OUTPUT_DIR/adapter of train.py)")
    p.add_argument("--output_dir", required=True, help="merged/ and the .gguf files go here")
    p.add_argument("--dtype", choices=("float16", "bfloat16"), default="float16",
                   help="precision of the merged weights (bfloat16 for models trained in bf16 only, e.g. Gemma-2)")
    p.add_argument("--quantize", default="Q4_K_M",
                   help="comma list of llama-quantize types (Q4_K_M,Q5_K_M,Q6_K,Q8_0); 'none' for f16 GGUF only")
    p.add_argument("--llama_cpp", help="llama.cpp folder (else $LLAMA_CPP_DIR, else PATH)")
    p.add_argument("--skip_merge", action="store_true", help="convert OUTPUT_DIR/merged as it is")
    return p


def four_bit_reason(base_model):
    """Why base_model is a quantized checkpoint (a reason string), or None when it looks 16-bit."""
    config_path = os.path.join(os.path.expanduser(base_model), "config.json")
    if os.path.isfile(config_path):
        try:
            with open(config_path, "r", encoding="utf-8") as handle:
                quant = json.load(handle).get("quantization_config") or {}
        except (OSError, ValueError):
            quant = {}
        method = str(quant.get("quant_method", "")).lower()
        if quant.get("load_in_4bit") or quant.get("bits") == 4 or method in ("gptq", "awq", "aqlm", "hqq"):
            return f"{config_path} has a quantization_config ({method or 'load_in_4bit'})"
        if quant.get("load_in_8bit"):
            return f"{config_path} has a quantization_config (load_in_8bit)"
        return None
    if _FOUR_BIT_NAME.search(base_model.rsplit("/", 1)[-1]):
        return f"its name {base_model!r} marks a 4-bit checkpoint"
    return None


def check_inputs(args):
    reason = four_bit_reason(args.base_model)
    if reason:
        raise UsageError(
            f"refusing to merge into a quantized base: {reason}. Merging into 4-bit weights bakes the "
            f"quantization error into the model; pass the original fp16/bf16 model as --base_model (QLoRA "
            f"adapters from train.py --use_4bit were trained against it and merge into it).")
    if args.llama_cpp and not os.path.isdir(os.path.expanduser(args.llama_cpp)):
        # Checked before a merge that can take minutes; a missing llama.cpp is only reported after it.
        raise UsageError(f"--llama_cpp {args.llama_cpp}: no such folder. {llama_cpp.HOW_TO_GET}")
    if not args.skip_merge and not os.path.isfile(os.path.join(args.adapter, "adapter_config.json")):
        raise UsageError(f"--adapter {args.adapter}: no adapter_config.json (train.py writes OUTPUT_DIR/adapter)")
    adapter_config = os.path.join(args.adapter, "adapter_config.json")
    if os.path.isfile(adapter_config):
        try:
            with open(adapter_config, "r", encoding="utf-8") as handle:
                trained_on = json.load(handle).get("base_model_name_or_path")
        except (OSError, ValueError):
            trained_on = None
        if trained_on and os.path.basename(trained_on.rstrip("/")) != os.path.basename(args.base_model.rstrip("/")):
            log(f"note: the adapter was trained on {trained_on}, merging into {args.base_model}")


def merge_adapter(base_model, adapter, merged_dir, dtype):
    """Load the 16-bit base on the CPU, apply the adapter, merge, and save model + tokenizer to merged_dir."""
    try:
        import torch
        import transformers
        from peft import PeftModel
        from transformers import AutoModelForCausalLM, AutoTokenizer
    except ImportError as exc:
        raise EnvironmentMissing(f"merging needs torch, transformers and peft ({exc}); run `{INSTALL_HINT}`, "
                                 f"or convert an already merged model with --skip_merge")
    dtype_key = dtype_kwarg(transformers.__version__)
    # CPU: merging is a few matrix additions per layer and needs no GPU; RAM must hold the 16-bit model.
    log(f"loading {base_model} in {dtype} on the CPU")
    base = AutoModelForCausalLM.from_pretrained(base_model, **{dtype_key: getattr(torch, dtype)})
    model = PeftModel.from_pretrained(base, adapter)
    model = model.merge_and_unload()
    os.makedirs(merged_dir, exist_ok=True)
    model.save_pretrained(merged_dir)
    try:
        tokenizer = AutoTokenizer.from_pretrained(adapter)  # train.py saves the tokenizer with the adapter
    except Exception:
        tokenizer = AutoTokenizer.from_pretrained(base_model)
    tokenizer.save_pretrained(merged_dir)


def sha256_of(path, chunk=1 << 20):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(command, what):
    log("running: " + " ".join(command))
    try:
        # stdout/stderr are inherited; our descriptor 1 already points at stderr (claim_stdout).
        code = subprocess.call(command)
    except OSError as exc:
        raise EnvironmentMissing(f"{what} could not start ({exc}). {llama_cpp.HOW_TO_GET}")
    if code != 0:
        raise RunnerError(f"{what} failed with exit status {code}; its output is on stderr above")


def convert_and_quantize(found, merged_dir, output_dir, types, emitter):
    """GGUF f16, then one file per quantization type. Returns the list of files written."""
    files = []
    f16 = os.path.abspath(os.path.join(output_dir, "model-f16.gguf"))
    _run(llama_cpp.convert_command(found, merged_dir, f16, "f16"), llama_cpp.CONVERT_SCRIPT)
    if not os.path.isfile(f16):
        raise RunnerError(f"{llama_cpp.CONVERT_SCRIPT} exited 0 but wrote no {f16}")
    emitter.emit("converted", path=f16, bytes=os.path.getsize(f16))
    files.append(f16)
    for quant_type in types:
        out = os.path.abspath(os.path.join(output_dir, f"model-{quant_type}.gguf"))
        _run(llama_cpp.quantize_command(found, f16, out, quant_type), f"llama-quantize {quant_type}")
        if not os.path.isfile(out):
            raise RunnerError(f"llama-quantize exited 0 but wrote no {out}")
        emitter.emit("quantized", path=out, type=quant_type, bytes=os.path.getsize(out), sha256=sha256_of(out))
        files.append(out)
    return files


def run(args, emitter):
    types = llama_cpp.parse_quant_types(args.quantize)
    output_dir = os.path.abspath(args.output_dir)
    merged_dir = os.path.join(output_dir, "merged")
    emitter.emit("start", base_model=args.base_model, adapter=os.path.abspath(args.adapter),
                 output_dir=output_dir, dtype=args.dtype, quantize=types, skip_merge=bool(args.skip_merge))
    check_inputs(args)
    os.makedirs(output_dir, exist_ok=True)
    if args.skip_merge:
        if not os.path.isfile(os.path.join(merged_dir, "config.json")):
            raise UsageError(f"--skip_merge needs a merged model in {merged_dir} (config.json missing)")
        emitter.emit("merged", path=merged_dir, skipped=True)
    else:
        merge_adapter(args.base_model, args.adapter, merged_dir, args.dtype)
        emitter.emit("merged", path=merged_dir)
    # Found only now: without llama.cpp the merged model is still a useful result (PROTOCOL.md).
    found = llama_cpp.discover(args.llama_cpp)
    llama_cpp.require(found, need_quantize=bool(types))
    log(f"llama.cpp from {found.origin}: {found.convert}, {found.quantize}")
    files = convert_and_quantize(found, merged_dir, output_dir, types, emitter)
    emitter.emit("done", files=files, merged_path=merged_dir)
    return 0


def merge_main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "-h" in argv or "--help" in argv:
        build_parser().print_help()
        return 0
    emitter = EventEmitter(claim_stdout())
    return run_reporting(lambda: run(build_parser().parse_args(argv), emitter), emitter)
