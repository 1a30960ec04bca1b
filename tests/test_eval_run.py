import csv
import json

import numpy as np

from newsstance.data import load_corpora
from newsstance.data.authored import authored_records
from newsstance.eval.protocols import ModelSpec, cross_corpus
from newsstance.eval.run import main
from newsstance.model import TfidfClassifier, load_classifier
from tiny import SENTENCES


def write_external_file(folder):
    """An external labelled file, as a user would bring one (invented sentences)."""
    path = folder / "external.jsonl"
    path.write_text("".join(json.dumps({"text": text, "label": label, "doc_id": f"x{i % 3}"}) + "\n"
                            for i, (text, label) in enumerate(SENTENCES)))
    return path


def write_training_file(folder, stories=12):
    """The first stories of the authored corpus: enough to learn from, quick to fit."""
    path = folder / "train.jsonl"
    rows = [r for r in authored_records() if int(r["doc_id"][1:]) <= stories]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_main_job_writes_the_run_folder_with_baselines_and_tfidf(tmp_path, capsys):
    output = tmp_path / "run"
    training = str(write_training_file(tmp_path))
    code = main(["--output", str(output), "--models", "majority", "cue-lexicon", "tfidf", "--seeds", "0", "1",
                 "--folds", "3", "--bootstrap", "50", "--no-train-final", "--train-data", training,
                 "--cross-train", training, "--external-test", str(write_external_file(tmp_path))])
    assert code == 0
    for name in ("report.md", "metrics.json", "predictions.csv", "errors.csv", "confusion_cross-corpus.png",
                 "per_class_f1_grouped-cv.png", "stance_by_source_tfidf.png"):
        assert (output / name).is_file(), name
    metrics = json.loads((output / "metrics.json").read_text())
    assert list(metrics["summary"]) == ["external", "cross-corpus", "grouped-cv", "leave-one-outlet-out"]
    assert metrics["summary"]["external"]["tfidf"]["splits"] == 1  # deterministic: one run serves every seed
    cross = metrics["summary"]["cross-corpus"]
    # Learning must add something over the trivial reference points on the real articles.
    assert cross["tfidf"]["macro_f1"] > cross["majority"]["macro_f1"] + 0.2
    assert metrics["attribution"]["cross_test"]["sentences"] == 142
    assert "attributed source" in (output / "report.md").read_text()
    with (output / "predictions.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert {"id", "text", "gold", "predicted", "p_assert", "p_deny", "p_hedge", "source", "fold"} <= set(rows[0])
    assert "| tfidf |" in capsys.readouterr().out


def test_an_unknown_model_name_is_a_clear_error(tmp_path, capsys):
    assert main(["--output", str(tmp_path), "--models", "gpt"]) == 2
    assert "unknown model or protocol: gpt" in capsys.readouterr().err


def test_cross_corpus_trains_each_model_once_per_seed_for_all_its_test_sets(tmp_path):
    fits = []

    def build(seed):
        fits.append(seed)
        return TfidfClassifier(cv_folds=2)

    seeds = load_corpora(["seeds"])
    tests = {"first": seeds.select(range(0, 60)), "second": seeds.select(range(60, 142))}
    training = load_corpora([str(write_training_file(tmp_path))])
    records = cross_corpus([ModelSpec("tfidf", build)], training, tests, seeds=[0, 1])
    assert fits == [0, 1]
    assert {r["protocol"] for r in records} == {"first", "second"}


def test_final_model_is_the_first_seeds_cross_corpus_model_when_trained_on_the_same_corpora(tmp_path):
    output = tmp_path / "run"
    training = str(write_training_file(tmp_path))
    assert main(["--output", str(output), "--models", "tfidf", "--protocols", "cross-corpus", "--seeds", "3",
                 "--bootstrap", "10", "--train-data", training, "--cross-train", training]) == 0
    with (output / "predictions.csv").open() as handle:
        rows = [row for row in csv.DictReader(handle) if row["model"] == "tfidf"]
    final = load_classifier(output / "models" / "tfidf")
    probabilities = final.predict_proba([row["text"] for row in rows])
    assert np.allclose(probabilities[:, 1], [float(row["p_deny"]) for row in rows])
