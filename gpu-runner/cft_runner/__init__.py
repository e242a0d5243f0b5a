"""cft_runner: the self-hosted LoRA/QLoRA training runner behind `cft finetune --provider local`.

Everything here except `trainer.py` and the merge step of `merge.py` runs on the standard library alone,
so `--plan`, dataset checks and the unit tests work on any machine with Python >= 3.9. torch, transformers,
peft and bitsandbytes are imported lazily inside the functions that train or merge.
The contract with the TypeScript launcher is gpu-runner/PROTOCOL.md.
"""

__version__ = "0.1.0"
