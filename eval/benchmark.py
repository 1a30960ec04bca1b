"""`newsstance benchmark`: inference speed and memory, printed.

On the same 2,000 real-length sentences (seed and authored corpus sentences), each path runs
in its own process so that its peak memory is its own: our transformer path in fp32 and int8
(length-sorted batches, inference mode; int8 through ONNX Runtime, shown with and without its
fp32 re-check of uncertain predictions), `transformers.pipeline` on the same saved folder at
batch 1 and at its best batch size, and the TF-IDF model. Prints sentences per second (the
median of repeated runs), p50/p95 single-sentence latency, peak resident memory, label agreement
with fp32, the ratios, and the CPU's int8 instructions (int8 gains most with VNNI or AMX).
Figures only: no test asserts a time.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from tqdm.auto import tqdm

from newsstance.eval.report import write_text_atomically
from newsstance.model.base import ModelLoadError

SENTENCES = 2000
LATENCY_SAMPLES = 200
PIPELINE_BATCHES = (1, 8, 32, 64)
# Throughput is the median over repeated runs: at least MIN_RUNS, more while under MIN_SECONDS.
MIN_RUNS, MIN_SECONDS, MAX_SECONDS = 3, 2.0, 30.0
TRANSFORMER_PATHS = {"fp32": ("fp32", None), "int8": ("int8", None), "int8:no-recheck": ("int8", 0.0)}


def benchmark_sentences(n: int = SENTENCES) -> list[str]:
    from newsstance.data import load_authored_corpus, load_seed_corpus

    texts = list(load_seed_corpus()["text"]) + list(load_authored_corpus()["text"])
    order = np.random.default_rng(0).permutation(len(texts))
    return [texts[i] for i in order[:n]]


def _throughput(function, texts: list[str]) -> tuple[float, int, list[str]]:
    """Median sentences per second over repeated runs, the number of runs, and the labels."""
    rates, spent = [], 0.0
    while len(rates) < MIN_RUNS or spent < MIN_SECONDS:
        started = time.perf_counter()
        labels = function(texts)
        seconds = time.perf_counter() - started
        rates.append(len(texts) / seconds)
        spent += seconds
        if spent >= MAX_SECONDS:
            break
    return statistics.median(rates), len(rates), labels


def _latencies(function, texts: list[str]) -> list[float]:
    samples = []
    for text in texts[:LATENCY_SAMPLES]:
        started = time.perf_counter()
        function([text])
        samples.append(time.perf_counter() - started)
    return samples


def measure_path(path: str, model_folder: str, threads: int) -> dict:
    """One path, in this process: throughput, latency and labels on the benchmark sentences."""
    import torch

    torch.set_num_threads(threads)
    texts = benchmark_sentences()
    if path == "tfidf":
        from newsstance.model import load_classifier

        classifier = load_classifier(model_folder)
        classifier.predict(texts[:10])
        function = classifier.predict
    elif path in TRANSFORMER_PATHS:
        from newsstance.model import load_classifier

        classifier = load_classifier(model_folder)
        classifier.inference_precision, margin = TRANSFORMER_PATHS[path]
        if margin is not None:
            classifier.int8_recheck_margin = margin
        classifier.predict(texts[:10])  # warm-up (and building the int8 graph) outside the clock
        function = classifier.predict
    else:
        from transformers import pipeline

        batch = int(path.split(":")[1])
        classifier = pipeline("text-classification", model=model_folder, device="cpu")

        def function(batch_texts):
            return [r["label"] for r in classifier(batch_texts, batch_size=batch, truncation=True)]

        function(texts[:10])
    rate, runs, labels = _throughput(function, texts)
    latency = _latencies(function, texts) if path != "pipeline:64" else []
    result = {
        "path": path,
        "sentences_per_second": rate,
        "runs": runs,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "labels": labels,
    }
    if latency:
        result["p50_ms"] = 1000 * statistics.median(latency)
        result["p95_ms"] = 1000 * float(np.percentile(latency, 95))
    return result


def cpu_description() -> str:
    """The CPU's name and which int8 dot-product instructions it has (Linux; else the platform's name)."""
    try:
        info = Path("/proc/cpuinfo").read_text()
    except OSError:
        import platform

        return platform.processor() or platform.machine()
    name = next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name")), "?")
    flags = set(next((line.split(":", 1)[1].split() for line in info.splitlines() if line.startswith("flags")), []))
    int8 = [flag for flag in ("avx512_vnni", "avx_vnni", "amx_int8") if flag in flags]
    widest = "avx512f" if "avx512f" in flags else "avx2" if "avx2" in flags else "no avx2"
    return f"{name}; {widest}; int8 dot products: {', '.join(int8) or 'none (no VNNI/AMX: int8 gains less)'}"


def run_isolated(path: str, model_folder: str, threads: int) -> dict:
    command = [sys.executable, "-m", "newsstance.eval.cli", "benchmark", "--measure", path, "--model", model_folder,
               "--threads", str(threads)]
    completed = subprocess.run(command, capture_output=True, text=True,
                               env={**os.environ, "TRANSFORMERS_VERBOSITY": "error", "TOKENIZERS_PARALLELISM": "false"})
    if completed.returncode != 0:
        raise RuntimeError(f"benchmark of {path} failed:\n{completed.stderr[-2000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def report(results: dict[str, dict]) -> str:
    reference = results["fp32"]["labels"]
    lines = [f"CPU: {cpu_description()}", "",
             f"{'path':<17}{'sent/s':>9}{'runs':>6}{'p50 ms':>9}{'p95 ms':>9}{'peak MB':>9}{'agree fp32':>12}"]
    for name, r in results.items():
        agree = np.mean([a == b for a, b in zip(r["labels"], reference)]) if name != "tfidf" else float("nan")
        p50 = f"{r['p50_ms']:.1f}" if "p50_ms" in r else "-"
        p95 = f"{r['p95_ms']:.1f}" if "p95_ms" in r else "-"
        agree_text = f"{agree:.2%}" if name != "tfidf" else "n/a"
        lines.append(f"{name:<17}{r['sentences_per_second']:>9.1f}{r['runs']:>6}{p50:>9}{p95:>9}"
                     f"{r['peak_rss_mb']:>9.0f}{agree_text:>12}")
    pipelines = {k: v for k, v in results.items() if k.startswith("pipeline")}
    best_pipeline = max(pipelines.values(), key=lambda r: r["sentences_per_second"])
    ours = max((results[k] for k in TRANSFORMER_PATHS if k in results), key=lambda r: r["sentences_per_second"])
    lines += [
        "",
        f"best pipeline: {best_pipeline['path']} at {best_pipeline['sentences_per_second']:.1f} sent/s",
        f"our best transformer path: {ours['path']} at {ours['sentences_per_second']:.1f} sent/s, "
        f"{ours['sentences_per_second'] / best_pipeline['sentences_per_second']:.2f}x the best pipeline "
        f"(target 3.5x), {results['fp32']['sentences_per_second'] / best_pipeline['sentences_per_second']:.2f}x in fp32",
        f"int8 vs fp32: {results['int8']['sentences_per_second'] / results['fp32']['sentences_per_second']:.2f}x speed",
        f"pipeline batch 1 vs our fp32: {results['fp32']['sentences_per_second'] / results['pipeline:1']['sentences_per_second']:.2f}x",
        f"tfidf: {results['tfidf']['sentences_per_second']:.0f} sent/s (target 20,000)",
    ]
    return "\n".join(lines)


def run(model_folder: str, tfidf_folder: str, threads: int, output: str | None = None) -> str:
    """Measure every path, each in its own process; the printed table (and JSON at `output`)."""
    for folder in (model_folder, tfidf_folder):
        if not Path(folder).is_dir():
            raise ModelLoadError(f"{folder} not found: run `make report` or pass --model / --tfidf-model")
    results = {}
    paths = [*TRANSFORMER_PATHS, *[f"pipeline:{b}" for b in PIPELINE_BATCHES], "tfidf"]
    for path in tqdm(paths, desc="benchmark", unit="path"):
        results[path] = run_isolated(path, tfidf_folder if path == "tfidf" else model_folder, threads)
    if output:
        figures = {k: {x: y for x, y in v.items() if x != "labels"} for k, v in results.items()}
        write_text_atomically(Path(output), json.dumps({"cpu": cpu_description(), **figures}, indent=2) + "\n")
    return report(results)
