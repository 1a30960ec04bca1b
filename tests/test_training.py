import json

import pytest

from newsstance.model import load_classifier
from tiny import SENTENCES
from newsstance.training.config import TrainConfig
from newsstance.training.train import main


@pytest.fixture
def corpus_file(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text("".join(json.dumps({"text": t, "label": label, "group": f"g{i % 6}"}) + "\n"
                            for i, (t, label) in enumerate(SENTENCES)), encoding="utf-8")
    return path


def test_train_command_saves_a_loadable_folder_with_its_config(corpus_file, tmp_path, capsys):
    output = tmp_path / "model"
    assert main(["--model", "tfidf", "--data", str(corpus_file), "--output", str(output), "--cv-folds", "2"]) == 0
    assert load_classifier(output).predict(["The firm denied it."])[0] in ("assert", "deny", "hedge")
    saved = json.loads((output / "training_config.json").read_text())
    assert saved["model"] == "tfidf" and saved["cv_folds"] == 2 and saved["data"] == [str(corpus_file)]
    assert "held-out macro-F1" in capsys.readouterr().out


def test_flags_override_the_json_config_file(corpus_file, tmp_path):
    config_file = tmp_path / "config.json"
    config_file.write_text(json.dumps({"model": "tfidf", "cv_folds": 3, "C_grid": [1.0]}))
    output = tmp_path / "model"
    assert main(["--config", str(config_file), "--cv-folds", "2", "--data", str(corpus_file),
                 "--output", str(output)]) == 0
    saved = json.loads((output / "training_config.json").read_text())
    assert saved["cv_folds"] == 2 and saved["C_grid"] == [1.0]


def test_unknown_key_in_config_file_is_an_error(tmp_path, capsys):
    config_file = tmp_path / "config.json"
    config_file.write_text(json.dumps({"modle": "tfidf"}))
    assert main(["--config", str(config_file)]) == 2
    assert "unknown config keys modle" in capsys.readouterr().err


@pytest.mark.parametrize("field, value, message", [
    ("model", "bert", "model must be one of"),
    ("device", "tpu", "device must be one of"),
    ("validation_fraction", 1.5, "validation_fraction"),
    ("epochs", 0, "epochs must be at least 1"),
])
def test_invalid_config_values_are_rejected(field, value, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig(**{field: value})


def test_a_bad_corpus_file_is_reported_without_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nhello,maybe\n")
    assert main(["--model", "tfidf", "--data", str(bad), "--output", str(tmp_path / "m")]) == 2
    assert "row 1: unknown label 'maybe'" in capsys.readouterr().err
