"""Loading never runs code from a folder, and saving never loses the previous model."""

import json

import pytest
import skops.io as sio
from sklearn.naive_bayes import MultinomialNB

from newsstance.model import card
from newsstance.model import ModelLoadError, load_classifier


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ModelLoadError, match="no such model folder"):
        load_classifier(tmp_path / "nowhere")


def test_a_plain_hugging_face_folder_is_not_mistaken_for_ours(tiny_encoder):
    with pytest.raises(ModelLoadError, match="not a newsstance model folder .*Hugging Face model"):
        load_classifier(tiny_encoder)


def test_a_folder_holding_a_pickle_is_refused_before_anything_is_read(fitted_models, tmp_path):
    folder = fitted_models["tfidf"].save(tmp_path / "m")
    (folder / "extra.pkl").write_bytes(b"\x80\x04K\x01.")
    with pytest.raises(ModelLoadError, match="pickle-format files .*extra.pkl"):
        load_classifier(folder)


def test_pytorch_bin_weights_are_refused(fitted_models, tmp_path):
    folder = fitted_models["transformer"].save(tmp_path / "m")
    (folder / "pytorch_model.bin").write_bytes(b"not really")
    with pytest.raises(ModelLoadError, match="pytorch_model.bin"):
        load_classifier(folder)


@pytest.mark.parametrize("kind, missing", [("tfidf", "pipeline.skops"), ("transformer", "model.safetensors")])
def test_a_folder_missing_its_weights_names_the_missing_file(fitted_models, tmp_path, kind, missing):
    folder = fitted_models[kind].save(tmp_path / "m")
    (folder / missing).unlink()
    with pytest.raises(ModelLoadError, match=f"missing {missing}"):
        load_classifier(folder)


@pytest.mark.parametrize("kind, damaged", [("transformer", "model.safetensors"), ("transformer", "config.json"),
                                            ("transformer", "tokenizer.json"), ("tfidf", "config.json"),
                                            ("tfidf", "pipeline.skops")])
def test_a_damaged_file_is_a_model_load_error_naming_folder_and_file(fitted_models, tmp_path, kind, damaged):
    folder = fitted_models[kind].save(tmp_path / "m")
    path = folder / damaged
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3])  # a truncated copy
    with pytest.raises(ModelLoadError, match=f"{folder}.*{damaged}|{folder / damaged}"):
        load_classifier(folder)


def test_a_folder_of_another_format_version_is_refused_naming_the_version(fitted_models, tmp_path):
    folder = fitted_models["tfidf"].save(tmp_path / "m")
    manifest = json.loads((folder / "newsstance.json").read_text())
    (folder / "newsstance.json").write_text(json.dumps({**manifest, "format_version": 99}))
    with pytest.raises(ModelLoadError, match="format version 99"):
        load_classifier(folder)


def test_a_skops_file_holding_another_estimator_is_refused(fitted_models, tmp_path):
    folder = fitted_models["tfidf"].save(tmp_path / "m")
    sio.dump(MultinomialNB(), folder / "pipeline.skops")
    with pytest.raises(ModelLoadError, match="holds a MultinomialNB, not a TF-IDF pipeline"):
        load_classifier(folder)


def test_a_skops_file_with_types_outside_the_trusted_list_is_refused(fitted_models, tmp_path):
    from fractions import Fraction

    folder = fitted_models["tfidf"].save(tmp_path / "m")
    sio.dump({"payload": Fraction(1, 3)}, folder / "pipeline.skops")
    with pytest.raises(ModelLoadError, match="outside the trusted list.*fractions.Fraction"):
        load_classifier(folder)


def test_an_unknown_model_kind_is_refused(fitted_models, tmp_path):
    folder = fitted_models["tfidf"].save(tmp_path / "m")
    (folder / "newsstance.json").write_text(json.dumps({"kind": "mystery", "format_version": 1}))
    with pytest.raises(ModelLoadError, match="unknown model kind 'mystery'"):
        load_classifier(folder)


@pytest.mark.parametrize("kind", ["tfidf", "transformer"])
def test_a_save_that_crashes_midway_leaves_the_previous_model_intact(fitted_models, tmp_path, monkeypatch, kind):
    folder = fitted_models[kind].save(tmp_path / "m")
    before = sorted(p.name for p in folder.iterdir())

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(card, "_table", crash)
    monkeypatch.setattr("newsstance.model.storage.write_model_card", crash)
    with pytest.raises(OSError, match="disk full"):
        fitted_models[kind].save(folder)
    assert sorted(p.name for p in folder.iterdir()) == before
    assert load_classifier(folder).predict(["The firm denied it."])
    assert [p.name for p in tmp_path.iterdir()] == ["m"]  # no staging folder left behind


def test_an_interrupted_file_write_keeps_the_previous_file(tmp_path):
    from newsstance.model.storage import atomic_file

    target = tmp_path / "plot.png"
    target.write_bytes(b"previous")
    with pytest.raises(RuntimeError, match="crash"):
        with atomic_file(target, "wb") as stream:
            stream.write(b"half a new file")
            raise RuntimeError("crash")
    assert target.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [target]  # no temporary left behind


def test_saved_files_and_folders_get_the_usual_permissions_not_private_temp_ones(fitted_models, tmp_path):
    from newsstance.model.storage import FILE_MODE, FOLDER_MODE, atomic_file

    with atomic_file(tmp_path / "report.md") as stream:
        stream.write("shared with the team")
    folder = fitted_models["tfidf"].save(tmp_path / "model")
    assert (tmp_path / "report.md").stat().st_mode & 0o777 == FILE_MODE
    assert folder.stat().st_mode & 0o777 == FOLDER_MODE
