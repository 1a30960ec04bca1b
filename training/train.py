"""`newsstance train` (or `python -m newsstance.training.train`): fit one model and save its folder.

    newsstance train --model transformer --output runs/transformer
    newsstance train --model tfidf --output runs/tfidf --data seeds mine.csv --seed 1
"""

from __future__ import annotations

import sys
from collections import Counter

import torch

from newsstance.data import LABELS, CorpusError, load_corpora
from newsstance.model import InputError, ModelLoadError, StanceClassifier, TfidfClassifier, TransformerClassifier
from newsstance.training.config import TrainConfig, parse_config

ESTIMATORS = {"tfidf": TfidfClassifier, "transformer": TransformerClassifier}


def build_classifier(config: TrainConfig) -> StanceClassifier:
    return ESTIMATORS[config.model](**config.model_params())


def train(config: TrainConfig, fitted: StanceClassifier | None = None) -> tuple[StanceClassifier, dict]:
    """Fit the configured model on the configured corpora, save it, and return it with a summary.

    `fitted`: a classifier already fitted with exactly this config on exactly these corpora (the
    evaluation's first-seed model, say); it is saved as it is instead of being trained again.
    """
    if config.num_threads:
        torch.set_num_threads(config.num_threads)
    corpus = load_corpora(config.data)
    labels = [LABELS[i] for i in corpus["label"]]
    classifier = fitted or build_classifier(config).fit(list(corpus["text"]), labels, groups=list(corpus["group"]))
    evaluation = classifier.held_out_evaluation()
    metadata = {
        "training_config": config.to_dict(),
        "data": {"corpora": list(config.data), "examples": len(corpus), "label_counts": dict(Counter(labels))},
        "evaluation": evaluation,
    }
    folder = classifier.save(config.output, metadata)
    summary = {
        "model": config.model,
        "seconds": round(classifier.fit_seconds_, 1),
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


def main(argv: list[str] | None = None) -> int:
    """Parse a TrainConfig from flags (and `--config FILE.json`), train, print the summary.

    Bad data or a bad config prints one line and returns 2, with no traceback.
    """
    try:
        _, summary = train(parse_config(TrainConfig, argv, "newsstance train", __doc__))
    except (CorpusError, InputError, ModelLoadError, ValueError) as error:
        print(f"newsstance train: error: {error}", file=sys.stderr)
        return 2
    print(format_summary(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
