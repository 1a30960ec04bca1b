"""Property-based checks of the inference API: any list of strings gets valid, ordered output."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsstance.model import LABELS
from newsstance.model.analyze import analyze

# Any text with at least one visible character: emoji, control characters, other scripts included.
VISIBLE_TEXT = st.text(min_size=1, max_size=200).filter(lambda t: t.strip())
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("kind", ["tfidf", "transformer"])
@SETTINGS
@given(texts=st.lists(VISIBLE_TEXT, min_size=1, max_size=12))
def test_any_list_of_strings_gets_one_valid_label_and_distribution_each(fitted_models, kind, texts):
    model = fitted_models[kind]
    probabilities = model.predict_proba(texts)
    assert probabilities.shape == (len(texts), len(LABELS))
    assert np.all(probabilities >= 0) and np.allclose(probabilities.sum(axis=1), 1.0)
    assert all(label in LABELS for label in model.predict(texts))


@pytest.mark.parametrize("kind", ["tfidf", "transformer"])
@SETTINGS
@given(texts=st.lists(VISIBLE_TEXT, min_size=2, max_size=8, unique=True))
def test_output_order_follows_input_order(fitted_models, kind, texts):
    model = fitted_models[kind]
    forward = model.predict_proba(texts)
    backward = model.predict_proba(texts[::-1])
    assert np.allclose(forward, backward[::-1], atol=1e-5)


@pytest.mark.parametrize("text", [
    "The minister 😀 denied it \u0007 twice.",
    "Министерство опровергло сообщение.",
    "外务省否认了这一报道。",
    "Le ministère a démenti l'information.",
    "\u200b\u202e mixed ltr/rtl العربية text",
])
def test_emoji_control_characters_and_other_languages_get_a_prediction(fitted_models, text):
    for model in fitted_models.values():
        assert model.predict([text])[0] in LABELS


@SETTINGS
@given(article=st.lists(st.sampled_from([
    "The ministry said the plan was approved.", "A spokesman denied the report.",
    "Officials could not confirm it.", "“We will respond,” the minister said.", "Is it true?",
]), min_size=1, max_size=10).map(" ".join))
def test_analyze_returns_one_record_per_sentence_with_a_source(fitted_models, article):
    records = analyze(article, fitted_models["tfidf"], outlet="The Ledger")
    assert records and all(r["label"] in LABELS and r["source"] for r in records)
    assert [r["id"] for r in records] == [f"s{i:03d}" for i in range(len(records))]


@pytest.mark.parametrize("bad, message", [
    ("   ", "text is empty"),
    (["An article.", None], r"articles\[1\] is NoneType"),
    (["An article.", ""], r"articles\[1\] is empty"),
])
def test_analyze_rejects_bad_articles_naming_the_index(fitted_models, bad, message):
    from newsstance.model import InputError

    with pytest.raises(InputError, match=message):
        analyze(bad, fitted_models["tfidf"])


@pytest.fixture
def int8_transformer(fitted_models):
    """The fitted tiny transformer switched to int8; `margin` sets its fp32 re-check."""
    model = fitted_models["transformer"]

    def switch(margin: float):
        model.inference_precision, model.int8_recheck_margin = "int8", margin
        return model

    yield switch
    model.inference_precision, model.int8_recheck_margin = "fp32", 0.2


def test_int8_probabilities_stay_close_to_fp32(fitted_models, int8_transformer):
    from tiny import texts_and_labels

    texts, _ = texts_and_labels()
    fp32 = fitted_models["transformer"].predict_proba(texts)
    int8 = int8_transformer(margin=0.0).predict_proba(texts)
    assert not np.array_equal(int8, fp32)  # the quantised network really ran
    assert np.abs(int8 - fp32).max() < 0.05
    np.testing.assert_allclose(int8.sum(axis=1), 1.0, atol=1e-6)


def test_int8_uncertain_predictions_are_rechecked_in_fp32(fitted_models, int8_transformer):
    from tiny import texts_and_labels

    texts, _ = texts_and_labels()
    fp32 = fitted_models["transformer"].predict_proba(texts)
    # A margin of 1 marks every prediction uncertain, so every row must come back from fp32.
    np.testing.assert_allclose(int8_transformer(margin=1.0).predict_proba(texts), fp32, atol=1e-6)


def test_int8_export_is_refused_when_it_does_not_reproduce_pytorch(fitted_models, monkeypatch):
    from newsstance.model import onnx_int8

    monkeypatch.setattr(onnx_int8, "EXPORT_TOLERANCE", -1.0)  # no graph can meet it
    model = fitted_models["transformer"]
    with pytest.raises(RuntimeError, match="differs from PyTorch"):
        onnx_int8.Int8Network(model.model_, model.tokenizer_)


def test_int8_batches_run_side_by_side_give_the_same_answer_in_input_order(int8_transformer):
    from tiny import texts_and_labels

    texts, _ = texts_and_labels()
    model = int8_transformer(margin=0.0)
    model.inference_batch_size = 3  # many batches, so several are in flight at once
    network = model._int8_network()
    workers = network.workers
    try:
        network.workers = 1
        one_at_a_time = model.predict_proba(texts)
        network.workers = 4
        side_by_side = model.predict_proba(texts)
    finally:
        model.inference_batch_size, network.workers = 32, workers
    np.testing.assert_array_equal(side_by_side, one_at_a_time)
