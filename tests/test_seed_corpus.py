import json

import pytest

from newsstance.data import LABELS, load_seed_corpus
from newsstance.data.corpus import CorpusError
from newsstance.data.seeds import SEED_LABELS, align_gold, read_gold, seed_sentences


@pytest.fixture(scope="module")
def corpus():
    return load_seed_corpus()


def test_seed_corpus_has_the_documented_columns(corpus):
    assert set(corpus.column_names) >= {"id", "doc_id", "outlet", "cluster_id", "text", "label", "source"}


def test_labels_are_a_classlabel_named_assert_deny_hedge(corpus):
    assert corpus.features["label"].names == list(LABELS)


def test_every_seed_sentence_has_a_gold_label_and_source(corpus):
    assert len(corpus) == len(seed_sentences())
    assert all(source.strip() for source in corpus["source"])


def test_a_sentence_whose_text_changed_fails_alignment():
    sentences = seed_sentences()
    sentences[5] = {**sentences[5], "text": sentences[5]["text"] + " Extra.", "text_sha1": "0" * 12}
    with pytest.raises(CorpusError, match="changed text"):
        align_gold(sentences, read_gold())


def test_a_sentence_that_moved_position_fails_alignment():
    sentences = seed_sentences()
    shifted = [{**s, "id": s["id"][:-3] + f"{int(s['id'][-3:]) + 1:03d}"} if s["doc_id"] == sentences[0]["doc_id"]
               else s for s in sentences]
    with pytest.raises(CorpusError, match="out of step"):
        align_gold(shifted, read_gold())


def test_gold_file_records_the_text_it_labels():
    for line in SEED_LABELS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert record["label"] in LABELS and record["text"] and record["text_sha1"]


def test_wire_reprints_share_a_cluster_across_outlets(corpus):
    by_text_start = {}
    for text, cluster, outlet in zip(corpus["text"], corpus["cluster_id"], corpus["outlet"]):
        by_text_start.setdefault(text[:60], set()).add((cluster, outlet))
    reprint = by_text_start["North Korea has shipped 1,500 special forces troops to Russia’s far east for trai"[:60]]
    assert len({outlet for _, outlet in reprint}) == 2 and len({cluster for cluster, _ in reprint}) == 1


def test_identical_reprints_carry_identical_labels(corpus):
    labels_by_text = {}
    for text, label in zip(corpus["text"], corpus["label"]):
        labels_by_text.setdefault(text, set()).add(label)
    assert all(len(labels) == 1 for labels in labels_by_text.values())
