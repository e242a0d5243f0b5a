"""Choosing the checkpoint --resume continues from."""

import json
import os
import unittest

from support import TempDir
from cft_runner.args import RESUME_LATEST
from cft_runner.checkpoints import find_latest_checkpoint, resolve_resume
from cft_runner.errors import UsageError


def checkpoint(root, step, complete=True):
    path = os.path.join(root, f"checkpoint-{step}")
    os.makedirs(path)
    if complete:
        with open(os.path.join(path, "trainer_state.json"), "w") as handle:
            json.dump({"global_step": step}, handle)
    return path


class ResumeTest(unittest.TestCase):
    def test_latest_is_the_highest_complete_step(self):
        with TempDir() as out:
            checkpoint(out, 9)
            ten = checkpoint(out, 10)
            checkpoint(out, 100, complete=False)  # cut off mid-save
            os.makedirs(os.path.join(out, "checkpoint-x"))
            self.assertEqual(find_latest_checkpoint(out), ten)
            self.assertEqual(resolve_resume(RESUME_LATEST, out)[0], ten)
            self.assertEqual(resolve_resume(out, "elsewhere")[0], ten)  # the output folder itself
            self.assertEqual(resolve_resume(ten, out)[0], ten)

    def test_nothing_to_resume(self):
        with TempDir() as out:
            path, note = resolve_resume(RESUME_LATEST, out)
            self.assertIsNone(path)
            self.assertIn("starting from the beginning", note)
            self.assertEqual(resolve_resume(None, out), (None, None))
            with self.assertRaises(UsageError) as caught:
                resolve_resume(out, out)
            self.assertIn("no trainer_state.json", caught.exception.message)
            with self.assertRaises(UsageError):
                resolve_resume(os.path.join(out, "missing"), out)


if __name__ == "__main__":
    unittest.main()
