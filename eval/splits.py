"""Splits that never put a sentence and its near-duplicates on both sides.

The unit of every split is a connected component over two links: sentences of one `group`
(a story, or whatever a user names) and sentences of one near-duplicate cluster (computed
afresh over everything being split, so a reprint across corpora or outlets counts too).
"""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold

from newsstance.data.dedupe import cluster_near_duplicates


def split_units(texts: list[str], groups: list[str]) -> np.ndarray:
    """Unit id per sentence: sentences linked by group or by near-duplicate text share one."""
    clusters = cluster_near_duplicates(texts)
    parent: dict[tuple, tuple] = {}

    def root(node: tuple) -> tuple:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for group, cluster in zip(groups, clusters):
        parent[root(("group", group))] = root(("cluster", cluster))
    numbering: dict[tuple, int] = {}
    return np.array([numbering.setdefault(root(("group", g)), len(numbering)) for g in groups])


def grouped_folds(labels: np.ndarray, units: np.ndarray, k: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """k folds, label-stratified as far as whole units allow, shuffled by `seed`."""
    k = min(k, len(set(units.tolist())))
    if k < 2:
        raise ValueError("cross-validation needs at least two split units (stories or clusters)")
    splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    return [(train, test) for train, test in splitter.split(np.zeros(len(labels)), labels, units)]


def leave_one_outlet_out(outlets: list[str], units: np.ndarray) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Hold out each outlet in turn; training drops every unit that also appears in the test outlet."""
    outlets_array = np.asarray(outlets)
    folds = []
    for outlet in sorted(set(outlets)):
        test = np.flatnonzero(outlets_array == outlet)
        shared = set(units[test].tolist())
        train = np.array([i for i in range(len(outlets)) if outlets_array[i] != outlet and units[i] not in shared],
                         dtype=np.int64)
        folds.append((outlet, train, test))
    return folds


def assert_disjoint(train: np.ndarray, test: np.ndarray, units: np.ndarray) -> None:
    """Guard every split: a unit on both sides would inflate every number downstream."""
    overlap = set(units[train].tolist()) & set(units[test].tolist())
    if overlap:
        raise AssertionError(f"{len(overlap)} split units on both sides of a split")
