"""The `newsstance` command: subcommands print results, and bad requests exit 2 with a reason."""

import dataclasses
import subprocess
import sys

import pytest

from newsstance import TfidfClassifier, TransformerClassifier
from newsstance.data import LABELS
from newsstance.eval.cli import main
from newsstance.training.config import TrainConfig


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


@pytest.mark.parametrize("module", ["newsstance.training.train", "newsstance.eval", "newsstance.eval.cli"])
def test_module_entry_points_run_from_any_folder(module, tmp_path):
    completed = subprocess.run([sys.executable, "-m", module, "--help"], cwd=tmp_path, capture_output=True,
                               text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("usage: newsstance")


def test_train_flags_are_the_config_fields_in_either_spelling(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["train", "--help"])
    assert exit_.value.code == 0
    help_text = capsys.readouterr().out
    for field in dataclasses.fields(TrainConfig):
        assert f"--{field.name}" in help_text
    assert "--learning-rate" in help_text


def test_an_invalid_config_value_is_one_line_naming_the_field(capsys):
    assert main(["train", "--model", "tfidf", "--cv-folds", "0"]) == 2
    assert "cv_folds must be at least 1" in capsys.readouterr().err


@pytest.mark.parametrize("estimator", [TfidfClassifier, TransformerClassifier])
def test_default_train_config_builds_each_estimator_with_its_own_defaults(estimator):
    kind = estimator.kind
    assert estimator(**TrainConfig(model=kind).model_params()).get_params() == estimator().get_params()
