class TrainerCallback:
    def on_train_begin(self, args, state, control, **kwargs):
        pass

    def on_log(self, args, state, control, logs=None, **kwargs):
        pass

    def on_save(self, args, state, control, **kwargs):
        pass


class PrinterCallback(TrainerCallback):
    def on_log(self, args, state, control, logs=None, **kwargs):
        print(logs)  # the real one prints to stdout too; trainer.py must remove it


class ProgressCallback(TrainerCallback):
    pass
