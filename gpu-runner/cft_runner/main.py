"""train.py's entry point: --plan (no torch) or a training run that speaks PROTOCOL.md events."""

import sys

from .args import build_parser, parse_args
from .errors import UsageError
from .events import EventEmitter, claim_stdout
from .guard import run_reporting


def train_main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "-h" in argv or "--help" in argv:
        build_parser().print_help()
        return 0
    if "--plan" in argv:
        return _plan(argv)

    # From here on stdout carries only events; stray prints from libraries go to stderr.
    emitter = EventEmitter(claim_stdout())

    def work() -> int:
        args = parse_args(argv)
        from .trainer import train  # imports nothing heavy at module level; torch is checked inside

        return train(args, emitter)

    return run_reporting(work, emitter, "interrupted (SIGINT); resume later with --resume")


def _plan(argv) -> int:
    from .plan import run_plan

    try:
        args = parse_args(argv)
        return run_plan(args)
    except UsageError as exc:
        sys.stderr.write(f"train.py --plan: error: {exc.message}\n")
        return exc.exit_code
