"""The benchmark's arithmetic: ratios, agreement and the best pipeline, from given figures (no timing)."""

from pathlib import Path

import pytest

from newsstance.eval import benchmark
from newsstance.eval.benchmark import _throughput, cpu_description, report


def figures(path, rate, labels, p50=None):
    result = {"path": path, "sentences_per_second": rate, "runs": 3, "peak_rss_mb": 500.0, "labels": labels}
    if p50 is not None:
        result.update(p50_ms=p50, p95_ms=p50 * 1.5)
    return result


def test_report_compares_our_best_path_with_the_best_pipeline():
    fp32 = ["assert", "deny", "hedge", "assert"]
    results = {
        "fp32": figures("fp32", 200.0, fp32, 10.0),
        "int8": figures("int8", 350.0, ["assert", "deny", "hedge", "deny"], 6.0),
        "pipeline:1": figures("pipeline:1", 50.0, fp32, 20.0),
        "pipeline:8": figures("pipeline:8", 100.0, fp32, 20.0),
        "tfidf": figures("tfidf", 21000.0, fp32, 1.0),
    }
    text = report(results)
    assert "best pipeline: pipeline:8 at 100.0 sent/s" in text
    assert "int8 at 350.0 sent/s, 3.50x the best pipeline" in text
    assert "75.00%" in text  # int8 agrees with fp32 on 3 of 4 labels
    assert "tfidf: 21000 sent/s" in text


def test_throughput_takes_the_minimum_number_of_runs_of_a_fast_path(monkeypatch):
    monkeypatch.setattr(benchmark, "MIN_SECONDS", 0.0)
    calls = []

    def predict(texts):
        calls.append(len(texts))
        return ["assert"] * len(texts)

    rate, runs, labels = _throughput(predict, ["a sentence"] * 10)
    assert runs == benchmark.MIN_RUNS == len(calls)
    assert rate > 0 and labels == ["assert"] * 10


@pytest.mark.skipif(not Path("/proc/cpuinfo").is_file(), reason="reads /proc/cpuinfo (Linux)")
def test_cpu_description_says_which_int8_instructions_the_cpu_has():
    assert "int8 dot products:" in cpu_description()
