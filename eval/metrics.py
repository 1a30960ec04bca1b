"""Scores: macro-F1 first, then per-class, accuracy, confusion, calibration, and intervals.

Intervals come from a bootstrap over split units (stories / clusters), not sentences:
sentences of one story are not independent, and resampling them alone would be overconfident.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

from newsstance.data.labels import LABELS

LABEL_IDS = list(range(len(LABELS)))


def macro_f1(true: np.ndarray, predicted: np.ndarray) -> float:
    return float(f1_score(true, predicted, labels=LABEL_IDS, average="macro", zero_division=0))


def expected_calibration_error(true: np.ndarray, probabilities: np.ndarray, bins: int = 10) -> float:
    """Gap between confidence and accuracy, averaged over equal-width confidence bins."""
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == true
    edges = np.linspace(0.0, 1.0, bins + 1)
    error = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            error += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(error)


def brier_score(true: np.ndarray, probabilities: np.ndarray) -> float:
    """Mean squared distance between the probability vector and the one-hot truth."""
    onehot = np.eye(probabilities.shape[1])[true]
    return float(((probabilities - onehot) ** 2).sum(axis=1).mean())


def classification_scores(true: np.ndarray, predicted: np.ndarray, probabilities: np.ndarray) -> dict:
    precision, recall, f1, support = precision_recall_fscore_support(
        true, predicted, labels=LABEL_IDS, zero_division=0
    )
    return {
        "macro_f1": macro_f1(true, predicted),
        "accuracy": float(accuracy_score(true, predicted)),
        "per_class": {
            label: {"precision": float(precision[i]), "recall": float(recall[i]), "f1": float(f1[i]),
                    "support": int(support[i])}
            for i, label in enumerate(LABELS)
        },
        "confusion": confusion_matrix(true, predicted, labels=LABEL_IDS).tolist(),
        "ece": expected_calibration_error(true, probabilities),
        "brier": brier_score(true, probabilities),
        "support": int(len(true)),
    }


def _unit_resamples(units: np.ndarray, n_resamples: int, seed: int):
    """Index arrays of bootstrap samples that draw whole units with replacement."""
    rng = np.random.default_rng(seed)
    unique = np.unique(units)
    members = {unit: np.flatnonzero(units == unit) for unit in unique}
    for _ in range(n_resamples):
        drawn = rng.choice(unique, size=len(unique), replace=True)
        yield np.concatenate([members[unit] for unit in drawn])


def bootstrap_interval(true, predicted, units, n_resamples: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of macro-F1 over unit-level bootstrap resamples."""
    values = [macro_f1(true[index], predicted[index]) for index in _unit_resamples(units, n_resamples, seed)]
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def paired_bootstrap_difference(true, predicted_a, predicted_b, units, n_resamples: int = 1000,
                                seed: int = 0) -> dict:
    """Macro-F1 of A minus B on the same sentences, with a unit-bootstrap 95% interval."""
    differences = [
        macro_f1(true[index], predicted_a[index]) - macro_f1(true[index], predicted_b[index])
        for index in _unit_resamples(units, n_resamples, seed)
    ]
    low, high = np.percentile(differences, [2.5, 97.5])
    return {
        "difference": macro_f1(true, predicted_a) - macro_f1(true, predicted_b),
        "ci95": [float(low), float(high)],
        "share_of_resamples_a_better": float(np.mean(np.array(differences) > 0)),
    }
