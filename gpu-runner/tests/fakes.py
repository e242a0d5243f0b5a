"""A small stand-in tokenizer with a chat template, for testing data.py's label masking without transformers.

Tokens are special markers (<|user|>, <|end|>, <s>), words, single whitespace characters and punctuation, so
decoding the trained ids gives back exactly the text that was trained on.
"""

import json
import os
import re

TOKEN = re.compile(r"<\|[a-z_]+\|>|</?s>|\w+|\s|[^\w\s]")


class FakeTokenizer:
    """template: "plain" (prefix-consistent, like Llama-3), "no_system" (raises on a system role, like Gemma),
    "rewrites" (earlier assistant turns render differently, like Qwen3 dropping reasoning), "broken"
    (renders prefixes inconsistently even for the last turn)."""

    def __init__(self, template="plain", is_fast=True):
        self.template = template
        self.is_fast = is_fast
        self.vocab = {"<pad>": 0, "<s>": 1, "</s>": 2}
        self.bos_token, self.eos_token, self.unk_token, self.pad_token = "<s>", "</s>", None, None
        self.chat_template = "{# fake #}"
        self.calls = 0

    @property
    def pad_token_id(self):
        return self.vocab.get(self.pad_token)

    def _id(self, piece):
        if piece not in self.vocab:
            self.vocab[piece] = len(self.vocab)
        return self.vocab[piece]

    def decode(self, ids):
        inverse = {v: k for k, v in self.vocab.items()}
        return "".join(inverse[i] for i in ids)

    def apply_chat_template(self, messages, tokenize=True, add_generation_prompt=False, **kwargs):
        assert tokenize is False, "data.py must render text, not token ids"
        self.calls += 1
        if self.template == "no_system" and any(m["role"] == "system" for m in messages):
            raise ValueError("System role not supported")
        out = "<s>"
        last = len(messages) - 1
        for i, m in enumerate(messages):
            content = m["content"]
            if self.template == "rewrites" and m["role"] == "assistant" and i != last:
                content = content.split(" ")[0]  # earlier answers are shortened in the rendering
            if self.template == "broken" and i == 0 and add_generation_prompt:
                content = content.upper()
            out += f"<|{m['role']}|>\n{content}<|end|>\n"
        if add_generation_prompt:
            out += "<|assistant|>\n"
        return out

    def __call__(self, text, add_special_tokens=True, return_offsets_mapping=False):
        ids, offsets = [], []
        if add_special_tokens:
            ids.append(self.vocab["<s>"])
            offsets.append((0, 0))
        for match in TOKEN.finditer(text):
            ids.append(self._id(match.group()))
            offsets.append((match.start(), match.end()))
        out = {"input_ids": ids}
        if return_offsets_mapping:
            if not self.is_fast:  # what a Python (slow) transformers tokenizer does
                raise NotImplementedError("return_offset_mapping is not available when using Python tokenizers")
            out["offset_mapping"] = offsets
        return out

    def __len__(self):
        return len(self.vocab)

    def save_pretrained(self, folder):
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "tokenizer_config.json"), "w", encoding="utf-8") as handle:
            json.dump({"fake": True, "vocab_size": len(self.vocab)}, handle)
