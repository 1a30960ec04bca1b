"""model.streaming.score_file: streamed, resumable, shardable scoring of corpus files."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from tiny import SENTENCES

from newsstance.data.corpus import CorpusError, read_records
from newsstance.model import streaming
from newsstance.model.streaming import score_file

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ["id", "text", "label", "p_assert", "p_deny", "p_hedge"]


@pytest.fixture(scope="module")
def tfidf(fitted_models):
    return fitted_models["tfidf"]


class CountingClassifier:
    """Passes calls through to a real classifier, counting them; can fail on the n-th call."""

    def __init__(self, inner, fail_on_call: int | None = None):
        self.inner, self.fail_on_call, self.calls = inner, fail_on_call, 0

    def __getattr__(self, name):  # kind, parameters, fingerprint: the inner model's
        return getattr(self.inner, name)

    def predict_proba(self, texts):
        self.calls += 1
        if self.calls == self.fail_on_call:
            raise RuntimeError("simulated crash")
        return self.inner.predict_proba(texts)


def make_records(n: int) -> list[dict]:
    """n rows with distinct texts (a sentence plus its number) and ids unlike row numbers."""
    return [{"id": f"doc-{i:05d}", "text": f"{SENTENCES[i % len(SENTENCES)][0]} ({i})"} for i in range(n)]


def write_input(path: Path, records: list[dict]) -> Path:
    suffix = path.suffix
    if suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    elif suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(records[0]))
            writer.writeheader()
            writer.writerows(records)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(records), path, row_group_size=7)
    return path


def read_output(path: Path) -> list[dict]:
    """Output rows with probabilities as floats whatever the format (CSV holds strings)."""
    rows = list(read_records(path))
    for row in rows:
        for column in ("p_assert", "p_deny", "p_hedge"):
            row[column] = float(row[column]) if row[column] not in (None, "") else None
    return rows


def expected_rows(classifier, records: list[dict]) -> list[dict]:
    """What score_file should write: the classifier's own answer on the whole list at once."""
    probabilities = classifier.predict_proba([r["text"] for r in records])
    labels = classifier.predict([r["text"] for r in records])
    return [
        {"id": r["id"], "text": r["text"], "label": label,
         "p_assert": p[0], "p_deny": p[1], "p_hedge": p[2]}
        for r, label, p in zip(records, labels, probabilities.tolist())
    ]


def assert_same_rows(actual: list[dict], expected: list[dict]) -> None:
    """Equal rows; probabilities to 1e-9, since batches differ between the two runs compared."""
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected):
        assert {k: got[k] for k in ("id", "text", "label")} == {k: want[k] for k in ("id", "text", "label")}
        for column in ("p_assert", "p_deny", "p_hedge"):
            assert got[column] == pytest.approx(want[column], abs=1e-9)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_reads_each_input_format(tfidf, tmp_path, suffix):
    records = make_records(23)
    source = write_input(tmp_path / f"in{suffix}", records)
    summary = score_file(source, tmp_path / "out.jsonl", tfidf, chunk_rows=5, batch_size=4, progress=False)
    assert_same_rows(read_output(tmp_path / "out.jsonl"), expected_rows(tfidf, records))
    assert summary["rows_scored"] == summary["rows_written"] == 23


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_writes_each_output_format(tfidf, tmp_path, suffix):
    records = make_records(17)
    source = write_input(tmp_path / "in.jsonl", records)
    output = tmp_path / f"out{suffix}"
    summary = score_file(source, output, tfidf, chunk_rows=4, progress=False)
    assert summary["output"] == str(output)
    assert list(next(read_records(output))) == COLUMNS
    assert_same_rows(read_output(output), expected_rows(tfidf, records))
    assert not (tmp_path / f"out{suffix}.parts").exists()


def test_preserves_input_order(tfidf, tmp_path):
    records = make_records(50)[::-1]  # ids descend, so sorting anywhere would show
    source = write_input(tmp_path / "in.jsonl", records)
    score_file(source, tmp_path / "out.jsonl", tfidf, chunk_rows=7, batch_size=3, progress=False)
    rows = read_output(tmp_path / "out.jsonl")
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert [r["text"] for r in rows] == [r["text"] for r in records]


def test_ids_default_to_row_numbers(tfidf, tmp_path):
    records = [{"text": r["text"]} for r in make_records(12)]
    source = write_input(tmp_path / "in.jsonl", records)
    score_file(source, tmp_path / "out.csv", tfidf, chunk_rows=5, progress=False)
    assert [r["id"] for r in read_output(tmp_path / "out.csv")] == [str(i) for i in range(12)]


@pytest.mark.parametrize(
    "bad_record, message",
    [({"id": "x"}, "missing column 'text'"), ({"id": "x", "text": ""}, "empty text"),
     ({"id": "x", "text": "  \t "}, "empty text"), ({"id": "x", "text": 42}, "text is int, not a string"),
     ({"id": "x", "text": None}, "text is missing")],
)
def test_bad_rows_error_with_row_number(tfidf, tmp_path, bad_record, message):
    records = make_records(9)
    records[6] = bad_record  # the 7th data row
    source = write_input(tmp_path / "in.jsonl", records)
    with pytest.raises(CorpusError, match=rf"in\.jsonl: row 7: {message}"):
        score_file(source, tmp_path / "out.jsonl", tfidf, chunk_rows=4, progress=False)
    assert not (tmp_path / "out.jsonl").exists()


def test_missing_text_column_errors_even_with_skip_invalid(tfidf, tmp_path):
    source = write_input(tmp_path / "in.csv", [{"id": "a", "body": "The ministry said so."}])
    with pytest.raises(CorpusError, match=r"in\.csv: row 1: missing column 'text'"):
        score_file(source, tmp_path / "out.jsonl", tfidf, skip_invalid=True, progress=False)


def test_skip_invalid_writes_marked_rows(tfidf, tmp_path):
    records = make_records(10)
    for index in (2, 5, 9):
        records[index] = {"id": f"bad{index}", "text": " " if index != 9 else None}
    source = write_input(tmp_path / "in.jsonl", records)
    summary = score_file(source, tmp_path / "out.csv", tfidf, chunk_rows=3, skip_invalid=True, progress=False)
    rows = read_output(tmp_path / "out.csv")
    assert list(rows[0]) == COLUMNS + ["error"]
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    for index, row in enumerate(rows):
        if index in (2, 5, 9):
            assert row["error"] == "empty text" and row["label"] == "" and row["p_assert"] is None
        else:
            assert row["error"] == "" and row["label"] in ("assert", "deny", "hedge")
    assert summary["rows_skipped_invalid"] == 3
    assert summary["rows_scored"] == 7 and summary["rows_written"] == 10


def test_resume_after_interruption_skips_finished_chunks(tfidf, tmp_path):
    records = make_records(23)  # chunks of 5: 5 chunks, the last one short
    source = write_input(tmp_path / "in.jsonl", records)
    score_file(source, tmp_path / "reference.jsonl", tfidf, chunk_rows=5, batch_size=5, progress=False)

    output = tmp_path / "out.jsonl"
    crashing = CountingClassifier(tfidf, fail_on_call=3)  # one call per chunk: dies in chunk 3
    with pytest.raises(RuntimeError, match="simulated crash"):
        score_file(source, output, crashing, chunk_rows=5, batch_size=5, progress=False)
    parts = tmp_path / "out.jsonl.parts"
    assert sorted(p.name for p in parts.glob("chunk-*.jsonl")) == ["chunk-000000.jsonl", "chunk-000001.jsonl"]
    assert not output.exists()

    counting = CountingClassifier(tfidf)
    summary = score_file(source, output, counting, chunk_rows=5, batch_size=5, progress=False)
    assert counting.calls == 3  # chunks 2, 3 and 4 only
    assert summary["chunks_resumed"] == 2 and summary["rows_scored"] == 13 and summary["rows_written"] == 23
    assert output.read_bytes() == (tmp_path / "reference.jsonl").read_bytes()
    assert not parts.exists()


def interrupted_run(tfidf, tmp_path):
    """A 20-row run that fails on its second chunk, leaving finished parts behind."""
    source = write_input(tmp_path / "in.jsonl", make_records(20))
    output = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError):
        score_file(source, output, CountingClassifier(tfidf, fail_on_call=2), chunk_rows=5, progress=False)
    return source, output


def test_refuses_to_resume_after_input_changed(tfidf, tmp_path):
    source, output = interrupted_run(tfidf, tmp_path)
    write_input(source, make_records(21))
    with pytest.raises(ValueError, match="refusing to resume.*input_size"):
        score_file(source, output, tfidf, chunk_rows=5, progress=False)
    assert not output.exists()


def test_refuses_to_resume_after_settings_changed(tfidf, tmp_path):
    source, output = interrupted_run(tfidf, tmp_path)
    with pytest.raises(ValueError, match="refusing to resume.*chunk_rows 5 -> 6"):
        score_file(source, output, tfidf, chunk_rows=6, progress=False)


def test_refuses_to_resume_with_another_model(tfidf, tmp_path):
    from newsstance.model import TfidfClassifier
    from tiny import GROUPS, texts_and_labels

    source, output = interrupted_run(tfidf, tmp_path)
    texts, labels = texts_and_labels()
    other = TfidfClassifier(cv_folds=2).fit(texts[:-2], labels[:-2], GROUPS[:-2])
    with pytest.raises(ValueError, match="refusing to resume.*model"):
        score_file(source, output, other, chunk_rows=5, progress=False)


def test_no_partial_output_after_a_failure(tfidf, tmp_path, monkeypatch):
    source = write_input(tmp_path / "in.jsonl", make_records(20))
    output = tmp_path / "out.parquet"
    real_read_part, reads = streaming._read_part, []

    def failing_read_part(part):  # dies while the final file is half written
        reads.append(part)
        if len(reads) == 3:
            raise OSError("disk full")
        return real_read_part(part)

    monkeypatch.setattr(streaming, "_read_part", failing_read_part)
    with pytest.raises(OSError, match="disk full"):
        score_file(source, output, tfidf, chunk_rows=5, progress=False)
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.parquet.parts"]  # no temp files

    output.write_text("an earlier result")  # a failed rerun leaves a previous output untouched
    reads.clear()
    with pytest.raises(OSError, match="disk full"):
        score_file(source, output, tfidf, chunk_rows=5, progress=False)
    assert output.read_text() == "an earlier result"


def test_shard_index_out_of_range(tfidf, tmp_path):
    source = write_input(tmp_path / "in.jsonl", make_records(5))
    for shard_index in (-1, 2):
        with pytest.raises(ValueError, match="shard_index"):
            score_file(source, tmp_path / "out.jsonl", tfidf, num_shards=2, shard_index=shard_index,
                       progress=False)


SHARD_SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from newsstance.model import load_classifier
    from newsstance.model.streaming import score_file
    model, source, output, shards, index = sys.argv[1:]
    score_file(source, output, load_classifier(model), chunk_rows=7, batch_size=4,
               num_shards=int(shards), shard_index=int(index), progress=False)
    """
)


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_two_shards_in_two_processes_join_to_a_single_run(tfidf, tmp_path, suffix):
    from newsstance.model import load_classifier

    model_folder = tfidf.save(tmp_path / "model")
    source = write_input(tmp_path / f"in{suffix}", make_records(61))  # odd: shards of 30 and 31
    script = SHARD_SCRIPT.format(root=str(ROOT))
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    shards = [tmp_path / f"shard{i}.jsonl" for i in range(2)]
    processes = [
        subprocess.Popen([sys.executable, "-c", script, str(model_folder), str(source), str(shard), "2", str(i)],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for i, shard in enumerate(shards)
    ]
    for process in processes:
        log, _ = process.communicate(timeout=300)
        assert process.returncode == 0, log

    single = tmp_path / "single.jsonl"
    score_file(source, single, load_classifier(model_folder), chunk_rows=10, progress=False)
    joined = [row for shard in shards for row in read_output(shard)]
    assert [len(read_output(shard)) for shard in shards] == [30, 31]
    assert_same_rows(joined, read_output(single))


class LengthClassifier:
    """A stand-in whose cost is negligible, so the test measures score_file's own memory.

    (TF-IDF under tracemalloc is slow on 50,000 rows; its per-batch memory is bounded by
    batch_size anyway.)
    """

    def predict_proba(self, texts):
        lengths = np.array([len(text) for text in texts], dtype=np.float64)
        scores = np.stack([lengths % 7, lengths % 5, lengths % 3], axis=1) + 1.0
        return scores / scores.sum(axis=1, keepdims=True)


def test_memory_stays_bounded_by_chunk_rows(tmp_path):
    n = 50_000
    source = tmp_path / "big.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps({"id": f"doc-{i:06d}", "text": f"{SENTENCES[i % 18][0]} ({i})"}) + "\n")

    # What merely holding every input row would take: the bar to stay well below.
    tracemalloc.start()
    all_rows = list(read_records(source))
    holding_all, _ = tracemalloc.get_traced_memory()
    del all_rows
    tracemalloc.stop()

    tracemalloc.start()
    try:
        summary = score_file(source, tmp_path / "out.jsonl", LengthClassifier(), chunk_rows=1000, progress=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary["rows_written"] == n
    assert peak < holding_all / 5, (peak, holding_all)  # measured: about 1/12
