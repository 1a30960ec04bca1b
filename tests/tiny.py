"""Small fixtures shared by tests: a tiny random BERT encoder and a handful of labelled sentences."""

from __future__ import annotations

from pathlib import Path

SENTENCES = [
    ("The ministry said the shipment arrived on Monday.", "assert"),
    ("Officials confirmed the factory had closed.", "assert"),
    ("The company reported a record profit, the filing showed.", "assert"),
    ("Police said two men were arrested at the port.", "assert"),
    ("The agency said the plan will start next year.", "assert"),
    ("The club announced the signing of a new coach.", "assert"),
    ("The spokesman denied that any shipment had taken place.", "deny"),
    ("The firm dismissed the report as fake news.", "deny"),
    ("The minister rejected claims that the talks had collapsed.", "deny"),
    ("There is no truth to the rumour, the coach said.", "deny"),
    ("The embassy denied the allegations on Friday.", "deny"),
    ("The singer dismissed reports of a split as baseless.", "deny"),
    ("Officials could not confirm the report.", "hedge"),
    ("The deal may be signed next week, sources said.", "hedge"),
    ("If confirmed, the move would be a first.", "hedge"),
    ("Experts questioned whether the vaccine works.", "hedge"),
    ("The troops will likely be deployed soon.", "hedge"),
    ("Is the merger really off?", "hedge"),
]
GROUPS = [f"story{i % 6}" for i in range(len(SENTENCES))]


def texts_and_labels():
    return [t for t, _ in SENTENCES], [label for _, label in SENTENCES]


def build_tiny_encoder(folder: Path) -> Path:
    """A randomly initialised 2-layer BERT (hidden 64) with a word-level vocabulary, saved as a folder."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    words = sorted({w.strip(".,?").lower() for text, _ in SENTENCES for w in text.split()})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", ",", "?"] + words
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True)
    config = BertConfig(vocab_size=len(vocab), hidden_size=64, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=128, max_position_embeddings=64)
    BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
