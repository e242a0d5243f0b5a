"""Unit tests for gpu-runner (standard library unittest; no torch). From the repository root:

    python3 -m unittest discover -s gpu-runner/tests -t gpu-runner

or from gpu-runner/: python3 -m unittest discover -s tests
"""

import os
import sys

# Test modules import `support` and `fakes` as top-level modules and `cft_runner` from gpu-runner/, whichever
# way unittest was started (as the package tests.*, or with tests/ itself as the top level).
_TESTS = os.path.dirname(os.path.abspath(__file__))
for _path in (os.path.dirname(_TESTS), _TESTS):
    if _path not in sys.path:
        sys.path.insert(0, _path)
