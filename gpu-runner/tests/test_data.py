"""Chat JSONL reading/validation and assistant-only label masking, with a fake tokenizer."""

import json
import os
import unittest

from support import TempDir, chat, write_jsonl
from fakes import FakeTokenizer
from cft_runner.data import (
    IGNORE_INDEX, ChatExample, TemplateError, assistant_spans, count_tokens, dataset_stats, encode_dataset,
    encode_example, make_renderer, merge_system_into_user, pack_rows, pad_batch, read_chat_jsonl,
    template_needs_system_merge)
from cft_runner.errors import UsageError


def example(messages, weights=None):
    return ChatExample(messages, weights or [1] * len(messages), 1, "mem.jsonl")


def trained_text(tokenizer, row):
    return tokenizer.decode([t for t in row["labels"] if t != IGNORE_INDEX])


class ReadTest(unittest.TestCase):
    def test_reads_valid_file_with_bom_blank_lines_and_content_parts(self):
        with TempDir() as tmp:
            path = os.path.join(tmp, "train.jsonl")
            rows = [chat("q1", "a1", system="sys"), chat("q2", "a2")]
            parts = {"messages": [{"role": "user", "content": [{"type": "text", "text": "part "},
                                                               {"type": "text", "text": "two"}]},
                                  {"role": "assistant", "content": "ok", "weight": 1}]}
            with open(path, "w", encoding="utf-8-sig") as handle:  # Azure-style BOM
                for row in rows + [parts]:
                    handle.write(json.dumps(row) + "\n\n")
            examples = read_chat_jsonl(path)
        self.assertEqual(len(examples), 3)
        self.assertEqual([e.line for e in examples], [1, 3, 5])
        self.assertEqual(examples[2].messages[0]["content"], "part two")
        self.assertEqual(dataset_stats(examples), {"examples": 3, "chars": 3 + 2 + 2 + 2 + 2 + 8 + 2,
                                                   "max_chars": 10})

    def test_developer_role_is_system(self):
        with TempDir() as tmp:
            path = write_jsonl(os.path.join(tmp, "t.jsonl"), [
                {"messages": [{"role": "developer", "content": "d"}, {"role": "user", "content": "u"},
                              {"role": "assistant", "content": "a"}]}])
            self.assertEqual(read_chat_jsonl(path)[0].messages[0]["role"], "system")

    def test_errors_name_file_line_and_message(self):
        with TempDir() as tmp:
            path = write_jsonl(os.path.join(tmp, "bad.jsonl"), [
                chat("fine", "fine"),                                                   # 1 ok
                "{not json",                                                            # 2
                json.dumps([1, 2]),                                                     # 3
                json.dumps({"prompt": "x"}),                                            # 4
                json.dumps({"messages": []}),                                           # 5
                json.dumps({"messages": [{"role": "user", "content": "u"}]}),           # 6 no assistant
                json.dumps({"messages": [{"role": "robot", "content": "u"},
                                         {"role": "assistant", "content": "a"}]}),      # 7
                json.dumps({"messages": [{"role": "user", "content": ""},
                                         {"role": "assistant", "content": "a"}]}),      # 8
                json.dumps({"messages": [{"role": "user", "content": "u", "colour": 1},
                                         {"role": "assistant", "content": "a"}]}),      # 9
                json.dumps({"messages": [{"role": "tool", "content": "r", "tool_call_id": "1"},
                                         {"role": "assistant", "content": "a"}]}),      # 10
                json.dumps({"messages": [{"role": "user", "content": "u"},
                                         {"role": "assistant", "content": "a", "weight": 0}]}),  # 11
                json.dumps({"messages": [{"content": "u"}, {"role": "assistant", "content": "a"}]}),  # 12
            ])
            with self.assertRaises(UsageError) as caught:
                read_chat_jsonl(path)
        message = caught.exception.message
        self.assertIn("has 11 problem(s)", message)
        for fragment in (
            f"{path}:2: not valid JSON", f"{path}:3: expected a JSON object", f"{path}:4: no \"messages\" list",
            f"{path}:5: \"messages\" is empty", f"{path}:6: no assistant message",
            f"{path}:7, messages[0]: unknown role 'robot'", f"{path}:8, messages[0]: \"content\" must be non-empty",
            f"{path}:9, messages[0]: unknown key 'colour'", f"{path}:10, messages[0]: tool and function calls",
            f"{path}:11: every assistant message has weight 0", f"{path}:12, messages[0]: missing \"role\"",
        ):
            self.assertIn(fragment, message)
        self.assertNotIn(f"{path}:1:", message)

    def test_missing_and_empty_files(self):
        with self.assertRaises(UsageError) as caught:
            read_chat_jsonl("/no/such/file.jsonl", "--validation")
        self.assertIn("cannot read --validation /no/such/file.jsonl", caught.exception.message)
        with TempDir() as tmp:
            path = write_jsonl(os.path.join(tmp, "empty.jsonl"), [])
            with self.assertRaises(UsageError) as caught:
                read_chat_jsonl(path)
            self.assertIn("has no examples", caught.exception.message)

    def test_error_list_is_capped(self):
        with TempDir() as tmp:
            path = write_jsonl(os.path.join(tmp, "many.jsonl"), ["{"] * 30)
            with self.assertRaises(UsageError) as caught:
                read_chat_jsonl(path)
        self.assertIn("and 10 more", caught.exception.message)


class MaskingTest(unittest.TestCase):
    def test_only_assistant_tokens_are_trained_fast_tokenizer(self):
        tok = FakeTokenizer(is_fast=True)
        row = encode_example(tok, make_renderer(tok), example(chat("How are you?", "Fine, thanks.", "Be brief.")
                                                              ["messages"]), 2048)
        self.assertEqual(trained_text(tok, row), "Fine, thanks.<|end|>\n")
        self.assertEqual(len(row["input_ids"]), len(row["labels"]))
        self.assertEqual(row["attention_mask"], [1] * len(row["input_ids"]))
        full = tok.apply_chat_template(chat("How are you?", "Fine, thanks.", "Be brief.")["messages"],
                                       tokenize=False)
        self.assertEqual(tok.decode(row["input_ids"]), full)  # the whole conversation is the input
        # The prompt, including the assistant header, is masked.
        first_trained = next(i for i, t in enumerate(row["labels"]) if t != IGNORE_INDEX)
        self.assertTrue(tok.decode(row["input_ids"][:first_trained]).endswith("<|assistant|>\n"))

    def test_slow_tokenizer_segments_give_the_same_rows(self):
        msgs = [{"role": "system", "content": "S"}, {"role": "user", "content": "Q one"},
                {"role": "assistant", "content": "A one."}, {"role": "user", "content": "Q two"},
                {"role": "assistant", "content": "A two."}]
        fast, slow = FakeTokenizer(is_fast=True), FakeTokenizer(is_fast=False)
        row_fast = encode_example(fast, make_renderer(fast), example(msgs), 2048)
        row_slow = encode_example(slow, make_renderer(slow), example(msgs), 2048)
        self.assertEqual(fast.decode(row_fast["input_ids"]), slow.decode(row_slow["input_ids"]))
        self.assertEqual(trained_text(fast, row_fast), trained_text(slow, row_slow))

    def test_every_assistant_turn_is_trained_and_weight_zero_is_skipped(self):
        tok = FakeTokenizer()
        msgs = [{"role": "user", "content": "Q1"}, {"role": "assistant", "content": "A1"},
                {"role": "user", "content": "Q2"}, {"role": "assistant", "content": "A2"}]
        both = encode_example(tok, make_renderer(tok), example(msgs), 2048)
        self.assertEqual(trained_text(tok, both), "A1<|end|>\nA2<|end|>\n")
        second_only = encode_example(tok, make_renderer(tok), example(msgs, [1, 0, 1, 1]), 2048)
        self.assertEqual(trained_text(tok, second_only), "A2<|end|>\n")
        opening = encode_example(tok, make_renderer(tok), example(msgs[1:]), 2048)  # the assistant speaks first
        self.assertEqual(trained_text(tok, opening), "A1<|end|>\nA2<|end|>\n")

    def test_template_without_system_role_merges_it_into_the_first_user_turn(self):
        tok = FakeTokenizer(template="no_system")
        self.assertTrue(template_needs_system_merge(tok))
        self.assertFalse(template_needs_system_merge(FakeTokenizer()))
        rows, report = encode_dataset(tok, [example(chat("Q", "A", "Rules.")["messages"])], 2048)
        self.assertTrue(report["merged_system"])
        self.assertIn("<|user|>\nRules.\n\nQ", tok.decode(rows[0]["input_ids"]))
        self.assertEqual(merge_system_into_user([{"role": "system", "content": "s"},
                                                 {"role": "assistant", "content": "a"}]),
                         [{"role": "assistant", "content": "a"}])

    def test_template_that_rewrites_earlier_turns_trains_the_last_turn(self):
        tok = FakeTokenizer(template="rewrites")
        msgs = [{"role": "user", "content": "Q1"}, {"role": "assistant", "content": "long first answer"},
                {"role": "user", "content": "Q2"}, {"role": "assistant", "content": "second answer"}]
        text, spans, mode = assistant_spans(make_renderer(tok), msgs)
        self.assertEqual(mode, "last_turn")
        self.assertEqual(text[spans[0][0]:spans[0][1]], "second answer<|end|>\n")
        rows, report = encode_dataset(tok, [example(msgs)], 2048)
        self.assertEqual(report["last_turn_only"], 1)
        self.assertEqual(trained_text(tok, rows[0]), "second answer<|end|>\n")

    def test_unusable_template_is_reported(self):
        tok = FakeTokenizer(template="broken")
        with self.assertRaises(TemplateError):
            assistant_spans(make_renderer(tok), [{"role": "user", "content": "q"},
                                                 {"role": "assistant", "content": "a"}])
        ex = ChatExample([{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}], [1, 1], 7,
                         "t.jsonl")
        with self.assertRaises(UsageError) as caught:
            encode_dataset(tok, [ex], 2048)
        self.assertIn("t.jsonl:7:", caught.exception.message)

    def test_truncation_keeps_the_start_and_drops_rows_without_labels(self):
        tok = FakeTokenizer()
        long_user = "word " * 50
        ex = example(chat(long_user, "answer")["messages"])
        self.assertIsNone(encode_example(tok, make_renderer(tok), ex, 20))
        row = encode_example(tok, make_renderer(tok), example(chat("q", "a long answer here")["messages"]), 12)
        self.assertEqual(len(row["input_ids"]), 12)
        rows, report = encode_dataset(tok, [ex, example(chat("q", "a")["messages"])], 20)
        self.assertEqual((len(rows), report["too_long"]), (1, 1))
        self.assertEqual(report["tokens"], len(rows[0]["input_ids"]))


class BatchingTest(unittest.TestCase):
    def rows(self, lengths):
        return [{"input_ids": [i + 1] * n, "labels": [IGNORE_INDEX] + [i + 1] * (n - 1), "attention_mask": [1] * n}
                for i, n in enumerate(lengths)]

    def test_pack_rows_fills_sequences_in_order_and_keeps_labels(self):
        packed = pack_rows(self.rows([5, 4, 3, 8, 2]), max_seq_len=10)
        self.assertEqual([len(p["input_ids"]) for p in packed], [9, 3, 10])  # 5+4 | 3 | 8+2
        self.assertEqual(packed[0]["labels"][:6], [IGNORE_INDEX, 1, 1, 1, 1, IGNORE_INDEX])
        self.assertEqual(sum(len(p["input_ids"]) for p in packed), 22)

    def test_pad_batch_pads_right_to_a_multiple_of_eight(self):
        batch = pad_batch(self.rows([3, 5]), pad_token_id=0)
        self.assertEqual([len(r) for r in batch["input_ids"]], [8, 8])
        self.assertEqual(batch["labels"][0][3:], [IGNORE_INDEX] * 5)
        self.assertEqual(batch["attention_mask"][0], [1, 1, 1, 0, 0, 0, 0, 0])
        self.assertEqual(count_tokens(batch), 8)
        self.assertEqual(len(pad_batch(self.rows([3]), 0, multiple_of=1)["input_ids"][0]), 3)


if __name__ == "__main__":
    unittest.main()
