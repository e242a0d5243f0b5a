"""Makes `import torch` fail in a subprocess even on a machine that has torch (put this folder on PYTHONPATH)."""

raise ImportError("No module named 'torch'")
