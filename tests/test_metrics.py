import numpy as np
import pytest
from sklearn.metrics import accuracy_score, brier_score_loss, confusion_matrix, f1_score

from newsstance.eval.metrics import (
    bootstrap_interval,
    brier_score,
    classification_scores,
    expected_calibration_error,
    paired_bootstrap_difference,
)

TRUE = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2, 0])
PRED = np.array([0, 1, 0, 1, 2, 2, 2, 0, 2, 0])
PROBA = np.eye(3)[PRED] * 0.7 + 0.1


def test_scores_match_scikit_learn_on_a_known_example():
    scores = classification_scores(TRUE, PRED, PROBA)
    assert scores["macro_f1"] == pytest.approx(f1_score(TRUE, PRED, average="macro"))
    assert scores["accuracy"] == pytest.approx(accuracy_score(TRUE, PRED))
    assert scores["confusion"] == confusion_matrix(TRUE, PRED).tolist()
    assert scores["per_class"]["deny"]["f1"] == pytest.approx(f1_score(TRUE, PRED, average=None)[1])


def test_brier_score_reduces_to_scikit_learn_for_two_classes():
    true = np.array([0, 1, 1, 0])
    p1 = np.array([0.2, 0.9, 0.6, 0.4])
    probabilities = np.column_stack([1 - p1, p1])
    assert brier_score(true, probabilities) == pytest.approx(2 * brier_score_loss(true, p1))


def test_calibration_error_is_zero_when_confidence_equals_accuracy():
    true = np.array([0, 0, 1, 1])
    probabilities = np.array([[0.5, 0.5, 0.0]] * 4)
    assert expected_calibration_error(true, probabilities) == pytest.approx(0.0)


def test_calibration_error_of_a_sure_and_wrong_model_is_one():
    assert expected_calibration_error(np.array([1, 1]), np.array([[1.0, 0, 0], [1.0, 0, 0]])) == pytest.approx(1.0)


def test_bootstrap_interval_brackets_the_point_estimate():
    units = np.arange(len(TRUE)) // 2
    low, high = bootstrap_interval(TRUE, PRED, units, n_resamples=300)
    assert low <= f1_score(TRUE, PRED, average="macro") <= high


def test_paired_difference_of_a_model_with_itself_is_zero():
    result = paired_bootstrap_difference(TRUE, PRED, PRED, np.arange(len(TRUE)), n_resamples=100)
    assert result["difference"] == 0 and result["ci95"] == [0.0, 0.0]
