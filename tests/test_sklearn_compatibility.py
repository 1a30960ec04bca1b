"""Every classifier is a scikit-learn estimator: model selection, clone and the API checks work on it.

scikit-learn's common checks skip estimators whose input is not a 2-D array (ours take a list of
sentences), so the checks that need no numeric data run here by name. The skipped ones fit on
random numeric matrices (check_fit_score_takes_y, check_estimators_overwrite_params,
check_dont_overwrite_parameters, check_estimators_fit_returns_self, check_readonly_memmap_input,
check_estimators_unfitted, check_n_features_in_after_fitting, check_positive_only_tag_during_fit);
tests/test_classifier_contract.py states the same behaviours on text.
"""

import pytest
from sklearn.model_selection import GroupKFold, cross_val_score
from sklearn.utils import estimator_checks

from newsstance import TfidfClassifier, TransformerClassifier
from newsstance.eval.baselines import CueLexiconClassifier, MajorityClassifier
from tiny import GROUPS, texts_and_labels

ESTIMATORS = [TfidfClassifier(), TransformerClassifier(), MajorityClassifier(), CueLexiconClassifier()]
API_CHECKS = [
    "check_estimator_cloneable",
    "check_estimator_repr",
    "check_estimator_tags_renamed",
    "check_valid_tag_types",
    "check_no_attributes_set_in_init",
    "check_parameters_default_constructible",
    "check_get_params_invariance",
    "check_set_params",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_mixin_order",
]


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("check", API_CHECKS)
def test_estimator_passes_scikit_learns_api_check(estimator, check):
    getattr(estimator_checks, check)(type(estimator).__name__, estimator)


def test_cross_val_score_runs_on_tfidf_with_group_k_fold():
    texts, labels = texts_and_labels()
    scores = cross_val_score(TfidfClassifier(cv_folds=2), texts, labels, groups=GROUPS, cv=GroupKFold(n_splits=3),
                             scoring="f1_macro")
    assert len(scores) == 3
    assert all(0.0 <= score <= 1.0 for score in scores)


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_estimator_is_tagged_as_a_classifier_of_text(estimator):
    tags = estimator.__sklearn_tags__()
    assert tags.estimator_type == "classifier"
    assert tags.input_tags.string and not tags.input_tags.two_d_array
