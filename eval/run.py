"""`newsstance evaluate` (or `python -m newsstance.eval`): the main job.

Runs the evaluation protocols on the majority and cue-lexicon baselines and both models,
trains the final models on the full training corpus, and writes the run folder (report.md,
metrics.json, predictions.csv, errors.csv, PNG plots). The defaults fit a 2-core CPU in
about a quarter of an hour; `--full` adds the transformer to every protocol (hours on CPU).
"""

from __future__ import annotations

import dataclasses
import platform
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import torch

from newsstance.data import CorpusError, load_corpora
from newsstance.model import ModelLoadError, TfidfClassifier, TransformerClassifier, load_classifier
from newsstance.model.base import data_fingerprint
from newsstance.model.extras import MissingExtraError
from newsstance.training.config import TrainConfig, parse_config, read_config_file
from newsstance.training.train import format_summary, train
from newsstance.eval import plots
from newsstance.eval.attribution_accuracy import attribution_accuracy, predicted_sources
from newsstance.eval.baselines import CueLexiconClassifier, MajorityClassifier
from newsstance.eval.protocols import ModelSpec, cross_corpus, cross_validate, outlet_holdout, score_saved
from newsstance.eval.report import PROTOCOL_TEXT, headline_table, paired_line, stance_table_markdown, write_run_folder
from newsstance.eval.stance_by_source import stance_table
from newsstance.eval.summary import paired_comparison, seed_mean_records, summarise

MODELS = ("majority", "cue-lexicon", "tfidf", "transformer")
PROTOCOLS = ("external", "cross-corpus", "grouped-cv", "leave-one-outlet-out")
CROSS_PROTOCOLS = ("external", "cross-corpus")  # one training per seed serves both test sets
# The real-news development set beside a checkout (80 articles, 79 outlets), when it is there.
DEV_SET = Path("../shared/realnews-dev/realnews_dev.jsonl")


def _help(text: str, **kwargs):
    return field(metadata={"help": text}, **kwargs)


@dataclass
class EvalConfig:
    output: str = _help("run folder to write", default="runs/report")
    train_data: list[str] = _help("training corpora for grouped CV and the final models; when equal to "
                                  "cross_train (the default) the first seed's cross-corpus models are saved "
                                  "as the final models instead of training them again",
                                  default_factory=lambda: ["authored"])
    cross_train: list[str] = _help("cross-corpus protocol: training corpora", default_factory=lambda: ["authored"])
    cross_test: list[str] = _help("cross-corpus protocol: test corpora", default_factory=lambda: ["seeds"])
    external_test: list[str] = _help("external protocol: labelled files tested with the cross_train models "
                                     f"(default: {DEV_SET} when present)",
                                     default_factory=lambda: [str(DEV_SET)] if DEV_SET.is_file() else [])
    outlet_corpus: list[str] = _help("leave-one-outlet-out: the corpus whose outlets are held out",
                                     default_factory=lambda: ["seeds"])
    models: list[str] = _help(f"models to evaluate, of {', '.join(MODELS)}", default_factory=lambda: list(MODELS))
    protocols: list[str] = _help(f"protocols, of {', '.join(PROTOCOLS)}", default_factory=lambda: list(PROTOCOLS))
    transformer_protocols: list[str] = _help("protocols that also train the transformer per split (it is slow on CPU)",
                                             default_factory=lambda: list(CROSS_PROTOCOLS))
    full: bool = _help("run the transformer in every protocol (overrides transformer_protocols)", default=False)
    seeds: list[int] = _help("seeds; each repeats every protocol", default_factory=lambda: [0, 1, 2])
    folds: int = _help("grouped cross-validation folds", default=5)
    saved_models: list[str] = _help("saved model folders to score on train_data as well", default_factory=list)
    train_final: bool = _help("train and save both models on train_data into OUTPUT/models", default=True)
    bootstrap: int = _help("bootstrap resamples for intervals", default=1000)
    train_config: str = _help("JSON file of TrainConfig fields for the models (hyper-parameters)", default="")
    device: str = _help("auto, cpu, cuda or mps", default=TrainConfig.device)
    num_threads: int = _help("CPU threads for torch (0: torch's default)", default=TrainConfig.num_threads)

    def __post_init__(self):
        unknown = [m for m in self.models if m not in MODELS] + [p for p in self.protocols if p not in PROTOCOLS]
        if unknown:
            raise ValueError(f"unknown model or protocol: {', '.join(unknown)}")
        if not self.seeds or self.folds < 2:
            raise ValueError("need at least one seed and two folds")


def model_specs(config: EvalConfig, *protocols: str) -> list[ModelSpec]:
    """The models to run in `protocols`; the transformer only where configured (it is slow on CPU)."""
    base = TrainConfig(**_train_overrides(config))
    specs = []
    for name in config.models:
        if name == "majority":
            specs.append(ModelSpec(name, lambda seed: MajorityClassifier(), seeded=False))
        elif name == "cue-lexicon":
            specs.append(ModelSpec(name, lambda seed: CueLexiconClassifier(), seeded=False))
        elif name == "tfidf":
            params = dataclasses.replace(base, model="tfidf").model_params()
            specs.append(ModelSpec(name, lambda seed, p=params: TfidfClassifier(**p), seeded=False))
        elif name == "transformer" and (config.full or set(protocols) & set(config.transformer_protocols)):
            specs.append(ModelSpec(name, lambda seed: TransformerClassifier(
                **dataclasses.replace(base, model="transformer", seed=seed).model_params())))
    return specs


def _train_overrides(config: EvalConfig) -> dict:
    values = read_config_file(TrainConfig, config.train_config) if config.train_config else {}
    return {**values, "device": config.device, "num_threads": config.num_threads}


def fingerprint(corpus) -> str:
    return data_fingerprint(list(corpus["text"]), np.asarray(list(corpus["label"])))


def run(config: EvalConfig) -> dict:
    started = time.perf_counter()
    if config.num_threads:
        torch.set_num_threads(config.num_threads)
    output = Path(config.output)
    output.mkdir(parents=True, exist_ok=True)
    corpora = {"train": load_corpora(config.train_data)}
    records: list[dict] = []
    tests = {}
    if "external" in config.protocols and config.external_test:
        tests["external"] = corpora["external"] = load_corpora(config.external_test)
    if "cross-corpus" in config.protocols:
        tests["cross-corpus"] = corpora["cross_test"] = load_corpora(config.cross_test)
    first_seed_models: dict = {}
    if tests:
        corpora["cross_train"] = load_corpora(config.cross_train)
        records += cross_corpus(model_specs(config, *tests), corpora["cross_train"], tests, config.seeds,
                                fitted=first_seed_models)
    if "grouped-cv" in config.protocols:
        records += cross_validate(model_specs(config, "grouped-cv"), corpora["train"], config.folds, config.seeds)
    if "leave-one-outlet-out" in config.protocols:
        corpora["outlets"] = load_corpora(config.outlet_corpus)
        extra = load_corpora(config.cross_train) if config.cross_train else None
        records += outlet_holdout(model_specs(config, "leave-one-outlet-out"), corpora["outlets"], extra,
                                  config.seeds)
    attribution = {}
    for name in ("train", "cross_test", "external"):
        if name in corpora and any(corpora[name]["source"]):  # only corpora with gold sources
            attribution[name] = attribution_accuracy(corpora[name])
    if "cross_test" in corpora:
        predicted = predicted_sources(corpora["cross_test"])
        for record in records:
            if record["protocol"] == "cross-corpus":
                record["predicted_source"] = predicted[record["id"]]
    for folder in config.saved_models:
        records += score_saved(f"saved:{Path(folder).name}", load_classifier(folder), corpora["train"])

    final = {}
    if config.train_final:
        for kind in ("tfidf", "transformer"):
            if kind in config.models:
                train_config = TrainConfig(**{**_train_overrides(config), "model": kind, "data": config.train_data,
                                              "output": str(output / "models" / kind), "seed": config.seeds[0]})
                # Same corpora, config and seed as the first cross-corpus run: that model is the
                # final one (CPU training repeats exactly), so the report's numbers are its own.
                reusable = first_seed_models.get(kind) if config.train_data == config.cross_train else None
                _, final[kind] = train(train_config, fitted=reusable)
                print(format_summary(final[kind]))

    records += seed_mean_records(records, "transformer", CROSS_PROTOCOLS)
    summary = summarise(records, config.bootstrap)
    paired = [c for protocol in summary for c in [paired_comparison(records, protocol, "transformer", "tfidf",
                                                                    config.bootstrap)] if c]
    metrics = {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "config": dataclasses.asdict(config),
        "environment": {"python": platform.python_version(), "torch": torch.__version__,
                        "threads": torch.get_num_threads(), "machine": platform.machine()},
        "data_fingerprints": {name: {"sentences": len(c), "sha256": fingerprint(c)} for name, c in corpora.items()},
        "summary": summary,
        "paired": paired,
        "attribution": {name: {k: v for k, v in a.items() if k != "misses"} | {"misses": a["misses"][:50]}
                        for name, a in attribution.items()},
        "final_models": final,
        "seconds": round(time.perf_counter() - started, 1),
    }
    stance_sections = _stance_sections(records, output, config.seeds[0])
    metrics["stance_by_source"] = {name: rows for name, (rows, _) in stance_sections.items()}
    for protocol, protocol_summary in summary.items():
        slug = protocol.replace(" ", "-")
        plots.confusion_matrices(protocol_summary, output / f"confusion_{slug}.png", f"{protocol}: row-normalised")
        plots.per_class_f1(protocol_summary, {m: s["per_class_f1_splits"] for m, s in protocol_summary.items()},
                           output / f"per_class_f1_{slug}.png", f"{protocol}: per-class F1")
    write_run_folder(output, render_report(metrics, stance_sections), metrics, records)
    return metrics


def _stance_sections(records: list[dict], output: Path, seed: int) -> dict:
    """Per-source stance on the real articles, from each model's cross-corpus run with the first seed."""
    sections = {}
    for model in ("transformer", "tfidf"):
        chosen = [r for r in records if r["protocol"] == "cross-corpus" and r["model"] == model and r["seed"] == seed]
        if chosen:
            for key, title in (("source", "gold source"), ("predicted_source", "attributed source"),
                               ("outlet", "outlet")):
                rows, singles = stance_table(chosen, key=key)
                sections[f"{model} by {title}"] = (rows, singles)
                if key == "source":
                    plots.stance_by_source(rows, output / f"stance_by_source_{model}.png",
                                           f"Stance by source on the seed articles: gold vs {model} (seed {seed})")
    return sections


def render_report(metrics: dict, stance_sections: dict) -> str:
    config = metrics["config"]
    lines = ["# newsstance evaluation report", "",
             f"Created {metrics['created']} in {metrics['seconds']:.0f} s; seeds {config['seeds']}, "
             f"{config['folds']}-fold grouped CV; torch {metrics['environment']['torch']} on "
             f"{metrics['environment']['threads']} threads.", "",
             "Macro-F1 is the headline. ± is the standard deviation over splits (folds × seeds); the 95% CI is a "
             "percentile bootstrap that resamples whole split units (a story or near-duplicate cluster), not "
             "sentences. majority and cue-lexicon are reference points, not models.", ""]
    for protocol, protocol_summary in metrics["summary"].items():
        lines += [f"## {protocol}", "", PROTOCOL_TEXT.get(protocol, ""), "", headline_table(protocol_summary), ""]
        lines += [paired_line(c) for c in metrics["paired"] if c["protocol"] == protocol]
        slug = protocol.replace(" ", "-")
        lines += ["", f"![confusion matrices](confusion_{slug}.png)", f"![per-class F1](per_class_f1_{slug}.png)", ""]
    if metrics["attribution"]:
        lines += ["## Source attribution", "",
                  "Share of sentences whose attributed source matches the gold source (canonical-name matching):", ""]
        lines += [f"- {name} ({a['sentences']} sentences): **{a['accuracy']:.1%}**"
                  for name, a in metrics["attribution"].items()]
        lines += ["", "Misses are listed in metrics.json.", ""]
    for name, (rows, singles) in stance_sections.items():
        lines += [f"## Stance {name} (seed articles, cross-corpus, first seed)", "",
                  stance_table_markdown(rows, singles), ""]
        if name.endswith("by gold source"):
            lines += [f"![stance by source](stance_by_source_{name.split(' ')[0]}.png)", ""]
    lines += ["## Data", "", "| corpus | sentences | fingerprint |", "|---|---|---|"]
    lines += [f"| {name} | {d['sentences']} | `{d['sha256'][:23]}…` |" for name, d in metrics["data_fingerprints"].items()]
    if metrics["final_models"]:
        lines += ["", "## Final models", ""]
        lines += [f"- {kind}: {format_summary(s)}" for kind, s in metrics["final_models"].items()]
    lines += ["", "Files: `metrics.json` (all numbers), `predictions.csv` (every test sentence, every split), "
              "`errors.csv` (misclassified, most confident first).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse an EvalConfig from flags (and `--config FILE.json`), run, print the tables.

    Bad data or a bad config prints one line and returns 2, with no traceback.
    """
    try:
        config = parse_config(EvalConfig, argv, "newsstance evaluate", __doc__)
        metrics = run(config)
    except (CorpusError, ModelLoadError, MissingExtraError, ValueError) as error:
        print(f"newsstance evaluate: error: {error}", file=sys.stderr)
        return 2
    for protocol, protocol_summary in metrics["summary"].items():
        print(f"\n{protocol}\n{headline_table(protocol_summary)}")
    for comparison in metrics["paired"]:
        print(paired_line(comparison))
    print(f"\nreport written to {Path(config.output) / 'report.md'} ({metrics['seconds']:.0f} s)")
    return 0
