"""merge_and_convert.py: llama.cpp discovery, commands, the 4-bit refusal, and the convert/quantize step run
for real with stand-in llama.cpp tools (--skip_merge), so no torch is needed."""

import hashlib
import json
import os
import stat
import sys
import unittest

from support import FAKE_STACK, MERGE_PY, NO_TORCH, TESTS_DIR, TempDir, events_of, run_script
from cft_runner import llama_cpp
from cft_runner.errors import EnvironmentMissing, UsageError
from cft_runner.merge import four_bit_reason

# Stand-in converter: checks its flags like the real convert_hf_to_gguf.py and writes a small file.
FAKE_CONVERT = '''import argparse, os
p = argparse.ArgumentParser()
p.add_argument("model")
p.add_argument("--outfile", required=True)
p.add_argument("--outtype", choices=["f32", "f16", "bf16", "q8_0", "tq1_0", "tq2_0", "auto"], required=True)
a = p.parse_args()
assert os.path.isfile(os.path.join(a.model, "config.json")), a.model
print("stand-in convert_hf_to_gguf: writing", a.outfile)  # must not reach the event stream
with open(a.outfile, "wb") as f:
    f.write(b"GGUF" + a.outtype.encode() * 64)
'''
# Stand-in llama-quantize: usage `llama-quantize IN OUT TYPE`.
FAKE_QUANTIZE = '''#!{python}
import sys
src, dst, kind = sys.argv[1:4]
data = open(src, "rb").read()
print("stand-in llama-quantize", kind)
open(dst, "wb").write(data[:4] + kind.encode() * 8)
sys.exit(3 if kind == "Q2_K" else 0)
'''


def make_executable(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        handle.write(text)
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def fake_llama_cpp(root, quantize_subdir=os.path.join("build", "bin")):
    make_executable(os.path.join(root, "convert_hf_to_gguf.py"), FAKE_CONVERT)
    make_executable(os.path.join(root, quantize_subdir, "llama-quantize"), FAKE_QUANTIZE.format(python=sys.executable))
    return root


def merged_model(output_dir):
    merged = os.path.join(output_dir, "merged")
    os.makedirs(merged, exist_ok=True)
    with open(os.path.join(merged, "config.json"), "w") as handle:
        json.dump({"model_type": "llama"}, handle)
    return output_dir


def clean_path():
    # Only the interpreter's folder and the system folders: no real llama.cpp from the developer's PATH.
    return os.pathsep.join([os.path.dirname(sys.executable), "/usr/bin", "/bin"])


class DiscoveryTest(unittest.TestCase):
    def test_folder_layouts(self):
        for sub in (os.path.join("build", "bin"), "bin", ""):
            with TempDir() as tmp:
                fake_llama_cpp(tmp, sub)
                found = llama_cpp.find_in_dir(tmp)
                self.assertEqual(found.convert, os.path.join(tmp, "convert_hf_to_gguf.py"))
                self.assertEqual(found.quantize, os.path.join(tmp, sub, "llama-quantize"))

    def test_order_explicit_then_env_then_path(self):
        with TempDir() as a, TempDir() as b, TempDir() as bin_dir:
            fake_llama_cpp(a)
            fake_llama_cpp(b)
            make_executable(os.path.join(bin_dir, "llama-quantize"), "#!/bin/sh\n")
            make_executable(os.path.join(bin_dir, "convert_hf_to_gguf.py"), "")
            env = {"LLAMA_CPP_DIR": b, "PATH": bin_dir}
            self.assertTrue(llama_cpp.discover(a, env).convert.startswith(a))
            self.assertTrue(llama_cpp.discover(None, env).convert.startswith(b))
            found = llama_cpp.discover(None, {"PATH": bin_dir})
            self.assertEqual((found.convert, found.quantize, found.origin),
                             (os.path.join(bin_dir, "convert_hf_to_gguf.py"), os.path.join(bin_dir, "llama-quantize"),
                              "PATH"))

    def test_missing_llama_cpp_explains_how_to_get_it(self):
        with TempDir() as empty:
            found = llama_cpp.discover(None, {"PATH": empty})
            self.assertEqual((found.convert, found.quantize), (None, None))
            with self.assertRaises(EnvironmentMissing) as caught:
                llama_cpp.require(found, need_quantize=True)
            self.assertIn("git clone https://github.com/ggml-org/llama.cpp", caught.exception.message)
            self.assertIn("cmake", caught.exception.message)
            with self.assertRaises(UsageError):
                llama_cpp.discover(os.path.join(empty, "nope"), {})
            only_convert = llama_cpp.LlamaCpp(convert="/x/convert_hf_to_gguf.py")
            llama_cpp.require(only_convert, need_quantize=False)  # f16 only needs the converter
            with self.assertRaises(EnvironmentMissing) as caught:
                llama_cpp.require(only_convert, need_quantize=True)
            self.assertIn("llama-quantize", caught.exception.message)

    def test_commands(self):
        found = llama_cpp.LlamaCpp("/l/convert_hf_to_gguf.py", "/l/build/bin/llama-quantize")
        self.assertEqual(llama_cpp.convert_command(found, "/m", "/o/model-f16.gguf", python="py"),
                         ["py", "/l/convert_hf_to_gguf.py", "/m", "--outfile", "/o/model-f16.gguf", "--outtype", "f16"])
        self.assertEqual(llama_cpp.quantize_command(found, "/o/a.gguf", "/o/b.gguf", "Q4_K_M"),
                         ["/l/build/bin/llama-quantize", "/o/a.gguf", "/o/b.gguf", "Q4_K_M"])

    def test_quant_types(self):
        self.assertEqual(llama_cpp.parse_quant_types("q4_k_m, Q8_0,Q4_K_M"), ["Q4_K_M", "Q8_0"])
        self.assertEqual(llama_cpp.parse_quant_types("none"), [])
        self.assertEqual(llama_cpp.parse_quant_types("Q4_K_M,Q5_K_M,Q6_K,Q8_0"), ["Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0"])
        with self.assertRaises(UsageError):
            llama_cpp.parse_quant_types("Q4_K_X")


class FourBitTest(unittest.TestCase):
    def test_names_and_configs(self):
        self.assertIsNotNone(four_bit_reason("unsloth/llama-3-8b-Instruct-bnb-4bit"))
        self.assertIsNotNone(four_bit_reason("TheBloke/Mistral-7B-Instruct-v0.2-AWQ"))
        self.assertIsNotNone(four_bit_reason("TheBloke/Llama-2-7B-GPTQ"))
        self.assertIsNone(four_bit_reason("meta-llama/Llama-3.1-8B-Instruct"))
        self.assertIsNone(four_bit_reason("Qwen/Qwen2.5-14B-Instruct"))
        with TempDir() as tmp:
            with open(os.path.join(tmp, "config.json"), "w") as handle:
                json.dump({"quantization_config": {"quant_method": "bitsandbytes", "load_in_4bit": True}}, handle)
            self.assertIn("quantization_config", four_bit_reason(tmp))


class ConvertProcessTest(unittest.TestCase):
    def test_skip_merge_converts_and_quantizes_with_events(self):
        with TempDir() as tmp:
            out = merged_model(os.path.join(tmp, "export"))
            tools = fake_llama_cpp(os.path.join(tmp, "llama.cpp"))
            proc = run_script(MERGE_PY, ["--base_model", "meta-llama/Llama-3.1-8B-Instruct", "--adapter",
                                         os.path.join(tmp, "adapter"), "--output_dir", out, "--skip_merge",
                                         "--quantize", "Q4_K_M,Q8_0", "--llama_cpp", tools],
                              env={"PATH": clean_path()})
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertIn("stand-in llama-quantize", proc.stderr)  # tool output went to stderr, not stdout
            events = events_of(proc.stdout)
            self.assertEqual([e["event"] for e in events], ["start", "merged", "converted", "quantized", "quantized",
                                                            "done"])
            self.assertEqual(events[0]["quantize"], ["Q4_K_M", "Q8_0"])
            self.assertEqual(events[1]["path"], os.path.join(out, "merged"))
            self.assertEqual(events[2]["path"], os.path.join(out, "model-f16.gguf"))
            for event, kind in zip(events[3:5], ("Q4_K_M", "Q8_0")):
                self.assertEqual(event["type"], kind)
                self.assertEqual(event["path"], os.path.join(out, f"model-{kind}.gguf"))
                with open(event["path"], "rb") as handle:
                    data = handle.read()
                self.assertEqual(event["bytes"], len(data))
                self.assertEqual(event["sha256"], hashlib.sha256(data).hexdigest())
            self.assertEqual(events[-1]["files"], [events[2]["path"], events[3]["path"], events[4]["path"]])

    def test_found_on_path_and_through_the_environment(self):
        with TempDir() as tmp:
            out = merged_model(os.path.join(tmp, "export"))
            tools = fake_llama_cpp(os.path.join(tmp, "llama.cpp"), "")  # a release archive: tools side by side
            base = ["--base_model", "b", "--adapter", "a", "--output_dir", out, "--skip_merge", "--quantize", "Q6_K"]
            on_path = run_script(MERGE_PY, base, env={"PATH": tools + os.pathsep + clean_path()})
            self.assertEqual(on_path.returncode, 0, on_path.stderr)
            self.assertEqual(events_of(on_path.stdout)[-1]["event"], "done")
            via_env = run_script(MERGE_PY, base, env={"PATH": clean_path(), "LLAMA_CPP_DIR": tools})
            self.assertEqual(via_env.returncode, 0, via_env.stderr)

    def test_without_llama_cpp_it_stops_after_merging(self):
        with TempDir() as tmp:
            out = merged_model(os.path.join(tmp, "export"))
            proc = run_script(MERGE_PY, ["--base_model", "b", "--adapter", "a", "--output_dir", out, "--skip_merge"],
                              env={"PATH": clean_path()})
        self.assertEqual(proc.returncode, 4)
        events = events_of(proc.stdout)
        self.assertEqual([e["event"] for e in events], ["start", "merged", "error"])
        self.assertIn("git clone https://github.com/ggml-org/llama.cpp", events[-1]["message"])
        self.assertIn("--llama_cpp", events[-1]["message"])

    def test_a_failing_tool_is_an_error_event(self):
        with TempDir() as tmp:
            out = merged_model(os.path.join(tmp, "export"))
            tools = fake_llama_cpp(os.path.join(tmp, "llama.cpp"))
            proc = run_script(MERGE_PY, ["--base_model", "b", "--adapter", "a", "--output_dir", out, "--skip_merge",
                                         "--quantize", "Q8_0,Q2_K", "--llama_cpp", tools], env={"PATH": clean_path()})
        self.assertEqual(proc.returncode, 1)
        events = events_of(proc.stdout)
        self.assertEqual([e["event"] for e in events][-2:], ["quantized", "error"])
        self.assertIn("llama-quantize Q2_K failed with exit status 3", events[-1]["message"])

    def test_merge_then_convert_on_stand_in_libraries(self):
        with TempDir() as tmp:
            adapter = os.path.join(tmp, "adapter")
            os.makedirs(adapter)
            with open(os.path.join(adapter, "adapter_config.json"), "w") as handle:
                json.dump({"base_model_name_or_path": "org/base"}, handle)
            tools = fake_llama_cpp(os.path.join(tmp, "llama.cpp"))
            out = os.path.join(tmp, "export")
            proc = run_script(MERGE_PY, ["--base_model", "org/base", "--adapter", adapter, "--output_dir", out,
                                         "--dtype", "bfloat16", "--llama_cpp", tools],
                              pythonpath=[FAKE_STACK, TESTS_DIR], env={"PATH": clean_path()})
            self.assertEqual(proc.returncode, 0, proc.stderr)
            events = events_of(proc.stdout)
            self.assertEqual([e["event"] for e in events], ["start", "merged", "converted", "quantized", "done"])
            self.assertNotIn("skipped", events[1])
            self.assertTrue(os.path.isfile(os.path.join(out, "merged", "config.json")))
            self.assertTrue(os.path.isfile(os.path.join(out, "merged", "tokenizer_config.json")))
            self.assertEqual(events[3]["type"], "Q4_K_M")  # the default --quantize

    def test_refusals_and_missing_inputs(self):
        with TempDir() as tmp:
            four_bit = run_script(MERGE_PY, ["--base_model", "unsloth/llama-3-8b-bnb-4bit", "--adapter", tmp,
                                             "--output_dir", os.path.join(tmp, "o")])
            no_merged = run_script(MERGE_PY, ["--base_model", "b", "--adapter", tmp, "--output_dir",
                                              os.path.join(tmp, "o2"), "--skip_merge"])
            with open(os.path.join(tmp, "adapter_config.json"), "w") as handle:
                json.dump({"base_model_name_or_path": "b"}, handle)
            no_torch = run_script(MERGE_PY, ["--base_model", "b", "--adapter", tmp, "--output_dir",
                                             os.path.join(tmp, "o3")], pythonpath=[NO_TORCH])
            bad_dtype = run_script(MERGE_PY, ["--base_model", "b", "--adapter", tmp, "--output_dir", tmp,
                                              "--dtype", "int4"])
        self.assertEqual(four_bit.returncode, 2)
        self.assertIn("refusing to merge into a quantized base", events_of(four_bit.stdout)[-1]["message"])
        self.assertEqual(no_merged.returncode, 2)
        self.assertIn("--skip_merge needs a merged model", events_of(no_merged.stdout)[-1]["message"])
        self.assertEqual(no_torch.returncode, 4)
        self.assertIn("pip install -r gpu-runner/requirements.txt", events_of(no_torch.stdout)[-1]["message"])
        self.assertEqual(bad_dtype.returncode, 2)
        self.assertIn("--dtype", events_of(bad_dtype.stdout)[-1]["message"])


if __name__ == "__main__":
    unittest.main()
