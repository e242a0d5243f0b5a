"""--plan figures: memory sanity against published measurements, steps, tokens, GPUs, command, JSON output."""

import json
import os
import unittest

from support import TRAIN_PY, TempDir, chat, events_of, run_script, synthetic_rows, write_jsonl
from cft_runner import catalog, plan
from cft_runner.args import parse_args
from cft_runner.data import read_chat_jsonl
from cft_runner.errors import UsageError

GIB = 1024 ** 3
LLAMA_8B = "meta-llama/Llama-3.1-8B-Instruct"
PROTOCOL_KEYS = {"event", "base_model", "model", "method", "precision", "lora", "dataset", "training", "memory_gb",
                 "peak_memory_gb", "gpus", "recommended_gpu", "command", "assumptions"}


def make_plan(tmp, rows, *flags, validation=None):
    path = write_jsonl(os.path.join(tmp, "train.jsonl"), rows)
    argv = ["--plan", "--base_model", LLAMA_8B, "--dataset", path] + list(flags)
    val = []
    if validation:
        vpath = write_jsonl(os.path.join(tmp, "val.jsonl"), validation)
        argv += ["--validation", vpath]
        val = read_chat_jsonl(vpath)
    args = parse_args(argv)
    return plan.build_plan(args, read_chat_jsonl(path), val)


def peak(model, tokens, use_4bit=True, r=16, dropout=0.05, checkpointing=True):
    arch = catalog.resolve_model(model)
    lora, _ = catalog.lora_trainable_params(arch, r, "all-linear")
    return plan.memory_breakdown(arch, use_4bit=use_4bit, lora_params=lora, tokens_per_micro_batch=tokens,
                                 gradient_checkpointing=checkpointing, lora_dropout=dropout,
                                 target_modules="all-linear", r=r)


class MemorySanityTest(unittest.TestCase):
    def test_8b_qlora_seq_2048_batch_1(self):
        # REFERENCE.md: Llama-3.1-8B QLoRA needs about 6-8 GB at minimum; a full 2,048-token sequence adds the
        # 128k-vocabulary logits and checkpointed activations on top.
        m = peak(LLAMA_8B, 1 * 2048)
        self.assertTrue(6 <= m["peak"] <= 16, m)
        self.assertTrue(3.4 <= m["weights"] * GIB / 1e9 <= 8.5, m)  # NF4 linears + fp32 embeddings/head

    def test_8b_qlora_batch_4_of_short_clinical_examples(self):
        # Four 512-token examples: 2,048 tokens a micro-batch, the same activation volume as above.
        self.assertTrue(6 <= peak(LLAMA_8B, 4 * 512)["peak"] <= 16)

    def test_8b_qlora_batch_4_full_2048_needs_a_24gb_class_card_or_more(self):
        # 8,192 tokens a micro-batch. Unsloth measured that HF+FA2 fits only 5,789 tokens (batch 1) of
        # Llama-3.1-8B QLoRA on a 24 GB card, so 8,192 tokens must not look like it fits in 16 or 24 GB.
        m = peak(LLAMA_8B, 4 * 2048)
        self.assertTrue(24 < m["peak"] < 40, m)

    def test_70b_qlora_is_in_the_48gb_class(self):
        # QLoRA paper: 65B on one 48 GB GPU. Llama-3.1-70B with HF adds 2.1e9 fp32 embedding/head parameters
        # (8 GiB); Unsloth reports HF+FA2 fits 6,916 tokens on 80 GB and OOMs on 48 GB.
        m = peak("meta-llama/Llama-3.1-70B-Instruct", 512)
        self.assertTrue(40 <= m["peak"] <= 60, m)
        m80 = peak("meta-llama/Llama-3.1-70B-Instruct", 6916, r=32, dropout=0.0)
        self.assertTrue(70 <= m80["peak"] <= 90, m80)

    def test_8b_bf16_lora_does_not_fit_12gb(self):
        m = peak(LLAMA_8B, 512, use_4bit=False)
        self.assertGreater(m["peak"], 12)
        self.assertAlmostEqual(m["weights"], 8.03e9 * 2 / GIB, delta=0.1)

    def test_calibration_against_published_measurements(self):
        # (model, tokens at batch 1, rank, GiB the measurement says the run needs); tolerance 20%, our side
        # conservative. Unsloth benchmarks page: Llama-3.1-8B QLoRA r32, HF + FA2, max context per VRAM size.
        unsloth = [(2551, 16), (5789, 24), (12264, 40), (28454, 80)]
        for tokens, gib in unsloth:
            got = peak(LLAMA_8B, tokens, r=32, dropout=0.0)["peak"]
            self.assertLess(abs(got - gib) / gib, 0.20, (tokens, gib, got))
        # LLaMA-Factory wiki: LLaMA-2-7B 4-bit, rank 8, FlashAttention-2, batch 1.
        llama2 = {"id": "llama2-7b", "model_type": "llama", "hidden_size": 4096, "intermediate_size": 11008,
                  "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 32, "head_dim": 128,
                  "vocab_size": 32000, "tie_word_embeddings": False}
        lora, _ = catalog.lora_trainable_params(llama2, 8, "all-linear")
        for tokens, gib in ((1024, 6), (8192, 12), (32768, 32)):
            got = plan.memory_breakdown(llama2, use_4bit=True, lora_params=lora, tokens_per_micro_batch=tokens,
                                        gradient_checkpointing=True, lora_dropout=0.0, target_modules="all-linear",
                                        r=8)["peak"]
            self.assertLess(abs(got - gib) / gib, 0.20, (tokens, gib, got))

    def test_no_checkpointing_costs_more_and_lora_state_matches_protocol_example(self):
        self.assertGreater(peak(LLAMA_8B, 2048, checkpointing=False)["peak"], peak(LLAMA_8B, 2048)["peak"] + 5)
        m = peak(LLAMA_8B, 2048)
        self.assertAlmostEqual(m["lora"] * GIB / 1e9, 0.17, delta=0.01)       # 41.9M x 4 bytes
        self.assertAlmostEqual(m["optimizer"] * GIB / 1e9, 0.34, delta=0.01)  # 41.9M x 8 bytes


class StepsAndTokensTest(unittest.TestCase):
    def test_steps_formula(self):
        self.assertEqual(plan.steps_for(900, 4, 4, 1, 3), 171)  # ceil(900/16) = 57 per epoch
        self.assertEqual(plan.steps_for(900, 4, 4, 2, 3), 87)   # ceil(900/32) = 29
        self.assertEqual(plan.steps_for(16, 4, 4, 1, 1), 1)

    def test_sequence_stats_packing_and_padding(self):
        self.assertEqual(plan.sequence_stats([10, 20, 30, 5000], 2048, 2, False), (4, 2108, (2 * 24 - 30) + (2 * 2048 - 2078)))
        sequences, tokens, padding = plan.sequence_stats([1000] * 10, 2048, 4, True)
        self.assertEqual((sequences, tokens, padding), (5, 10000, 0))

    def test_given_tokens_scale_the_estimate_and_are_trained_epochs_times(self):
        with TempDir() as tmp:
            p = make_plan(tmp, synthetic_rows(900), "--use_4bit", "--dataset_tokens", "412345")
        self.assertEqual((p["dataset"]["tokens"], p["dataset"]["tokens_source"]), (412345, "given"))
        self.assertEqual(p["training"]["tokens_trained"], 412345 * 3)
        self.assertEqual(p["training"]["steps"], 171)
        self.assertEqual(p["lora"]["trainable_params"], 41943040)
        self.assertEqual((p["method"], p["precision"]), ("qlora", "nf4"))

    def test_estimated_tokens_are_characters_over_four(self):
        with TempDir() as tmp:
            p = make_plan(tmp, [chat("a" * 40, "b" * 360)] * 10)
        self.assertEqual((p["dataset"]["tokens"], p["dataset"]["tokens_source"]), (1000, "estimated"))
        self.assertEqual(p["dataset"]["longest_example_tokens"], 100)
        self.assertEqual(p["training"]["tokens_per_micro_batch"], 4 * 104)  # rounded up to a multiple of 8

    def test_packing_reduces_sequences_and_steps(self):
        with TempDir() as tmp:
            plain = make_plan(tmp, synthetic_rows(400, 200, 200))
            packed = make_plan(tmp, synthetic_rows(400, 200, 200), "--packing")
        self.assertLess(packed["training"]["steps"], plain["training"]["steps"])
        self.assertEqual(packed["training"]["tokens_per_micro_batch"], 4 * 2048)
        self.assertEqual(packed["training"]["padding_tokens"], 0)

    def test_truncation_is_warned(self):
        with TempDir() as tmp:
            p = make_plan(tmp, synthetic_rows(10, 400, 12000), "--max_seq_len", "1024")
        self.assertTrue(any("longer than --max_seq_len 1024" in w for w in p["warnings"]))
        self.assertEqual(p["training"]["tokens_trained"], 10 * 1024 * 3)


class GpusAndCommandTest(unittest.TestCase):
    def test_all_gpus_costs_and_the_cheapest_that_fits(self):
        with TempDir() as tmp:
            p = make_plan(tmp, synthetic_rows(900), "--use_4bit")
        self.assertEqual(len(p["gpus"]), 7)
        fitting = [g for g in p["gpus"] if g["fits"]]
        self.assertEqual(p["recommended_gpu"], min(fitting, key=lambda g: g["cost_usd"])["gpu"])
        for g in p["gpus"]:
            self.assertEqual(g["fits"], p["peak_memory_gb"] <= catalog.find_gpu(g["gpu"])["usable_vram_gb"])
            self.assertAlmostEqual(g["cost_usd"], g["hours"] * g["usd_per_hour"], delta=0.02)
            self.assertIn("price:", g["source"])
        h100 = next(g for g in p["gpus"] if g["gpu"] == "H100-80GB")
        a100 = next(g for g in p["gpus"] if g["gpu"] == "A100-80GB")
        self.assertGreater(h100["tokens_per_second"], a100["tokens_per_second"])

    def test_only_the_requested_gpu_and_nothing_fits(self):
        with TempDir() as tmp:
            p = make_plan(tmp, synthetic_rows(20), "--gpu", "RTX-3060-12GB")
            self.assertEqual([g["gpu"] for g in p["gpus"]], ["RTX-3060-12GB"])
            self.assertIsNone(p["recommended_gpu"])  # 8B in bf16 is 15 GiB of weights
            self.assertTrue(any("no listed GPU fits" in w for w in p["warnings"]))
            with self.assertRaises(UsageError):
                make_plan(tmp, synthetic_rows(2), "--gpu", "TPU-v5")

    def test_multi_gpu_scales_throughput_and_uses_accelerate(self):
        with TempDir() as tmp:
            one = make_plan(tmp, synthetic_rows(100), "--use_4bit", "--gpu", "A100-80GB")
            two = make_plan(tmp, synthetic_rows(100), "--use_4bit", "--gpu", "A100-80GB", "--num_gpus", "2")
        self.assertAlmostEqual(two["gpus"][0]["tokens_per_second"] / one["gpus"][0]["tokens_per_second"], 1.8,
                               delta=0.01)
        self.assertTrue(two["command"].startswith("accelerate launch --num_processes 2 "))
        self.assertTrue(one["command"].startswith("python3 "))
        self.assertIn("--use_4bit", one["command"])
        self.assertNotIn("--num_gpus", two["command"])
        self.assertEqual(two["training"]["num_gpus"], 2)

    def test_qlora_is_slower_than_lora(self):
        with TempDir() as tmp:
            lora = make_plan(tmp, synthetic_rows(50), "--gpu", "H100-80GB")
            qlora = make_plan(tmp, synthetic_rows(50), "--gpu", "H100-80GB", "--use_4bit")
        self.assertAlmostEqual(qlora["gpus"][0]["tokens_per_second"] / lora["gpus"][0]["tokens_per_second"], 0.6,
                               delta=0.01)


class PlanProcessTest(unittest.TestCase):
    def test_plan_json_is_one_object_with_the_protocol_keys(self):
        with TempDir() as tmp:
            train = write_jsonl(os.path.join(tmp, "train.jsonl"), synthetic_rows(30))
            val = write_jsonl(os.path.join(tmp, "val.jsonl"), synthetic_rows(5))
            proc = run_script(TRAIN_PY, ["--plan", "--json", "--base_model", LLAMA_8B, "--dataset", train,
                                         "--validation", val, "--use_4bit", "--output_dir", "runs/x"], cwd=tmp)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        lines = proc.stdout.splitlines()
        self.assertEqual(len(lines), 1)
        p = json.loads(lines[0])
        self.assertTrue(PROTOCOL_KEYS <= set(p), PROTOCOL_KEYS - set(p))
        self.assertEqual(p["event"], "plan")
        self.assertTrue({"params_billion", "layers", "hidden_size", "known", "source"} <= set(p["model"]))
        self.assertTrue({"r", "alpha", "dropout", "target_modules", "trainable_params"} <= set(p["lora"]))
        self.assertTrue({"examples", "validation_examples", "tokens", "tokens_source"} <= set(p["dataset"]))
        self.assertTrue({"epochs", "batch_size", "grad_accum", "num_gpus", "max_seq_len", "steps",
                         "tokens_trained"} <= set(p["training"]))
        self.assertTrue({"weights", "lora", "gradients", "optimizer", "activations", "overhead", "peak"}
                        <= set(p["memory_gb"]))
        self.assertTrue({"gpu", "vram_gb", "fits", "tokens_per_second", "hours", "usd_per_hour", "cost_usd",
                         "source"} <= set(p["gpus"][0]))
        self.assertEqual(p["peak_memory_gb"], p["memory_gb"]["peak"])
        self.assertEqual(p["dataset"]["validation_examples"], 5)
        self.assertIn("--output_dir runs/x", p["command"])
        self.assertIn(f"--dataset {train}", p["command"])

    def test_plan_table_without_json(self):
        with TempDir() as tmp:
            train = write_jsonl(os.path.join(tmp, "train.jsonl"), synthetic_rows(10))
            proc = run_script(TRAIN_PY, ["--plan", "--base_model", "Qwen/Qwen2.5-0.5B-Instruct", "--dataset", train])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("recommended:", proc.stdout)
        self.assertIn("RTX-3060-12GB", proc.stdout)

    def test_plan_errors_exit_2_on_stderr(self):
        with TempDir() as tmp:
            train = write_jsonl(os.path.join(tmp, "train.jsonl"), [chat("q", "a"), "{broken"])
            bad_data = run_script(TRAIN_PY, ["--plan", "--json", "--base_model", LLAMA_8B, "--dataset", train])
            good = write_jsonl(os.path.join(tmp, "good.jsonl"), [chat("q", "a")])
            unknown = run_script(TRAIN_PY, ["--plan", "--json", "--base_model", "acme/house-model", "--dataset", good])
            sized = run_script(TRAIN_PY, ["--plan", "--json", "--base_model", "acme/house-model", "--dataset", good,
                                          "--params_billion", "7"])
            bad_flag = run_script(TRAIN_PY, ["--plan", "--base_model", LLAMA_8B, "--dataset", good, "--epochs", "x"])
        self.assertEqual((bad_data.returncode, bad_data.stdout), (2, ""))
        self.assertIn(f"{train}:2: not valid JSON", bad_data.stderr)
        self.assertEqual((unknown.returncode, unknown.stdout), (2, ""))
        self.assertIn("--params_billion", unknown.stderr)
        self.assertIn(LLAMA_8B, unknown.stderr)
        self.assertEqual(sized.returncode, 0, sized.stderr)
        self.assertFalse(events_of(sized.stdout)[0]["model"]["known"])
        self.assertEqual(bad_flag.returncode, 2)
        self.assertIn("--epochs", bad_flag.stderr)


if __name__ == "__main__":
    unittest.main()
