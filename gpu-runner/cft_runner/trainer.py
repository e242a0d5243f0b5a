"""The training run itself: transformers Trainer + PEFT LoRA, optionally on a 4-bit NF4 base (QLoRA).

This is the only module that needs torch, transformers, peft, accelerate and (for --use_4bit) bitsandbytes,
and it imports them inside functions, so the rest of the runner and its tests work without them.
Progress reaches the launcher through EventsCallback as PROTOCOL.md events (progress, eval, checkpoint).
"""

import importlib
import json
import os
import time

from . import data as chat_data
from .args import target_module_list
from .checkpoints import resolve_resume
from .compat import dtype_kwarg, first_supported, supported_kwargs
from .errors import INSTALL_HINT, EXIT_ENVIRONMENT, EnvironmentMissing, RunnerError
from .events import log, process_rank, world_size
from .plan import steps_for

GRADIENT_CHECKPOINTING_KWARGS = {"use_reentrant": False}  # the non-reentrant variant needs no input-grad hack
WARMUP_FRACTION = 0.03
SAVE_TOTAL_LIMIT = 3


def require_stack(use_4bit):
    """Import torch and the training libraries, or explain what is missing. Returns the torch module."""
    try:
        import torch
    except ImportError:
        raise EnvironmentMissing(
            f"PyTorch is not installed here, so this machine cannot train. Run `{INSTALL_HINT}` on a machine "
            f"with an NVIDIA GPU (CUDA). `train.py --plan` estimates memory, time and cost without it."
        )
    if not torch.cuda.is_available():
        cuda = getattr(getattr(torch, "version", None), "cuda", None)
        why = "this torch build has no CUDA support" if cuda is None else f"torch built for CUDA {cuda} finds no GPU"
        raise EnvironmentMissing(
            f"training needs an NVIDIA GPU with CUDA, and torch {getattr(torch, '__version__', '?')} sees none "
            f"({why}). --plan works anywhere; train on a GPU host (CFT_GPU_HOST over SSH) or a SLURM cluster "
            f"(CFT_SLURM_PARTITION)."
        )
    needed = ["transformers", "peft", "accelerate"] + (["bitsandbytes"] if use_4bit else [])
    for name in needed:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            why = "needed for --use_4bit" if name == "bitsandbytes" else "needed to train"
            raise EnvironmentMissing(f"{name} cannot be imported ({exc}); {why}. Run `{INSTALL_HINT}`.")
    return torch


def load_tokenizer(base_model):
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(base_model)
    except Exception as exc:
        raise _load_error(base_model, exc)
    if not getattr(tokenizer, "chat_template", None):
        log(f"{base_model} has no chat template; using the plain '### User:/### Assistant:' template")
        tokenizer.chat_template = chat_data.FALLBACK_CHAT_TEMPLATE
    if tokenizer.pad_token is None:
        # Padding positions get label -100 and attention 0, so reusing EOS (or UNK) as the pad id is harmless.
        tokenizer.pad_token = tokenizer.unk_token or tokenizer.eos_token
    return tokenizer


def _load_error(base_model, exc):
    return RunnerError(
        f"cannot load {base_model!r}: {type(exc).__name__}: {exc}. For a Hugging Face id check the spelling, "
        f"the network, and for gated models (meta-llama, gemma) accept the licence and log in "
        f"(`hf auth login` or HF_TOKEN); for a local folder check it holds config.json and the weights.",
        EXIT_ENVIRONMENT,
    )


def load_model(torch, args, local_rank):
    import transformers
    from transformers import AutoConfig, AutoModelForCausalLM

    compute_dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    try:
        config = AutoConfig.from_pretrained(args.base_model)
    except Exception as exc:
        raise _load_error(args.base_model, exc)
    # transformers renamed torch_dtype to dtype in 4.56; v5 takes only dtype.
    kwargs = {dtype_kwarg(transformers.__version__): compute_dtype, "device_map": {"": local_rank}}
    if getattr(config, "model_type", "") in ("gemma2", "gemma3"):
        kwargs["attn_implementation"] = "eager"  # transformers recommends eager for Gemma-2 training (softcapping)
    if args.use_4bit:
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=compute_dtype,
        )
    try:
        model = AutoModelForCausalLM.from_pretrained(args.base_model, **kwargs)
    except Exception as exc:
        if _is_oom(exc):
            raise
        raise _load_error(args.base_model, exc)
    model.config.use_cache = False  # the KV cache is for generation and conflicts with checkpointing
    return model, compute_dtype


def add_lora(model, args):
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training

    if args.use_4bit:
        # Freezes the base, upcasts the non-quantized parameters to fp32 for stable training, and turns on
        # gradient checkpointing (non-reentrant) when asked.
        model = prepare_model_for_kbit_training(
            model,
            use_gradient_checkpointing=args.gradient_checkpointing,
            gradient_checkpointing_kwargs=GRADIENT_CHECKPOINTING_KWARGS,
        )
    elif args.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs=GRADIENT_CHECKPOINTING_KWARGS)
    if getattr(args, "init_adapter", None):
        # Retraining continues the previous version's adapter: its weights and its LoRA shape, trainable.
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, args.init_adapter, is_trainable=True)
        trainable, total = model.get_nb_trainable_parameters()
        log(f"LoRA: continuing the adapter in {args.init_adapter}: {trainable:,} trainable of {total:,} parameters")
        return model, trainable
    config = LoraConfig(
        r=args.lora_r,
        lora_alpha=args.lora_alpha,
        lora_dropout=args.lora_dropout,
        target_modules=target_module_list(args.target_modules),  # "all-linear": every linear but the head
        bias="none",
        task_type="CAUSAL_LM",
    )
    model = get_peft_model(model, config)
    trainable, total = model.get_nb_trainable_parameters()
    log(f"LoRA: {trainable:,} trainable of {total:,} parameters ({100 * trainable / max(total, 1):.3f}%)")
    return model, trainable


TOKENS_FILE = "cft_trained_tokens.json"  # in each checkpoint, so a resumed run reports the whole run's tokens


class TokenCounter:
    """Real (non-padding) tokens this process has trained on, read by the progress events."""

    def __init__(self):
        self.tokens = 0

    def restore(self, checkpoint, processes):
        """Start from the count saved with `checkpoint` (written by EventsCallback.on_save)."""
        try:
            with open(os.path.join(checkpoint, TOKENS_FILE), "r", encoding="utf-8") as handle:
                self.tokens = int(json.load(handle)["trained_tokens"]) // max(processes, 1)
        except (OSError, ValueError, KeyError, TypeError):
            self.tokens = 0  # a checkpoint from elsewhere: count from here on


def make_dataset(torch, rows):
    class Rows(torch.utils.data.Dataset):
        def __len__(self):
            return len(rows)

        def __getitem__(self, index):
            return rows[index]

    return Rows()


def make_collator(torch, pad_token_id):
    def collate(rows):
        batch = chat_data.pad_batch(rows, pad_token_id)
        return {key: torch.tensor(value, dtype=torch.long) for key, value in batch.items()}

    return collate


def make_trainer_class(Trainer, counter):
    class CountingTrainer(Trainer):
        # training_step's signature grew an argument in 4.46 (num_items_in_batch); pass everything through.
        def training_step(self, model, inputs, *args, **kwargs):
            mask = inputs.get("attention_mask")
            counter.tokens += int(mask.sum().item()) if mask is not None else int(inputs["input_ids"].numel())
            return super().training_step(model, inputs, *args, **kwargs)

    return CountingTrainer


def make_events_callback(TrainerCallback, emitter, counter, processes):
    class EventsCallback(TrainerCallback):
        """Turns Trainer logs and saves into PROTOCOL.md events (progress, eval, checkpoint)."""

        def __init__(self):
            self.last_time = time.time()
            self.last_tokens = 0

        def on_train_begin(self, args, state, control, **kwargs):
            self.last_time = time.time()
            self.last_tokens = counter.tokens

        def on_log(self, args, state, control, logs=None, **kwargs):
            logs = logs or {}
            if "loss" in logs:
                now = time.time()
                elapsed = max(now - self.last_time, 1e-6)
                # Every process trains on its own shard; the shards are about equal, so scale rank 0's count.
                tokens_per_second = (counter.tokens - self.last_tokens) * processes / elapsed
                self.last_time, self.last_tokens = now, counter.tokens
                emitter.emit(
                    "progress",
                    step=state.global_step,
                    total_steps=state.max_steps,
                    epoch=round(state.epoch or 0.0, 4),
                    loss=logs.get("loss"),
                    learning_rate=logs.get("learning_rate"),
                    tokens_per_second=round(tokens_per_second, 1),
                )
            if "eval_loss" in logs:
                emitter.emit("eval", step=state.global_step, eval_loss=logs["eval_loss"])

        def on_save(self, args, state, control, **kwargs):
            path = os.path.join(args.output_dir, f"checkpoint-{state.global_step}")
            if emitter.enabled and os.path.isdir(path):
                with open(os.path.join(path, TOKENS_FILE), "w", encoding="utf-8") as handle:
                    json.dump({"trained_tokens": counter.tokens * processes}, handle)
            emitter.emit("checkpoint", step=state.global_step, path=os.path.abspath(path))

    return EventsCallback()


def _is_oom(exc):
    return type(exc).__name__ == "OutOfMemoryError" or "out of memory" in str(exc).lower()


def _oom_error(args):
    return RunnerError(
        f"CUDA out of memory at --batch_size {args.batch_size} --max_seq_len {args.max_seq_len}"
        f"{' (4-bit)' if args.use_4bit else ''}. Lower --batch_size (and raise --grad_accum to keep the "
        f"effective batch), lower --max_seq_len, add --use_4bit, or keep --gradient_checkpointing on; "
        f"`train.py --plan --gpu <GPU>` shows the estimate."
    )


def train(args, emitter):
    """Run one training job. Returns 0; failures raise RunnerError (the caller turns it into an event)."""
    torch = require_stack(args.use_4bit)
    from transformers import Trainer, TrainerCallback, TrainingArguments, set_seed

    processes = world_size()
    local_rank = int(os.environ.get("LOCAL_RANK", "0") or 0)
    is_main = process_rank() == 0
    if args.num_gpus and args.num_gpus != processes:
        log(f"--num_gpus {args.num_gpus} is ignored: {processes} process(es) were launched "
            f"(use `accelerate launch --num_processes N`)")

    # Cheap checks first: a bad file should fail before minutes of model loading.
    train_examples = chat_data.read_chat_jsonl(args.dataset, "--dataset")
    val_examples = chat_data.read_chat_jsonl(args.validation, "--validation") if args.validation else []
    resume_from, note = resolve_resume(args.resume, args.output_dir)
    if note:
        log(note)
    os.makedirs(args.output_dir, exist_ok=True)
    set_seed(args.seed)

    tokenizer = load_tokenizer(args.base_model)
    rows, report = chat_data.encode_dataset(tokenizer, train_examples, args.max_seq_len)
    val_rows = []
    if val_examples:
        val_rows = chat_data.encode_dataset(tokenizer, val_examples, args.max_seq_len, what="validation")[0]
    if report["merged_system"]:
        log("this chat template has no system role; system text is prepended to the first user turn")
    if report["last_turn_only"]:
        log(f"{report['last_turn_only']} example(s): the template rewrites earlier turns, so only their last "
            f"assistant turn is trained")
    dropped = report["too_long"] + report["template"]
    if dropped:
        log(f"{dropped} training example(s) dropped ({report['too_long']} had no answer within --max_seq_len, "
            f"{report['template']} could not be rendered)")
    sequences = chat_data.pack_rows(rows, args.max_seq_len) if args.packing else rows

    steps_per_epoch = steps_for(len(sequences), args.batch_size, args.grad_accum, processes, 1)
    total_steps = steps_per_epoch * args.epochs
    eval_steps = args.eval_steps or steps_per_epoch
    save_steps = args.save_steps or eval_steps
    logging_steps = args.logging_steps or max(1, min(10, total_steps // 10))
    method = "qlora" if args.use_4bit else "lora"

    emitter.emit(
        "start",
        base_model=args.base_model,
        examples=len(rows),
        validation_examples=len(val_rows),
        epochs=args.epochs,
        total_steps=total_steps,
        output_dir=os.path.abspath(args.output_dir),
        num_gpus=processes,
        method=method,
        dropped_examples=dropped,
        sequences=len(sequences),
        resumed_from=os.path.abspath(resume_from) if resume_from else None,
        init_adapter=os.path.abspath(args.init_adapter) if args.init_adapter else None,
    )

    try:
        model, compute_dtype = load_model(torch, args, local_rank)
        model, trainable = add_lora(model, args)

        strategy = "steps" if val_rows else "no"
        ta_kwargs = {
            "output_dir": args.output_dir,
            "per_device_train_batch_size": args.batch_size,
            "per_device_eval_batch_size": args.batch_size,
            "gradient_accumulation_steps": args.grad_accum,
            "learning_rate": args.learning_rate,
            # max_steps makes the step count ours (the same formula as --plan) whatever the Trainer version.
            "max_steps": total_steps,
            "num_train_epochs": args.epochs,
            "lr_scheduler_type": "cosine",
            "warmup_steps": max(1, int(WARMUP_FRACTION * total_steps)),
            "logging_steps": logging_steps,
            "logging_first_step": True,
            "save_strategy": "steps",
            "save_steps": save_steps,
            "save_total_limit": SAVE_TOTAL_LIMIT,
            "eval_steps": eval_steps if val_rows else None,
            "bf16": compute_dtype == torch.bfloat16,
            "fp16": compute_dtype == torch.float16,
            "gradient_checkpointing": args.gradient_checkpointing,
            "gradient_checkpointing_kwargs": GRADIENT_CHECKPOINTING_KWARGS,
            # paged AdamW (bitsandbytes) keeps fp32 moments but can page them to CPU memory on a spike.
            "optim": "paged_adamw_32bit" if args.use_4bit else "adamw_torch",
            "seed": args.seed,
            "report_to": "none",
            "remove_unused_columns": False,  # our rows are plain dicts and the collator builds the tensors
            "prediction_loss_only": True,  # evaluation keeps the loss, not batch x seq x vocab logits
            "disable_tqdm": True,  # no progress bars in the logs; events carry progress
            "ddp_find_unused_parameters": False if processes > 1 else None,
        }
        ta_kwargs[first_supported(TrainingArguments.__init__, "eval_strategy", "evaluation_strategy")] = strategy
        training_args = TrainingArguments(**supported_kwargs(TrainingArguments.__init__, ta_kwargs))

        counter = TokenCounter()
        if resume_from:
            counter.restore(resume_from, processes)
        trainer_kwargs = {
            "model": model,
            "args": training_args,
            "train_dataset": make_dataset(torch, sequences),
            "eval_dataset": make_dataset(torch, val_rows) if val_rows else None,
            "data_collator": make_collator(torch, tokenizer.pad_token_id),
            "callbacks": [make_events_callback(TrainerCallback, emitter, counter, processes)],
        }
        # Trainer took the tokenizer as `tokenizer` until 4.46 and as `processing_class` since.
        trainer_kwargs[first_supported(Trainer.__init__, "processing_class", "tokenizer")] = tokenizer
        trainer = make_trainer_class(Trainer, counter)(**trainer_kwargs)
        _quiet_printer_callbacks(trainer)

        started = time.time()
        result = trainer.train(resume_from_checkpoint=resume_from)
        runtime = time.time() - started
        if val_rows and trainer.state.global_step % eval_steps != 0:
            trainer.evaluate()  # the final eval event when the last step was not an eval step

        adapter_dir = os.path.join(args.output_dir, "adapter")
        trainer.save_model(adapter_dir)  # PEFT: adapter_config.json + adapter_model.safetensors (+ tokenizer)
    except RunnerError:
        raise
    except Exception as exc:
        if _is_oom(exc):
            raise _oom_error(args)
        raise

    trained_tokens = counter.tokens * processes
    summary = {
        "adapter_path": os.path.abspath(adapter_dir),
        "steps": trainer.state.global_step,
        "train_loss": getattr(result, "training_loss", None),
        "runtime_seconds": round(runtime, 1),
        "trained_tokens": trained_tokens,
    }
    if is_main:
        with open(os.path.join(args.output_dir, "run_summary.json"), "w", encoding="utf-8") as handle:
            json.dump(dict(summary, base_model=args.base_model, method=method, trainable_params=trainable,
                           lora_r=args.lora_r, lora_alpha=args.lora_alpha, target_modules=args.target_modules),
                      handle, indent=2)
    emitter.emit("done", **summary)
    return 0


def _quiet_printer_callbacks(trainer):
    """Trainer's PrinterCallback print()s logs to stdout; events already carry them."""
    from transformers.trainer_callback import PrinterCallback, ProgressCallback

    for callback in (PrinterCallback, ProgressCallback):
        trainer.remove_callback(callback)
