"""Model/GPU tables and the architecture arithmetic (parameter counts, LoRA trainable parameters)."""

import json
import os
import unittest

from support import TempDir
from cft_runner import catalog
from cft_runner.errors import UsageError

PROTOCOL_GPUS = ["H100-80GB", "A100-80GB", "A100-40GB", "L4-24GB", "RTX-4090-24GB", "RTX-3090-24GB",
                 "RTX-3060-12GB"]


def row(model_id):
    return catalog.resolve_model(model_id)


class TablesTest(unittest.TestCase):
    def test_every_model_row_has_a_source_and_matches_its_published_size(self):
        for r in catalog.models_table()["models"]:
            self.assertTrue(r["source"].startswith("https://huggingface.co/") and r["source"].endswith("config.json"))
            computed = catalog.param_counts(r)["total"] / 1e9
            self.assertAlmostEqual(computed, r["published_params_billion"], delta=0.01 * r["published_params_billion"],
                                   msg=r["id"])

    def test_required_models_are_listed(self):
        ids = catalog.known_model_ids()
        for wanted in ("meta-llama/Llama-3.2-1B-Instruct", "meta-llama/Llama-3.2-3B-Instruct",
                       "meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.1-70B-Instruct",
                       "mistralai/Mistral-7B-Instruct-v0.3", "Qwen/Qwen2.5-0.5B-Instruct", "Qwen/Qwen2.5-1.5B-Instruct",
                       "Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-14B-Instruct", "microsoft/Phi-3.5-mini-instruct",
                       "google/gemma-2-2b-it", "google/gemma-2-9b-it", "aaditya/Llama3-OpenBioLLM-8B"):
            self.assertIn(wanted, ids)

    def test_gpu_table_lists_the_protocol_gpus_with_sources_and_dates(self):
        doc = catalog.gpus_table()
        self.assertEqual([g["gpu"] for g in doc["gpus"]], PROTOCOL_GPUS)
        self.assertEqual(doc["anchor"]["tokens_per_second"], 2954)
        self.assertIn("A100", doc["anchor"]["gpu"])
        for g in doc["gpus"]:
            for key in ("tflops_source", "price_source", "price_date", "efficiency_note"):
                self.assertTrue(g[key], (g["gpu"], key))
            expected = round(2954 * g["bf16_dense_tflops"] / 312 * g["efficiency_vs_anchor"])
            self.assertEqual(g["reference_tokens_per_second"], expected, g["gpu"])
            self.assertLessEqual(g["usable_vram_gb"], g["vram_gb"])
        for key in ("qlora_speed_source", "no_gradient_checkpointing_note", "multi_gpu_note"):
            self.assertTrue(doc["factors"][key])

    def test_find_gpu(self):
        self.assertEqual(catalog.find_gpu("h100-80gb")["gpu"], "H100-80GB")
        self.assertEqual(catalog.find_gpu("L4")["gpu"], "L4-24GB")
        with self.assertRaises(UsageError) as caught:
            catalog.find_gpu("A100")  # two A100 rows: ambiguous
        self.assertIn("A100-40GB", caught.exception.message)


class TrainableParamsTest(unittest.TestCase):
    def test_llama_3_1_8b_all_linear_by_hand(self):
        # Per layer r*(in+out): q 4096+4096, k 4096+1024, v 4096+1024, o 4096+4096,
        # gate 4096+14336, up 4096+14336, down 14336+4096 = 81,920; x r 16 x 32 layers.
        count, missing = catalog.lora_trainable_params(row("meta-llama/Llama-3.1-8B-Instruct"), 16, "all-linear")
        self.assertEqual(count, 81920 * 16 * 32)
        self.assertEqual(count, 41943040)  # PROTOCOL.md's example, and what PEFT prints for this model
        self.assertEqual(missing, [])

    def test_subset_of_modules(self):
        count, missing = catalog.lora_trainable_params(row("meta-llama/Llama-3.1-8B-Instruct"), 16, "q_proj,v_proj")
        self.assertEqual(count, (8192 + 5120) * 16 * 32)
        count, missing = catalog.lora_trainable_params(row("meta-llama/Llama-3.1-8B-Instruct"), 8, "q_proj,qkv")
        self.assertEqual((count, missing), (8192 * 8 * 32, ["qkv"]))

    def test_fused_phi3_and_gemma_head_dim(self):
        # Phi-3.5: qkv 3072->9216, o 3072->3072, gate_up 3072->16384, down 8192->3072.
        phi, _ = catalog.lora_trainable_params(row("microsoft/Phi-3.5-mini-instruct"), 16, "all-linear")
        self.assertEqual(phi, (3072 + 9216 + 3072 + 3072 + 3072 + 16384 + 8192 + 3072) * 16 * 32)
        # Gemma-2-9B: 16 heads x 256 = 4096-wide q/o although hidden is 3584.
        gemma, _ = catalog.lora_trainable_params(row("google/gemma-2-9b-it"), 16, "all-linear")
        per_layer = (3584 + 4096) + 2 * (3584 + 2048) + (4096 + 3584) + 2 * (3584 + 14336) + (14336 + 3584)
        self.assertEqual(gemma, per_layer * 16 * 42)

    def test_all_linear_skips_the_head(self):
        names = [n for n, _, _ in catalog.linear_layers(row("Qwen/Qwen2.5-7B-Instruct"))]
        self.assertEqual(names, ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"])


class ResolveTest(unittest.TestCase):
    def test_by_id_basename_alias_any_case(self):
        for name in ("meta-llama/Llama-3.1-8B-Instruct", "META-LLAMA/llama-3.1-8b-instruct", "Llama-3.1-8B-Instruct",
                     "Meta-Llama-3-8B-Instruct", "/models/Llama-3.1-8B-Instruct/"):
            arch = catalog.resolve_model(name)
            self.assertEqual((arch["id"], arch["known"]), ("meta-llama/Llama-3.1-8B-Instruct", True), name)

    def test_local_folder_config(self):
        with TempDir() as tmp:
            with open(os.path.join(tmp, "config.json"), "w") as handle:
                json.dump({"model_type": "llama", "hidden_size": 256, "intermediate_size": 512,
                           "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
                           "vocab_size": 600, "tie_word_embeddings": False}, handle)
            arch = catalog.resolve_model(tmp)
        self.assertTrue(arch["known"])
        self.assertEqual((arch["head_dim"], arch["num_hidden_layers"]), (64, 2))
        self.assertIn("config.json at", arch["source"])

    def test_size_in_the_name_scales_a_llama(self):
        self.assertEqual(catalog.size_from_name("acme/clinical-llama-13b-v2"), 13.0)
        self.assertEqual(catalog.size_from_name("Qwen3-0.6B"), 0.6)
        self.assertIsNone(catalog.size_from_name("mistralai/Mixtral-8x7B"))
        self.assertIsNone(catalog.size_from_name("phi-2"))
        arch = catalog.resolve_model("acme/clinical-llama-13b-v2")
        self.assertFalse(arch["known"])
        self.assertIn("13B read from the name", arch["source"])
        self.assertAlmostEqual(catalog.param_counts(arch)["total"] / 1e9, 13, delta=0.5)

    def test_params_billion_override_for_unknown_models(self):
        arch = catalog.resolve_model("acme/house-model", params_billion=3)
        self.assertFalse(arch["known"])
        self.assertAlmostEqual(catalog.param_counts(arch)["total"] / 1e9, 3, delta=0.3)

    def test_unknown_without_size_lists_models_and_the_flag(self):
        with self.assertRaises(UsageError) as caught:
            catalog.resolve_model("acme/house-model")
        self.assertIn("--params_billion", caught.exception.message)
        self.assertIn("meta-llama/Llama-3.1-8B-Instruct", caught.exception.message)


if __name__ == "__main__":
    unittest.main()
