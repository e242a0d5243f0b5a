"""How a runner entry point ends (PROTOCOL.md): whatever goes wrong becomes one `error` event and an exit
code — the RunnerError's own (2 bad input, 4 missing environment…), 130 on Ctrl-C, 1 for anything
unforeseen, whose traceback goes to stderr only so stdout stays pure events."""

import sys
import traceback

from .errors import EXIT_FAILURE, RunnerError
from .events import log


def run_reporting(work, emitter, interrupted: str = "interrupted (SIGINT)") -> int:
    """Runs `work()` and returns its exit code, turning every failure into an error event."""
    try:
        return work()
    except RunnerError as exc:
        log(f"error: {exc.message}")
        emitter.error(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        emitter.error(interrupted)
        return 130
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        emitter.error(f"{type(exc).__name__}: {exc}")
        return EXIT_FAILURE
