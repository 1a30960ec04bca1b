"""The contract both classifiers keep, and the input checks they share.

Scikit-learn estimators: hyper-parameters are `__init__` arguments stored under their own
names; what is learned is set in `fit` with a trailing underscore; `fit` returns self.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from newsstance.data.labels import LABEL2ID, LABELS

MANIFEST = "newsstance.json"  # names the model kind; `load_classifier` reads it first
FORMAT_VERSION = 1


class ModelLoadError(ValueError):
    """A model folder that cannot be loaded, with the reason."""


class InputError(ValueError):
    """Bad input to fit / predict, naming the offending index."""


def check_texts(texts: Sequence[str]) -> list[str]:
    """A list of non-empty strings, or an error naming the first bad index."""
    if isinstance(texts, (str, bytes)) or not isinstance(texts, Iterable):
        raise InputError(f"texts must be a list of strings, got {type(texts).__name__}")
    texts = list(texts)  # also accepts a datasets Column, a pandas Series, a generator
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            raise InputError(f"texts[{index}] is {type(text).__name__}, not a string")
        if not text.strip():
            raise InputError(f"texts[{index}] is empty or whitespace only")
    return texts


def check_labels(labels: Iterable[str | int], n_texts: int) -> np.ndarray:
    """Label names (or ids) as an array of ids, or an error naming the first bad index."""
    labels = list(labels)
    if len(labels) != n_texts:
        raise InputError(f"got {n_texts} texts but {len(labels)} labels")
    ids = np.empty(n_texts, dtype=np.int64)
    for index, label in enumerate(labels):
        if isinstance(label, (int, np.integer)) and 0 <= label < len(LABELS):
            ids[index] = int(label)
        elif isinstance(label, str) and label.strip().casefold() in LABEL2ID:
            ids[index] = LABEL2ID[label.strip().casefold()]
        else:
            raise InputError(f"labels[{index}] is {label!r}; expected one of {', '.join(LABELS)}")
    if len(set(ids.tolist())) < 2:
        raise InputError("training needs at least two different labels")
    return ids


def data_fingerprint(texts: Sequence[str], label_ids: np.ndarray) -> str:
    """A hash of the training data, saved with the model so a reader can tell what it saw."""
    digest = hashlib.sha256()
    for text, label in zip(texts, label_ids.tolist()):
        digest.update(f"{LABELS[label]}\t{text}\n".encode("utf-8"))
    return "sha256:" + digest.hexdigest()


def held_out_metrics(true_ids: np.ndarray, predicted_ids: np.ndarray, protocol: str) -> dict:
    """Per-class precision / recall / F1 and macro-F1 on held-out sentences, for the model card."""
    from sklearn.metrics import precision_recall_fscore_support

    ids = list(range(len(LABELS)))
    precision, recall, f1, support = precision_recall_fscore_support(
        true_ids, predicted_ids, labels=ids, zero_division=0
    )
    return {
        "protocol": protocol,
        "macro_f1": float(np.mean(f1)),
        "support": int(len(true_ids)),
        "per_class": {
            label: {"precision": float(precision[i]), "recall": float(recall[i]), "f1": float(f1[i]),
                    "support": int(support[i])}
            for i, label in enumerate(LABELS)
        },
    }


class StanceClassifier(ClassifierMixin, BaseEstimator, ABC):
    """Labels a sentence assert / deny / hedge. Both models, and the baselines, are these.

    A scikit-learn classifier over raw text: `clone`, `get_params` / `set_params`, `score`
    (accuracy), `Pipeline` and `cross_val_score(..., groups=...)` work as for any estimator.
    `classes_` is always `LABELS`, the column order of `predict_proba`.
    """

    labels: tuple[str, ...] = LABELS
    kind: str = ""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False  # X is a list of sentences, not a matrix
        tags.input_tags.string = True
        tags.target_tags.required = True
        return tags

    @abstractmethod
    def fit(self, texts: Sequence[str], labels: Sequence[str], groups: Sequence[str] | None = None):
        """Learn from labelled sentences; `groups` (e.g. stories) keep internal validation honest."""

    @abstractmethod
    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Probabilities, shape (n, 3), columns in `labels` order."""

    def save(self, directory: str | Path, metadata: dict | None = None) -> Path:
        """Write a self-describing folder that `model.load_classifier` reads back."""
        raise NotImplementedError(f"{type(self).__name__} has no saved form")

    def held_out_evaluation(self) -> dict | None:
        """Scores on data held out during `fit` (whole groups), or None if none was held out."""
        return getattr(self, "held_out_", None)

    def predict(self, texts: Sequence[str]) -> list[str]:
        probabilities = self.predict_proba(texts)
        return [self.labels[i] for i in probabilities.argmax(axis=1)]
