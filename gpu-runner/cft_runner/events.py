"""JSON-lines events on stdout (one object a line, flushed) and human logs on stderr.

The event stream is the runner's half of PROTOCOL.md: every line has "event" and "time" (ISO 8601, UTC).
Only the global rank 0 process prints events when several processes train together (accelerate launch),
so the launcher sees one stream whatever the number of GPUs.
"""

import datetime
import json
import math
import os
import sys


def utc_now_iso() -> str:
    # Millisecond precision with a literal "Z": readable, sortable and parsed by JavaScript's Date.
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def process_rank(environ=None) -> int:
    """Global rank of this process: RANK (torchrun/accelerate), else LOCAL_RANK, else 0."""
    env = os.environ if environ is None else environ
    for key in ("RANK", "LOCAL_RANK"):
        value = env.get(key)
        if value not in (None, ""):
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


def world_size(environ=None) -> int:
    env = os.environ if environ is None else environ
    try:
        return max(1, int(env.get("WORLD_SIZE", "1") or "1"))
    except ValueError:
        return 1


def _clean(value):
    """Make a value JSON-safe: NaN/inf become null (json.dumps would write invalid NaN), tuples become lists."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if value is None or isinstance(value, (str, int, bool)):
        return value
    # Scalars from numpy/torch (0-d tensors) become plain numbers; anything else (paths) becomes text.
    if hasattr(value, "item"):
        try:
            return _clean(value.item())
        except (TypeError, ValueError):
            pass
    return str(value)


class EventEmitter:
    """Writes protocol events. Silent on ranks other than 0 when WORLD_SIZE > 1."""

    def __init__(self, stream=None, environ=None, clock=utc_now_iso):
        self.stream = stream if stream is not None else sys.stdout
        env = os.environ if environ is None else environ
        self.enabled = world_size(env) <= 1 or process_rank(env) == 0
        self.clock = clock

    def emit(self, event: str, **fields) -> None:
        if not self.enabled:
            return
        record = {"event": event, "time": self.clock()}
        for key, value in fields.items():
            record[key] = _clean(value)
        line = json.dumps(record, ensure_ascii=False, allow_nan=False)
        self.stream.write(line + "\n")
        self.stream.flush()

    def error(self, message: str, **fields) -> None:
        self.emit("error", message=message, **fields)


def log(message: str) -> None:
    """A human log line on stderr (stdout carries only events)."""
    sys.stderr.write(f"[gpu-runner] {message}\n")
    sys.stderr.flush()


def claim_stdout():
    """Keep the real stdout for events and point everything else that writes to it at stderr.

    Libraries print to stdout (transformers' PrinterCallback, peft's print_trainable_parameters, C extensions
    through printf). One stray line would break the JSON-lines stream, so we duplicate file descriptor 1 for
    our own use and then make descriptor 1 (and sys.stdout) an alias of stderr. Child processes (llama.cpp)
    inherit the redirected descriptor too. Returns a line-buffered text stream for events.
    """
    sys.stdout.flush()
    try:
        events_fd = os.dup(1)
        os.dup2(2, 1)
    except OSError:
        # No real descriptors (an embedded interpreter): fall back to the current stdout object.
        return sys.stdout
    stream = os.fdopen(events_fd, "w", buffering=1, encoding="utf-8", errors="replace")
    sys.stdout = sys.stderr
    return stream
