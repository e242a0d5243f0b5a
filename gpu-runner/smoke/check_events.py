#!/usr/bin/env python3
"""Checks an event file written by train.py or merge_and_convert.py (used by smoke.sh; standard library only).

    check_events.py train FILE [--resumed] [--min-steps N]
    check_events.py merge FILE [--gguf-optional]
    check_events.py plan FILE

Exits 0 and prints a one-line summary when the stream is what PROTOCOL.md promises; exits 1 with the reason
otherwise.
"""

import argparse
import datetime
import json
import os
import sys


class Failed(Exception):
    pass


def read_events(path):
    events = []
    with open(path, "r", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                event = json.loads(line)
            except json.JSONDecodeError as exc:
                raise Failed(f"{path}:{number}: not JSON ({exc.msg}): {line.strip()[:120]}")
            if not isinstance(event, dict) or "event" not in event or "time" not in event:
                raise Failed(f"{path}:{number}: an event needs \"event\" and \"time\": {line.strip()[:120]}")
            try:
                datetime.datetime.strptime(event["time"], "%Y-%m-%dT%H:%M:%S.%fZ")
            except (TypeError, ValueError):
                raise Failed(f"{path}:{number}: time {event['time']!r} is not ISO 8601 UTC")
            events.append(event)
    if not events:
        raise Failed(f"{path}: no events")
    return events


def _need(events, name, fields):
    found = [e for e in events if e["event"] == name]
    if not found:
        errors = [e.get("message") for e in events if e["event"] == "error"]
        raise Failed(f"no {name!r} event" + (f"; error: {errors[0]}" if errors else ""))
    for event in found:
        missing = [f for f in fields if f not in event]
        if missing:
            raise Failed(f"{name!r} event lacks {', '.join(missing)}: {event}")
    return found


def check_train(events, resumed=False, min_steps=1):
    if any(e["event"] == "error" for e in events):
        raise Failed("error event: " + next(e["message"] for e in events if e["event"] == "error"))
    start = _need(events, "start", ["base_model", "examples", "validation_examples", "epochs", "total_steps",
                                    "output_dir", "num_gpus", "method"])[0]
    progress = _need(events, "progress", ["step", "total_steps", "epoch", "loss", "learning_rate",
                                          "tokens_per_second"])
    done = _need(events, "done", ["adapter_path", "steps", "train_loss", "runtime_seconds", "trained_tokens"])[-1]
    if events[0]["event"] != "start" or events[-1]["event"] != "done":
        raise Failed("the stream must open with start and close with done")
    if resumed and not start.get("resumed_from"):
        raise Failed("expected start.resumed_from to name a checkpoint")
    if done["steps"] < min_steps:
        raise Failed(f"done.steps {done['steps']} < {min_steps}")
    if not os.path.isfile(os.path.join(done["adapter_path"], "adapter_config.json")):
        raise Failed(f"no adapter_config.json in {done['adapter_path']}")
    losses = [p["loss"] for p in progress if p["loss"] is not None]
    if not losses:
        raise Failed("no progress event carries a loss")
    return (f"{start['method']}: {done['steps']}/{start['total_steps']} steps, loss {losses[0]:.3f} -> "
            f"{losses[-1]:.3f}, {len([e for e in events if e['event'] == 'eval'])} eval, "
            f"{len([e for e in events if e['event'] == 'checkpoint'])} checkpoint(s), adapter {done['adapter_path']}")


def check_merge(events, gguf_optional=False):
    _need(events, "start", ["base_model", "adapter", "output_dir"])
    merged = _need(events, "merged", ["path"])[0]
    if not os.path.isfile(os.path.join(merged["path"], "config.json")):
        raise Failed(f"merged model has no config.json: {merged['path']}")
    errors = [e for e in events if e["event"] == "error"]
    if errors:
        if gguf_optional and "llama.cpp" in errors[0]["message"]:
            return f"merged into {merged['path']}; GGUF skipped (llama.cpp not found)"
        raise Failed("error event: " + errors[0]["message"])
    converted = _need(events, "converted", ["path"])[0]
    quantized = [e for e in events if e["event"] == "quantized"]
    for q in quantized:
        for field in ("path", "type", "bytes", "sha256"):
            if field not in q:
                raise Failed(f"quantized event lacks {field}: {q}")
    done = _need(events, "done", ["files"])[-1]
    for path in done["files"]:
        if not os.path.isfile(path):
            raise Failed(f"done lists {path}, which does not exist")
    return f"merged, {os.path.basename(converted['path'])} + {', '.join(q['type'] for q in quantized) or 'no quantization'}"


def check_plan(path):
    with open(path, "r", encoding="utf-8") as handle:
        text = handle.read().strip()
    try:
        plan = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Failed(f"{path}: --plan --json did not print one JSON object ({exc.msg})")
    for key in ("event", "base_model", "model", "method", "precision", "lora", "dataset", "training", "memory_gb",
                "peak_memory_gb", "gpus", "recommended_gpu", "command", "assumptions"):
        if key not in plan:
            raise Failed(f"plan lacks {key!r}")
    return f"plan: peak {plan['peak_memory_gb']} GiB, {plan['training']['steps']} steps, recommended {plan['recommended_gpu']}"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("kind", choices=("train", "merge", "plan"))
    p.add_argument("file")
    p.add_argument("--resumed", action="store_true")
    p.add_argument("--min-steps", type=int, default=1)
    p.add_argument("--gguf-optional", action="store_true")
    args = p.parse_args(argv)
    try:
        if args.kind == "plan":
            summary = check_plan(args.file)
        elif args.kind == "train":
            summary = check_train(read_events(args.file), args.resumed, args.min_steps)
        else:
            summary = check_merge(read_events(args.file), args.gguf_optional)
    except (Failed, OSError) as exc:
        print(f"FAIL {args.kind} {args.file}: {exc}")
        return 1
    print(f"ok   {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
