"""The contract both models keep (scikit-learn style), checked on every model kind."""

import numpy as np
import pytest

from model import LABELS, InputError, TfidfClassifier, TransformerClassifier, load_classifier
from tiny import texts_and_labels

KINDS = ["tfidf", "transformer"]
NEW_TEXTS = ["The spokesman denied the report.", "Officials could not confirm it.", "The club signed a coach."]


@pytest.mark.parametrize("kind", KINDS)
def test_labels_are_assert_deny_hedge_in_that_order(fitted_models, kind):
    assert fitted_models[kind].labels == ("assert", "deny", "hedge") == LABELS


@pytest.mark.parametrize("kind", KINDS)
def test_predict_proba_has_one_row_per_text_summing_to_one(fitted_models, kind):
    probabilities = fitted_models[kind].predict_proba(NEW_TEXTS)
    assert probabilities.shape == (3, 3)
    assert np.allclose(probabilities.sum(axis=1), 1.0)


@pytest.mark.parametrize("kind", KINDS)
def test_predict_is_the_argmax_of_predict_proba(fitted_models, kind):
    model = fitted_models[kind]
    assert model.predict(NEW_TEXTS) == [LABELS[i] for i in model.predict_proba(NEW_TEXTS).argmax(axis=1)]


@pytest.mark.parametrize("kind", KINDS)
def test_fit_returns_self_and_records_what_it_saw(fitted_models, kind):
    model = fitted_models[kind]
    assert model.training_data_fingerprint_.startswith("sha256:")
    assert model.training_examples_ > 0


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
def test_an_unfitted_model_says_so(cls):
    with pytest.raises(RuntimeError, match="not fitted"):
        cls().predict(["Some text."])


@pytest.mark.parametrize("cls", [TfidfClassifier, TransformerClassifier])
def test_hyper_parameters_are_stored_under_their_own_names(cls):
    params = cls().get_params()
    assert params and all(hasattr(cls(), name) for name in params)


def test_tfidf_can_add_character_ngrams_and_still_round_trips(tmp_path):
    texts, labels = texts_and_labels()
    model = TfidfClassifier(char_ngrams=(2, 4), cv_folds=2).fit(texts, labels)
    assert "chars" in dict(model.pipeline_.named_steps["features"].transformer_list)
    model.save(tmp_path / "m")
    assert load_classifier(tmp_path / "m").predict(NEW_TEXTS) == model.predict(NEW_TEXTS)
