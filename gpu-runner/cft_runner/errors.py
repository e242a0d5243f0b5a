"""Errors that end a run with a known exit status and a message meant for the user (no traceback)."""

# Exit statuses, aligned with the CLI contract in DESIGN.md: 2 bad input or usage, 4 the environment or an
# outside tool is missing or failed (torch, a GPU, llama.cpp), 1 anything else (a training failure).
EXIT_USAGE = 2
EXIT_ENVIRONMENT = 4
EXIT_FAILURE = 1

INSTALL_HINT = "pip install -r gpu-runner/requirements.txt"


class RunnerError(Exception):
    """A failure with a user-facing message and the exit status the process should end with."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILURE):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class UsageError(RunnerError):
    """Bad flags or unreadable/invalid input files (exit 2)."""

    def __init__(self, message: str):
        super().__init__(message, EXIT_USAGE)


class EnvironmentMissing(RunnerError):
    """torch, a CUDA GPU, bitsandbytes or llama.cpp is not there (exit 4)."""

    def __init__(self, message: str):
        super().__init__(message, EXIT_ENVIRONMENT)
