from newsstance.data import load_seed_corpus
from newsstance.data.stats import corpus_statistics
from newsstance.eval.cli import main


def test_statistics_count_sentences_per_label_and_outlet():
    stats = corpus_statistics(load_seed_corpus())
    assert stats["sentences"] == 142 == sum(stats["labels"].values()) == sum(stats["outlets"].values())
    assert stats["labels"]["deny"] == 6


def test_statistics_count_sentences_reprinted_across_outlets():
    stats = corpus_statistics(load_seed_corpus())
    assert stats["recurring_clusters"] > 20
    assert stats["sentences_recurring_across_outlets"] >= 2 * stats["recurring_clusters"]


def test_stats_command_prints_the_tables(capsys):
    assert main(["stats", "seeds"]) == 0
    out = capsys.readouterr().out
    assert "sentences recur across outlets" in out and "National Intelligence Service" in out
