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


def _resampled_confusions(true, predicted, units, n_resamples: int, seed: int) -> np.ndarray:
    """Confusion matrices (n_resamples, 3, 3) of bootstrap samples that draw whole units with
    replacement: each unit's confusion matrix, summed over the units drawn. The same as scoring
    the concatenated sentences of each sample, a hundred times faster."""
    rng = np.random.default_rng(seed)
    unique, unit_of = np.unique(units, return_inverse=True)
    per_unit = np.zeros((len(unique), len(LABELS), len(LABELS)))
    np.add.at(per_unit, (unit_of, true, predicted), 1)
    draws = np.stack([np.bincount(rng.choice(len(unique), size=len(unique), replace=True), minlength=len(unique))
                      for _ in range(n_resamples)])
    return np.einsum("ru,uij->rij", draws, per_unit)


def _macro_f1_of_confusions(confusions: np.ndarray) -> np.ndarray:
    """Macro-F1 of each confusion matrix (rows: truth); a class never true nor predicted scores 0."""
    tp = np.diagonal(confusions, axis1=1, axis2=2)
    denominator = confusions.sum(axis=2) + confusions.sum(axis=1)  # 2tp + fn + fp
    f1 = np.divide(2 * tp, denominator, out=np.zeros_like(tp), where=denominator > 0)
    return f1.mean(axis=1)


def bootstrap_interval(true, predicted, units, n_resamples: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of macro-F1 over unit-level bootstrap resamples."""
    values = _macro_f1_of_confusions(_resampled_confusions(true, predicted, units, n_resamples, seed))
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def paired_bootstrap_difference(true, predicted_a, predicted_b, units, n_resamples: int = 1000,
                                seed: int = 0) -> dict:
    """Macro-F1 of A minus B on the same sentences, with a unit-bootstrap 95% interval."""
    differences = (_macro_f1_of_confusions(_resampled_confusions(true, predicted_a, units, n_resamples, seed))
                   - _macro_f1_of_confusions(_resampled_confusions(true, predicted_b, units, n_resamples, seed)))
    low, high = np.percentile(differences, [2.5, 97.5])
    return {
        "difference": macro_f1(true, predicted_a) - macro_f1(true, predicted_b),
        "ci95": [float(low), float(high)],
        "share_of_resamples_a_better": float(np.mean(differences > 0)),
    }
