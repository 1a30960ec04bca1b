import numpy as np
import pytest
from PIL import Image

from newsstance.eval import plots
from newsstance.eval.stance_by_source import stance_table
from newsstance.eval.summary import seed_mean_records, summarise


def record(source, gold, predicted, unit=0, model="m", seed=0, fold="0"):
    p = {"assert": 0.1, "deny": 0.1, "hedge": 0.1}
    p[predicted] = 0.8
    return {"protocol": "cv", "model": model, "seed": seed, "fold": fold, "id": f"{source}{unit}{gold}",
            "source": source, "outlet": "Outlet", "unit": unit, "gold": gold, "predicted": predicted,
            **{f"p_{k}": v for k, v in p.items()}}


RECORDS = [
    record("Kremlin", "deny", "deny", 0), record("Kremlin", "deny", "hedge", 1), record("Kremlin", "assert", "deny", 2),
    record("NIS", "assert", "assert", 3), record("NIS", "assert", "assert", 4),
    record("Rutte", "hedge", "assert", 5),
]


def test_per_source_table_counts_gold_and_predicted_labels():
    rows, singles = stance_table(RECORDS)
    kremlin = next(r for r in rows if r["source"] == "Kremlin")
    assert kremlin["sentences"] == 3
    assert kremlin["gold"] == {"assert": 1, "deny": 2, "hedge": 0}
    assert kremlin["predicted"] == {"assert": 0, "deny": 2, "hedge": 1}
    assert kremlin["gold_majority"] == kremlin["predicted_majority"] == "deny" and kremlin["agree"]


def test_sources_with_one_sentence_are_listed_apart():
    rows, singles = stance_table(RECORDS)
    assert [r["source"] for r in rows] == ["Kremlin", "NIS"]
    assert [r["source"] for r in singles] == ["Rutte"] and not singles[0]["agree"]


def test_summary_reports_spread_over_splits():
    records = RECORDS + [record("NIS", "assert", "deny", 9, fold="1"), record("NIS", "deny", "deny", 8, fold="1")]
    summary = summarise(records, n_resamples=50)["cv"]["m"]
    assert summary["splits"] == 2 and summary["macro_f1_std"] > 0


@pytest.fixture
def summary():
    return summarise(RECORDS, n_resamples=50)["cv"]


def assert_real_picture(path, min_width=300):
    image = np.asarray(Image.open(path).convert("L"))
    assert image.shape[1] >= min_width and image.shape[0] >= 200
    assert image.std() > 10  # not blank: real strokes on the page


def test_confusion_matrix_plot_is_a_non_blank_png(summary, tmp_path):
    assert_real_picture(plots.confusion_matrices(summary, tmp_path / "c.png", "title"))


def test_per_class_f1_plot_is_a_non_blank_png(summary, tmp_path):
    path = plots.per_class_f1(summary, {m: s["per_class_f1_splits"] for m, s in summary.items()},
                              tmp_path / "f.png", "title")
    assert_real_picture(path)


def test_stance_by_source_plot_is_a_non_blank_png(tmp_path):
    rows, _ = stance_table(RECORDS)
    assert_real_picture(plots.stance_by_source(rows, tmp_path / "s.png", "title"))


def test_seed_mean_averages_each_sentences_probabilities_over_seeds():
    one = {**record("NIS", "deny", "deny", seed=0, fold="all"), "p_assert": 0.05, "p_deny": 0.55, "p_hedge": 0.40}
    two = {**record("NIS", "deny", "hedge", seed=1, fold="all"), "p_assert": 0.05, "p_deny": 0.35, "p_hedge": 0.60}
    three = {**record("NIS", "deny", "deny", seed=2, fold="all"), "p_assert": 0.10, "p_deny": 0.50, "p_hedge": 0.40}
    (mean,) = seed_mean_records([one, two, three], "m", ("cv",))
    assert mean["model"] == "m (mean of 3 seeds)" and mean["seed"] is None
    assert mean["p_deny"] == pytest.approx(0.4666, abs=1e-3)
    assert mean["predicted"] == "deny"


def test_seed_mean_skips_sentences_scored_by_one_seed_only():
    assert seed_mean_records([record("NIS", "deny", "deny", fold="all")], "m", ("cv",)) == []
