#!/usr/bin/env python3
"""Merge a LoRA adapter into its fp16/bf16 base and convert it to GGUF with llama.cpp (gpu-runner/PROTOCOL.md).

    python3 gpu-runner/merge_and_convert.py --base_model M --adapter DIR --output_dir DIR \
        [--dtype float16|bfloat16] [--quantize Q4_K_M,Q5_K_M,Q6_K,Q8_0] [--llama_cpp DIR] [--skip_merge]
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cft_runner.merge import merge_main  # noqa: E402  (the path line above must run first)

if __name__ == "__main__":
    sys.exit(merge_main())
