"""Sentence segmentation with pysbd, a maintained rule-based segmenter.

pysbd knows news abbreviations ("Oct. 8", "U.S.", "Maj. Gen.", "Mr.") and keeps a
quotation that spans several sentences inside the sentence that attributes it, which
is the unit the annotation rules label. Paragraphs are segmented one at a time, so a
headline without a final full stop stays a sentence of its own.
"""

from __future__ import annotations

from functools import lru_cache

import pysbd


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _segmenter().segment(paragraph) if s.strip()]


def segment_paragraphs(paragraphs: list[str]) -> list[str]:
    return [sentence for paragraph in paragraphs for sentence in split_sentences(paragraph)]
