"""Score a large corpus file with a classifier: streamed, resumable, shardable.

`score_file` reads rows with `data.corpus.read_records` and never holds more than one
chunk (`chunk_rows` rows) of input or output at once, so a million-row file scores in
bounded memory. Each finished chunk is written, atomically, as one JSONL file into a
sibling folder `<output>.parts/`, next to a manifest naming the input (path, size, mtime)
and the settings. A rerun after a crash reads past the chunks already on disk and scores
only the rest; a rerun with another input or other settings is refused rather than mixing
results. Once every chunk is done the parts are joined into the final file, written to a
temporary name and renamed into place, so `output_path` never holds a half-written file.

Sharding splits the input rows into N contiguous ranges, so N processes (or machines)
can score one file and their outputs, joined in shard order, equal a single run's.
"""

from __future__ import annotations

import csv
import json
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np
from tqdm.auto import tqdm

from newsstance.data.corpus import SUPPORTED_SUFFIXES, CorpusError, read_records
from newsstance.data.labels import LABELS
from newsstance.model.storage import atomic_path

OUTPUT_SUFFIXES: tuple[str, ...] = (".jsonl", ".csv", ".parquet")
PROBABILITY_COLUMNS: tuple[str, ...] = tuple(f"p_{label}" for label in LABELS)
BASE_COLUMNS: tuple[str, ...] = ("id", "text", "label", *PROBABILITY_COLUMNS)
MANIFEST_FILE = "manifest.json"
MANIFEST_VERSION = 1
EMPTY_TEXT = "empty text"  # the `error` of a row skipped with skip_invalid=True


@dataclass(frozen=True)
class _RowRules:
    """How one input record becomes one output row."""

    source: str  # the input file, for error messages
    text_column: str
    id_column: str
    skip_invalid: bool


def score_file(
    input_path: str | Path,
    output_path: str | Path,
    classifier,
    *,
    batch_size: int = 256,
    chunk_rows: int = 10_000,
    num_shards: int = 1,
    shard_index: int = 0,
    text_column: str = "text",
    id_column: str = "id",
    skip_invalid: bool = False,
    progress: bool = True,
) -> dict:
    """Label every row of a corpus file (or of one shard of it) and write the results.

    Output rows, in input order: id, text, label, p_assert, p_deny, p_hedge, plus `error`
    when `skip_invalid`. The id is `id_column`'s value as a string, or the row's 0-based
    number in the input file where that column is absent or empty. The output format follows `output_path`'s suffix (.jsonl, .csv,
    .parquet). Returns a summary: rows_scored (by the classifier in this call),
    rows_written, rows_skipped_invalid, chunks, chunks_resumed, seconds, output.
    """
    started = time.perf_counter()
    input_path, output_path = Path(input_path), Path(output_path)
    _check_arguments(input_path, output_path, batch_size, chunk_rows, num_shards, shard_index)
    rules = _RowRules(str(input_path), text_column, id_column, skip_invalid)
    manifest = _manifest(input_path, num_shards, shard_index, chunk_rows, rules, classifier)
    # Count before touching the disk, so an unreadable input leaves no parts folder behind.
    start, stop, total = _shard_range(input_path, num_shards, shard_index)

    output_path.parent.mkdir(parents=True, exist_ok=True)
    parts = output_path.with_name(output_path.name + ".parts")
    _open_parts(parts, manifest)

    records = islice(read_records(input_path), start, stop)
    columns = BASE_COLUMNS + (("error",) if skip_invalid else ())
    with tqdm(total=total, unit="row", desc=f"scoring {input_path.name}", disable=not progress) as bar:
        done, resumed, scored = _score_chunks(records, start, parts, classifier, rules, columns,
                                              chunk_rows, batch_size, bar)
    written, invalid = _join_parts(done, output_path, columns)
    shutil.rmtree(parts, ignore_errors=True)
    return {
        "output": str(output_path),
        "rows_scored": scored,
        "rows_written": written,
        "rows_skipped_invalid": invalid,
        "chunks": len(done),
        "chunks_resumed": resumed,
        "seconds": time.perf_counter() - started,
    }


# --- arguments, manifest, shards ------------------------------------------------------------


def _check_arguments(input_path: Path, output_path: Path, batch_size: int, chunk_rows: int,
                     num_shards: int, shard_index: int) -> None:
    if batch_size < 1 or chunk_rows < 1:
        raise ValueError(f"batch_size and chunk_rows must be at least 1, got {batch_size} and {chunk_rows}")
    if num_shards < 1 or not 0 <= shard_index < num_shards:
        raise ValueError(f"shard_index must satisfy 0 <= shard_index < num_shards, got {shard_index} of {num_shards}")
    if output_path.suffix.casefold() not in OUTPUT_SUFFIXES:
        raise ValueError(f"{output_path}: unsupported output type {output_path.suffix!r}; "
                         f"use {', '.join(OUTPUT_SUFFIXES)}")
    if input_path.suffix.casefold() not in SUPPORTED_SUFFIXES:
        raise CorpusError(f"{input_path}: unsupported file type {input_path.suffix!r}; "
                          f"use {', '.join(SUPPORTED_SUFFIXES)}")
    if not input_path.is_file():
        raise CorpusError(f"{input_path}: no such file")


def _manifest(input_path: Path, num_shards: int, shard_index: int, chunk_rows: int, rules: _RowRules,
              classifier) -> dict:
    """Everything that decides which rows land in which chunk and what a part file holds.

    batch_size and progress are left out on purpose: they do not change the results.
    """
    stat = input_path.stat()
    return {
        "version": MANIFEST_VERSION,
        "input": str(input_path.resolve()),
        "input_size": stat.st_size,
        "input_mtime_ns": stat.st_mtime_ns,
        "num_shards": num_shards,
        "shard_index": shard_index,
        "chunk_rows": chunk_rows,
        "text_column": rules.text_column,
        "id_column": rules.id_column,
        "skip_invalid": rules.skip_invalid,
        "model": _model_identity(classifier),
    }


# Parameters that change speed or display but not a single score.
RESULT_NEUTRAL_PARAMS = frozenset({"show_progress", "inference_batch_size", "device"})


def _model_identity(classifier) -> dict:
    """The model's kind, training data and prediction-changing parameters (int8 or fp32 included),
    so that a resumed run cannot mix the scores of two models."""
    params = classifier.get_params() if hasattr(classifier, "get_params") else {}
    identity = {
        "kind": getattr(classifier, "kind", type(classifier).__name__),
        "training_data_fingerprint": getattr(classifier, "training_data_fingerprint_", None),
        "params": {name: value for name, value in params.items() if name not in RESULT_NEUTRAL_PARAMS},
    }
    return json.loads(json.dumps(identity, default=str))  # as it reads back from the manifest


def _shard_range(path: Path, num_shards: int, shard_index: int) -> tuple[int, int | None, int | None]:
    """(first row, stop row or None for "to the end", rows for the progress bar or None)."""
    suffix = path.suffix.casefold()
    if num_shards == 1 and suffix == ".csv":
        return 0, None, None  # counting a CSV means parsing it; one shard does not need the count
    rows = _count_rows(path)
    if num_shards == 1:
        return 0, None, rows
    start, stop = shard_index * rows // num_shards, (shard_index + 1) * rows // num_shards
    return start, stop, stop - start


def _count_rows(path: Path) -> int:
    """Rows `read_records` will yield, found by one streaming pass (or Parquet metadata)."""
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        return sum(1 for _ in read_records(path))  # quoted newlines: only the CSV parser can count
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        with path.open(encoding="utf-8") as handle:  # JSONL: read_records skips blank lines too
            return sum(1 for line in handle if line.strip())
    except (OSError, ValueError) as error:  # UnicodeDecodeError and pyarrow's ArrowInvalid are ValueErrors
        raise CorpusError(f"{path}: cannot read file ({type(error).__name__}: {error})") from None


def _part_path(parts: Path, index: int) -> Path:
    return parts / f"chunk-{index:06d}.jsonl"


def _open_parts(parts: Path, manifest: dict) -> None:
    """Start the parts folder, or check that the finished chunks in it came from this same job."""
    finished = sorted(parts.glob("chunk-*.jsonl")) if parts.is_dir() else []
    if finished:
        found = _read_manifest(parts)
        if found != manifest:
            raise ValueError(_mismatch_message(parts, found, manifest))
        return
    # No finished chunk means nothing to mix up: (re)start with this job's manifest.
    parts.mkdir(exist_ok=True)
    with atomic_path(parts / MANIFEST_FILE) as temp:
        temp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def _read_manifest(parts: Path) -> dict | None:
    try:
        found = json.loads((parts / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return found if isinstance(found, dict) else None


def _mismatch_message(parts: Path, found: dict | None, wanted: dict) -> str:
    if found is None:
        why = f"its {MANIFEST_FILE} is missing or unreadable"
    else:
        changed = [key for key in wanted if found.get(key) != wanted[key]]
        why = "changed since it was started: " + ", ".join(
            f"{key} {found.get(key)!r} -> {wanted[key]!r}" for key in changed
        )
    return (f"{parts}: refusing to resume an earlier run ({why}); resuming would mix results. "
            "Rerun with the original input and settings, or delete that folder to start over.")


# --- scoring --------------------------------------------------------------------------------


def _score_chunks(records: Iterator[dict], first_row: int, parts: Path, classifier, rules: _RowRules,
                  columns: tuple[str, ...], chunk_rows: int, batch_size: int, bar) -> tuple[list[Path], int, int]:
    """Write a part file per chunk not yet on disk; return (all parts, chunks resumed, rows scored)."""
    done: list[Path] = []
    resumed = scored = 0
    row = first_row  # 0-based input row number of the chunk's first record
    while True:
        part = _part_path(parts, len(done))
        if part.exists():
            # Finished earlier: read past its rows (cheaply) without scoring them again.
            count = sum(1 for _ in islice(records, chunk_rows))
            resumed += count > 0
        else:
            chunk = list(islice(records, chunk_rows))
            count = len(chunk)
            if count:
                rows, n_scored = _score_chunk(chunk, row, classifier, rules, batch_size)
                _write_file(part, columns, [rows])
                scored += n_scored
        if count == 0:
            return done, resumed, scored
        done.append(part)
        row += count
        bar.update(count)


def _score_chunk(chunk: list[dict], first_row: int, classifier, rules: _RowRules,
                 batch_size: int) -> tuple[list[dict], int]:
    """Output rows for one chunk of records, and how many of them the classifier scored."""
    rows = [_blank_row(record, first_row + offset, rules) for offset, record in enumerate(chunk)]
    valid = [row for row in rows if not row.get("error")]
    probabilities = _predict(classifier, [row["text"] for row in valid], batch_size)
    for row, p in zip(valid, probabilities):
        row["label"] = LABELS[int(np.argmax(p))]
        row.update({column: float(value) for column, value in zip(PROBABILITY_COLUMNS, p)})
    return rows, len(valid)


def _blank_row(record: dict, row: int, rules: _RowRules) -> dict:
    """The output row for `record` (input row `row`, 0-based) before scoring.

    A bad text raises, or with skip_invalid is marked in `error` and left unlabelled.
    """
    where = f"{rules.source}: row {row + 1}"
    if rules.text_column not in record:
        raise CorpusError(f"{where}: missing column {rules.text_column!r}")
    text = record[rules.text_column]
    problem = None
    if not isinstance(text, str):
        problem = "text is missing" if text is None else f"text is {type(text).__name__}, not a string"
    elif not text.strip():
        problem = "empty text"
    if problem and not rules.skip_invalid:
        raise CorpusError(f"{where}: {problem}")
    # Ids are strings in every format (CSV has no other type; Parquet needs one type per column).
    row_id = record.get(rules.id_column)
    output = {
        "id": str(row if row_id is None or row_id == "" else row_id),
        "text": "" if text is None else str(text),
        "label": "",
        **{column: None for column in PROBABILITY_COLUMNS},
    }
    if rules.skip_invalid:
        output["error"] = EMPTY_TEXT if problem else ""
    return output


def _predict(classifier, texts: list[str], batch_size: int) -> np.ndarray:
    batches = []
    for begin in range(0, len(texts), batch_size):
        batch = texts[begin:begin + batch_size]
        probabilities = np.asarray(classifier.predict_proba(batch), dtype=np.float64)
        if probabilities.shape != (len(batch), len(LABELS)):
            raise ValueError(f"predict_proba returned shape {probabilities.shape} for {len(batch)} texts; "
                             f"expected ({len(batch)}, {len(LABELS)})")
        batches.append(probabilities)
    return np.vstack(batches) if batches else np.empty((0, len(LABELS)))


# --- writing --------------------------------------------------------------------------------


def _join_parts(done: list[Path], output_path: Path, columns: tuple[str, ...]) -> tuple[int, int]:
    """Concatenate the parts, one chunk in memory at a time, into the output; (rows, invalid rows)."""
    counts = {"rows": 0, "invalid": 0}

    def chunks() -> Iterator[list[dict]]:
        for part in done:
            rows = _read_part(part)
            counts["rows"] += len(rows)
            counts["invalid"] += sum(1 for row in rows if row.get("error"))
            yield rows

    _write_file(output_path, columns, chunks())
    return counts["rows"], counts["invalid"]


def _read_part(part: Path) -> list[dict]:
    with part.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _write_file(target: Path, columns: tuple[str, ...], chunks: Iterable[list[dict]]) -> None:
    """Write rows in the format `target`'s suffix names, appearing at `target` only when complete."""
    writer_class = _WRITERS[target.suffix.casefold()]
    with atomic_path(target) as temp:
        writer = writer_class(temp, columns)
        try:
            for rows in chunks:
                writer.write(rows)
        finally:
            writer.close()


class _JsonlWriter:
    def __init__(self, path: Path, columns: tuple[str, ...]):
        self._handle = path.open("w", encoding="utf-8")

    def write(self, rows: list[dict]) -> None:
        self._handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)

    def close(self) -> None:
        self._handle.close()


class _CsvWriter:
    def __init__(self, path: Path, columns: tuple[str, ...]):
        self._handle = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.DictWriter(self._handle, fieldnames=columns)  # None is written as ""
        self._writer.writeheader()

    def write(self, rows: list[dict]) -> None:
        self._writer.writerows(rows)

    def close(self) -> None:
        self._handle.close()


class _ParquetWriter:
    def __init__(self, path: Path, columns: tuple[str, ...]):
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._schema = pa.schema([(c, pa.float64() if c in PROBABILITY_COLUMNS else pa.string()) for c in columns])
        self._from_pylist = pa.Table.from_pylist
        self._writer = pq.ParquetWriter(path, self._schema)  # one row group per chunk

    def write(self, rows: list[dict]) -> None:
        if rows:
            self._writer.write_table(self._from_pylist(rows, schema=self._schema))

    def close(self) -> None:
        self._writer.close()


_WRITERS = {".jsonl": _JsonlWriter, ".csv": _CsvWriter, ".parquet": _ParquetWriter}
