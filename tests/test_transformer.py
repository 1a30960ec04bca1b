import json
import warnings

import numpy as np
import pytest

from newsstance.model import TransformerClassifier
from newsstance.model.pretrained import DEFAULT_ENCODER, bundled_folder, resolve_encoder
from tiny import GROUPS, texts_and_labels


def fit_tiny(encoder, seed=0, **overrides):
    texts, labels = texts_and_labels()
    params = dict(encoder=str(encoder), epochs=2, batch_size=4, max_length=32, validation_fraction=0.0,
                  device="cpu", seed=seed, show_progress=False)
    return TransformerClassifier(**{**params, **overrides}).fit(texts, labels, GROUPS)


def test_two_runs_with_one_seed_give_bitwise_identical_predictions(tiny_encoder):
    import torch

    torch.set_num_threads(1)
    texts, _ = texts_and_labels()
    first = fit_tiny(tiny_encoder, seed=3).predict_proba(texts)
    second = fit_tiny(tiny_encoder, seed=3).predict_proba(texts)
    assert np.array_equal(first, second)


def test_a_different_seed_gives_different_weights(tiny_encoder):
    texts, _ = texts_and_labels()
    assert not np.array_equal(fit_tiny(tiny_encoder, seed=1).predict_proba(texts),
                              fit_tiny(tiny_encoder, seed=2).predict_proba(texts))


def test_early_stopping_uses_held_out_groups_and_records_history(tiny_encoder):
    model = fit_tiny(tiny_encoder, validation_fraction=0.34, epochs=3, patience=1)
    assert 1 <= len(model.history_) <= 3
    assert all("valid_macro_f1" in record for record in model.history_)
    assert model.held_out_evaluation()["support"] == model.validation_examples_ > 0


def test_saved_folder_is_a_hugging_face_folder_with_labels_and_card(fitted_models, tmp_path):
    folder = fitted_models["transformer"].save(tmp_path / "m", {"training_config": {"seed": 0}})
    config = json.loads((folder / "config.json").read_text())
    assert config["id2label"] == {"0": "assert", "1": "deny", "2": "hedge"}
    assert (folder / "model.safetensors").is_file()
    assert not list(folder.glob("*.bin"))
    assert "Training data" in (folder / "README.md").read_text()
    assert json.loads((folder / "training_config.json").read_text()) == {"seed": 0}


def test_saved_folder_opens_with_a_plain_transformers_pipeline(fitted_models, tmp_path):
    from transformers import pipeline

    folder = fitted_models["transformer"].save(tmp_path / "m")
    result = pipeline("text-classification", model=str(folder), device="cpu")("The firm denied it.")
    assert result[0]["label"] in ("assert", "deny", "hedge")


def test_text_longer_than_the_window_is_truncated_with_one_warning(fitted_models):
    long_text = " ".join(["the ministry said"] * 100)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        probabilities = fitted_models["transformer"].predict_proba([long_text, long_text])
    assert probabilities.shape == (2, 3)
    assert len([w for w in caught if "truncated" in str(w.message)]) == 1


def test_predictions_keep_input_order_despite_length_sorting(fitted_models):
    texts, _ = texts_and_labels()
    model = fitted_models["transformer"]
    together = model.predict_proba(texts)
    one_by_one = np.vstack([model.predict_proba([t]) for t in texts])
    assert np.allclose(together, one_by_one, atol=1e-5)


def test_default_encoder_resolves_to_the_bundled_minilm_folder():
    folder = bundled_folder(DEFAULT_ENCODER)
    assert folder is not None and (folder / "model.safetensors").is_file()
    assert resolve_encoder(DEFAULT_ENCODER) == str(folder)


def test_a_local_folder_or_other_hub_id_is_used_as_given(tiny_encoder):
    assert resolve_encoder(str(tiny_encoder)) == str(tiny_encoder)
    assert resolve_encoder("someone/other-model") == "someone/other-model"


def test_unavailable_device_is_a_clear_error(tiny_encoder):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(ValueError, match="no CUDA GPU"):
        fit_tiny(tiny_encoder, device="cuda")


def test_flushing_denormals_nests_and_is_switched_off_afterwards():
    import torch

    from newsstance.model.transformer import flush_denormals

    tiny = torch.tensor([1e-40], dtype=torch.float32)
    with flush_denormals():
        with flush_denormals():
            pass
        assert (tiny * 1.0).item() == 0.0  # still flushed after the inner block
    assert (tiny * 1.0).item() != 0.0


def test_model_card_names_the_saved_folder_not_the_staging_one(fitted_models, tmp_path):
    folder = fitted_models["transformer"].save(tmp_path / "stance-model")
    card = (folder / "README.md").read_text()
    assert 'load_classifier("stance-model")' in card and ".saving-" not in card


@pytest.mark.parametrize("freeze", [True, False])
def test_freeze_embeddings_decides_whether_the_pretrained_embeddings_train(tiny_encoder, freeze):
    from transformers import AutoModel

    pretrained = AutoModel.from_pretrained(tiny_encoder).embeddings.word_embeddings.weight.detach()
    tuned = fit_tiny(tiny_encoder, freeze_embeddings=freeze).model_.base_model.embeddings.word_embeddings.weight
    assert np.array_equal(pretrained.numpy(), tuned.detach().numpy()) is freeze


def test_an_unknown_class_weight_is_refused_naming_the_choices(tiny_encoder):
    with pytest.raises(ValueError, match="class_weight must be 'balanced' or 'none'"):
        fit_tiny(tiny_encoder, class_weight="inverse")


def test_balanced_class_weight_and_label_smoothing_still_train(tiny_encoder):
    texts, _ = texts_and_labels()
    model = fit_tiny(tiny_encoder, class_weight="balanced", label_smoothing=0.2)
    assert model.predict_proba(texts).shape == (len(texts), 3)
