#!/usr/bin/env python3
"""LoRA/QLoRA fine-tuning with JSON-lines progress events (gpu-runner/PROTOCOL.md).

    python3 gpu-runner/train.py --base_model M --dataset TRAIN.jsonl --output_dir DIR [...]
    python3 gpu-runner/train.py --plan --json --base_model M --dataset TRAIN.jsonl   # no torch needed

Multi-GPU: accelerate launch --num_processes N gpu-runner/train.py ...
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cft_runner.main import train_main  # noqa: E402  (the path line above must run first)

if __name__ == "__main__":
    sys.exit(train_main())
