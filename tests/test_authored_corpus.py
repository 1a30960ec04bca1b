"""The authored corpus has the shape of real news, not of one template (issue: stance on unseen news)."""

import pytest

from newsstance.data.authored import CATEGORIES, authored_records, authored_statistics
from newsstance.data.labels import LABELS


@pytest.fixture(scope="module")
def statistics():
    return authored_statistics(authored_records())


def test_corpus_holds_at_least_8000_sentences_in_300_stories(statistics):
    assert statistics["sentences"] >= 8000
    assert statistics["stories"] >= 300


def test_stories_run_from_5_to_40_sentences(statistics):
    shortest, longest = statistics["story_sentences"]
    assert shortest >= 5 and longest <= 40


def test_stories_span_at_least_20_domains(statistics):
    assert len(statistics["domains"]) >= 20


def test_assert_is_at_least_45_percent_as_in_real_copy(statistics):
    assert statistics["label_shares"]["assert"] >= 0.45


def test_every_category_of_real_news_errors_has_150_sentences_over_30_stories(statistics):
    for name in CATEGORIES:
        assert statistics["categories"][name]["sentences"] >= 150, name
        assert statistics["categories"][name]["stories"] >= 30, name


def test_some_stories_are_ordinary_news_with_no_contested_claim(statistics):
    assert statistics["stories_without_deny"] >= 60


def test_wire_length_sentences_of_40_to_70_words_are_common(statistics):
    assert statistics["share_40_to_70_words"] >= 0.10


def test_every_row_names_a_known_label_category_and_story():
    for record in authored_records():
        assert record["label"] in LABELS
        assert record.get("category", "") in ("", *CATEGORIES), record["id"]
        assert record["id"].startswith(record["doc_id"] + "-")
