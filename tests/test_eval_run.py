import csv
import json

from newsstance.eval.run import main


def test_main_job_writes_the_run_folder_with_baselines_and_tfidf(tmp_path, capsys):
    output = tmp_path / "run"
    code = main(["--output", str(output), "--models", "majority", "cue-lexicon", "tfidf", "--seeds", "0", "1",
                 "--folds", "3", "--bootstrap", "50", "--no-train-final"])
    assert code == 0
    for name in ("report.md", "metrics.json", "predictions.csv", "errors.csv", "confusion_cross-corpus.png",
                 "per_class_f1_grouped-cv.png", "stance_by_source_tfidf.png"):
        assert (output / name).is_file(), name
    metrics = json.loads((output / "metrics.json").read_text())
    assert set(metrics["summary"]) == {"cross-corpus", "grouped-cv", "leave-one-outlet-out"}
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
