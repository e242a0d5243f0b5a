"""Bridging transformers releases: argument names that moved. Standard library only."""

import inspect

from .events import log


def version_tuple(text):
    """'5.23.0' -> (5, 23); '4.57.0.dev0' -> (4, 57)."""
    parts = []
    for piece in str(text).split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def dtype_kwarg(transformers_version):
    """from_pretrained's precision argument: `dtype` since transformers 4.56, `torch_dtype` before."""
    return "dtype" if version_tuple(transformers_version) >= (4, 56) else "torch_dtype"


def supported_kwargs(callable_, kwargs):
    """Keep only the keyword arguments `callable_` accepts, logging what is left out."""
    params = inspect.signature(callable_).parameters
    if any(p.kind == p.VAR_KEYWORD for p in params.values()):
        return dict(kwargs)
    dropped = sorted(k for k in kwargs if k not in params)
    if dropped:
        log(f"this transformers version does not take {', '.join(dropped)}; left out")
    return {k: v for k, v in kwargs.items() if k in params}


def first_supported(callable_, *names):
    """The first of `names` that `callable_` takes as a keyword (e.g. processing_class, then tokenizer)."""
    params = inspect.signature(callable_).parameters
    for name in names:
        if name in params:
            return name
    return names[-1]
