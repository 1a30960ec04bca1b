"""The seed corpus: five real articles in `seeds/`, cleaned, segmented and gold-labelled.

Gold labels live in `data/seed_labels.jsonl`, keyed by sentence id and a hash of the
sentence text. Ids are document + position, so a change in cleaning or segmentation that
moves or alters a sentence breaks the key and fails loudly instead of misaligning labels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import datasets

from newsstance.data.clean import clean_article
from newsstance.data.corpus import CorpusError, to_dataset, text_hash
from newsstance.data.segment import segment_paragraphs


def _seeds_dir() -> Path:
    """seeds/ in a checkout (editable install); the copy a wheel carries as data/seed_articles/."""
    checkout = Path(__file__).resolve().parent.parent / "seeds"
    installed = Path(__file__).resolve().parent / "seed_articles"
    return installed if not checkout.is_dir() and installed.is_dir() else checkout


SEEDS_DIR = _seeds_dir()
SEED_LABELS = Path(__file__).resolve().parent / "seed_labels.jsonl"


@dataclass(frozen=True)
class SeedDocument:
    file: str
    doc_id: str
    outlet: str
    headline: str | None
    published: str | None
    wire: str | None


def seed_documents(seeds_dir: Path = SEEDS_DIR) -> list[SeedDocument]:
    metadata = json.loads((seeds_dir / "metadata.json").read_text(encoding="utf-8"))
    fields = SeedDocument.__dataclass_fields__
    return [SeedDocument(**{k: v for k, v in entry.items() if k in fields}) for entry in metadata]


def seed_sentences(seeds_dir: Path = SEEDS_DIR) -> list[dict]:
    """Every sentence of the seed articles that survives cleaning, in reading order."""
    sentences = []
    for document in seed_documents(seeds_dir):
        raw = (seeds_dir / document.file).read_text(encoding="utf-8")
        paragraphs = clean_article(raw, outlet=document.outlet).paragraphs
        for position, text in enumerate(segment_paragraphs(paragraphs)):
            sentences.append(
                {
                    "id": f"{document.doc_id}-{position:03d}",
                    "doc_id": document.doc_id,
                    "outlet": document.outlet,
                    "text": text,
                    "text_sha1": text_hash(text),
                }
            )
    return sentences


def read_gold(path: Path = SEED_LABELS) -> dict[str, dict]:
    gold: dict[str, dict] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            record = json.loads(line)
            if record["id"] in gold:
                raise CorpusError(f"{path}: line {number}: duplicate id {record['id']!r}")
            gold[record["id"]] = record
    return gold


def align_gold(sentences: list[dict], gold: dict[str, dict], gold_path: Path = SEED_LABELS) -> list[dict]:
    """Attach gold label and source to each sentence; any drift in ids or text is an error."""
    unlabelled = [s["id"] for s in sentences if s["id"] not in gold]
    orphaned = sorted(set(gold) - {s["id"] for s in sentences})
    moved = [s["id"] for s in sentences if s["id"] in gold and gold[s["id"]]["text_sha1"] != s["text_sha1"]]
    problems = []
    if unlabelled:
        problems.append(f"{len(unlabelled)} sentences have no gold label (first: {unlabelled[0]})")
    if orphaned:
        problems.append(f"{len(orphaned)} labels match no sentence (first: {orphaned[0]})")
    if moved:
        problems.append(f"{len(moved)} sentences changed text under their label (first: {moved[0]})")
    if problems:
        raise CorpusError(
            f"{gold_path}: gold labels are out of step with cleaning/segmentation: {'; '.join(problems)}"
        )
    return [
        {**s, "label": gold[s["id"]]["label"], "source": gold[s["id"]]["source"], "group": ""} for s in sentences
    ]


def load_seed_corpus() -> datasets.Dataset:
    """The five seed articles as labelled sentences; `group` is the near-duplicate cluster."""
    rows = align_gold(seed_sentences(), read_gold())
    return to_dataset(rows, cluster_prefix="seed")
