"""Chat datasets: reading and checking OpenAI chat JSONL, and turning conversations into training rows.

Loss is on assistant tokens only. We find them without knowing any model's template: the conversation is
rendered with the tokenizer's own chat template prefix by prefix, so assistant turn k occupies the
characters between render(messages[:k], add_generation_prompt=True) and render(messages[:k+1]). Tokens
that start inside those spans get labels; everything else (system, user, the assistant header) gets -100.
The end-of-turn token that closes each assistant turn is inside the span, so the model learns to stop.

transformers can do this itself with apply_chat_template(..., return_assistant_tokens_mask=True), but only
for templates that mark assistant text with {% generation %} tags, which few published templates do; the
prefix method works with any template that renders prefixes consistently, and falls back to the final
assistant turn for templates that rewrite earlier turns.

Nothing here imports torch: the tokenizer is any object with apply_chat_template and __call__, which lets the
unit tests use a small fake.
"""

import json
import os

from .errors import UsageError

IGNORE_INDEX = -100  # the label PyTorch's cross-entropy skips
SUPPORTED_ROLES = ("system", "user", "assistant")
ALLOWED_MESSAGE_KEYS = {"role", "content", "name", "function_call", "tool_calls", "tool_call_id", "weight"}
MAX_REPORTED_ERRORS = 20

# For base models that ship without a chat template. Plain text markers need no new tokens (new tokens would
# need trained embeddings); the EOS token after each answer teaches the model to stop.
FALLBACK_CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{% if message['role'] == 'system' %}{{ '### System:\\n' + message['content'] + '\\n\\n' }}"
    "{% elif message['role'] == 'user' %}{{ '### User:\\n' + message['content'] + '\\n\\n' }}"
    "{% else %}{{ '### Assistant:\\n' + message['content'] + eos_token + '\\n\\n' }}{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '### Assistant:\\n' }}{% endif %}"
)


class ChatExample:
    """One conversation: messages as {"role", "content"} plus the per-message weight (0 = do not train)."""

    __slots__ = ("messages", "weights", "line", "path")

    def __init__(self, messages, weights, line, path):
        self.messages = messages
        self.weights = weights
        self.line = line
        self.path = path

    def chars(self) -> int:
        return sum(len(m["content"]) for m in self.messages)


def _content_text(content):
    """Text of a message's content: a string, or OpenAI content parts [{"type": "text", "text": ...}]."""
    if isinstance(content, str):
        return content
    if isinstance(content, list) and content and all(
        isinstance(p, dict) and p.get("type") == "text" and isinstance(p.get("text"), str) for p in content
    ):
        return "".join(p["text"] for p in content)
    return None


def _check_record(record, where):
    """Problems with one JSONL record (a list of strings), and the example when there are none."""
    if not isinstance(record, dict):
        return [f"{where}: expected a JSON object with a \"messages\" list"], None
    messages = record.get("messages")
    if not isinstance(messages, list):
        return [f"{where}: no \"messages\" list"], None
    if not messages:
        return [f"{where}: \"messages\" is empty"], None
    problems, out, weights = [], [], []
    for i, message in enumerate(messages):
        at = f"{where}, messages[{i}]"
        if not isinstance(message, dict):
            problems.append(f"{at}: expected an object with role and content")
            continue
        unknown = sorted(set(message) - ALLOWED_MESSAGE_KEYS)
        if unknown:
            problems.append(f"{at}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(ALLOWED_MESSAGE_KEYS))})")
        role = message.get("role")
        if role == "developer":  # OpenAI's newer name for the system role
            role = "system"
        if role is None:
            problems.append(f"{at}: missing \"role\"")
            continue
        if role in ("tool", "function") or message.get("tool_calls") or message.get("function_call"):
            problems.append(f"{at}: tool and function calls are not supported by the self-hosted runner")
            continue
        if role not in SUPPORTED_ROLES:
            problems.append(f"{at}: unknown role {role!r} (expected system, user or assistant)")
            continue
        text = _content_text(message.get("content"))
        if text is None or not text.strip():
            problems.append(f"{at}: \"content\" must be non-empty text")
            continue
        weight = message.get("weight", 1)
        if "weight" in message and (role != "assistant" or weight not in (0, 1) or isinstance(weight, bool)):
            problems.append(f"{at}: \"weight\" must be 0 or 1 and only on assistant messages")
            continue
        out.append({"role": role, "content": text})
        weights.append(int(weight))
    if not problems:
        if not any(m["role"] == "assistant" for m in out):
            problems.append(f"{where}: no assistant message (nothing to learn from)")
        elif not any(m["role"] == "assistant" and w == 1 for m, w in zip(out, weights)):
            problems.append(f"{where}: every assistant message has weight 0 (nothing to learn from)")
    return problems, (None if problems else (out, weights))


def read_chat_jsonl(path: str, flag: str = "--dataset"):
    """Read and check an OpenAI chat JSONL file. Raises UsageError naming the file, line and message."""
    try:
        # utf-8-sig: Azure OpenAI requires training files with a BOM, and the same files come here.
        handle = open(path, "r", encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read {flag} {path}: {exc.strerror or exc}")
    examples, problems = [], []
    with handle:
        try:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue  # blank lines (a trailing newline) are not records
                where = f"{path}:{number}"
                try:
                    record = json.loads(raw)
                except json.JSONDecodeError as exc:
                    problems.append(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")
                    continue
                found, parsed = _check_record(record, where)
                problems.extend(found)
                if parsed:
                    examples.append(ChatExample(parsed[0], parsed[1], number, path))
        except UnicodeDecodeError as exc:
            raise UsageError(f"{flag} {path} is not UTF-8 text ({exc.reason} at byte {exc.start})")
    if problems:
        shown = problems[:MAX_REPORTED_ERRORS]
        more = len(problems) - len(shown)
        tail = f"\n  … and {more} more" if more else ""
        raise UsageError(f"{flag} {path} has {len(problems)} problem(s):\n  " + "\n  ".join(shown) + tail)
    if not examples:
        raise UsageError(f"{flag} {path} has no examples")
    return examples


def dataset_stats(examples):
    """Counts the planner needs: examples, characters, and the longest example in characters."""
    chars = [e.chars() for e in examples]
    return {"examples": len(examples), "chars": sum(chars), "max_chars": max(chars) if chars else 0}


# ---------------------------------------------------------------------------------------------------------
# Rendering and label masking


class TemplateError(Exception):
    """The chat template cannot render this conversation in a way that locates the assistant tokens."""


def make_renderer(tokenizer, merge_system=False):
    """render(messages, add_generation_prompt) -> str using the tokenizer's chat template."""

    def render(messages, add_generation_prompt):
        if merge_system:
            messages = merge_system_into_user(messages)
        return tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=add_generation_prompt
        )

    return render


def merge_system_into_user(messages):
    """For templates that refuse a system role (Gemma): prepend the system text to the first user turn."""
    system = [m["content"] for m in messages if m["role"] == "system"]
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if system:
        for m in rest:
            if m["role"] == "user":
                m["content"] = "\n\n".join(system) + "\n\n" + m["content"]
                break
    return rest


def template_needs_system_merge(tokenizer) -> bool:
    """True when the template raises on a system message (Gemma's templates do)."""
    probe = [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}]
    try:
        tokenizer.apply_chat_template(probe, tokenize=False, add_generation_prompt=True)
        return False
    except Exception:  # jinja2 raise_exception surfaces as a TemplateError we cannot import here
        return True


def assistant_spans(render, messages, weights=None):
    """Character spans of the trainable assistant turns in the fully rendered conversation.

    Returns (full_text, [(start, end), ...], mode) where mode is "all_turns", or "last_turn" when the
    template rewrites earlier turns (then only the final assistant turn is trained, which is still correct).
    Raises TemplateError when not even the final turn can be located.
    """
    weights = weights or [1] * len(messages)
    full = render(messages, False)
    spans = []
    try:
        for k, message in enumerate(messages):
            if message["role"] != "assistant" or not weights[k]:
                continue
            start = render(messages[:k], True)
            end = render(messages[: k + 1], False)
            if not (full.startswith(start) and full.startswith(end) and len(end) > len(start)):
                raise TemplateError("prefix mismatch")
            spans.append((len(start), len(end)))
        if spans:
            return full, spans, "all_turns"
    except Exception:  # TemplateError, or a template that raises on a partial conversation: fall back
        spans = []
    # Fallback: the final assistant turn only, when it is the last message and trainable.
    last = len(messages) - 1
    if messages[last]["role"] == "assistant" and weights[last]:
        try:
            start = render(messages[:last], True)
        except Exception as exc:
            raise TemplateError(f"the chat template cannot render a prompt without the answer: {exc}")
        if full.startswith(start) and len(full) > len(start):
            return full, [(len(start), len(full))], "last_turn"
    raise TemplateError(
        "the chat template does not render this conversation's prefixes consistently, so its assistant "
        "tokens cannot be located"
    )


def _in_spans(position, spans):
    return any(start <= position < end for start, end in spans)


def _tokenize_with_offsets(tokenizer, text, spans):
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids = list(encoded["input_ids"])
    offsets = list(encoded["offset_mapping"])
    labels = []
    for token_id, (start, end) in zip(ids, offsets):
        # A token is trained when it starts inside an assistant span; zero-width tokens follow their position.
        labels.append(token_id if _in_spans(start, spans) else IGNORE_INDEX)
    return ids, labels


def _tokenize_by_segments(tokenizer, text, spans):
    """For tokenizers without offsets: tokenize each piece between span boundaries on its own.

    Boundaries fall on template markers (headers, end-of-turn tokens), where tokenizing the pieces apart
    gives the same tokens as tokenizing the whole text.
    """
    cuts = sorted({0, len(text), *[p for span in spans for p in span]})
    ids, labels = [], []
    for start, end in zip(cuts, cuts[1:]):
        piece = text[start:end]
        if not piece:
            continue
        piece_ids = list(tokenizer(piece, add_special_tokens=False)["input_ids"])
        trained = _in_spans(start, spans)
        ids.extend(piece_ids)
        labels.extend(piece_ids if trained else [IGNORE_INDEX] * len(piece_ids))
    return ids, labels


def supports_offsets(tokenizer) -> bool:
    return bool(getattr(tokenizer, "is_fast", False))


def encode_example(tokenizer, render, example, max_seq_len):
    """One training row {"input_ids", "labels", "attention_mask"} or None when truncation leaves no label.

    Raises TemplateError when the template cannot locate the assistant tokens of this conversation.
    """
    text, spans, mode = assistant_spans(render, example.messages, example.weights)
    if supports_offsets(tokenizer):
        ids, labels = _tokenize_with_offsets(tokenizer, text, spans)
    else:
        ids, labels = _tokenize_by_segments(tokenizer, text, spans)
    # Keep the beginning: the system prompt and the first exchange matter most for short clinical dialogues.
    ids, labels = ids[:max_seq_len], labels[:max_seq_len]
    if all(label == IGNORE_INDEX for label in labels):
        return None
    return {"input_ids": ids, "labels": labels, "attention_mask": [1] * len(ids), "mode": mode}


def encode_dataset(tokenizer, examples, max_seq_len, merge_system=None, what="training"):
    """Encode every example. Returns (rows, report) where report counts what was dropped and why.

    Raises UsageError when no example survives, naming the first reason.
    """
    if merge_system is None:
        merge_system = template_needs_system_merge(tokenizer)
    render = make_renderer(tokenizer, merge_system=merge_system)
    rows = []
    report = {"too_long": 0, "template": 0, "last_turn_only": 0, "tokens": 0, "merged_system": merge_system}
    first_problem = None
    for example in examples:
        try:
            row = encode_example(tokenizer, render, example, max_seq_len)
        except TemplateError as exc:
            report["template"] += 1
            first_problem = first_problem or f"{example.path}:{example.line}: {exc}"
            continue
        if row is None:
            report["too_long"] += 1
            first_problem = first_problem or (
                f"{example.path}:{example.line}: no assistant token within --max_seq_len {max_seq_len}"
            )
            continue
        if row.pop("mode") == "last_turn":
            report["last_turn_only"] += 1
        report["tokens"] += len(row["input_ids"])
        rows.append(row)
    if not rows:
        raise UsageError(f"no usable {what} example; first problem: {first_problem}")
    return rows, report


def pack_rows(rows, max_seq_len):
    """Greedy packing: concatenate rows in order into sequences of at most max_seq_len tokens.

    Labels keep their -100 masks, so loss stays on assistant tokens. Packed examples can attend to earlier
    examples in the same sequence (no per-example attention mask, as in TRL's original ConstantLengthDataset);
    every example ends with the template's end-of-turn/EOS token, which separates them. Packing removes
    padding, so the number of sequences (and steps) drops to about total_tokens / max_seq_len.
    """
    packed, ids, labels = [], [], []
    for row in rows:
        if ids and len(ids) + len(row["input_ids"]) > max_seq_len:
            packed.append({"input_ids": ids, "labels": labels, "attention_mask": [1] * len(ids)})
            ids, labels = [], []
        ids = ids + row["input_ids"]
        labels = labels + row["labels"]
    if ids:
        packed.append({"input_ids": ids, "labels": labels, "attention_mask": [1] * len(ids)})
    return packed


def pad_batch(rows, pad_token_id, multiple_of=8):
    """Right-pad a batch to its longest row (rounded up to `multiple_of` for tensor-core friendly shapes)."""
    longest = max(len(r["input_ids"]) for r in rows)
    if multiple_of and multiple_of > 1:
        longest = ((longest + multiple_of - 1) // multiple_of) * multiple_of
    batch = {"input_ids": [], "labels": [], "attention_mask": []}
    for r in rows:
        gap = longest - len(r["input_ids"])
        batch["input_ids"].append(list(r["input_ids"]) + [pad_token_id] * gap)
        batch["labels"].append(list(r["labels"]) + [IGNORE_INDEX] * gap)
        batch["attention_mask"].append(list(r["attention_mask"]) + [0] * gap)
    return batch


def count_tokens(batch) -> int:
    """Real (non-padding) tokens in a padded batch."""
    return sum(sum(mask) for mask in batch["attention_mask"])


def resolve_path(path):
    return os.path.abspath(os.path.expanduser(path))
