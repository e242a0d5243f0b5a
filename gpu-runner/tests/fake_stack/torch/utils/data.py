class Dataset:
    pass
