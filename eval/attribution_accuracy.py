"""How often the attributor names the gold source, on labelled corpora.

Each document's sentences are attributed in reading order (the attributor needs the previous
sentences for pronouns and continued quotations) and compared with `sources_match`, which
treats "Peskov" and "Dmitry Peskov", or "NIS" and "National Intelligence Service", as one.
"""

from __future__ import annotations

from collections import defaultdict

import datasets

from newsstance.model.attribution import attribute_sources, sources_match


def predicted_sources(corpus: datasets.Dataset) -> dict[str, str]:
    """Sentence id -> attributed source, document by document in id order."""
    documents: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for row_id, doc_id, outlet, text in zip(corpus["id"], corpus["doc_id"], corpus["outlet"], corpus["text"]):
        documents[doc_id].append((row_id, outlet, text))
    predicted = {}
    for rows in documents.values():
        rows.sort(key=lambda row: row[0])
        sources = attribute_sources([text for _, _, text in rows], rows[0][1])
        predicted.update({row_id: source for (row_id, _, _), source in zip(rows, sources)})
    return predicted


def attribution_accuracy(corpus: datasets.Dataset) -> dict:
    predicted = predicted_sources(corpus)
    misses = [
        {"id": row_id, "text": text, "gold": gold, "predicted": predicted[row_id]}
        for row_id, text, gold in zip(corpus["id"], corpus["text"], corpus["source"])
        if gold and not sources_match(predicted[row_id], gold)
    ]
    scored = sum(1 for gold in corpus["source"] if gold)
    return {"sentences": scored, "accuracy": 1 - len(misses) / scored if scored else None, "misses": misses}
