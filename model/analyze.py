"""`analyze`: a raw article in, each sentence's stance and the source that holds it out.

It reuses the corpus pipeline (the same cleaning and segmentation that built the labelled
data), attributes each sentence to its source, and scores all sentences in one batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsstance.data.clean import clean_article
from newsstance.data.labels import LABELS
from newsstance.data.segment import segment_paragraphs
from newsstance.model.attribution import attribute_sources
from newsstance.model.base import InputError, StanceClassifier

DEFAULT_OUTLET = "the outlet"


def article_sentences(text: str, outlet: str | None = None) -> list[str]:
    """The sentences of an article that carry a stance, after boilerplate is dropped."""
    return segment_paragraphs(clean_article(text, outlet=outlet).paragraphs)


def analyze(articles: str | Sequence[str], classifier: StanceClassifier, outlet: str | None = None):
    """Per-sentence records: id, text, label, probabilities, source.

    Takes one article (a string: returns a list of records) or a list of articles (returns
    one list of records per article; sentences of all articles are scored in one batch).
    Unattributed sentences are the outlet's: `outlet` names it, else "the outlet".
    """
    single = isinstance(articles, str)
    texts = [articles] if single else articles
    if not isinstance(texts, Sequence):
        raise InputError(f"articles must be a string or a list of strings, got {type(articles).__name__}")
    per_article = []
    for index, text in enumerate(texts):
        where = "text" if single else f"articles[{index}]"
        if not isinstance(text, str):
            raise InputError(f"{where} is {type(text).__name__}, not a string")
        sentences = article_sentences(text, outlet) if text.strip() else []
        if not sentences:
            raise InputError(f"{where} is empty or holds no article text after cleaning")
        per_article.append(sentences)
    flat = [sentence for sentences in per_article for sentence in sentences]
    probabilities = classifier.predict_proba(flat)
    results, offset = [], 0
    for sentences in per_article:
        sources = attribute_sources(sentences, outlet or DEFAULT_OUTLET)
        records = []
        for position, (sentence, source) in enumerate(zip(sentences, sources)):
            p = probabilities[offset + position]
            records.append({
                "id": f"s{position:03d}",
                "text": sentence,
                "label": LABELS[int(p.argmax())],
                "probabilities": {label: float(value) for label, value in zip(LABELS, p)},
                "source": source,
            })
        offset += len(sentences)
        results.append(records)
    return results[0] if single else results


def summarize_sources(records: list[dict]) -> list[dict]:
    """Per source, most sentences first: count, stance distribution and majority stance."""
    counts: dict[str, Counter] = {}
    for record in records:
        counts.setdefault(record["source"], Counter())[record["label"]] += 1
    rows = []
    for source, counter in counts.items():
        total = sum(counter.values())
        rows.append({
            "source": source, "sentences": total,
            "distribution": {label: counter[label] / total for label in LABELS},
            "majority": max(LABELS, key=lambda label: (counter[label], -LABELS.index(label))),
        })
    return sorted(rows, key=lambda row: (-row["sentences"], row["source"]))
