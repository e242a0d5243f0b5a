"""The JSON-lines event protocol: one valid object a line, event + ISO time, flushed, rank 0 only."""

import datetime
import io
import json
import unittest

import support  # noqa: F401
from cft_runner.events import EventEmitter, process_rank, utc_now_iso, world_size


class FlushCounter(io.StringIO):
    def __init__(self):
        super().__init__()
        self.flushes = 0

    def flush(self):
        self.flushes += 1
        super().flush()


class EmitterTest(unittest.TestCase):
    def test_each_line_is_json_with_event_and_time(self):
        out = FlushCounter()
        emitter = EventEmitter(out, environ={})
        emitter.emit("start", base_model="m", examples=3)
        emitter.emit("progress", step=1, loss=1.5, learning_rate=2e-4)
        emitter.error("boom")
        lines = out.getvalue().splitlines()
        self.assertEqual(len(lines), 3)
        self.assertEqual(out.flushes, 3)  # a reader sees each event as soon as it is written
        for line in lines:
            record = json.loads(line)
            self.assertIn("event", record)
            parsed = datetime.datetime.strptime(record["time"], "%Y-%m-%dT%H:%M:%S.%fZ")
            self.assertLess(abs((datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - parsed).total_seconds()), 60)
        self.assertEqual(json.loads(lines[0])["examples"], 3)
        self.assertEqual(json.loads(lines[2]), {"event": "error", "time": json.loads(lines[2])["time"],
                                                "message": "boom"})

    def test_non_finite_numbers_become_null(self):
        out = io.StringIO()
        EventEmitter(out, environ={}).emit("progress", loss=float("nan"), tokens_per_second=float("inf"),
                                           nested={"x": [float("-inf"), 1.0]})
        record = json.loads(out.getvalue())
        self.assertIsNone(record["loss"])
        self.assertIsNone(record["tokens_per_second"])
        self.assertEqual(record["nested"], {"x": [None, 1.0]})

    def test_scalars_with_item_and_paths(self):
        class Scalar:
            def item(self):
                return 0.25

        out = io.StringIO()
        EventEmitter(out, environ={}).emit("eval", eval_loss=Scalar(), path=Scalar.__name__)
        self.assertEqual(json.loads(out.getvalue())["eval_loss"], 0.25)

    def test_only_rank_zero_prints_when_several_processes(self):
        for env, expected in (
            ({"WORLD_SIZE": "2", "RANK": "1", "LOCAL_RANK": "1"}, ""),
            ({"WORLD_SIZE": "4", "RANK": "3"}, ""),
            ({"WORLD_SIZE": "2", "RANK": "0", "LOCAL_RANK": "0"}, "start"),
            ({"WORLD_SIZE": "1"}, "start"),
            ({}, "start"),
        ):
            out = io.StringIO()
            EventEmitter(out, environ=env).emit("start")
            text = out.getvalue()
            self.assertEqual(json.loads(text)["event"] if text else "", expected, env)

    def test_rank_and_world_size_parsing(self):
        self.assertEqual(process_rank({"RANK": "2", "LOCAL_RANK": "0"}), 2)
        self.assertEqual(process_rank({"LOCAL_RANK": "1"}), 1)
        self.assertEqual(process_rank({}), 0)
        self.assertEqual(world_size({"WORLD_SIZE": "8"}), 8)
        self.assertEqual(world_size({"WORLD_SIZE": "x"}), 1)

    def test_time_format(self):
        self.assertRegex(utc_now_iso(), r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


if __name__ == "__main__":
    unittest.main()
