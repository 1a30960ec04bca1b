"""The contract both models keep (scikit-learn estimators over text), checked on every model kind."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from newsstance.model import InputError, TfidfClassifier, TransformerClassifier, load_classifier
from newsstance.model.analyze import analyze
from tiny import texts_and_labels

KINDS = ["tfidf", "transformer"]
NEW_TEXTS = ["The spokesman denied the report.", "Officials could not confirm it.", "The club signed a coach."]


@pytest.mark.parametrize("kind", KINDS)
def test_predict_is_the_class_of_the_largest_probability(fitted_models, kind):
    model = fitted_models[kind]
    assert list(model.classes_) == ["assert", "deny", "hedge"]
    assert list(model.classes_[model.predict_proba(NEW_TEXTS).argmax(axis=1)]) == model.predict(NEW_TEXTS)


@pytest.mark.parametrize("kind", KINDS)
def test_predict_proba_has_one_row_per_text_summing_to_one(fitted_models, kind):
    probabilities = fitted_models[kind].predict_proba(NEW_TEXTS)
    assert probabilities.shape == (3, 3)
    assert np.allclose(probabilities.sum(axis=1), 1.0)


def test_fit_returns_the_estimator_itself_and_records_what_it_saw():
    texts, labels = texts_and_labels()
    model = TfidfClassifier(cv_folds=2)
    assert model.fit(texts, labels) is model
    assert model.training_data_fingerprint_.startswith("sha256:")
    assert model.training_examples_ == len(texts)


@pytest.mark.parametrize("kind", KINDS)
def test_predict_proba_of_no_texts_is_an_empty_matrix(fitted_models, kind):
    assert fitted_models[kind].predict_proba([]).shape == (0, 3)


@pytest.mark.parametrize("kind", KINDS)
def test_predict_of_no_texts_is_an_empty_list(fitted_models, kind):
    assert fitted_models[kind].predict([]) == []


@pytest.mark.parametrize("kind", KINDS)
def test_analyze_of_no_articles_is_an_empty_list(fitted_models, kind):
    assert analyze([], fitted_models[kind]) == []


@pytest.mark.parametrize("kind", KINDS)
def test_saved_folder_loads_as_the_same_kind_with_the_same_predictions(fitted_models, kind, tmp_path):
    model = fitted_models[kind]
    model.save(tmp_path / kind)
    loaded = load_classifier(tmp_path / kind)
    assert type(loaded) is type(model)
    assert np.allclose(loaded.predict_proba(NEW_TEXTS), model.predict_proba(NEW_TEXTS), atol=1e-6)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("bad, message", [
    ([None], r"texts\[0\] is NoneType"),
    (["fine", 3], r"texts\[1\] is int"),
    (["fine", "   "], r"texts\[1\] is empty"),
    ("a single string", "list of strings"),
])
def test_bad_inputs_fail_naming_the_index(fitted_models, kind, bad, message):
    with pytest.raises(InputError, match=message):
        fitted_models[kind].predict(bad)


@pytest.mark.parametrize("cls", [TfidfClassifier, TransformerClassifier])
def test_unknown_training_label_is_rejected_with_its_index(cls):
    texts, labels = texts_and_labels()
    labels[4] = "maybe"
    with pytest.raises(InputError, match=r"labels\[4\] is 'maybe'"):
        cls().fit(texts, labels)


@pytest.mark.parametrize("cls", [TfidfClassifier, TransformerClassifier])
def test_an_unfitted_model_raises_scikit_learns_not_fitted_error(cls):
    with pytest.raises(NotFittedError, match="not fitted"):
        cls().predict(["Some text."])


@pytest.mark.parametrize("kind", KINDS)
def test_clone_of_a_fitted_model_is_unfitted_with_the_same_parameters(fitted_models, kind):
    model = fitted_models[kind]
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    with pytest.raises(NotFittedError):
        copy.predict(NEW_TEXTS)


@pytest.mark.parametrize("cls, name, value", [(TfidfClassifier, "C_grid", (2.0,)),
                                              (TransformerClassifier, "learning_rate", 3e-5)])
def test_set_params_changes_a_hyper_parameter(cls, name, value):
    assert cls().set_params(**{name: value}).get_params()[name] == value


@pytest.mark.parametrize("kind", KINDS)
def test_score_is_the_accuracy_of_predict(fitted_models, kind):
    model = fitted_models[kind]
    texts, labels = texts_and_labels()
    expected = np.mean([p == y for p, y in zip(model.predict(texts), labels)])
    assert model.score(texts, labels) == pytest.approx(expected)


def test_tfidf_can_add_character_ngrams_and_still_round_trips(tmp_path):
    texts, labels = texts_and_labels()
    model = TfidfClassifier(char_ngrams=(2, 4), cv_folds=2).fit(texts, labels)
    assert "chars" in dict(model.pipeline_.named_steps["features"].transformer_list)
    model.save(tmp_path / "m")
    assert load_classifier(tmp_path / "m").predict(NEW_TEXTS) == model.predict(NEW_TEXTS)


def test_tfidf_with_one_c_fits_once_and_records_no_held_out_scores():
    texts, labels = texts_and_labels()
    model = TfidfClassifier(C_grid=(4.0,)).fit(texts, labels)
    assert model.best_C_ == 4.0 and model.held_out_evaluation() is None


def test_tfidf_with_several_c_chooses_by_grouped_cv_and_records_held_out_scores():
    from tiny import GROUPS

    texts, labels = texts_and_labels()
    model = TfidfClassifier(C_grid=(0.5, 8.0), cv_folds=2).fit(texts, labels, GROUPS)
    assert model.best_C_ in (0.5, 8.0)
    assert model.held_out_evaluation()["support"] == len(texts)
