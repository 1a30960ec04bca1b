"""Corpus pipeline: clean, segment, dedupe, label, load. Imports nothing else of ours."""

from newsstance.data.authored import load_authored_corpus
from newsstance.data.clean import clean_article
from newsstance.data.corpus import COLUMNS, CorpusError, concatenate, load_corpus
from newsstance.data.labels import LABEL2ID, LABELS
from newsstance.data.seeds import load_seed_corpus
from newsstance.data.segment import segment_paragraphs, split_sentences
from newsstance.data.sources import CORPORA, load_corpora

__all__ = [
    "COLUMNS",
    "CORPORA",
    "CorpusError",
    "LABEL2ID",
    "LABELS",
    "clean_article",
    "concatenate",
    "load_authored_corpus",
    "load_corpora",
    "load_corpus",
    "load_seed_corpus",
    "segment_paragraphs",
    "split_sentences",
]
