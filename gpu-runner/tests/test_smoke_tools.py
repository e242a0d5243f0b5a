"""The smoke test's helpers: smoke.sh parses, check_events.py accepts good streams and rejects bad ones, and
make_tiny_model.py's dataset passes the runner's own checks."""

import contextlib
import io
import json
import os
import shutil
import subprocess
import unittest

from support import RUNNER_DIR, TempDir, write_jsonl
from cft_runner.data import read_chat_jsonl

SMOKE = os.path.join(RUNNER_DIR, "smoke")


def load(name):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, os.path.join(SMOKE, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_check_events = load("check_events")
T = "2026-11-22T10:00:00.000Z"


class check_events:  # noqa: N801  (reads like the module; keeps its one-line verdicts out of the test output)
    @staticmethod
    def main(argv):
        with contextlib.redirect_stdout(io.StringIO()):
            return _check_events.main(argv)


def train_stream(adapter):
    return [
        {"event": "start", "time": T, "base_model": "m", "examples": 20, "validation_examples": 4, "epochs": 1,
         "total_steps": 5, "output_dir": "o", "num_gpus": 1, "method": "lora", "resumed_from": None},
        {"event": "progress", "time": T, "step": 1, "total_steps": 5, "epoch": 0.2, "loss": 3.2,
         "learning_rate": 1e-3, "tokens_per_second": 900.0},
        {"event": "checkpoint", "time": T, "step": 5, "path": "o/checkpoint-5"},
        {"event": "done", "time": T, "adapter_path": adapter, "steps": 5, "train_loss": 2.9, "runtime_seconds": 3.0,
         "trained_tokens": 1000},
    ]


class SmokeToolsTest(unittest.TestCase):
    @unittest.skipUnless(shutil.which("bash"), "bash not installed")
    def test_smoke_sh_parses(self):
        proc = subprocess.run(["bash", "-n", os.path.join(RUNNER_DIR, "smoke.sh")], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_check_events_train(self):
        with TempDir() as tmp:
            adapter = os.path.join(tmp, "adapter")
            os.makedirs(adapter)
            open(os.path.join(adapter, "adapter_config.json"), "w").close()
            good = write_jsonl(os.path.join(tmp, "good.jsonl"), train_stream(adapter))
            self.assertEqual(check_events.main(["train", good]), 0)
            self.assertEqual(check_events.main(["train", good, "--resumed"]), 1)
            self.assertEqual(check_events.main(["train", good, "--min-steps", "6"]), 1)
            broken = train_stream(adapter)[:-1]
            self.assertEqual(check_events.main(["train", write_jsonl(os.path.join(tmp, "b.jsonl"), broken)]), 1)
            failed = train_stream(adapter) + [{"event": "error", "time": T, "message": "CUDA out of memory"}]
            self.assertEqual(check_events.main(["train", write_jsonl(os.path.join(tmp, "e.jsonl"), failed)]), 1)
            not_json = write_jsonl(os.path.join(tmp, "n.jsonl"), ["{'event': 'start'}"])
            self.assertEqual(check_events.main(["train", not_json]), 1)

    def test_check_events_merge_and_plan(self):
        with TempDir() as tmp:
            merged = os.path.join(tmp, "merged")
            os.makedirs(merged)
            open(os.path.join(merged, "config.json"), "w").close()
            gguf = os.path.join(tmp, "model-f16.gguf")
            open(gguf, "wb").close()
            stream = [{"event": "start", "time": T, "base_model": "m", "adapter": "a", "output_dir": tmp},
                      {"event": "merged", "time": T, "path": merged},
                      {"event": "error", "time": T, "message": "llama.cpp not found (PATH has no ...)"}]
            path = write_jsonl(os.path.join(tmp, "m.jsonl"), stream)
            self.assertEqual(check_events.main(["merge", path, "--gguf-optional"]), 0)
            self.assertEqual(check_events.main(["merge", path]), 1)
            stream[2:] = [{"event": "converted", "time": T, "path": gguf},
                          {"event": "done", "time": T, "files": [gguf]}]
            self.assertEqual(check_events.main(["merge", write_jsonl(os.path.join(tmp, "m2.jsonl"), stream)]), 0)
            with open(os.path.join(tmp, "plan.json"), "w") as handle:
                json.dump({"event": "plan"}, handle)
            self.assertEqual(check_events.main(["plan", os.path.join(tmp, "plan.json")]), 1)

    def test_tiny_dataset_is_valid_chat_jsonl(self):
        make_tiny_model = load("make_tiny_model")
        rows = make_tiny_model.make_dataset(0, 20)
        with TempDir() as tmp:
            examples = read_chat_jsonl(write_jsonl(os.path.join(tmp, "t.jsonl"), rows))
        self.assertEqual(len(examples), 20)
        self.assertTrue(any(len(e.messages) == 5 for e in examples))  # some two-turn conversations
        self.assertIn("<|assistant|>", make_tiny_model.CHAT_TEMPLATE)


if __name__ == "__main__":
    unittest.main()
