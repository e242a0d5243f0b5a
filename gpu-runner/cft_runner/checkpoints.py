"""Finding the checkpoint to resume from (Trainer writes OUTPUT_DIR/checkpoint-N with trainer_state.json)."""

import os
import re

from .args import RESUME_LATEST
from .errors import UsageError

_CHECKPOINT = re.compile(r"^checkpoint-(\d+)$")


def is_checkpoint(path) -> bool:
    return os.path.isfile(os.path.join(path, "trainer_state.json"))


def find_latest_checkpoint(output_dir):
    """The checkpoint-N folder with the highest N that holds a trainer_state.json, or None.

    A folder without trainer_state.json is a save that was cut off (the process died mid-write); skip it.
    """
    if not output_dir or not os.path.isdir(output_dir):
        return None
    found = []
    for name in os.listdir(output_dir):
        match = _CHECKPOINT.match(name)
        path = os.path.join(output_dir, name)
        if match and os.path.isdir(path) and is_checkpoint(path):
            found.append((int(match.group(1)), path))
    return max(found)[1] if found else None


def resolve_resume(resume, output_dir):
    """(checkpoint path or None, a note for the log). `resume` is None, RESUME_LATEST or a folder.

    --resume without a folder and no checkpoint yet starts from the beginning (a relaunch of a run that died
    before its first save should still run); --resume FOLDER that is not a checkpoint is an error.
    """
    if not resume:
        return None, None
    if resume == RESUME_LATEST:
        latest = find_latest_checkpoint(output_dir)
        if latest is None:
            return None, f"--resume: no checkpoint-N folder in {output_dir} yet; starting from the beginning"
        return latest, f"resuming from {latest}"
    if not os.path.isdir(resume):
        raise UsageError(f"--resume {resume}: no such folder")
    if not is_checkpoint(resume):
        latest = find_latest_checkpoint(resume)
        if latest is not None:  # the user named the output folder itself
            return latest, f"resuming from {latest} (newest checkpoint in {resume})"
        raise UsageError(f"--resume {resume}: not a checkpoint (no trainer_state.json); checkpoints are "
                         f"OUTPUT_DIR/checkpoint-N folders")
    return resume, f"resuming from {resume}"
