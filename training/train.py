"""`python -m training.train`: fit one model on labelled corpora and save its folder.

    python -m training.train --model transformer --output runs/transformer
    python -m training.train --model tfidf --output runs/tfidf --data seeds mine.csv --seed 1
"""

from __future__ import annotations

import sys
import time
from collections import Counter

import torch

from data import LABELS, CorpusError, load_corpora
from model import InputError, ModelLoadError, StanceClassifier, TfidfClassifier, TransformerClassifier
from training.config import TrainConfig, run_config_command

ESTIMATORS = {"tfidf": TfidfClassifier, "transformer": TransformerClassifier}


def build_classifier(config: TrainConfig) -> StanceClassifier:
    return ESTIMATORS[config.model](**config.model_params())


def train(config: TrainConfig) -> tuple[StanceClassifier, dict]:
    """Fit the configured model on the configured corpora, save it, and return it with a summary."""
    if config.num_threads:
        torch.set_num_threads(config.num_threads)
    corpus = load_corpora(config.data)
    labels = [LABELS[i] for i in corpus["label"]]
    started = time.perf_counter()
    classifier = build_classifier(config).fit(list(corpus["text"]), labels, groups=list(corpus["group"]))
    seconds = time.perf_counter() - started
    evaluation = classifier.held_out_evaluation()
    metadata = {
        "training_config": config.to_dict(),
        "data": {"corpora": list(config.data), "examples": len(corpus), "label_counts": dict(Counter(labels))},
        "evaluation": evaluation,
    }
    folder = classifier.save(config.output, metadata)
    summary = {
        "model": config.model,
        "seconds": round(seconds, 1),
        "examples": len(corpus),
        "held_out_macro_f1": evaluation["macro_f1"] if evaluation else None,
        "folder": str(folder),
    }
    return classifier, summary


def format_summary(summary: dict) -> str:
    f1 = summary["held_out_macro_f1"]
    f1_text = f"{f1:.3f}" if f1 is not None else "n/a"
    return (f"trained {summary['model']} in {summary['seconds']:.1f} s on {summary['examples']} examples; "
            f"held-out macro-F1 {f1_text}; saved to {summary['folder']}")


def train_and_report(config: TrainConfig) -> None:
    _, summary = train(config)
    print(format_summary(summary))


main = run_config_command("newsstance-train", __doc__, TrainConfig, train_and_report,
                          (CorpusError, InputError, ModelLoadError))


if __name__ == "__main__":
    sys.exit(main())
