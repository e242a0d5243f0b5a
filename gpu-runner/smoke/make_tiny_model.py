#!/usr/bin/env python3
"""Builds, offline, what smoke.sh trains on: a tiny randomly initialised Llama-style model with its own
tokenizer and chat template, and a small synthetic clinical chat dataset.

    python3 gpu-runner/smoke/make_tiny_model.py --model_dir DIR --data_dir DIR

The tokenizer is a SentencePiece BPE model trained on the dataset's text (so llama.cpp's converter can read
it: it reads tokenizer.model directly, while a brand-new BPE tokenizer.json fails its pre-tokenizer check).
The chat markers are single tokens. If SentencePiece is missing or transformers cannot load its model, a
word-level `tokenizers` tokenizer is used instead and smoke_info.json says GGUF conversion will not work.
Needs torch and transformers (gpu-runner/requirements.txt); no network.
"""

import argparse
import json
import os
import random
import sys
import tempfile

MARKERS = ["<|system|>", "<|user|>", "<|assistant|>", "<|end|>"]
CHAT_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "{{ '<|' + message['role'] + '|>\n' + message['content'] + '<|end|>\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% endif %}"
)
SYMPTOMS = ["a dry cough", "a mild fever", "knee pain", "a headache", "a sore throat", "lower back pain",
            "fatigue", "a skin rash", "dizziness", "heartburn"]
ADVICE = ["rest and fluids", "a follow-up visit in one week", "an X-ray", "blood tests", "paracetamol as needed",
          "physiotherapy", "a review of current medication", "a referral to dermatology"]
SYSTEM = "You are a clinical documentation assistant. Write short, factual notes."


def make_dataset(seed, count):
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        symptom, days, advice = rng.choice(SYMPTOMS), rng.randint(1, 14), rng.choice(ADVICE)
        user = f"Summarise: the patient reports {symptom} for {days} days and asks what to do next."
        answer = f"Note: {symptom} for {days} days. Plan: {advice}. Return if symptoms worsen."
        messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user},
                    {"role": "assistant", "content": answer}]
        if rng.random() < 0.3:  # some two-turn conversations, so multi-turn masking is exercised too
            messages += [{"role": "user", "content": "Anything else to record?"},
                         {"role": "assistant", "content": f"Record that {advice} was discussed."}]
        rows.append({"messages": messages})
    return rows


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")


def corpus_lines(rows):
    for row in rows:
        for message in row["messages"]:
            yield message["content"]
    yield " ".join(MARKERS)


def sentencepiece_tokenizer(model_dir, rows):
    """tokenizer.model + tokenizer_config.json, loaded back through transformers (which adds tokenizer.json)."""
    import sentencepiece as spm
    from transformers import AutoTokenizer

    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.txt")
        with open(corpus, "w", encoding="utf-8") as handle:
            handle.write("\n".join(corpus_lines(rows)) + "\n")
        spm.SentencePieceTrainer.train(
            input=corpus, model_prefix=os.path.join(model_dir, "tokenizer"), vocab_size=512, model_type="bpe",
            byte_fallback=True, character_coverage=1.0, user_defined_symbols=MARKERS, unk_id=0, bos_id=1,
            eos_id=2, pad_id=3, pad_piece="<pad>", hard_vocab_limit=False, minloglevel=2)
    os.remove(os.path.join(model_dir, "tokenizer.vocab"))
    config = {
        "tokenizer_class": "LlamaTokenizer",
        "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
        "additional_special_tokens": MARKERS,
        "add_bos_token": False,  # the chat template writes bos_token itself
        "add_eos_token": False,
        "legacy": False,
        "model_max_length": 512,
        "clean_up_tokenization_spaces": False,
        "chat_template": CHAT_TEMPLATE,
    }
    with open(os.path.join(model_dir, "tokenizer_config.json"), "w", encoding="utf-8") as handle:
        json.dump(config, handle, indent=2)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def wordlevel_tokenizer(rows):
    import re

    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2, "<pad>": 3}
    for marker in MARKERS:
        vocab[marker] = len(vocab)
    for line in corpus_lines(rows):
        for word in re.findall(r"\w+|[^\w\s]", line):
            vocab.setdefault(word, len(vocab))
    core = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, bos_token="<s>", eos_token="</s>",
                                        unk_token="<unk>", pad_token="<pad>", additional_special_tokens=MARKERS)
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def check_tokenizer(tokenizer):
    for marker in MARKERS:
        ids = tokenizer(marker, add_special_tokens=False)["input_ids"]
        if len(ids) != 1:
            raise RuntimeError(f"chat marker {marker} is {len(ids)} tokens, expected 1")
    text = tokenizer.apply_chat_template(
        [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}], tokenize=False)
    if "<|assistant|>" not in text:
        raise RuntimeError(f"chat template rendered {text!r}")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model_dir", required=True)
    p.add_argument("--data_dir", required=True)
    p.add_argument("--examples", type=int, default=20)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    os.makedirs(args.model_dir, exist_ok=True)
    os.makedirs(args.data_dir, exist_ok=True)

    train = make_dataset(args.seed, args.examples)
    validation = make_dataset(args.seed + 1, max(2, args.examples // 5))
    write_jsonl(os.path.join(args.data_dir, "train.jsonl"), train)
    write_jsonl(os.path.join(args.data_dir, "validation.jsonl"), validation)

    kind = "sentencepiece"
    try:
        tokenizer = sentencepiece_tokenizer(args.model_dir, train + validation)
        check_tokenizer(tokenizer)
    except Exception as exc:  # no sentencepiece, or this transformers cannot convert it: still smoke-test training
        print(f"make_tiny_model: SentencePiece tokenizer unavailable ({exc}); using a word-level one "
              f"(GGUF conversion will be skipped)", file=sys.stderr)
        for leftover in ("tokenizer.model", "tokenizer_config.json"):
            path = os.path.join(args.model_dir, leftover)
            if os.path.exists(path):
                os.remove(path)
        kind = "wordlevel"
        tokenizer = wordlevel_tokenizer(train + validation)
        check_tokenizer(tokenizer)
    tokenizer.save_pretrained(args.model_dir)

    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(args.seed)
    config = LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=256, intermediate_size=512, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id, tie_word_embeddings=False)
    LlamaForCausalLM(config).save_pretrained(args.model_dir)

    info = {"tokenizer": kind, "gguf_possible": kind == "sentencepiece", "vocab_size": len(tokenizer),
            "train_examples": len(train), "validation_examples": len(validation)}
    with open(os.path.join(args.model_dir, "smoke_info.json"), "w", encoding="utf-8") as handle:
        json.dump(info, handle, indent=2)
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
