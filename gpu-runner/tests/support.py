"""Shared test helpers: paths, a subprocess runner for the real entry points, and small dataset writers."""

import json
import os
import subprocess
import sys
import tempfile

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
RUNNER_DIR = os.path.dirname(TESTS_DIR)
FAKE_STACK = os.path.join(TESTS_DIR, "fake_stack")
NO_TORCH = os.path.join(TESTS_DIR, "no_torch")
TRAIN_PY = os.path.join(RUNNER_DIR, "train.py")
MERGE_PY = os.path.join(RUNNER_DIR, "merge_and_convert.py")

for path in (RUNNER_DIR, TESTS_DIR):
    if path not in sys.path:
        sys.path.insert(0, path)


def run_script(script, args, pythonpath=(), env=None, cwd=None, timeout=60):
    """Run train.py / merge_and_convert.py as a user would; returns CompletedProcess with text output."""
    environ = dict(os.environ)
    for key in ("WORLD_SIZE", "RANK", "LOCAL_RANK", "LLAMA_CPP_DIR", "PYTHONPATH"):
        environ.pop(key, None)
    if pythonpath:
        environ["PYTHONPATH"] = os.pathsep.join(pythonpath)
    environ.update(env or {})
    return subprocess.run([sys.executable, script] + list(args), capture_output=True, text=True, env=environ,
                          cwd=cwd, timeout=timeout)


def events_of(stdout):
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def chat(user, answer, system=None, **extra):
    messages = ([{"role": "system", "content": system}] if system else []) + [
        {"role": "user", "content": user}, {"role": "assistant", "content": answer}]
    row = {"messages": messages}
    row.update(extra)
    return row


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return path


def synthetic_rows(count, user_chars=400, answer_chars=1200, system="You are a clinical assistant."):
    """Rows with fixed lengths in characters (tokens are estimated as characters / 4)."""
    word = "symptom "
    user = (word * (user_chars // len(word) + 1))[:user_chars]
    answer = (word * (answer_chars // len(word) + 1))[:answer_chars]
    return [chat(user, answer, system=system[: max(0, len(system))]) for _ in range(count)]


class TempDir:
    def __enter__(self):
        self._tmp = tempfile.TemporaryDirectory()
        return self._tmp.name

    def __exit__(self, *exc):
        self._tmp.cleanup()
