"""The `newsstance` command: subcommands print results, and bad requests exit 2 with a reason."""

import pytest

from data import LABELS
from eval.cli import main


@pytest.fixture(scope="module")
def saved_models(fitted_models, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-models")
    return {kind: str(model.save(folder / kind)) for kind, model in fitted_models.items()}


def test_predict_prints_one_label_per_text(saved_models, capsys):
    assert main(["predict", "--model", saved_models["tfidf"], "The ministry denied it.", "It may rain."]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all(line.split("\t")[0] in LABELS for line in lines)
    assert [line.split("\t")[2] for line in lines] == ["The ministry denied it.", "It may rain."]


def test_predict_runs_the_transformer_in_int8(saved_models, capsys):
    assert main(["predict", "--model", saved_models["transformer"], "--precision", "int8", "Officials denied it."]) == 0
    assert capsys.readouterr().out.split("\t")[0] in LABELS


def test_int8_on_a_tfidf_model_is_refused_with_a_reason(saved_models, capsys):
    assert main(["predict", "--model", saved_models["tfidf"], "--precision", "int8", "A sentence."]) == 2
    assert "applies to transformer models" in capsys.readouterr().err


def test_empty_text_is_refused_naming_its_index(saved_models, capsys):
    assert main(["predict", "--model", saved_models["tfidf"], "A sentence.", "  "]) == 2
    assert "texts[1] is empty" in capsys.readouterr().err


def test_missing_model_folder_is_refused_with_a_reason(tmp_path, capsys):
    assert main(["predict", "--model", str(tmp_path / "nowhere"), "A sentence."]) == 2
    assert "nowhere" in capsys.readouterr().err
