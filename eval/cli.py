"""`newsstance`: the one command line, with a subcommand for every job.

    newsstance train --model tfidf --output runs/tfidf      (see newsstance train --help)
    newsstance evaluate --output runs/report                (see newsstance evaluate --help)
    newsstance stats [CORPUS ...]
    newsstance predict "The ministry denied the report." [--model DIR] [--precision fp32|int8]
    newsstance analyze ARTICLE.txt [--model DIR] [--outlet NAME] [--format table|json|csv]
    newsstance score INPUT OUTPUT [--model DIR] [--precision int8] [--num-shards N --shard-index I]
    newsstance benchmark [--model DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path

from newsstance.data import LABELS, CorpusError, load_corpora
from newsstance.data.stats import corpus_statistics, format_statistics
from newsstance.eval import benchmark
from newsstance.eval.run import main as evaluate_main
from newsstance.model import InputError, ModelLoadError, load_classifier
from newsstance.model.analyze import analyze, summarize_sources
from newsstance.model.extras import MissingExtraError
from newsstance.training.train import main as train_main

# Where the README's main job saves its models; the first that exists is the default.
DEFAULT_MODELS = ("runs/report/models/transformer", "runs/report/models/tfidf")


def resolve_model(folder: str | None, precision: str = "fp32"):
    """The model in `folder` (default: the main job's), set to run at `precision`."""
    if not folder:
        folder = next((candidate for candidate in DEFAULT_MODELS if Path(candidate).is_dir()), None)
    if not folder:
        raise ModelLoadError("no model given and none trained yet: run `make report` or pass --model DIR")
    classifier = load_classifier(folder)
    if precision != "fp32":
        if not hasattr(classifier, "inference_precision"):
            raise InputError(f"--precision {precision} applies to transformer models; "
                             f"{folder} holds a {classifier.kind} model")
        classifier.inference_precision = precision
    return classifier


def read_input(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read article ({error})") from None


def format_table(records: list[dict]) -> str:
    lines = [f"{'#':>3}  {'label':<6}  {'conf':>4}  {'source':<30}  text"]
    for index, r in enumerate(records):
        text = r["text"] if len(r["text"]) <= 90 else r["text"][:87] + "..."
        lines.append(f"{index:>3}  {r['label']:<6}  {r['probabilities'][r['label']]:.2f}  {r['source'][:30]:<30}  {text}")
    lines += ["", f"{'source':<40}{'sentences':>9}  " + "  ".join(f"{label:>6}" for label in LABELS) + "  majority"]
    for row in summarize_sources(records):
        shares = "  ".join(f"{row['distribution'][label]:>6.0%}" for label in LABELS)
        lines.append(f"{row['source'][:39]:<40}{row['sentences']:>9}  {shares}  {row['majority']}")
    return "\n".join(lines)


def command_analyze(args) -> None:
    records = analyze(read_input(args.article), resolve_model(args.model, args.precision), outlet=args.outlet)
    if args.format == "json":
        print(json.dumps({"sentences": records, "sources": summarize_sources(records)}, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["id", "text", "label", "source", *[f"p_{label}" for label in LABELS]])
        for r in records:
            writer.writerow([r["id"], r["text"], r["label"], r["source"], *[f"{r['probabilities'][l]:.4f}" for l in LABELS]])
    else:
        print(format_table(records))


def command_predict(args) -> None:
    texts = args.texts or [line for line in sys.stdin.read().splitlines() if line.strip()]
    classifier = resolve_model(args.model, args.precision)
    for text, p in zip(texts, classifier.predict_proba(texts)):
        label = LABELS[int(p.argmax())]
        print(f"{label}\t{p.max():.2f}\t{text}")


def command_score(args) -> None:
    from newsstance.model.streaming import score_file

    summary = score_file(args.input, args.output, resolve_model(args.model, args.precision), batch_size=args.batch_size,
                         num_shards=args.num_shards, shard_index=args.shard_index, text_column=args.text_column,
                         id_column=args.id_column, skip_invalid=args.skip_invalid)
    print(json.dumps(summary, default=str))


def command_stats(args) -> None:
    print(format_statistics(corpus_statistics(load_corpora(args.corpora))))


def command_benchmark(args) -> None:
    if args.measure:  # one path, in the process the benchmark started for it
        print(json.dumps(benchmark.measure_path(args.measure, args.model, args.threads)))
    else:
        print(benchmark.run(args.model, args.tfidf_model, args.threads, args.output))


# Subcommands whose flags are the fields of a config dataclass (parsed by HfArgumentParser).
CONFIG_COMMANDS = {"train": train_main, "evaluate": evaluate_main}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsstance", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name in CONFIG_COMMANDS:
        commands.add_parser(name, add_help=False, help=f"see `newsstance {name} --help`")

    stats_parser = commands.add_parser("stats", help="sentences per outlet, label and source; reprints")
    stats_parser.add_argument("corpora", nargs="*", default=["seeds", "authored"],
                              help="'seeds', 'authored' or labelled CSV/JSONL/Parquet files (default: seeds authored)")

    benchmark_parser = commands.add_parser("benchmark", help="inference speed and memory of every path, printed",
                                           description=benchmark.__doc__,
                                           formatter_class=argparse.RawDescriptionHelpFormatter)
    benchmark_parser.add_argument("--model", default="runs/report/models/transformer", help="saved transformer folder")
    benchmark_parser.add_argument("--tfidf-model", default="runs/report/models/tfidf", help="saved TF-IDF folder")
    benchmark_parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    benchmark_parser.add_argument("--output", help="also write the figures as JSON here")
    benchmark_parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: one path, in a subprocess

    analyze_parser = commands.add_parser("analyze", help="stance and source of each sentence of an article")
    analyze_parser.add_argument("article", help="a text file, or - for standard input")
    analyze_parser.add_argument("--outlet", help="the publication: the source of unattributed sentences")
    analyze_parser.add_argument("--format", choices=("table", "json", "csv"), default="table")

    predict_parser = commands.add_parser("predict", help="label sentences given as arguments or lines on stdin")
    predict_parser.add_argument("texts", nargs="*")

    score_parser = commands.add_parser("score", help="score a JSONL/CSV/Parquet corpus in bounded memory")
    score_parser.add_argument("input")
    score_parser.add_argument("output")
    score_parser.add_argument("--batch-size", type=int, default=256)
    score_parser.add_argument("--num-shards", type=int, default=1)
    score_parser.add_argument("--shard-index", type=int, default=0)
    score_parser.add_argument("--text-column", default="text")
    score_parser.add_argument("--id-column", default="id")
    score_parser.add_argument("--skip-invalid", action="store_true",
                              help="write rows with empty text with an error instead of stopping")
    for subcommand in (analyze_parser, predict_parser, score_parser):
        subcommand.add_argument("--model", help="saved model folder (default: the main job's)")
        subcommand.add_argument("--precision", choices=("fp32", "int8"), default="fp32",
                                help="transformer on CPU: int8 (ONNX Runtime) ran 1.3-1.6x fp32's speed on the 2-core "
                                     "CPUs measured; uncertain predictions are re-checked in fp32")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in CONFIG_COMMANDS:
        return CONFIG_COMMANDS[argv[0]](argv[1:])
    args = build_parser().parse_args(argv)
    handlers = {"analyze": command_analyze, "predict": command_predict, "score": command_score,
                "stats": command_stats, "benchmark": command_benchmark}
    try:
        handlers[args.command](args)
    except (CorpusError, InputError, ModelLoadError, MissingExtraError, ValueError) as error:
        print(f"newsstance {args.command}: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
