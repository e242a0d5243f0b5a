"""Finding llama.cpp's converter and quantizer, and the commands that run them. No torch needed.

llama.cpp is found, in this order, at --llama_cpp DIR, at $LLAMA_CPP_DIR, or on PATH (convert_hf_to_gguf.py
and llama-quantize). In a llama.cpp folder the converter is DIR/convert_hf_to_gguf.py and the quantizer is
where a CMake build or a release archive puts it (build/bin, bin, or the folder itself).
"""

import os
import shutil
import sys

from .errors import EnvironmentMissing, UsageError

CONVERT_SCRIPT = "convert_hf_to_gguf.py"
QUANTIZE_NAMES = ("llama-quantize", "llama-quantize.exe")
QUANTIZE_SUBDIRS = (os.path.join("build", "bin"), os.path.join("build", "bin", "Release"), "bin", "")

# The types PROTOCOL.md names, plus other common llama-quantize types a user may ask for.
QUANT_TYPES = ("Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0", "Q4_K_S", "Q5_K_S", "Q3_K_M", "Q2_K", "Q4_0", "Q5_0", "IQ4_XS")

HOW_TO_GET = (
    "Get llama.cpp: `git clone https://github.com/ggml-org/llama.cpp && "
    "cmake -S llama.cpp -B llama.cpp/build && "
    "cmake --build llama.cpp/build --config Release -j --target llama-quantize && "
    "pip install -r llama.cpp/requirements/requirements-convert_hf_to_gguf.txt`, "
    "then pass --llama_cpp llama.cpp or set LLAMA_CPP_DIR"
)


class LlamaCpp:
    """Where the two tools are, and how they were found (for messages)."""

    def __init__(self, convert=None, quantize=None, origin=None):
        self.convert = convert
        self.quantize = quantize
        self.origin = origin

    def __repr__(self):
        return f"LlamaCpp(convert={self.convert!r}, quantize={self.quantize!r}, origin={self.origin!r})"


def _is_executable(path):
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_in_dir(folder):
    folder = os.path.abspath(os.path.expanduser(folder))
    convert = os.path.join(folder, CONVERT_SCRIPT)
    found = LlamaCpp(convert if os.path.isfile(convert) else None)
    for sub in QUANTIZE_SUBDIRS:
        for name in QUANTIZE_NAMES:
            candidate = os.path.join(folder, sub, name)
            if _is_executable(candidate):
                found.quantize = candidate
                return found
    return found


def discover(explicit=None, environ=None, search_path=None):
    """A LlamaCpp with whatever was found (fields may be None). An explicit folder is never second-guessed."""
    env = os.environ if environ is None else environ
    if explicit:
        if not os.path.isdir(os.path.expanduser(explicit)):
            raise UsageError(f"--llama_cpp {explicit}: no such folder. {HOW_TO_GET}")
        found = find_in_dir(explicit)
        found.origin = f"--llama_cpp {explicit}"
        return found
    if env.get("LLAMA_CPP_DIR"):
        folder = env["LLAMA_CPP_DIR"]
        if not os.path.isdir(os.path.expanduser(folder)):
            raise EnvironmentMissing(f"LLAMA_CPP_DIR={folder} is not a folder. {HOW_TO_GET}")
        found = find_in_dir(folder)
        found.origin = f"LLAMA_CPP_DIR={folder}"
        return found
    path = env.get("PATH", "") if search_path is None else search_path
    convert = shutil.which(CONVERT_SCRIPT, path=path) or _file_on_path(CONVERT_SCRIPT, path)
    quantize = next((q for q in (shutil.which(n, path=path) for n in QUANTIZE_NAMES) if q), None)
    return LlamaCpp(convert, quantize, "PATH")


def _file_on_path(name, path):
    # The converter is a Python script we run with our interpreter, so it need not be executable.
    for folder in path.split(os.pathsep):
        candidate = os.path.join(folder, name)
        if folder and os.path.isfile(candidate):
            return candidate
    return None


def require(found, need_quantize):
    """Raise EnvironmentMissing (with how to get llama.cpp) unless the needed tools were found."""
    missing = []
    if not found.convert:
        missing.append(CONVERT_SCRIPT)
    if need_quantize and not found.quantize:
        missing.append("llama-quantize (build it: cmake --build llama.cpp/build --target llama-quantize)")
    if missing:
        where = found.origin or "PATH"
        raise EnvironmentMissing(f"llama.cpp not found ({where} has no {' and no '.join(missing)}). {HOW_TO_GET}")


def parse_quant_types(text):
    """'Q4_K_M,q8_0' -> ['Q4_K_M', 'Q8_0']; '' or 'none' -> [] (only the f16 GGUF)."""
    value = (text or "").strip()
    if value.lower() in ("", "none"):
        return []
    types = []
    for name in value.split(","):
        name = name.strip().upper()
        if not name:
            continue
        if name not in QUANT_TYPES:
            raise UsageError(f"--quantize {name} is not a llama-quantize type this runner knows "
                             f"({', '.join(QUANT_TYPES)})")
        if name not in types:
            types.append(name)
    return types


def convert_command(found, model_dir, outfile, outtype="f16", python=None):
    """python convert_hf_to_gguf.py MODEL_DIR --outfile OUT --outtype f16"""
    return [python or sys.executable, found.convert, model_dir, "--outfile", outfile, "--outtype", outtype]


def quantize_command(found, infile, outfile, quant_type):
    """llama-quantize IN.gguf OUT.gguf TYPE"""
    return [found.quantize, infile, outfile, quant_type]
