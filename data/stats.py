"""Corpus statistics (sentences per outlet, label and source; reprints), for `newsstance stats`."""

from __future__ import annotations

from collections import Counter

import datasets

from newsstance.data.labels import LABELS


def corpus_statistics(corpus: datasets.Dataset) -> dict:
    labels = [LABELS[i] for i in corpus["label"]]
    cluster_sizes = Counter(corpus["cluster_id"])
    cluster_outlets: dict[str, set[str]] = {}
    for cluster, outlet in zip(corpus["cluster_id"], corpus["outlet"]):
        cluster_outlets.setdefault(cluster, set()).add(outlet)
    recurring = [c for c, outlets in cluster_outlets.items() if len(outlets) > 1]
    return {
        "sentences": len(corpus),
        "documents": len(set(corpus["doc_id"])),
        "groups": len(set(corpus["group"])),
        "clusters": len(cluster_sizes),
        "labels": Counter(labels),
        "outlets": Counter(corpus["outlet"]),
        "outlet_labels": Counter(zip(corpus["outlet"], labels)),
        "sources": Counter(corpus["source"]),
        "recurring_clusters": len(recurring),
        "sentences_recurring_across_outlets": sum(cluster_sizes[c] for c in recurring),
    }


def format_statistics(stats: dict) -> str:
    lines = [
        f"{stats['sentences']} sentences, {stats['documents']} documents, {stats['groups']} split groups, "
        f"{stats['clusters']} near-duplicate clusters",
        f"{stats['sentences_recurring_across_outlets']} sentences recur across outlets "
        f"({stats['recurring_clusters']} clusters printed by more than one outlet)",
        "",
        "label      count  share",
    ]
    total = stats["sentences"]
    lines += [f"{label:<10}{stats['labels'][label]:>6}  {stats['labels'][label] / total:6.1%}" for label in LABELS]
    lines += ["", f"{'outlet':<40}{'sentences':>10}  " + "  ".join(f"{label:>6}" for label in LABELS)]
    for outlet, count in stats["outlets"].most_common():
        counts = "  ".join(f"{stats['outlet_labels'][(outlet, label)]:>6}" for label in LABELS)
        lines.append(f"{outlet[:39]:<40}{count:>10}  {counts}")
    lines += ["", f"{'source (top 25)':<40}{'sentences':>10}"]
    lines += [f"{(source or '(unknown)')[:39]:<40}{count:>10}" for source, count in stats["sources"].most_common(25)]
    lines.append(f"... {len(stats['sources'])} distinct sources")
    return "\n".join(lines)
