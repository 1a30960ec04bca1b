import os

import pytest

# Offline, quiet transformers; a fixed thread count so CPU numbers repeat.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session")
def tiny_encoder(tmp_path_factory):
    from tiny import build_tiny_encoder

    return build_tiny_encoder(tmp_path_factory.mktemp("tiny-encoder"))


@pytest.fixture(scope="session")
def fitted_models(tiny_encoder, tmp_path_factory):
    """One fitted classifier of each kind, trained once for the whole session."""
    from newsstance.model import TfidfClassifier, TransformerClassifier
    from tiny import GROUPS, texts_and_labels

    texts, labels = texts_and_labels()
    tfidf = TfidfClassifier(cv_folds=2).fit(texts, labels, GROUPS)
    transformer = TransformerClassifier(encoder=str(tiny_encoder), epochs=2, batch_size=4, max_length=32,
                                        validation_fraction=0.0, device="cpu", show_progress=False)
    transformer.fit(texts, labels, GROUPS)
    return {"tfidf": tfidf, "transformer": transformer}
