"""Training configuration: one typed dataclass, filled from a JSON file and the command line.

Every field carries its default and help text; `__post_init__` validates; the filled
config is saved beside the model as `training_config.json`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import typing
from dataclasses import dataclass, field
from pathlib import Path

from model.devices import DEVICES
from model.pretrained import DEFAULT_ENCODER

MODEL_KINDS = ("tfidf", "transformer")


def _help(text: str, **kwargs):
    return field(metadata={"help": text}, **kwargs)


@dataclass
class TrainConfig:
    model: str = _help("which model to train: tfidf or transformer", default="transformer")
    output: str = _help("folder to save the trained model in", default="runs/model")
    data: list[str] = _help("corpora to train on: 'seeds', 'authored', or labelled CSV/JSONL/Parquet files",
                            default_factory=lambda: ["seeds", "authored"])
    seed: int = _help("seed for data splits, initialisation and shuffling", default=0)
    device: str = _help("auto (CUDA, then MPS, then CPU), cpu, cuda or mps", default="auto")
    num_threads: int = _help("CPU threads for torch; fixed so CPU runs repeat bit for bit (0: torch's default)",
                             default=2)
    # TF-IDF baseline
    C_grid: list[float] = _help("tfidf: inverse regularisation strengths tried by grouped CV",
                                default_factory=lambda: [1.0, 4.0, 16.0])
    cv_folds: int = _help("tfidf: grouped CV folds for choosing C", default=3)
    char_ngrams: list[int] = _help("tfidf: add within-word character n-grams of this range, e.g. 2 5 "
                                   "(off by default: slower, and lower on the real seed articles)",
                                   default_factory=list)
    # Transformer
    encoder: str = _help("transformer: pretrained encoder, a Hugging Face id or a local folder",
                         default=DEFAULT_ENCODER)
    max_length: int = _help("transformer: tokens kept per sentence", default=96)
    epochs: int = _help("transformer: maximum training epochs", default=3)
    batch_size: int = _help("transformer: training batch size", default=16)
    learning_rate: float = _help("transformer: peak learning rate", default=8e-5)
    weight_decay: float = _help("transformer: AdamW weight decay", default=0.01)
    warmup_ratio: float = _help("transformer: share of steps with linear warm-up", default=0.1)
    validation_fraction: float = _help("transformer: share of groups held out for early stopping", default=0.15)
    patience: int = _help("transformer: epochs without validation gain before stopping", default=2)

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
        if self.char_ngrams and (len(self.char_ngrams) != 2 or not 1 <= self.char_ngrams[0] <= self.char_ngrams[1]):
            problems.append("char_ngrams must be two sizes, smallest first, e.g. 2 5")
        if self.learning_rate <= 0 or not self.C_grid or min(self.C_grid) <= 0:
            problems.append("learning_rate and every C must be positive")
        if problems:
            raise ValueError("invalid training config: " + "; ".join(problems))

    def model_params(self) -> dict:
        """The hyper-parameters of the chosen estimator, by its argument names."""
        if self.model == "tfidf":
            return {"C_grid": tuple(self.C_grid), "cv_folds": self.cv_folds,
                    "char_ngrams": tuple(self.char_ngrams) if self.char_ngrams else None}
        names = ("encoder", "max_length", "epochs", "batch_size", "learning_rate", "weight_decay",
                 "warmup_ratio", "validation_fraction", "patience", "seed", "device")
        return {name: getattr(self, name) for name in names}

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def add_dataclass_arguments(parser: argparse.ArgumentParser, cls) -> None:
    """One `--flag` per dataclass field, typed from its annotation, with its help text."""
    hints = typing.get_type_hints(cls)
    for item in dataclasses.fields(cls):
        hint = hints[item.name]
        flag = "--" + item.name.replace("_", "-")
        if typing.get_origin(hint) is list:
            (inner,) = typing.get_args(hint)
            parser.add_argument(flag, dest=item.name, type=inner, nargs="+", help=item.metadata.get("help"))
        elif hint is bool:
            parser.add_argument(flag, dest=item.name, action=argparse.BooleanOptionalAction,
                                help=item.metadata.get("help"))
        else:
            parser.add_argument(flag, dest=item.name, type=hint, help=item.metadata.get("help"))


def run_config_command(prog: str, description: str, cls, action, errors: tuple[type[Exception], ...]) -> callable:
    """A `main(argv)` that fills `cls` from `--config FILE.json` and flags, then calls `action(config)`.

    Errors of the listed kinds (bad data, bad config) print one line and exit 2, no traceback.
    """

    def main(argv: list[str] | None = None) -> int:
        parser = argparse.ArgumentParser(prog=prog, description=description,
                                         formatter_class=argparse.RawDescriptionHelpFormatter)
        parser.add_argument("--config", help=f"JSON file of {cls.__name__} fields; flags given here override it")
        add_dataclass_arguments(parser, cls)
        args = parser.parse_args(argv)
        try:
            action(config_from_args(cls, args, args.config))
        except (*errors, ValueError) as error:
            print(f"{prog}: error: {error}", file=sys.stderr)
            return 2
        return 0

    return main


def config_from_args(cls, args: argparse.Namespace, config_file: str | None):
    """Defaults, then the JSON file, then flags given on the command line."""
    values: dict = {}
    if config_file:
        try:
            values = json.loads(Path(config_file).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise ValueError(f"{config_file}: cannot read config ({error})") from None
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"{config_file}: unknown config keys {', '.join(unknown)}")
    values.update({k: v for k, v in vars(args).items() if k in {f.name for f in dataclasses.fields(cls)} and v is not None})
    return cls(**values)
