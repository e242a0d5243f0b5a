"""Stand-in peft: records how trainer.py configures LoRA."""

CALLS = []


class LoraConfig:
    def __init__(self, r=8, lora_alpha=8, lora_dropout=0.0, target_modules=None, bias="none", task_type=None):
        assert task_type == "CAUSAL_LM", task_type
        assert target_modules == "all-linear" or isinstance(target_modules, list), target_modules
        self.r, self.lora_alpha, self.lora_dropout, self.target_modules = r, lora_alpha, lora_dropout, target_modules


class _PeftModel:
    def __init__(self, model, config):
        self.base_model, self.peft_config = model, config
        self.config = model.config

    def get_nb_trainable_parameters(self):
        return 41943040, 8030261248

    def merge_and_unload(self):
        return self.base_model


def get_peft_model(model, config):
    CALLS.append(("get_peft_model", config.r, config.target_modules))
    return _PeftModel(model, config)


def prepare_model_for_kbit_training(model, use_gradient_checkpointing=True, gradient_checkpointing_kwargs=None):
    assert gradient_checkpointing_kwargs == {"use_reentrant": False}, gradient_checkpointing_kwargs
    model.prepared = True
    return model


class PeftModel:
    @staticmethod
    def from_pretrained(base, adapter, is_trainable=False):
        CALLS.append(("from_pretrained", adapter, is_trainable))
        return _PeftModel(base, LoraConfig(task_type="CAUSAL_LM", target_modules="all-linear"))
