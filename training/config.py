"""Training configuration: one typed dataclass, filled from a JSON file and the command line.

Every field carries its default and help text; `__post_init__` validates; the filled
config is saved beside the model as `training_config.json`.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import json
from dataclasses import dataclass, field
from pathlib import Path

from newsstance.model.devices import DEVICES
from newsstance.model.tfidf import TfidfClassifier
from newsstance.model.transformer import TransformerClassifier

MODEL_KINDS = ("tfidf", "transformer")


def _help(text: str, **kwargs):
    return field(metadata={"help": text}, **kwargs)


def _estimator_field(estimator: type, name: str, text: str):
    """A config field whose default is the estimator's own: one place holds each default."""
    default = inspect.signature(estimator).parameters[name].default
    if default is None or isinstance(default, (list, tuple)):  # sequences become lists; None an empty one
        items = list(default or ())
        return _help(text, default_factory=lambda: list(items))
    return _help(text, default=default)


@dataclass
class TrainConfig:
    model: str = _help("which model to train: tfidf or transformer", default="transformer")
    output: str = _help("folder to save the trained model in", default="runs/model")
    data: list[str] = _help("corpora to train on: 'seeds', 'authored', or labelled CSV/JSONL/Parquet files",
                            default_factory=lambda: ["seeds", "authored"])
    seed: int = _estimator_field(TransformerClassifier, "seed", "seed for data splits, initialisation and shuffling")
    device: str = _estimator_field(TransformerClassifier, "device", "auto (CUDA, then MPS, then CPU), cpu, cuda or mps")
    num_threads: int = _help("CPU threads for torch; fixed so CPU runs repeat bit for bit (0: torch's default)",
                             default=2)
    # TF-IDF baseline
    C_grid: list[float] = _estimator_field(TfidfClassifier, "C_grid",
                                           "tfidf: inverse regularisation strengths tried by grouped CV")
    cv_folds: int = _estimator_field(TfidfClassifier, "cv_folds", "tfidf: grouped CV folds for choosing C")
    tfidf_class_weight: str = _estimator_field(TfidfClassifier, "class_weight",
                                               "tfidf: 'balanced' (weights inverse to label frequency) or 'none'")
    word_ngrams: list[int] = _estimator_field(TfidfClassifier, "word_ngrams",
                                              "tfidf: word n-gram range, smallest and largest, e.g. 1 2")
    char_ngrams: list[int] = _estimator_field(TfidfClassifier, "char_ngrams",
                                              "tfidf: add within-word character n-grams of this range, e.g. 2 5 "
                                              "(empty: none)")
    # Transformer
    encoder: str = _estimator_field(TransformerClassifier, "encoder",
                                    "transformer: pretrained encoder, a Hugging Face id or a local folder")
    max_length: int = _estimator_field(TransformerClassifier, "max_length", "transformer: tokens kept per sentence")
    epochs: int = _estimator_field(TransformerClassifier, "epochs", "transformer: maximum training epochs")
    batch_size: int = _estimator_field(TransformerClassifier, "batch_size", "transformer: training batch size")
    learning_rate: float = _estimator_field(TransformerClassifier, "learning_rate", "transformer: peak learning rate")
    weight_decay: float = _estimator_field(TransformerClassifier, "weight_decay", "transformer: AdamW weight decay")
    warmup_ratio: float = _estimator_field(TransformerClassifier, "warmup_ratio",
                                           "transformer: share of steps with linear warm-up")
    validation_fraction: float = _estimator_field(TransformerClassifier, "validation_fraction",
                                                  "transformer: share of groups held out for early stopping")
    patience: int = _estimator_field(TransformerClassifier, "patience",
                                     "transformer: epochs without validation gain before stopping")
    label_smoothing: float = _estimator_field(TransformerClassifier, "label_smoothing",
                                              "transformer: share of each target spread over the other labels")
    class_weight: str = _estimator_field(TransformerClassifier, "class_weight",
                                         "transformer: 'balanced' (loss weights inverse to label frequency) or 'none'")
    freeze_embeddings: bool = _estimator_field(TransformerClassifier, "freeze_embeddings",
                                               "transformer: keep the pretrained embedding layer fixed (faster on CPU)")

    def __post_init__(self):
        problems = []
        if self.model not in MODEL_KINDS:
            problems.append(f"model must be one of {', '.join(MODEL_KINDS)}, not {self.model!r}")
        if self.device not in DEVICES:
            problems.append(f"device must be one of {', '.join(DEVICES)}, not {self.device!r}")
        if not self.data:
            problems.append("data needs at least one corpus")
        for name in ("epochs", "batch_size", "max_length", "cv_folds"):
            if getattr(self, name) < 1:
                problems.append(f"{name} must be at least 1")
        if not 0 <= self.validation_fraction < 1:
            problems.append("validation_fraction must be in [0, 1)")
        if not 0 <= self.warmup_ratio < 1:
            problems.append("warmup_ratio must be in [0, 1)")
        for name in ("class_weight", "tfidf_class_weight"):
            if getattr(self, name) not in ("balanced", "none"):
                problems.append(f"{name} must be 'balanced' or 'none', not {getattr(self, name)!r}")
        for name in ("word_ngrams", "char_ngrams"):
            sizes = getattr(self, name)
            if (sizes or name == "word_ngrams") and (len(sizes) != 2 or not 1 <= sizes[0] <= sizes[1]):
                problems.append(f"{name} must be two sizes, smallest first, e.g. 2 5")
        if self.learning_rate <= 0 or not self.C_grid or min(self.C_grid) <= 0:
            problems.append("learning_rate and every C must be positive")
        if problems:
            raise ValueError("invalid training config: " + "; ".join(problems))

    def model_params(self) -> dict:
        """The hyper-parameters of the chosen estimator, by its argument names."""
        if self.model == "tfidf":
            return {"C_grid": tuple(self.C_grid), "cv_folds": self.cv_folds, "class_weight": self.tfidf_class_weight,
                    "word_ngrams": tuple(self.word_ngrams),
                    "char_ngrams": tuple(self.char_ngrams) if self.char_ngrams else None}
        names = ("encoder", "max_length", "epochs", "batch_size", "learning_rate", "weight_decay",
                 "warmup_ratio", "validation_fraction", "patience", "label_smoothing", "class_weight",
                 "freeze_embeddings", "seed", "device")
        return {name: getattr(self, name) for name in names}

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def read_config_file(cls, path: str | Path) -> dict:
    """The fields of `cls` given in a JSON file, refusing keys that are not fields."""
    try:
        values = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: cannot read config ({error})") from None
    if not isinstance(values, dict):
        raise ValueError(f"{path}: a config file holds one JSON object of {cls.__name__} fields")
    unknown = sorted(set(values) - {f.name for f in dataclasses.fields(cls)})
    if unknown:
        raise ValueError(f"{path}: unknown config keys {', '.join(unknown)}")
    return values


def parse_config(cls, argv: list[str] | None, prog: str, description: str = ""):
    """Fill `cls` from its defaults, then `--config FILE.json`, then flags (HfArgumentParser).

    Every field is a flag (`--learning-rate` and `--learning_rate` both work), typed and
    documented from the dataclass. Bad values raise ValueError from the dataclass's checks.
    """
    from transformers import HfArgumentParser

    config_flag = argparse.ArgumentParser(add_help=False)
    config_flag.add_argument("--config")
    config_file = config_flag.parse_known_args(argv)[0].config
    parser = HfArgumentParser(cls, prog=prog, description=description,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", help=f"JSON file of {cls.__name__} fields; flags given here override it")
    if config_file:
        parser.set_defaults(**read_config_file(cls, config_file))
    config, _ = parser.parse_args_into_dataclasses(argv)
    return config
