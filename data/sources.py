"""Named corpora and how a command line picks its training or test data."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import datasets

from newsstance.data.authored import load_authored_corpus
from newsstance.data.corpus import CorpusError, concatenate, load_corpus
from newsstance.data.seeds import load_seed_corpus

CORPORA: dict[str, Callable[[], datasets.Dataset]] = {
    "seeds": load_seed_corpus,
    "authored": load_authored_corpus,
}


def load_corpora(names_or_paths: Sequence[str]) -> datasets.Dataset:
    """Concatenate named corpora ("seeds", "authored") and users' files, in the order given."""
    if not names_or_paths:
        raise CorpusError("no corpus given: name 'seeds', 'authored' or a file")
    parts = [CORPORA[item]() if item in CORPORA else load_corpus(item) for item in names_or_paths]
    return parts[0] if len(parts) == 1 else concatenate(parts)
