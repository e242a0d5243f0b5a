"""Stand-in transformers 5.x: the classes trainer.py uses, with the real keyword names, and a fake loop.

TrainingArguments and Trainer take exactly the keywords the real 5.x classes take for what trainer.py does
(no **kwargs), so a misspelt argument shows up as "does not take" on stderr, which the test checks.
"""

import json
import os

from fakes import FakeTokenizer

from .trainer_callback import PrinterCallback, ProgressCallback, TrainerCallback  # noqa: F401

__version__ = "5.23.0"
LOADED = {}


def set_seed(seed):
    LOADED["seed"] = seed


class AutoTokenizer:
    @staticmethod
    def from_pretrained(name):
        if name.endswith("missing-model"):
            raise OSError(f"{name} is not a local folder and is not a valid model identifier")
        return FakeTokenizer()


class _Config:
    model_type = "llama"
    use_cache = True


class AutoConfig:
    @staticmethod
    def from_pretrained(name):
        return _Config()


class BitsAndBytesConfig:
    def __init__(self, load_in_4bit=False, bnb_4bit_quant_type="fp4", bnb_4bit_use_double_quant=False,
                 bnb_4bit_compute_dtype=None):
        self.__dict__.update(locals())


class _Model:
    def __init__(self, kwargs):
        self.kwargs, self.config, self.prepared, self.checkpointing = kwargs, _Config(), False, None

    def gradient_checkpointing_enable(self, gradient_checkpointing_kwargs=None):
        self.checkpointing = gradient_checkpointing_kwargs

    def save_pretrained(self, folder):
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "config.json"), "w") as handle:
            json.dump({"model_type": "llama"}, handle)


class AutoModelForCausalLM:
    @staticmethod
    def from_pretrained(name, dtype=None, device_map=None, quantization_config=None, attn_implementation=None):
        LOADED["model"] = {"name": name, "dtype": repr(dtype), "device_map": device_map,
                           "quantized": quantization_config is not None}
        if os.environ.get("FAKE_OOM_ON_LOAD") == "1":
            raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return _Model(LOADED["model"])


class TrainingArguments:
    def __init__(self, output_dir=None, per_device_train_batch_size=8, per_device_eval_batch_size=8,
                 gradient_accumulation_steps=1, learning_rate=5e-5, max_steps=-1, num_train_epochs=3.0,
                 lr_scheduler_type="linear", warmup_steps=0, logging_steps=500, logging_first_step=False,
                 save_strategy="steps", save_steps=500, save_total_limit=None, eval_strategy="no", eval_steps=None,
                 bf16=False, fp16=False, gradient_checkpointing=False, gradient_checkpointing_kwargs=None,
                 optim="adamw_torch", seed=42, report_to=None, remove_unused_columns=True,
                 prediction_loss_only=False, disable_tqdm=None, ddp_find_unused_parameters=None):
        self.__dict__.update({k: v for k, v in locals().items() if k != "self"})


class _State:
    def __init__(self):
        self.global_step, self.max_steps, self.epoch = 0, 0, 0.0


class _Output:
    def __init__(self, step, loss):
        self.global_step, self.training_loss, self.metrics = step, loss, {"train_runtime": 0.01}


class Trainer:
    def __init__(self, model=None, args=None, data_collator=None, train_dataset=None, eval_dataset=None,
                 processing_class=None, callbacks=None):
        self.model, self.args, self.collate = model, args, data_collator
        self.train_dataset, self.eval_dataset, self.processing_class = train_dataset, eval_dataset, processing_class
        self.callbacks = [PrinterCallback(), ProgressCallback()] + list(callbacks or [])
        self.state = _State()

    def remove_callback(self, cls):
        self.callbacks = [c for c in self.callbacks if not isinstance(c, cls)]

    def _call(self, name, **kwargs):
        for callback in self.callbacks:
            getattr(callback, name)(self.args, self.state, None, **kwargs)

    def log(self, logs):
        self._call("on_log", logs=logs)

    def training_step(self, model, inputs, num_items_in_batch=None):
        assert set(inputs) == {"input_ids", "labels", "attention_mask"}, inputs.keys()
        return 1.0

    def evaluate(self):
        self.log({"eval_loss": 0.5, "epoch": self.state.epoch})
        return {"eval_loss": 0.5}

    def train(self, resume_from_checkpoint=None):
        a = self.args
        n = len(self.train_dataset)
        per_step = a.per_device_train_batch_size * a.gradient_accumulation_steps
        self.state.max_steps = a.max_steps
        if resume_from_checkpoint:
            with open(os.path.join(resume_from_checkpoint, "trainer_state.json")) as handle:
                self.state.global_step = json.load(handle)["global_step"]
        self._call("on_train_begin")
        cursor = self.state.global_step * per_step
        while self.state.global_step < a.max_steps:
            for _ in range(a.gradient_accumulation_steps):
                rows = [self.train_dataset[(cursor + k) % n] for k in range(a.per_device_train_batch_size)]
                cursor += a.per_device_train_batch_size
                self.training_step(self.model, self.collate(rows))
            self.state.global_step += 1
            self.state.epoch = cursor / n
            step = self.state.global_step
            if step % a.logging_steps == 0 or (a.logging_first_step and step == 1):
                self.log({"loss": 2.0 / step, "learning_rate": a.learning_rate, "epoch": self.state.epoch})
            if a.eval_strategy == "steps" and step % a.eval_steps == 0:
                self.evaluate()
            if step % a.save_steps == 0:
                folder = os.path.join(a.output_dir, f"checkpoint-{step}")
                os.makedirs(folder, exist_ok=True)
                with open(os.path.join(folder, "trainer_state.json"), "w") as handle:
                    json.dump({"global_step": step}, handle)
                self._call("on_save")
        self.log({"train_loss": 1.0, "train_runtime": 0.01})
        return _Output(self.state.global_step, 1.0)

    def save_model(self, folder):
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "adapter_config.json"), "w") as handle:
            json.dump({"base_model_name_or_path": LOADED["model"]["name"], "r": self.model.peft_config.r}, handle)
        self.processing_class.save_pretrained(folder)
