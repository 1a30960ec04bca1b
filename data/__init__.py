"""Corpus pipeline: clean, segment, dedupe, label, load. Imports nothing else of ours."""

from data.authored import load_authored_corpus
from data.clean import clean_article
from data.corpus import COLUMNS, CorpusError, concatenate, load_corpus
from data.labels import LABEL2ID, LABELS
from data.seeds import load_seed_corpus
from data.segment import segment_paragraphs, split_sentences
from data.sources import CORPORA, load_corpora

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
