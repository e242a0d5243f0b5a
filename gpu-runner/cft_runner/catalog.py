"""The model and GPU tables (gpu-runner/data/*.json) and what the planner derives from an architecture:
parameter counts, the linear layers LoRA attaches to, and the trainable-parameter count.
"""

import json
import math
import os
import re

from .errors import UsageError

DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")

# Unknown models are scaled from the nearest of these (all Llama-style: separate q/k/v/o, SwiGLU MLP).
SCALING_TEMPLATES = (
    "meta-llama/Llama-3.2-1B-Instruct",
    "meta-llama/Llama-3.2-3B-Instruct",
    "meta-llama/Llama-3.1-8B-Instruct",
    "meta-llama/Llama-3.1-70B-Instruct",
)

# "7b", "0.5B", "70B" in a model name, not preceded by a letter/digit (so "8x7B" MoE names don't match).
_SIZE_IN_NAME = re.compile(r"(?<![a-z0-9.])(\d+(?:\.\d+)?)b(?![a-z])", re.IGNORECASE)

_ARCH_FIELDS = (
    "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads",
    "head_dim", "vocab_size", "tie_word_embeddings",
)


def _load(name):
    with open(os.path.join(DATA_DIR, name), "r", encoding="utf-8") as handle:
        return json.load(handle)


_CACHE = {}


def models_table():
    if "models" not in _CACHE:
        _CACHE["models"] = _load("models.json")
    return _CACHE["models"]


def gpus_table():
    if "gpus" not in _CACHE:
        _CACHE["gpus"] = _load("gpus.json")
    return _CACHE["gpus"]


def known_model_ids():
    return [row["id"] for row in models_table()["models"]]


# ---------------------------------------------------------------------------------------------------------
# Architecture arithmetic


def linear_layers(arch):
    """The nn.Linear layers of one decoder block as (name, in_features, out_features).

    These are exactly what PEFT's target_modules="all-linear" wraps (it skips the output head).
    """
    h, i = arch["hidden_size"], arch["intermediate_size"]
    q_dim = arch["num_attention_heads"] * arch["head_dim"]
    kv_dim = arch["num_key_value_heads"] * arch["head_dim"]
    fused = set(arch.get("fused_modules") or [])
    layers = []
    if "qkv_proj" in fused:
        layers.append(("qkv_proj", h, q_dim + 2 * kv_dim))
    else:
        layers += [("q_proj", h, q_dim), ("k_proj", h, kv_dim), ("v_proj", h, kv_dim)]
    layers.append(("o_proj", q_dim, h))
    if "gate_up_proj" in fused:
        layers.append(("gate_up_proj", h, 2 * i))
    else:
        layers += [("gate_proj", h, i), ("up_proj", h, i)]
    layers.append(("down_proj", i, h))
    return layers


def param_counts(arch):
    """Parameters by kind. `linear` is what 4-bit quantization compresses; the rest stays in 16/32 bit."""
    h, n_layers = arch["hidden_size"], arch["num_hidden_layers"]
    linear = n_layers * sum(fan_in * fan_out for _, fan_in, fan_out in linear_layers(arch))
    embed = arch["vocab_size"] * h
    lm_head = 0 if arch.get("tie_word_embeddings") else embed
    norms_per_layer = 4 if arch.get("model_type") in ("gemma2", "gemma3") else 2
    norms = n_layers * norms_per_layer * h + h
    bias = 0
    if arch.get("attention_bias"):
        bias = n_layers * (arch["num_attention_heads"] + 2 * arch["num_key_value_heads"]) * arch["head_dim"]
    total = linear + embed + lm_head + norms + bias
    return {"linear": linear, "embed": embed, "lm_head": lm_head, "other": norms + bias, "total": total}


def matmul_params(arch):
    """Parameters that cost FLOPs per token: every linear layer plus the output head (tied or not)."""
    return param_counts(arch)["linear"] + arch["vocab_size"] * arch["hidden_size"]


def lora_trainable_params(arch, r, target_modules):
    """LoRA adds A (r x in) and B (out x r) to each targeted linear layer: r * (in + out) parameters.

    Returns (count, names_not_found). target_modules is "all-linear" or a comma-separated list.
    """
    per_layer = linear_layers(arch)
    if target_modules == "all-linear":
        wanted = [name for name, _, _ in per_layer]
    else:
        wanted = [n.strip() for n in target_modules.split(",") if n.strip()]
    by_name = {name: (fan_in, fan_out) for name, fan_in, fan_out in per_layer}
    missing = [n for n in wanted if n not in by_name]
    per_block = sum(r * (by_name[n][0] + by_name[n][1]) for n in wanted if n in by_name)
    return per_block * arch["num_hidden_layers"], missing


# ---------------------------------------------------------------------------------------------------------
# Resolving a --base_model to an architecture


def _public(row, known, source, extra=None):
    arch = {k: row[k] for k in _ARCH_FIELDS}
    arch.update(
        id=row["id"],
        model_type=row.get("model_type", "llama"),
        attention_bias=bool(row.get("attention_bias")),
        fused_modules=list(row.get("fused_modules") or []),
        known=known,
        source=source,
    )
    if extra:
        arch.update(extra)
    return arch


def _row_by_id(model_id):
    for row in models_table()["models"]:
        if row["id"] == model_id:
            return row
    raise KeyError(model_id)


def _match_table(name):
    wanted = name.strip().rstrip("/").lower()
    base = wanted.rsplit("/", 1)[-1]
    for row in models_table()["models"]:
        names = [row["id"].lower()] + [a.lower() for a in row.get("aliases", [])]
        if wanted in names:
            return row
    for row in models_table()["models"]:  # "Llama-3.1-8B-Instruct" without the org, or a local copy's folder
        names = [row["id"].lower().rsplit("/", 1)[-1]] + [a.lower() for a in row.get("aliases", [])]
        if base in names:
            return row
    return None


def architecture_from_config(config, model_id, source):
    """Architecture from a transformers config.json (a local model folder)."""
    cfg = config.get("text_config") if isinstance(config.get("text_config"), dict) else config
    missing = [k for k in ("hidden_size", "num_hidden_layers", "num_attention_heads", "vocab_size") if k not in cfg]
    if missing:
        raise UsageError(f"{source} has no {', '.join(missing)}; pass --params_billion to size the plan")
    heads = cfg["num_attention_heads"]
    model_type = cfg.get("model_type") or config.get("model_type") or "llama"
    row = {
        "id": model_id,
        "model_type": model_type,
        "hidden_size": cfg["hidden_size"],
        "intermediate_size": cfg.get("intermediate_size") or 4 * cfg["hidden_size"],
        "num_hidden_layers": cfg["num_hidden_layers"],
        "num_attention_heads": heads,
        "num_key_value_heads": cfg.get("num_key_value_heads") or heads,
        "head_dim": cfg.get("head_dim") or cfg["hidden_size"] // heads,
        "vocab_size": cfg["vocab_size"],
        "tie_word_embeddings": bool(cfg.get("tie_word_embeddings", model_type.startswith("gemma"))),
        "attention_bias": bool(cfg.get("attention_bias", model_type == "qwen2")),
        "fused_modules": ["qkv_proj", "gate_up_proj"] if model_type == "phi3" else [],
    }
    return _public(row, True, source)


def size_from_name(name):
    """The parameter count in billions that a name states ("…-7b-…" -> 7.0), or None."""
    found = _SIZE_IN_NAME.findall(name.rsplit("/", 1)[-1])
    return float(found[-1]) if found else None


def scaled_architecture(model_id, params_billion, why):
    """A Llama-style architecture of about params_billion: the nearest template with its layer count scaled."""
    target = params_billion * 1e9
    template = min(
        (_row_by_id(t) for t in SCALING_TEMPLATES),
        key=lambda row: abs(math.log(param_counts(row)["total"] / target)),
    )
    counts = param_counts(template)
    fixed = counts["embed"] + counts["lm_head"]
    per_layer = (counts["total"] - fixed) / template["num_hidden_layers"]
    layers = max(1, round((target - fixed) / per_layer)) if target > fixed else 1
    row = dict(template, id=model_id, num_hidden_layers=layers)
    source = f"not in data/models.json: {why}; scaled from {template['id']} ({template['num_hidden_layers']} -> {layers} layers)"
    return _public(row, False, source)


def resolve_model(name, params_billion=None):
    """Architecture for --base_model: a local folder's config.json, the table, or a scaled Llama.

    Raises UsageError when the model is unknown and neither the name nor --params_billion gives a size.
    """
    config_path = os.path.join(os.path.expanduser(name), "config.json")
    if os.path.isfile(config_path):
        try:
            with open(config_path, "r", encoding="utf-8") as handle:
                config = json.load(handle)
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot read {config_path}: {exc}")
        return architecture_from_config(config, name, f"config.json at {config_path}")
    row = _match_table(name)
    if row is not None:
        extra = {"published_params_billion": row.get("published_params_billion")}
        return _public(dict(row), True, row["source"], extra)
    if params_billion:
        return scaled_architecture(name, params_billion, f"--params_billion {params_billion:g}")
    size = size_from_name(name)
    if size:
        return scaled_architecture(name, size, f"size {size:g}B read from the name")
    raise UsageError(
        f"unknown model {name!r}: not in gpu-runner/data/models.json, no config.json in a local folder of that "
        f"name, and no size such as '7b' in the name. Pass --params_billion N (e.g. --params_billion 7) to plan "
        f"for a Llama-style model of N billion parameters. Known models: {', '.join(known_model_ids())}"
    )


def find_gpu(name):
    """A GPU row by name, case-insensitive; a unique prefix ("h100") is accepted too."""
    rows = gpus_table()["gpus"]
    wanted = name.strip().lower()
    exact = [g for g in rows if g["gpu"].lower() == wanted]
    if exact:
        return exact[0]
    prefix = [g for g in rows if g["gpu"].lower().startswith(wanted)]
    if len(prefix) == 1:
        return prefix[0]
    raise UsageError(f"--gpu {name!r} is not in gpu-runner/data/gpus.json; known: "
                     + ", ".join(g["gpu"] for g in rows))
