"""train.py as a process: the no-torch and no-GPU paths, and the whole training control flow on stand-in
libraries (tests/fake_stack), checking the event stream PROTOCOL.md promises."""

import json
import os
import unittest

from support import FAKE_STACK, NO_TORCH, TESTS_DIR, TRAIN_PY, TempDir, chat, events_of, run_script, write_jsonl

STACK = (FAKE_STACK, TESTS_DIR)


def dataset(tmp, name="train.jsonl", count=20):
    rows = [chat(f"Summarise visit {i}: cough for {i} days.", f"Cough for {i} days. Plan: rest.", system="Notes.")
            for i in range(count)]
    return write_jsonl(os.path.join(tmp, name), rows)


class NoStackTest(unittest.TestCase):
    def test_without_torch_one_error_event_and_exit_4(self):
        # Exactly the invocation of the brief: the dataset need not even exist.
        proc = run_script(TRAIN_PY, ["--base_model", "x", "--dataset", "f", "--output_dir", "d"],
                          pythonpath=[NO_TORCH])
        self.assertEqual(proc.returncode, 4, proc.stderr)
        lines = proc.stdout.splitlines()
        self.assertEqual(len(lines), 1, proc.stdout)
        event = json.loads(lines[0])
        self.assertEqual(event["event"], "error")
        self.assertIn("time", event)
        self.assertIn("pip install -r gpu-runner/requirements.txt", event["message"])
        self.assertNotIn("Traceback", proc.stdout)

    def test_rank_other_than_zero_prints_no_events(self):
        proc = run_script(TRAIN_PY, ["--base_model", "x", "--dataset", "f", "--output_dir", "d"],
                          pythonpath=[NO_TORCH], env={"WORLD_SIZE": "2", "RANK": "1", "LOCAL_RANK": "1"})
        self.assertEqual((proc.returncode, proc.stdout), (4, ""))
        self.assertIn("PyTorch is not installed", proc.stderr)

    def test_bad_flag_is_one_error_event_with_exit_2(self):
        proc = run_script(TRAIN_PY, ["--base_model", "x", "--dataset", "f", "--output_dir", "d", "--epochs", "-1"],
                          pythonpath=[NO_TORCH])
        self.assertEqual(proc.returncode, 2)
        events = events_of(proc.stdout)
        self.assertEqual([e["event"] for e in events], ["error"])
        self.assertIn("--epochs", events[0]["message"])

    def test_help_exits_0(self):
        proc = run_script(TRAIN_PY, ["--help"], pythonpath=[NO_TORCH])
        self.assertEqual(proc.returncode, 0)
        self.assertIn("--use_4bit", proc.stdout)

    def test_torch_without_cuda_says_a_gpu_is_needed(self):
        proc = run_script(TRAIN_PY, ["--base_model", "x", "--dataset", "f", "--output_dir", "d"],
                          pythonpath=STACK, env={"FAKE_TORCH_CUDA": "0"})
        self.assertEqual(proc.returncode, 4, proc.stderr)
        events = events_of(proc.stdout)
        self.assertEqual(len(events), 1)
        self.assertIn("NVIDIA GPU with CUDA", events[0]["message"])
        self.assertIn("--plan works anywhere", events[0]["message"])


class FakeStackRunTest(unittest.TestCase):
    def run_train(self, tmp, *extra, env=None):
        args = ["--base_model", "fake/model", "--dataset", dataset(tmp), "--output_dir", os.path.join(tmp, "out"),
                "--batch_size", "2", "--grad_accum", "2", "--logging_steps", "1"] + list(extra)
        proc = run_script(TRAIN_PY, args, pythonpath=STACK, env=env)
        for line in proc.stdout.splitlines():  # nothing but events on stdout, whatever the libraries print
            json.loads(line)
        return proc, events_of(proc.stdout)

    def test_full_run_emits_the_protocol_events(self):
        with TempDir() as tmp:
            val = dataset(tmp, "val.jsonl", 4)
            proc, events = self.run_train(tmp, "--validation", val, "--epochs", "2", "--eval_steps", "4",
                                          "--save_steps", "5")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertNotIn("does not take", proc.stderr)  # every TrainingArguments keyword exists in 5.x
            kinds = [e["event"] for e in events]
            self.assertEqual((kinds[0], kinds[-1]), ("start", "done"))
            start, done = events[0], events[-1]
            # 20 examples / (2 x 2) = 5 steps an epoch, 2 epochs.
            self.assertEqual((start["examples"], start["validation_examples"], start["total_steps"]), (20, 4, 10))
            self.assertEqual((start["method"], start["num_gpus"], start["epochs"]), ("lora", 1, 2))
            self.assertEqual(start["output_dir"], os.path.join(tmp, "out"))
            progress = [e for e in events if e["event"] == "progress"]
            self.assertEqual([p["step"] for p in progress], list(range(1, 11)))
            for p in progress:
                self.assertEqual(p["total_steps"], 10)
                for key in ("epoch", "loss", "learning_rate", "tokens_per_second"):
                    self.assertIn(key, p)
            self.assertEqual([e["step"] for e in events if e["event"] == "eval"], [4, 8, 10])  # + final eval
            self.assertEqual([e["step"] for e in events if e["event"] == "checkpoint"], [5, 10])
            self.assertTrue(all(os.path.isdir(e["path"]) for e in events if e["event"] == "checkpoint"))
            self.assertEqual(done["steps"], 10)
            self.assertEqual(done["adapter_path"], os.path.join(tmp, "out", "adapter"))
            self.assertTrue(os.path.isfile(os.path.join(done["adapter_path"], "adapter_config.json")))
            self.assertGreater(done["trained_tokens"], 0)
            for key in ("train_loss", "runtime_seconds"):
                self.assertIn(key, done)
            with open(os.path.join(tmp, "out", "run_summary.json")) as handle:
                self.assertEqual(json.load(handle)["trainable_params"], 41943040)

    def test_resume_continues_from_the_latest_checkpoint(self):
        with TempDir() as tmp:
            first, first_events = self.run_train(tmp, "--epochs", "1", "--save_steps", "2")
            self.assertEqual(first.returncode, 0, first.stderr)
            self.assertTrue(os.path.isfile(os.path.join(tmp, "out", "checkpoint-4", "cft_trained_tokens.json")))
            proc, events = self.run_train(tmp, "--epochs", "2", "--save_steps", "2", "--resume")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertEqual(events[0]["resumed_from"], os.path.join(tmp, "out", "checkpoint-4"))
            progress = [e["step"] for e in events if e["event"] == "progress"]
            self.assertEqual(progress[0], 5)
            self.assertEqual(events[-1]["steps"], 10)
            # The count carries over from the checkpoint: ten steps of the same-sized batches, twice the first run.
            self.assertEqual(events[-1]["trained_tokens"], 2 * first_events[-1]["trained_tokens"])
            bad, bad_events = self.run_train(tmp, "--resume", os.path.join(tmp, "nowhere"))
            self.assertEqual(bad.returncode, 2)
            self.assertIn("no such folder", bad_events[-1]["message"])

    def test_qlora_and_packing(self):
        with TempDir() as tmp:
            proc, events = self.run_train(tmp, "--use_4bit", "--packing", "--epochs", "1")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertEqual(events[0]["method"], "qlora")
            self.assertEqual(events[0]["sequences"], 1)  # 20 short chats pack into one 2,048-token sequence
            self.assertEqual(events[-1]["event"], "done")

    def test_init_adapter_continues_the_previous_adapter(self):
        with TempDir() as tmp:
            first, first_events = self.run_train(tmp, "--epochs", "1")
            self.assertEqual(first.returncode, 0, first.stderr)
            previous = first_events[-1]["adapter_path"]
            out = os.path.join(tmp, "next")
            proc, events = self.run_train(tmp, "--epochs", "1", "--init_adapter", previous, "--output_dir", out)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertEqual(events[0]["init_adapter"], previous)
            self.assertIn(f"continuing the adapter in {previous}", proc.stderr)
            self.assertEqual(events[-1]["adapter_path"], os.path.join(out, "adapter"))
            missing, missing_events = self.run_train(tmp, "--init_adapter", os.path.join(tmp, "nowhere"))
            self.assertEqual(missing.returncode, 2)
            self.assertIn("--init_adapter", missing_events[-1]["message"])
            self.assertIn("no such folder", missing_events[-1]["message"])

    def test_bad_dataset_names_the_line(self):
        with TempDir() as tmp:
            path = write_jsonl(os.path.join(tmp, "bad.jsonl"), [chat("q", "a"), {"messages": "nope"}])
            proc = run_script(TRAIN_PY, ["--base_model", "fake/model", "--dataset", path, "--output_dir",
                                         os.path.join(tmp, "out")], pythonpath=STACK)
        self.assertEqual(proc.returncode, 2)
        events = events_of(proc.stdout)
        self.assertEqual([e["event"] for e in events], ["error"])
        self.assertIn(f"{path}:2: no \"messages\" list", events[0]["message"])

    def test_out_of_memory_and_missing_model_are_explained(self):
        with TempDir() as tmp:
            proc, events = self.run_train(tmp, env={"FAKE_OOM_ON_LOAD": "1"})
            self.assertEqual(proc.returncode, 1)
            self.assertIn("CUDA out of memory", events[-1]["message"])
            self.assertIn("--grad_accum", events[-1]["message"])
            proc = run_script(TRAIN_PY, ["--base_model", "org/missing-model", "--dataset", dataset(tmp),
                                         "--output_dir", os.path.join(tmp, "o2")], pythonpath=STACK)
            self.assertEqual(proc.returncode, 4)
            self.assertIn("hf auth login", events_of(proc.stdout)[-1]["message"])


if __name__ == "__main__":
    unittest.main()
