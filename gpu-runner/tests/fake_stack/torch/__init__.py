"""Stand-in torch: just what cft_runner.trainer touches. FAKE_TORCH_CUDA=0 makes CUDA unavailable."""

import os

from . import utils  # noqa: F401

__version__ = "2.15.0+fake"


class _Version:
    cuda = "13.0"


version = _Version()


class dtype:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"torch.{self.name}"


bfloat16, float16, float32, long = dtype("bfloat16"), dtype("float16"), dtype("float32"), dtype("int64")


class _Cuda:
    @staticmethod
    def is_available():
        return os.environ.get("FAKE_TORCH_CUDA", "1") == "1"

    @staticmethod
    def is_bf16_supported():
        return True


cuda = _Cuda()


class Tensor:
    def __init__(self, data):
        self.data = data

    def _flat(self):
        out, stack = [], [self.data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            else:
                out.append(item)
        return out

    def sum(self):
        return Tensor(sum(self._flat()))

    def item(self):
        return self.data

    def numel(self):
        return len(self._flat())


def tensor(data, dtype=None):
    return Tensor(data)
