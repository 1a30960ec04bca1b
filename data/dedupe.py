"""Near-duplicate clusters: the same wire sentence reprinted, lightly edited, by several outlets.

Two sentences are near-duplicates when their content words overlap heavily (Jaccard on
word sets, or containment when one is a trimmed copy of the other). Clusters are the
connected components of that relation, so every split can keep a cluster on one side.
Candidate pairs come from an inverted index on each sentence's rarest words, which keeps
clustering near-linear on large corpora instead of comparing every pair.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

_WORD = re.compile(r"[a-z0-9]+")
_SPELLING = {"defence": "defense", "programme": "program", "fuelling": "fueling", "nato": "nato"}
_STOPWORDS = frozenset(
    "a an the of to in on at for and or but is are was were be been has have had it its this that "
    "with by from as said says say".split()
)

JACCARD_THRESHOLD = 0.6
CONTAINMENT_THRESHOLD = 0.85
MIN_WORDS_FOR_CONTAINMENT = 6
RARE_KEYS_PER_SENTENCE = 6


def content_words(text: str) -> frozenset[str]:
    words = _WORD.findall(text.casefold().replace("’", "'"))
    return frozenset(_SPELLING.get(w, w) for w in words if w not in _STOPWORDS)


def are_near_duplicates(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return a == b
    shared = len(a & b)
    if shared / len(a | b) >= JACCARD_THRESHOLD:
        return True
    smaller = min(len(a), len(b))
    return smaller >= MIN_WORDS_FOR_CONTAINMENT and shared / smaller >= CONTAINMENT_THRESHOLD


def cluster_near_duplicates(texts: list[str]) -> list[int]:
    """Cluster index per text; clusters are numbered in order of first appearance."""
    words = [content_words(t) for t in texts]
    frequency = Counter(w for ws in words for w in ws)
    index: dict[str, list[int]] = defaultdict(list)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, ws in enumerate(words):
        # A word seen once cannot link two sentences, so keys are the rarest shared words.
        shared_words = [w for w in ws if frequency[w] > 1]
        keys = sorted(shared_words, key=lambda w: (frequency[w], w))[:RARE_KEYS_PER_SENTENCE] or [""]
        candidates = {j for key in keys for j in index[key]}
        for j in candidates:
            if root(i) != root(j) and are_near_duplicates(ws, words[j]):
                parent[root(i)] = root(j)
        for key in keys:
            index[key].append(i)

    numbering: dict[int, int] = {}
    return [numbering.setdefault(root(i), len(numbering)) for i in range(len(texts))]
