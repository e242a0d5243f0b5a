"""Flags and defaults of train.py match PROTOCOL.md."""

import unittest

import support  # noqa: F401  (puts gpu-runner on sys.path)
from cft_runner.args import RESUME_LATEST, build_parser, parse_args, training_flags
from cft_runner.errors import UsageError

BASE = ["--base_model", "m", "--dataset", "train.jsonl", "--output_dir", "out"]


class DefaultsTest(unittest.TestCase):
    def test_protocol_defaults(self):
        a = parse_args(BASE)
        self.assertEqual((a.epochs, a.batch_size, a.grad_accum), (3, 4, 4))
        self.assertEqual(a.learning_rate, 2e-4)
        self.assertEqual((a.lora_r, a.lora_alpha, a.lora_dropout), (16, 32, 0.05))
        self.assertEqual(a.target_modules, "all-linear")
        self.assertEqual((a.max_seq_len, a.seed), (2048, 42))
        self.assertFalse(a.use_4bit)
        self.assertFalse(a.packing)
        self.assertTrue(a.gradient_checkpointing)
        self.assertIsNone(a.resume)
        self.assertIsNone(a.validation)
        self.assertEqual((a.eval_steps, a.save_steps, a.logging_steps), (None, None, None))
        self.assertFalse(a.plan)

    def test_every_protocol_flag_is_accepted(self):
        a = parse_args(BASE + [
            "--validation", "v.jsonl", "--epochs", "2", "--batch_size", "8", "--grad_accum", "2",
            "--learning_rate", "1e-4", "--lora_r", "8", "--lora_alpha", "16", "--lora_dropout", "0",
            "--target_modules", "q_proj, v_proj", "--max_seq_len", "1024", "--use_4bit", "--packing",
            "--no_gradient_checkpointing", "--seed", "7", "--resume", "out/checkpoint-10", "--eval_steps", "5",
            "--save_steps", "10", "--logging_steps", "1"])
        self.assertEqual(a.target_modules, "q_proj,v_proj")
        self.assertFalse(a.gradient_checkpointing)
        self.assertEqual(a.resume, "out/checkpoint-10")
        self.assertEqual((a.eval_steps, a.save_steps, a.logging_steps), (5, 10, 1))
        self.assertEqual(a.lora_dropout, 0.0)

    def test_plan_flags(self):
        a = parse_args(["--plan", "--json", "--gpu", "H100-80GB", "--num_gpus", "2", "--dataset_tokens", "100",
                        "--params_billion", "7", "--base_model", "m", "--dataset", "d"])
        self.assertTrue(a.plan and a.json)
        self.assertEqual((a.gpu, a.num_gpus, a.dataset_tokens, a.params_billion), ("H100-80GB", 2, 100, 7.0))
        self.assertIsNone(a.output_dir)  # not needed to plan

    def test_resume_without_folder_means_latest(self):
        self.assertEqual(parse_args(BASE + ["--resume"]).resume, RESUME_LATEST)
        self.assertEqual(parse_args(["--resume"] + BASE).resume, RESUME_LATEST)

    def test_gradient_checkpointing_flags_exclude_each_other(self):
        with self.assertRaises(UsageError):
            parse_args(BASE + ["--gradient_checkpointing", "--no_gradient_checkpointing"])
        self.assertTrue(parse_args(BASE + ["--gradient_checkpointing"]).gradient_checkpointing)


class InitAdapterTest(unittest.TestCase):
    def test_plan_accepts_and_command_repeats_init_adapter(self):
        a = parse_args(["--plan", "--base_model", "m", "--dataset", "d", "--init_adapter", "runs/r1/adapter"])
        self.assertEqual(a.init_adapter, "runs/r1/adapter")
        self.assertIn("--init_adapter", training_flags(a))
        self.assertEqual(training_flags(a)[training_flags(a).index("--init_adapter") + 1], "runs/r1/adapter")
        self.assertIsNone(parse_args(BASE).init_adapter)
        self.assertNotIn("--init_adapter", training_flags(parse_args(BASE)))

    def test_training_needs_an_adapter_folder(self):
        import os
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaises(UsageError) as caught:
                parse_args(BASE + ["--init_adapter", os.path.join(tmp, "missing")])
            self.assertIn("no such folder", str(caught.exception))
            with self.assertRaises(UsageError) as caught:
                parse_args(BASE + ["--init_adapter", tmp])
            self.assertIn("adapter_config.json", str(caught.exception))
            with open(os.path.join(tmp, "adapter_config.json"), "w") as handle:
                handle.write("{}")
            self.assertEqual(parse_args(BASE + ["--init_adapter", tmp]).init_adapter, tmp)


class ErrorsTest(unittest.TestCase):
    def assertUsage(self, argv, *fragments):
        with self.assertRaises(UsageError) as caught:
            parse_args(argv)
        for fragment in fragments:
            self.assertIn(fragment, caught.exception.message)
        self.assertEqual(caught.exception.exit_code, 2)

    def test_messages_name_the_flag(self):
        self.assertUsage(BASE + ["--epochs", "zero"], "--epochs")
        self.assertUsage(BASE + ["--epochs", "0"], "--epochs must be at least 1")
        self.assertUsage(BASE + ["--learning_rate", "-1"], "--learning_rate")
        self.assertUsage(BASE + ["--lora_dropout", "1.5"], "--lora_dropout")
        self.assertUsage(BASE + ["--target_modules", "q_proj,1x"], "--target_modules")
        self.assertUsage(BASE + ["--bogus"], "--bogus")

    def test_required_and_plan_only_flags(self):
        self.assertUsage(["--dataset", "d", "--output_dir", "o"], "--base_model")
        self.assertUsage(["--base_model", "m", "--dataset", "d"], "--output_dir is required")
        self.assertUsage(BASE + ["--json"], "--json only applies together with --plan")
        self.assertUsage(BASE + ["--dataset_tokens", "5"], "--dataset_tokens only applies")

    def test_no_abbreviations(self):
        self.assertUsage(BASE + ["--val", "v.jsonl"], "--val")


class TrainingFlagsTest(unittest.TestCase):
    def test_round_trip_keeps_non_defaults_only(self):
        a = parse_args(BASE + ["--use_4bit", "--epochs", "5", "--learning_rate", "0.0001", "--resume"])
        flags = training_flags(a)
        self.assertEqual(flags[:6], BASE)
        self.assertIn("--use_4bit", flags)
        self.assertEqual(flags[flags.index("--epochs") + 1], "5")
        self.assertNotIn("--batch_size", flags)
        again = parse_args(flags)
        for name in ("epochs", "learning_rate", "use_4bit", "resume", "lora_r", "max_seq_len"):
            self.assertEqual(getattr(again, name), getattr(a, name), name)

    def test_plan_without_output_dir_uses_a_placeholder(self):
        a = parse_args(["--plan", "--base_model", "m", "--dataset", "d"])
        self.assertIn("OUTPUT_DIR", training_flags(a))

    def test_help_lists_the_protocol_flags(self):
        text = build_parser().format_help()
        for flag in ("--base_model", "--validation", "--use_4bit", "--packing", "--no_gradient_checkpointing",
                     "--resume", "--plan", "--dataset_tokens", "--params_billion"):
            self.assertIn(flag, text)


if __name__ == "__main__":
    unittest.main()
